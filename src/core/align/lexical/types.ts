/**
 * The alignment contract shared by every tier (lexical, embedding, LLM): claims with UTF-16 offsets
 * into the texts the aligner read, their class, matched pairs with word diffs, and the heuristic
 * coverage estimate with the disclaimer that keeps it out of S-Corr.
 */
import type { Label, PresentationOrder } from '../../record/record';
import type { ResponseId } from './mentions';
import type { Polarity } from './polarity';
import type { ClaimKind, SkipKind } from './segment';
import type { ClaimSimilarity } from './similarity';
import type { WordDiffSpan } from './worddiff';

export interface AlignInput {
  /** Gold judgment, thinking already removed. */
  gold: string;
  /** GenRM rationale, thinking already removed. */
  rationale: string;
  /** Order the gold's author saw the responses in (default original). */
  goldOrder?: PresentationOrder;
  /** Order the GenRM saw the responses in: a swapped judgment's "A" is the original B. */
  rationaleOrder?: PresentationOrder;
  /** Gold label in the original frame; lets concessions to the loser weigh less. */
  goldLabel?: Label | null;
}

export interface Mention {
  /** In the ORIGINAL frame, whatever order the text's author saw. */
  response: ResponseId;
  polarity: Polarity;
  /** UTF-16 offsets into the original text (zero-width for a subject inherited from a label). */
  start: number;
  end: number;
  /** True when inferred from a pronoun ("It …") or a section label rather than named. */
  implicit: boolean;
}

export type ClaimClass = 'shared' | 'missing' | 'extra' | 'conflict';

export interface Claim {
  /** Exactly `originalText.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  kind: ClaimKind;
  class: ClaimClass;
  /** Index of the matched claim on the other side, or null. */
  match: number | null;
  mentions: Mention[];
  /** Decisiveness weight (classify.ts#decisiveness). */
  weight: number;
  /** Similarity of the match, or null. */
  score: number | null;
}

/** Segments that are not reasons (headings, labels, verdict-only lines, filler), for dimming. */
export interface SkippedSegment {
  start: number;
  end: number;
  kind: SkipKind;
}

export interface AlignedPair {
  gold: number;
  rationale: number;
  score: number;
  /** False when attached to a claim that already had a (better) partner. */
  primary: boolean;
  conflict: boolean;
  diff: WordDiffSpan[];
  /** The word diff hit a size or time bound and fell back to prefix/suffix matching. */
  truncated: boolean;
}

export interface Alignment {
  /** Decisiveness-weighted share of gold claims that are shared; null when the gold has no claims. */
  coverage: number | null;
  /** Weighted share of gold claims in conflict (same content, other response or opposite polarity). */
  conflictShare: number | null;
  /**
   * Heuristic fidelity estimate: aligned when coverage − conflictShare ≥ threshold; null when
   * coverage is null. Never part of S-Corr.
   */
  estimate: 'aligned' | 'misaligned' | null;
  /** Value of coverage − conflictShare at or above which the estimate says aligned. */
  threshold: number;
  /** Similarity at or above which two claims may match. */
  matchThreshold: number;
  gold: Claim[];
  rationale: Claim[];
  pairs: AlignedPair[];
  skipped: { gold: SkippedSegment[]; rationale: SkippedSegment[] };
  /** True when the work budget or deadline cut matching or diffing short. */
  truncated: boolean;
  /** Always present so no consumer mistakes the estimate for a verdict. */
  readonly disclaimer: string;
  /** Which aligner produced the claims (shown beside the highlights). */
  tier: AlignerTier;
}

export type AlignerTier = { kind: 'lexical' } | { kind: 'embedding'; model: string } | { kind: 'llm'; model: string };

export interface AlignOptions {
  similarity?: ClaimSimilarity;
  /**
   * Wall-clock bound for the word diffs (default 250 ms): past it, remaining pairs get the cheap
   * prefix/suffix diff. Matching is bounded by a deterministic work budget instead, so classes and
   * coverage never depend on machine speed; 2 × deadlineMs is its last-resort wall clock.
   */
  deadlineMs?: number;
  /** Coverage threshold of the estimate (default DEFAULT_COVERAGE_THRESHOLD). */
  coverageThreshold?: number;
}

export const ESTIMATE_DISCLAIMER =
  'Heuristic estimate from lexical claim alignment; not a fidelity verdict and never counted into S-Corr.';
