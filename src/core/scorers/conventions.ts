/**
 * Figure conventions: the same records give different figures under different scorers. Every file
 * is scored R-Align's way (the paper's `show_result.py`); a format whose authors ship their own
 * scorer (trl-ralign's `eval_benchmarks.py`, RewardBench 2's `run_generative_v2.py`) also gets the
 * figures that scorer would print, each figure with its numerator and its denominator named, so the
 * two are never read as one.
 */
import type { Summary } from '../statistics/metrics';

export interface ConventionFigure {
  /** `L-Acc`, `S-Corr`, `F-Score`, or the scorer's own name for a figure (a subset's accuracy). */
  readonly metric: string;
  readonly value: number | null;
  /** Null for a figure that is no ratio of counts (RewardBench 2's weighted Ties score). */
  readonly numerator: number | null;
  readonly denominator: number;
  /** What the denominator counts, in words ("all 500 records", "judged label-correct records"). */
  readonly over: string;
}

export interface ConventionFigures {
  /** `r-align` (the paper) or the format's own scorer (`trl-ralign`, `rewardbench-2`). */
  readonly convention: string;
  /** The script whose arithmetic this is. */
  readonly scorer: string;
  readonly figures: readonly ConventionFigure[];
  /** What that script itself prints, character for character, when it prints a line for the whole file. */
  readonly printed: string | null;
  readonly notes: readonly string[];
}

export const PAPER_CONVENTION = 'r-align';
export const PAPER_SCORER = "R-Align's show_result.py (the paper's figures)";

/** The paper's three figures with their denominators named. */
function paperFigures(s: Summary): ConventionFigures {
  const judged = s.fidelity.aligned + s.fidelity.misaligned;
  const failed = s.fidelity.callFail + s.fidelity.parseFail;
  return {
    convention: PAPER_CONVENTION,
    scorer: PAPER_SCORER,
    figures: [
      { metric: 'L-Acc', value: s.labelAccuracy, numerator: s.labelCorrect, denominator: s.records, over: `all ${s.records} records` },
      { metric: 'S-Corr', value: s.sCorr, numerator: s.fidelity.misaligned, denominator: judged, over: `${judged} judged label-correct records (aligned + misaligned)` },
      {
        metric: 'F-Score',
        value: s.fScore,
        numerator: s.fidelity.aligned,
        denominator: s.fScoreDenominator,
        over: s.fidelityBasis === 'marks' ? `${s.fScoreDenominator} marked or label-wrong records` : `${s.fScoreDenominator} records (all ${s.records}${failed ? ` less ${failed} failed fidelity calls` : ''})`,
      },
    ],
    printed: null,
    notes: [],
  };
}

/** "12.5% = 5/40 over all 40 records", the form every view uses to put a figure beside its denominator. */
export function figureText(f: ConventionFigure, pct: (x: number | null) => string): string {
  if (f.numerator === null) return `${pct(f.value)} over ${f.over}`;
  return `${pct(f.value)} = ${f.numerator.toLocaleString('en-US')}/${f.denominator.toLocaleString('en-US')} over ${f.over}`;
}

/** Python's `x / n` guarded the way a script that prints a ratio would need (null: it would divide by zero). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** What a whole-file read hands over: the format's own scorers, the R-Align summary, and a record scorer's state. */
export interface OwnScorers {
  readonly ownScorer?: { figures(counts: Summary): ConventionFigures | null };
}

/**
 * The paper's figures, then the file's own scorer's when its format has one: from the counts (any
 * view) or from the records read (`recordFigures`, whole-file passes only).
 */
export function conventionsOf(adapter: OwnScorers, overall: Summary, recordFigures: ConventionFigures | null = null): ConventionFigures[] {
  const own = recordFigures ?? adapter.ownScorer?.figures(overall) ?? null;
  return own ? [paperFigures(overall), own] : [paperFigures(overall)];
}

/** The lines every text view prints for a convention other than the paper's (none for the paper's own). */
export function ownConventionLines(conventions: readonly ConventionFigures[], pct: (x: number | null) => string): string[] {
  const lines: string[] = [];
  for (const c of conventions) {
    if (c.convention === PAPER_CONVENTION) continue;
    lines.push(`as ${c.scorer} computes them (its denominators, not the paper's):`);
    for (const f of c.figures) lines.push(`  ${f.metric.padEnd(8)} ${figureText(f, pct)}`);
    if (c.printed !== null) lines.push('  it prints:', ...c.printed.split('\n').map((l) => `    ${l.trim()}`));
    for (const n of c.notes) lines.push(`  note: ${n}`);
  }
  return lines;
}
