/**
 * The shapes the Inspector shows (figures, list rows, records, alignments), each declared once as a
 * schema; every type is derived from its schema. Shared by the extension (Node) and the webview
 * (browser): imports only the schema layer.
 */
import type { Infer } from '../core/schema/schema';
import { arr, bool, int, keyed, lit, nullable, num, obj, optional, str, tagged } from '../core/schema/schema';

// ------------------------------------------------------------------------------------------------
// Shared vocabulary

import type { FidelityOrigin } from '../core/record/vocabulary';
import { FIDELITY_VERDICTS, RECORD_KINDS, SAMPLE_FILTERS } from '../core/record/vocabulary';

// Declared once, with the core (core/record/vocabulary.ts).
export { RECORD_KINDS, SAMPLE_FILTERS };
export { KIND_FSCORE, KIND_MEANING, isLabelCorrectKind } from '../core/record/vocabulary';
export type { FidelityOrigin, RecordKind, SampleFilter } from '../core/record/vocabulary';
/** `flip-desc`: by the flip rate of the record's sample set, highest first (files with samples). */
export const SORT_ORDERS = ['file', 'coverage-asc', 'coverage-desc', 'flip-desc'] as const;
/** Filters a header count stands for: `verdict-differs`, records whose file verdict differs from what the text says. */
export const LIST_FLAGS = ['verdict-differs'] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];
/** Which model a run asks: the GenRM (a new rationale and verdict) or the fidelity judge. */
const LLM_ROLES = ['genrm', 'fidelity'] as const;
export type LlmRoleView = (typeof LLM_ROLES)[number];
export type LabelView = 'A' | 'B' | 'tie' | null;
export type RunOutcome = 'done' | 'cancelled' | 'failed';

export const count = int();
export const index = int();
export const requestId = int(0, Number.MAX_SAFE_INTEGER);
export const text = str();
const fraction = num;
export const kind = lit(...RECORD_KINDS);
const label = nullable(lit('A', 'B', 'tie'));
const origin = lit<FidelityOrigin>('file', 'llm', 'human');
export const role = lit(...LLM_ROLES);
const fidelityVerdict = lit(...FIDELITY_VERDICTS);
const pred = nullable(lit('A', 'B'));

// ------------------------------------------------------------------------------------------------
// Figures

/** A figure with its 95% Wilson interval and the counts behind it; `note` says why when value is null. */
const metricView = obj({ value: nullable(fraction), low: nullable(fraction), high: nullable(fraction), num: count, den: count, note: text });
export type MetricView = Infer<typeof metricView>;
const tableRowView = obj({ aligned: count, misaligned: count, notJudged: count });
const fidelityCountsView = obj({ aligned: count, misaligned: count, callFail: count, parseFail: count, skipped: count, unjudged: count });
const positionsView = obj({ originalCorrect: count, swappedCorrect: count, bothCorrect: count, agree: count, combinedCorrect: count });

/** A headline figure before and after a mark (or its undo). */
export const figureChangeView = obj({ name: lit('S-Corr', 'F-Score', 'L-Acc'), before: nullable(fraction), after: nullable(fraction) });
export type FigureChangeView = Infer<typeof figureChangeView>;

const summaryView = obj({
  records: count,
  labelCorrect: count,
  unparseable: count,
  ties: count,
  parserDisagreements: count,
  lAcc: metricView,
  sCorr: metricView,
  fScore: metricView,
  fidelity: fidelityCountsView,
  table: obj({ labelCorrect: tableRowView, labelIncorrect: tableRowView }),
  positions: nullable(positionsView),
});
export type SummaryView = Infer<typeof summaryView>;

const groupView = obj({ key: text, records: count, labelCorrect: count, aligned: count, misaligned: count, lAcc: nullable(fraction), sCorr: nullable(fraction), fScore: nullable(fraction) });
export type GroupView = Infer<typeof groupView>;

/** A figure over a file's samples (the `stats` samples object's): what it counts over, or why it is undefined. */
const sampleFigureView = obj({ value: nullable(fraction), count: nullable(count), denominator: count, over: text, reason: nullable(text) });
export type SampleFigureView = Infer<typeof sampleFigureView>;

/** A file with several samples per record: its per-sample and majority figures, and how many records each sample filter keeps. */
const samplesSummaryView = obj({
  /** Records in the figures' sense: sample sets. */
  records: count,
  samples: count,
  k: obj({ min: count, median: fraction, max: count }),
  /** The "unstable" filter's flip-rate threshold (a setting). */
  threshold: fraction,
  meanFlipRate: sampleFigureView,
  flipRateAbove20: sampleFigureView,
  lAccPerSample: sampleFigureView,
  lAccMajority: sampleFigureView,
  sCorrPerSample: obj({ value: nullable(fraction), count: nullable(count), denominator: count, over: text, reason: nullable(text), low: nullable(fraction), high: nullable(fraction) }),
  sCorrMajority: sampleFigureView,
  filters: keyed(SAMPLE_FILTERS, count),
});
export type SamplesSummaryView = Infer<typeof samplesSummaryView>;

