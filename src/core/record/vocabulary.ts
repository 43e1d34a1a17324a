/**
 * The record vocabulary the core, the protocol and the webview share, declared once. Import-free:
 * the protocol loads it in the browser (.dependency-cruiser.cjs allows it there).
 */

/** Every fidelity verdict; the compact columns code a file's verdict as its position here plus one. */
export const FIDELITY_VERDICTS = ['Correct', 'Incorrect', 'SkippedLabelMismatch', 'CallFail', 'ParseFail'] as const;
export type FidelityVerdict = (typeof FIDELITY_VERDICTS)[number];

/**
 * Every record kind (a record's class for S-Corr, R-Align); the compact columns code a kind as its
 * position here. A label-correct record without a usable fidelity verdict is `judge-failed` (the
 * judge was asked and gave none: CallFail or ParseFail, which R-Align's F-Score leaves out of its
 * denominator) or `never-judged` (no verdict at all, or SkippedLabelMismatch: F-Score counts it as
 * not aligned). Before 0.2.0 these two were one class, `unjudged`.
 */
export const RECORD_KINDS = ['aligned', 'spurious', 'label-wrong', 'judge-failed', 'never-judged', 'unparseable'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The kinds of label-correct records: the only ones a fidelity judge reads (R-Align). */
const LABEL_CORRECT_KINDS: readonly RecordKind[] = ['aligned', 'spurious', 'judge-failed', 'never-judged'];
export const isLabelCorrectKind = (kind: RecordKind): boolean => LABEL_CORRECT_KINDS.includes(kind);

/** Where the verdict in force came from. */
export type FidelityOrigin = 'file' | 'llm' | 'human';

/**
 * The record filters over a record's samples (src/core/samples/figures.ts defines each): unstable
 * (flip rate above a threshold), right by majority but spurious in most samples, label-correct in
 * some samples only.
 */
export const SAMPLE_FILTERS = ['unstable', 'majority-spurious', 'sometimes-correct'] as const;
export type SampleFilter = (typeof SAMPLE_FILTERS)[number];

/** What a record of each kind is, in words. */
export const KIND_MEANING: Readonly<Record<RecordKind, string>> = {
  aligned: 'label-correct, and the rationale gives the gold reasons',
  spurious: 'label-correct, but the rationale is misaligned: right answer, wrong reason',
  'label-wrong': 'the GenRM picked the wrong response',
  'judge-failed': 'label-correct; the fidelity judge was asked and gave no usable verdict (CallFail: the call failed; ParseFail: its answer could not be read)',
  'never-judged': 'label-correct; no fidelity judge has given a verdict on it yet',
  unparseable: 'the verdict could not be read',
};

/**
 * How F-Score (R-Align's show_result.py: Correct ÷ (total − CallFail − ParseFail)) counts a record
 * of each kind, in words: the chips', hovers' and reports' tooltips say it.
 */
export const KIND_FSCORE: Readonly<Record<RecordKind, string>> = {
  aligned: 'F-Score counts it as aligned (in its numerator and its denominator)',
  spurious: 'F-Score counts it in its denominator, not as aligned; S-Corr counts it as misaligned',
  'label-wrong': 'F-Score counts it in its denominator, not as aligned',
  'judge-failed': 'F-Score leaves it out (its denominator is total − CallFail − ParseFail), and so does S-Corr: re-judging it can move both',
  'never-judged':
    'F-Score counts it in its denominator as not aligned until it is judged (on a file without gold rationales, where verdicts are human marks, it is left out); S-Corr leaves it out',
  unparseable: 'counts as label-wrong: F-Score counts it in its denominator, not as aligned',
};
