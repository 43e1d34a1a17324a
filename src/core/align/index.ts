/**
 * The alignment API the other layers use: the lexical pipeline (lexical/pipeline.ts) and the shapes
 * it returns. The model tiers (models/) return the same shapes; callers import them by file.
 */
export type { BatchClaimSimilarity, ClaimFeatures, ClaimSimilarity } from './lexical/similarity';
export type { AlignInput, Claim, Alignment } from './lexical/types';
export { ESTIMATE_DISCLAIMER } from './lexical/types';
export { alignRationale, alignRationaleAsync } from './lexical/pipeline';
/** Exposed for tests and the UI's segment preview. */
export { segment } from './lexical/segment';
export { findMentions } from './lexical/mentions';
