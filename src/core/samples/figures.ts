/**
 * The figures of one sample set (issue 24), one definition for the CLI and the Inspector:
 * - `k`: the number of samples; `counts`: A, B, tie and unparsed verdicts (original frame);
 * - `majority`: A, B or tie when given by MORE than half of the k samples, else null ("none");
 *   unparsed samples count in k but are never the majority;
 * - `agreement`: the count of the most common outcome / k, where an unparsed answer is one outcome
 *   (a judge that never answers does not flip; a one-sample record always agrees with itself);
 *   `flipRate` = 1 − agreement;
 * - `labelCorrectShare`: label-correct samples / k (null: the record has no gold label);
 * - `misalignedShare`: of the label-correct samples with a fidelity verdict of Correct or Incorrect,
 *   the share the fidelity judge found Incorrect (null: none of them was judged).
 *
 * The record filters of the Inspector read the same figures, defined here once (`stats` counts them too):
 * - unstable: flip rate above a threshold (`stats`' flipRateAbove20 is the threshold 0.2);
 * - right by majority, spurious in most samples: the majority verdict is the gold label and more than
 *   half of its judged label-correct samples are Incorrect (what `stats`' sCorrMajority counts);
 * - label-correct in some samples only: at least one label-correct sample and at least one not.
 */
import type { Label, Verdict } from '../record/record';
import { SAMPLE_FILTERS } from '../record/vocabulary';
import type { SampleFilter } from '../record/vocabulary';
import type { SampleFacts } from './model';

export interface VerdictCounts {
  readonly A: number;
  readonly B: number;
  readonly tie: number;
  readonly unparsed: number;
}

export interface RecordSampleFigures {
  readonly k: number;
  readonly counts: VerdictCounts;
  readonly majority: Label | null;
  /** Null only for a set without samples. */
  readonly agreement: number | null;
  readonly flipRate: number | null;
  readonly labelCorrect: number;
  readonly labelCorrectShare: number | null;
  /** Label-correct samples the fidelity judge judged (Correct or Incorrect), and of those Incorrect. */
  readonly judgedLabelCorrect: number;
  readonly misalignedLabelCorrect: number;
  readonly misalignedShare: number | null;
}

export function countVerdicts(verdicts: Iterable<Verdict>): VerdictCounts {
  let A = 0;
  let B = 0;
  let tie = 0;
  let unparsed = 0;
  for (const v of verdicts) {
    if (v === 'A') A++;
    else if (v === 'B') B++;
    else if (v === 'tie') tie++;
    else unparsed++;
  }
  return { A, B, tie, unparsed };
}

/** The verdict given by more than half of all counted samples (unparsed ones included in the count), else null. */
export function majorityOf(c: VerdictCounts): Label | null {
  const k = c.A + c.B + c.tie + c.unparsed;
  if (2 * c.A > k) return 'A';
  if (2 * c.B > k) return 'B';
  if (2 * c.tie > k) return 'tie';
  return null;
}

/** The majority over the first `n` samples in file order (the reliability figure's prefix). */
export function majorityOfFirst(samples: readonly SampleFacts[], n: number): Label | null {
  return majorityOf(countVerdicts(samples.slice(0, n).map((s) => s.verdict)));
}

/** The flip rate above which `stats` counts a record in flipRateAbove20 (and the Inspector's default for "unstable"). */
export const UNSTABLE_FLIP_RATE = 0.2;

export function isUnstable(f: RecordSampleFigures, threshold = UNSTABLE_FLIP_RATE): boolean {
  return f.flipRate !== null && f.flipRate > threshold;
}

/** More than half of the judged label-correct samples are Incorrect (false when none was judged). */
export function spuriousInMost(f: RecordSampleFigures): boolean {
  return f.judgedLabelCorrect > 0 && 2 * f.misalignedLabelCorrect > f.judgedLabelCorrect;
}

/** Right by majority (the majority verdict is the gold label), spurious in most of its judged label-correct samples. */
export function rightByMajoritySpurious(f: RecordSampleFigures, goldLabel: Label | null): boolean {
  return goldLabel !== null && f.majority === goldLabel && spuriousInMost(f);
}

/** Label-correct in some samples, not in all. */
export function labelCorrectSometimes(f: RecordSampleFigures): boolean {
  return f.labelCorrectShare !== null && f.labelCorrect > 0 && f.labelCorrect < f.k;
}

export { SAMPLE_FILTERS };
export type { SampleFilter };

export function matchesSampleFilter(filter: SampleFilter, f: RecordSampleFigures, goldLabel: Label | null, threshold = UNSTABLE_FLIP_RATE): boolean {
  if (filter === 'unstable') return isUnstable(f, threshold);
  if (filter === 'majority-spurious') return rightByMajoritySpurious(f, goldLabel);
  return labelCorrectSometimes(f);
}

export function recordSampleFigures(set: { readonly goldLabel: Label | null; readonly samples: readonly SampleFacts[] }): RecordSampleFigures {
  const k = set.samples.length;
  const counts = countVerdicts(set.samples.map((s) => s.verdict));
  const top = Math.max(counts.A, counts.B, counts.tie, counts.unparsed);
  const agreement = k > 0 ? top / k : null;
  let labelCorrect = 0;
  let judged = 0;
  let misaligned = 0;
  for (const s of set.samples) {
    if (set.goldLabel === null || s.verdict !== set.goldLabel) continue;
    labelCorrect++;
    if (s.fidelityVerdict === 'Correct') judged++;
    else if (s.fidelityVerdict === 'Incorrect') {
      judged++;
      misaligned++;
    }
  }
  return {
    k,
    counts,
    majority: majorityOf(counts),
    agreement,
    flipRate: agreement === null ? null : 1 - agreement,
    labelCorrect,
    labelCorrectShare: set.goldLabel !== null && k > 0 ? labelCorrect / k : null,
    judgedLabelCorrect: judged,
    misalignedLabelCorrect: misaligned,
    misalignedShare: judged > 0 ? misaligned / judged : null,
  };
}