export const snapshotView = obj({
  fileName: text,
  format: text,
  container: text,
  sizeBytes: count,
  /** Still reading the file: figures cover the records read so far (or none yet). */
  loading: bool,
  records: count,
  summary: summaryView,
  groups: arr(groupView),
  kindCounts: keyed(RECORD_KINDS, count),
  subsets: arr(text),
  malformed: count,
  warnings: count,
  bothOrders: bool,
  hasGoldRationales: bool,
  /** The fidelity judge against the human marks (κ, agreement, 2×2), or null when no record has both. */
  audit: nullable(text),
  /** Several samples per record: their figures; absent or null for a file of single samples (or not known yet). */
  samples: optional(nullable(samplesSummaryView)),
});
export type SnapshotView = Infer<typeof snapshotView>;

// ------------------------------------------------------------------------------------------------
// The record list

export const rowView = obj({
  index,
  /** The record's id; null when it is too long for the index to keep (MAX_ID_CHARS), and the row shows its line. */
  id: nullable(text),
  line: count,
  kind,
  gold: label,
  predicted: label,
  subset: nullable(text),
  origin: nullable(origin),
  /** Heuristic claim coverage when computed (coverage sort), else null. */
  coverage: nullable(fraction),
  /** A judgment's rationale argues for the other response than its verdict (heuristic); null: not checked yet. */
  contradicts: nullable(bool),
  /** The flip rate of the record's sample set (files with samples), else absent or null. */
  flip: optional(nullable(fraction)),
});
export type RowView = Infer<typeof rowView>;

// ------------------------------------------------------------------------------------------------
// One record

const partView = tagged({
  text: obj({ type: lit('text'), text }),
  /** `src` is a size-capped data: URL read from the dataset's folder, or null with a `note` saying why. */
  image: obj({ type: lit('image'), label: text, src: nullable(text), note: nullable(text) }),
  /** A remote resource: shown as a link, never loaded. */
  link: obj({ type: lit('link'), url: text }),
});
export type PartView = Infer<typeof partView>;
const turnView = obj({ role: text, parts: arr(partView) });
export type TurnView = Infer<typeof turnView>;

/** One sentence a rationale argues with, as offsets into the rationale shown (thinking removed). */
const argumentEvidenceView = obj({ start: count, end: count, argues: lit('A', 'B'), explicit: bool });
/** Which response the rationale argues for (a heuristic) and whether that contradicts the verdict. */
const argumentView = obj({ argues: nullable(lit('A', 'B')), contradicts: nullable(bool), evidence: arr(argumentEvidenceView, 8), note: text });

const judgmentView = obj({
  order: lit('original', 'swapped'),
  verdict: label,
  parsedVerdict: label,
  verdictSource: lit('file', 'parser'),
  model: nullable(text),
  thinking: nullable(text),
  rationale: text,
  field: text,
  /** The fields a judgment's text was joined from (a field mapping's list of paths), in order; empty for one field. */
  parts: arr(text, 64),
  argument: nullable(argumentView),
});
export type JudgmentView = Infer<typeof judgmentView>;

const spanView = obj({ start: count, end: count });
export type SpanView = Infer<typeof spanView>;

/** One of the fidelity judge's key points; `gold`/`rationale` are spans of the shown texts, or null. */
const keyPointView = obj({ text, gold: nullable(spanView), rationale: nullable(spanView) });
const overriddenFidelityView = obj({ verdict: fidelityVerdict, origin, model: nullable(text) });

const fidelityView = obj({
  verdict: fidelityVerdict,
  origin,
  analysis: nullable(text),
  model: nullable(text),
  error: nullable(text),
  note: nullable(text),
  /** Verdicts this one overrides (a human mark over the LLM judge's and the file's, most authoritative first). */
  overrides: arr(overriddenFidelityView),
  /** The judge's own key points, anchored in the gold judgment / primary rationale where they quote them. */
  keyPoints: arr(keyPointView, 40),
});
export type FidelityView = Infer<typeof fidelityView>;

const claimView = obj({
  start: count,
  end: count,
  cls: lit('shared', 'missing', 'extra', 'conflict'),
  /** Index of the primary partner on the other side. */
  match: nullable(index),
});
export type ClaimView = Infer<typeof claimView>;

/** A changed word inside a matched pair: `removed` sits in the reference text, `added` in the rationale. */
const diffView = obj({ kind: lit('added', 'removed'), start: count, end: count });
export type DiffView = Infer<typeof diffView>;
const pairView = obj({ gold: index, rationale: index, primary: bool, conflict: bool, diff: arr(diffView) });
export type PairView = Infer<typeof pairView>;

