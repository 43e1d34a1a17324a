/**
 * The alignment API the other layers use: the lexical pipeline (lexical/pipeline.ts) and the shapes
 * it returns. The model tiers (models/) return the same shapes; callers import them by file.
 */
export type { BatchClaimSimilarity, ClaimFeatures, ClaimSimilarity, ScoredPair } from './lexical/similarity';
export { LexicalSimilarity, WorkBudget } from './lexical/similarity';
export type { WordDiffSpan } from './lexical/worddiff';
export type { Polarity } from './lexical/polarity';
export type { ClaimKind, SkipKind } from './lexical/segment';
export type { AlignInput, Mention, ClaimClass, Claim, SkippedSegment, AlignedPair, Alignment, AlignerTier, AlignOptions } from './lexical/types';
export { ESTIMATE_DISCLAIMER } from './lexical/types';
export type { ScoredAlignment } from './lexical/pipeline';
export { alignRationale, alignRationaleAsync, alignRationaleFromScores } from './lexical/pipeline';
/** Exposed for tests and the UI's segment preview. */
export { segment } from './lexical/segment';
export { findMentions, responseOf } from './lexical/mentions';
export { stem } from './lexical/stem';
