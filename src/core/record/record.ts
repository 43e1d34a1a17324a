/**
 * The normalized evaluation record: every on-disk format is read into this one shape.
 * Labels and verdicts are always expressed in the ORIGINAL presentation frame
 * (A = the record's response A), whatever order a judge actually saw.
 */
import type { FidelityOrigin, FidelityVerdict } from './vocabulary';

// The verdicts, record kinds and origins are declared once, with the protocol (vocabulary.ts).
export { FIDELITY_VERDICTS, RECORD_KINDS, isLabelCorrectKind } from './vocabulary';
export type { FidelityVerdict, RecordKind } from './vocabulary';

/** A gold label or a parsed verdict. `tie` is a legal answer for formats that allow it. */
export type Label = 'A' | 'B' | 'tie';

/** `null` means the verdict could not be parsed (its own class: counted as wrong). */
export type Verdict = Label | null;

/** Which order the judge saw the responses in: `swapped` means the judge's "A" is our B. */
export type PresentationOrder = 'original' | 'swapped';

interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image referenced by a path relative to the dataset file, or by URL. */
export interface ImagePart {
  readonly type: 'image';
  readonly path?: string;
  readonly url?: string;
}

export type ContentPart = TextPart | ImagePart;

export interface Turn {
  readonly role: string;
  readonly content: string | readonly ContentPart[];
}

/** Where one field's text sits in a judgment built from several fields (UTF-16 offsets into `raw`). */
export interface JudgmentPart {
  readonly field: string;
  readonly start: number;
  readonly end: number;
}

/** One judge output on the pair. */
export interface Judgment {
  /** Text exactly as stored in the file (thinking included). */
  readonly raw: string;
  /** Reasoning removed from the answer: inline `<think>` text or a separate reasoning field. */
  readonly thinking: string | null;
  /** The rationale with thinking removed; what alignment and fidelity judging read. */
  readonly rationale: string;
  /** UTF-16 offset of `rationale` inside `raw` (so the UI can highlight in place). */
  readonly rationaleOffset: number;
  /** The verdict used for scoring, in the original frame. */
  readonly verdict: Verdict;
  /** Where `verdict` came from: a field of the file (e.g. `model_pred`) or our verdict parser. */
  readonly verdictSource: 'file' | 'parser';
  /** What our parser reads from the text (original frame), kept to flag disagreement with the file. */
  readonly parsedVerdict: Verdict;
  readonly order: PresentationOrder;
  /** JSON path of the field the text came from, for messages and "reveal". */
  readonly field: string;
  readonly model?: string;
  /** Set when the text comes from several fields (a field mapping's list of paths), in order. */
  readonly parts?: readonly JudgmentPart[];
}

export interface Fidelity {
  readonly verdict: FidelityVerdict;
  readonly origin: FidelityOrigin;
  readonly analysis?: string;
  /** The judge's `<golden_key_points>`: what its verdict was based on. */
  readonly keyPoints?: string;
  readonly model?: string;
  readonly error?: string;
  readonly note?: string;
  /**
   * Verdicts this one overrides, most authoritative first: under a human mark the LLM judge's and
   * the file's, under the LLM judge's the file's (set by the session on the verdict in force).
   */
  readonly overrides?: readonly Fidelity[];
}

export interface EvalRecord {
  /** 0-based ordinal of the record among the file's records (malformed ones excluded). */
  readonly index: number;
  /** The record's own id when it has one, else `line <n>` (its 1-based first line; see `lineId`). */
  readonly id: string;
  /** 1-based line of the record's first character. */
  readonly line: number;
  /** Byte range of the record's source text in the file. */
  readonly byteStart: number;
  readonly byteEnd: number;
  /** Conversation turns; the last user turn is the prompt being answered. */
  readonly conversation: readonly Turn[];
  readonly responseA: string;
  readonly responseB: string;
  readonly goldLabel: Label | null;
  /** Gold rationales (R-Align `gt_judgment`, HelpSteer3 annotator reasoning, ...). */
  readonly goldRationales: readonly string[];
  /** Judgments; the first is the primary (original-order) one used for L-Acc. */
  readonly judgments: readonly Judgment[];
  readonly fidelity: Fidelity | null;
  readonly subset: string | null;
  /** The parsed source object, for `--by <field>` and user field mappings. */
  readonly source: unknown;
  /**
   * Several judgments of this same comparison held in this one row (a list of votes, a synthesis's
   * trajectories), in order; absent when the row is one sample (its first judgment and `fidelity`).
   * See src/core/samples/model.ts.
   */
  readonly samples?: readonly RowSample[];
  /**
   * `trajectories`: the row is a synthesis over parallel trajectories (PaCoRe, STEP3-VL): `samples`
   * are the trajectories and the first judgment is the synthesis, the record's final judgment
   * (formats/trajectories.ts). Absent for votes and repeated samples.
   */
  readonly samplesAre?: 'trajectories';
}

/** One judgment among several of the same comparison held in one row, with its fidelity verdict. */
export interface RowSample {
  readonly judgment: Judgment;
  readonly fidelity: Fidelity | null;
}

/** A problem found while reading: where, and what to do about it. */
export interface ReadIssue {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly field?: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}