export const alignmentView = obj({
  /** Index into RecordView.judgments of the rationale side. */
  judgment: index,
  /** The reference side: the gold judgment, or (no gold) the original-order rationale. */
  against: lit('gold', 'original'),
  coverage: nullable(fraction),
  estimate: nullable(lit('aligned', 'misaligned')),
  threshold: fraction,
  gold: arr(claimView),
  rationale: arr(claimView),
  pairs: arr(pairView),
  skippedGold: arr(spanView),
  skippedRationale: arr(spanView),
  truncated: bool,
  disclaimer: text,
  /** Which aligner produced the claims ("lexical heuristic, instant", "model m, cached"). */
  tier: text,
  /** The estimate's arithmetic ("coverage 50% − conflicts 20% = 30%, below the 35% threshold → …"). */
  arithmetic: text,
});
export type AlignmentView = Infer<typeof alignmentView>;

/** The latest GenRM re-query of a record, from the run journal beside the file. */
const requeryView = obj({
  model: text,
  /** The last `\boxed{A|B}` of the answer; null when there is none (see `error`). */
  pred,
  /** The answer with its thinking removed (what the alignment reads); '' when the call failed. */
  rationale: text,
  /** `reasoning_content` and any inline `<think>` block; null when none. */
  thinking: nullable(text),
  error: nullable(text),
  /** ISO time the answer was journaled. */
  finishedAt: text,
  /**
   * The new rationale against the gold judgment (`against: 'gold'`), or against the original-order
   * rationale when the file has no gold (`against: 'original'`); its rationale side indexes
   * `rationale`, and `judgment` is the judgment the re-query redoes. Null when nothing to align.
   */
  alignment: nullable(alignmentView),
});
export type RequeryView = Infer<typeof requeryView>;

/** How a sample stands with the fidelity judge: aligned (Correct), spurious (Incorrect), not judged, or judged without a verdict. */
const SAMPLE_FIDELITY = ['aligned', 'spurious', 'unjudged', 'failed'] as const;
export type SampleFidelity = (typeof SAMPLE_FIDELITY)[number];

/** One sample of a record's sample set (issue 24): one chip of the Inspector's strip. */
const sampleChipView = obj({
  /** 1-based place in the strip. */
  n: count,
  /** A judgment held in the file (a row of the set, or one of a row's votes or trajectories), or a re-query journaled beside it. */
  source: lit('file', 'journal'),
  /** A journaled sample's number (re-query ×k); null for the file's. */
  sampleNumber: nullable(count),
  /** The row the sample was read from. */
  recordIndex: index,
  /** In the original frame. */
  verdict: label,
  order: lit('original', 'swapped'),
  /** Null: the record has no gold label. */
  labelCorrect: nullable(bool),
  fidelity: lit(...SAMPLE_FIDELITY),
  /** What the part is called when a row holds a synthesis over trajectories ("trajectory 2"); null otherwise. */
  part: nullable(text),
  model: nullable(text),
  /** Thinking removed (what the alignment reads). */
  rationale: text,
  thinking: nullable(text),
  error: nullable(text),
  /** The sample's rationale against the record's gold judgment; null without gold. */
  alignment: nullable(alignmentView),
});
export type SampleChipView = Infer<typeof sampleChipView>;

/** A record's sample set: the per-record figures of src/core/samples and a chip a sample. */
export const sampleStripView = obj({
  k: count,
  counts: obj({ A: count, B: count, tie: count, unparsed: count }),
  /** Given by more than half of the k samples; null: none. */
  majority: label,
  agreement: nullable(fraction),
  flipRate: nullable(fraction),
  labelCorrectShare: nullable(fraction),
  misalignedShare: nullable(fraction),
  samples: arr(sampleChipView, 256),
  /** Samples past the strip's 256 (counted in the figures, not shown). */
  more: count,
  /** The row that is the record's final judgment over its trajectories (a synthesis), shown apart; null when none. */
  synthesis: nullable(sampleChipView),
});
export type SampleStripView = Infer<typeof sampleStripView>;

/** What a finished run returned (fidelity: verdict and analysis; GenRM: pred). */
export const runResultView = obj({ model: text, verdict: nullable(fidelityVerdict), analysis: nullable(text), pred, error: nullable(text) });
export type RunResultView = Infer<typeof runResultView>;

export const recordView = obj({
  index,
  id: text,
  line: count,
  subset: nullable(text),
  kind,
  gold: label,
  conversation: arr(turnView),
  responseA: text,
  responseB: text,
  /** Gold rationales joined by blank lines, thinking removed; null when the file has none. */
  goldText: nullable(text),
  goldCount: count,
  judgments: arr(judgmentView),
  fidelity: nullable(fidelityView),
  alignments: arr(alignmentView),
  /** Model-tier alignments journaled beside the file (texts unchanged), shown on "Show model". */
  modelAlignments: arr(alignmentView),
  /** The latest GenRM re-query from the journal, shown beside the original rationale. */
  requery: nullable(requeryView),
  /** The record's sample set when it has more than one sample (file rows or votes, re-queries ×k); absent for one sample. */
  samples: optional(sampleStripView),
  /** Fields cut for display (very long texts). */
  truncated: arr(text),
});
export type RecordView = Infer<typeof recordView>;
