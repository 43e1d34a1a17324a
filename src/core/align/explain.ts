/**
 * The words shown beside an alignment, in one place for the CLI, the hover and the Inspector: which
 * tier produced it, and the arithmetic of its estimate, so "coverage 50% → looks misaligned
 * (threshold 35%)" can never read as a contradiction (conflicts count against coverage).
 */
import type { AlignerTier, Alignment } from './lexical/types';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** "lexical heuristic, instant", "embedding model m", "model m" (+ ", cached"). */
export function tierLabel(tier: AlignerTier, cached = false): string {
  const base = tier.kind === 'lexical' ? 'lexical heuristic, instant' : tier.kind === 'embedding' ? `embedding model ${tier.model}` : `model ${tier.model}`;
  return cached ? `${base}, cached` : base;
}

/** The estimate spelled out: coverage, minus conflicts when there are any, against the threshold. */
export function coverageArithmetic(a: Pick<Alignment, 'coverage' | 'conflictShare' | 'estimate' | 'threshold'>): string {
  if (a.coverage === null || a.estimate === null) return 'coverage n/a: no decisive claims found in the reference';
  const conflicts = a.conflictShare ?? 0;
  const score = a.coverage - conflicts;
  const side = score >= a.threshold ? 'at or above' : 'below';
  const sum = conflicts > 0 ? `coverage ${pct(a.coverage)} − conflicts ${pct(conflicts)} = ${pct(score)}` : `coverage ${pct(a.coverage)}`;
  return `${sum}, ${side} the ${pct(a.threshold)} threshold → looks ${a.estimate}`;
}
