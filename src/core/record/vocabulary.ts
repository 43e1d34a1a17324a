/**
 * The record vocabulary the core, the protocol and the webview share, declared once. Import-free:
 * the protocol loads it in the browser (.dependency-cruiser.cjs allows it there).
 */

/** Every fidelity verdict; the compact columns code a file's verdict as its position here plus one. */
export const FIDELITY_VERDICTS = ['Correct', 'Incorrect', 'SkippedLabelMismatch', 'CallFail', 'ParseFail'] as const;
export type FidelityVerdict = (typeof FIDELITY_VERDICTS)[number];

/** Every record kind (a record's class for S-Corr, R-Align); the compact columns code a kind as its position here. */
export const RECORD_KINDS = ['aligned', 'spurious', 'label-wrong', 'unjudged', 'unparseable'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Where the verdict in force came from. */
export type FidelityOrigin = 'file' | 'llm' | 'human';

/**
 * The record filters over a record's samples (src/core/samples/figures.ts defines each): unstable
 * (flip rate above a threshold), right by majority but spurious in most samples, label-correct in
 * some samples only.
 */
export const SAMPLE_FILTERS = ['unstable', 'majority-spurious', 'sometimes-correct'] as const;
export type SampleFilter = (typeof SAMPLE_FILTERS)[number];
