/**
 * The rationale-vs-verdict check (why/verdictArgument.ts, a heuristic) counted per SAMPLE of a file
 * with sample sets (issue 26 on issue 24's sets): the share of samples whose rationale argues for the
 * other response than their verdict, the same among label-correct samples (right by accident), and
 * the records (sample sets) with at least one such sample. A sample is checked when its verdict is A
 * or B and it has a rationale; label-correct means its verdict equals its set's gold label.
 */
import type { Label } from '../record/record';
import { checkJudgment } from '../why/verdictArgument';
import type { SampleFigure } from './fileFigures';
import { figureOf } from './fileFigures';
import type { Sample } from './model';

export interface SamplesSelfContradicted {
  /** Contradicting samples / samples checked. */
  readonly perSample: SampleFigure;
  /** Contradicting label-correct samples / label-correct samples checked. */
  readonly labelCorrectPerSample: SampleFigure;
  /** Records with a contradicting sample / records with a sample checked. */
  readonly records: SampleFigure;
  /** Checked samples whose rationale takes no clear side (never flagged). */
  readonly unclear: number;
}

export class SampleContradictionTally {
  private checked = 0;
  private contradicted = 0;
  private unclear = 0;
  private lcChecked = 0;
  private lcContradicted = 0;
  /** Per set ordinal: 1 = a sample checked, 2 = one contradicts. */
  private sets = new Uint8Array(256);

  /** Adds one row's samples, which belong to the set `ordinal` whose gold label is `gold`. */
  add(samples: readonly Sample[], ordinal: number, gold: Label | null): void {
    for (const s of samples) {
      const j = s.judgment;
      if (!j || (s.verdict !== 'A' && s.verdict !== 'B') || s.rationale.trim() === '') continue;
      const contradicts = checkJudgment(j).contradicts;
      this.checked++;
      if (contradicts === null) this.unclear++;
      if (contradicts === true) this.contradicted++;
      if (gold !== null && s.verdict === gold) {
        this.lcChecked++;
        if (contradicts === true) this.lcContradicted++;
      }
      this.mark(ordinal, contradicts === true ? 2 : 1);
    }
  }

  private mark(ordinal: number, value: number): void {
    if (ordinal >= this.sets.length) {
      const bigger = new Uint8Array(Math.max(ordinal + 1, this.sets.length * 2));
      bigger.set(this.sets);
      this.sets = bigger;
    }
    this.sets[ordinal] = Math.max(this.sets[ordinal] as number, value);
  }

  result(): SamplesSelfContradicted {
    let withChecked = 0;
    let withContradiction = 0;
    for (const v of this.sets) {
      if (v > 0) withChecked++;
      if (v === 2) withContradiction++;
    }
    return {
      perSample: figureOf(this.contradicted, this.checked, 'samples checked (an A or B verdict and a rationale)', 'no sample has an A or B verdict with a rationale'),
      labelCorrectPerSample: figureOf(this.lcContradicted, this.lcChecked, 'label-correct samples checked', 'no label-correct sample was checked'),
      records: figureOf(withContradiction, withChecked, 'records with a sample checked', 'no sample was checked'),
      unclear: this.unclear,
    };
  }
}
