/**
 * Counts, over a file, the judgments whose rationale argues for the other response than their
 * verdict (verdictArgument.ts, a heuristic): overall, and among label-correct judgments, where such
 * a verdict is right by accident. Per judgment, so every sample of a record counts.
 */
import type { EvalRecord, Label } from '../record/record';
import { ARGUMENT_HEURISTIC_NOTE, checkJudgment } from './verdictArgument';

export interface SelfContradictionCounts {
  /** Judgments checked: an A or B verdict and a rationale to read. */
  judgments: number;
  /** Of those, whose rationale argues for the other response. */
  contradicted: number;
  /** Of those, whose rationale takes no clear side (never flagged). */
  unclear: number;
  /** Checked judgments whose verdict equals the gold label, and how many of them contradict it. */
  labelCorrect: { judgments: number; contradicted: number };
}

export interface SelfContradicted extends SelfContradictionCounts {
  /** contradicted ÷ judgments, null when none was checked. */
  readonly rate: number | null;
  /** labelCorrect.contradicted ÷ labelCorrect.judgments: right by accident. */
  readonly labelCorrectRate: number | null;
  readonly heuristic: string;
}

export function emptySelfContradiction(): SelfContradictionCounts {
  return { judgments: 0, contradicted: 0, unclear: 0, labelCorrect: { judgments: 0, contradicted: 0 } };
}

/** Adds one record's judgments to `counts`. */
export function addSelfContradictions(counts: SelfContradictionCounts, record: Pick<EvalRecord, 'judgments' | 'goldLabel'>): void {
  for (const judgment of record.judgments) {
    if ((judgment.verdict !== 'A' && judgment.verdict !== 'B') || judgment.rationale.trim() === '') continue;
    const result = checkJudgment(judgment);
    counts.judgments++;
    if (result.contradicts === true) counts.contradicted++;
    if (result.contradicts === null) counts.unclear++;
    if (isGold(judgment.verdict, record.goldLabel)) {
      counts.labelCorrect.judgments++;
      if (result.contradicts === true) counts.labelCorrect.contradicted++;
    }
  }
}

function isGold(verdict: Label, gold: Label | null): boolean {
  return gold !== null && verdict === gold;
}

export function mergeSelfContradictions(into: SelfContradictionCounts, from: SelfContradictionCounts): void {
  into.judgments += from.judgments;
  into.contradicted += from.contradicted;
  into.unclear += from.unclear;
  into.labelCorrect.judgments += from.labelCorrect.judgments;
  into.labelCorrect.contradicted += from.labelCorrect.contradicted;
}

export function summarizeSelfContradictions(c: SelfContradictionCounts): SelfContradicted {
  return {
    ...c,
    labelCorrect: { ...c.labelCorrect },
    rate: c.judgments ? c.contradicted / c.judgments : null,
    labelCorrectRate: c.labelCorrect.judgments ? c.labelCorrect.contradicted / c.labelCorrect.judgments : null,
    heuristic: ARGUMENT_HEURISTIC_NOTE,
  };
}
