/**
 * The Inspector's message protocol: every message between the extension host and the Inspector
 * webview, in both directions, with hand-written runtime validators that each side runs on
 * receipt (invalid messages are dropped and logged).
 *
 * Flow: the webview posts `ready`; the host answers with `loading` / `snapshot` (or `failed`).
 * Requests carry a `requestId` that the answer echoes: query → list, getRows → rows,
 * getRecord → record, locate / findNext → located, mark → marked; any of them may be answered
 * with `error` instead. Long work (search, coverage sort) reports `progress` and can be cancelled.
 * The host pushes `snapshot` and `invalidate` when the file or its verdicts change, and `select`
 * when a command asks for a record.
 *
 * Model runs on one record (Re-query GenRM, Re-judge Fidelity): `runLlm` is answered with
 * `runStarted` (echoing its requestId) or `runRefused` (no endpoint, untrusted workspace, already
 * running). A started run streams `runDelta` (throttled increments; `reset` discards what was shown)
 * and ends with `runEnded`; `cancelRun` stops it. Runs started elsewhere (a hover link, a command)
 * reach every Inspector of the file too, with `requestId: null`. `llmStatus` says whether model
 * requests are possible at all. API keys never cross: streamed text is scrubbed by the host.
 *
 * Imported by the extension (Node) and the webview (browser): no imports at all here.
 */

export const PROTOCOL_VERSION = 2;

// ------------------------------------------------------------------------------------------------
// Shared vocabulary

export type RecordKind = 'aligned' | 'spurious' | 'label-wrong' | 'unjudged' | 'unparseable';
export const RECORD_KINDS: readonly RecordKind[] = ['aligned', 'spurious', 'label-wrong', 'unjudged', 'unparseable'];
export type LabelView = 'A' | 'B' | 'tie' | null;
export type FidelityOrigin = 'file' | 'llm' | 'human';
export type FidelityVerdict = 'Correct' | 'Incorrect' | 'SkippedLabelMismatch' | 'CallFail' | 'ParseFail';
export type SortOrder = 'file' | 'coverage-asc' | 'coverage-desc';
export const SORT_ORDERS: readonly SortOrder[] = ['file', 'coverage-asc', 'coverage-desc'];
export type ClaimClass = 'shared' | 'missing' | 'extra' | 'conflict';
export type Order = 'original' | 'swapped';
/** Which model a run asks: the GenRM (a new rationale and verdict) or the fidelity judge. */
export type LlmRoleView = 'genrm' | 'fidelity';
export const LLM_ROLES: readonly LlmRoleView[] = ['genrm', 'fidelity'];
export type RunOutcome = 'done' | 'cancelled' | 'failed';

/** A figure with its 95% Wilson interval and the counts behind it; `note` says why when value is null. */
export interface MetricView {
  value: number | null;
  low: number | null;
  high: number | null;
  num: number;
  den: number;
  note: string;
}

export interface TableRowView {
  aligned: number;
  misaligned: number;
  notJudged: number;
}

export interface FidelityCountsView {
  aligned: number;
  misaligned: number;
  callFail: number;
  parseFail: number;
  skipped: number;
  unjudged: number;
}

export interface PositionsView {
  originalCorrect: number;
  swappedCorrect: number;
  bothCorrect: number;
  agree: number;
  combinedCorrect: number;
}

export interface SummaryView {
  records: number;
  labelCorrect: number;
  unparseable: number;
  ties: number;
  parserDisagreements: number;
  lAcc: MetricView;
  sCorr: MetricView;
  fScore: MetricView;
  fidelity: FidelityCountsView;
  table: { labelCorrect: TableRowView; labelIncorrect: TableRowView };
  positions: PositionsView | null;
}

export interface GroupView {
  key: string;
  records: number;
  labelCorrect: number;
  aligned: number;
  misaligned: number;
  lAcc: number | null;
  sCorr: number | null;
  fScore: number | null;
}

export interface SnapshotView {
  fileName: string;
  format: string;
  container: string;
  sizeBytes: number;
  /** Still reading the file: figures cover the records read so far (or none yet). */
  loading: boolean;
  records: number;
  summary: SummaryView;
  groups: GroupView[];
  kindCounts: Record<RecordKind, number>;
  subsets: string[];
  malformed: number;
  warnings: number;
  bothOrders: boolean;
  hasGoldRationales: boolean;
}

export interface RowView {
  index: number;
  /** The record's id; null when it was not cheap to read (very large record). */
  id: string | null;
  line: number;
  kind: RecordKind;
  gold: LabelView;
  predicted: LabelView;
  subset: string | null;
  origin: FidelityOrigin | null;
  /** Heuristic claim coverage when computed (coverage sort), else null. */
  coverage: number | null;
}

export type PartView =
  | { type: 'text'; text: string }
  /** `src` is a size-capped data: URL read from the dataset's folder, or null with a `note` saying why. */
  | { type: 'image'; label: string; src: string | null; note: string | null }
  /** A remote resource: shown as a link, never loaded. */
  | { type: 'link'; url: string };

export interface TurnView {
  role: string;
  parts: PartView[];
}

export interface JudgmentView {
  order: Order;
  verdict: LabelView;
  parsedVerdict: LabelView;
  verdictSource: 'file' | 'parser';
  model: string | null;
  thinking: string | null;
  rationale: string;
  field: string;
  /** The fields a judgment's text was joined from (a field mapping's list of paths), in order; empty for one field. */
  parts: string[];
}

export interface FidelityView {
  verdict: FidelityVerdict;
  origin: FidelityOrigin;
  analysis: string | null;
  model: string | null;
  error: string | null;
  note: string | null;
  /** Verdicts this one overrides (a human mark over the LLM judge's and the file's, most authoritative first). */
  overrides: OverriddenFidelityView[];
  /** The judge's own key points, anchored in the gold judgment / primary rationale where they quote them. */
  keyPoints: KeyPointView[];
}

/** One of the fidelity judge's key points; `gold`/`rationale` are spans of the shown texts, or null. */
export interface KeyPointView {
  text: string;
  gold: SpanView | null;
  rationale: SpanView | null;
}

export interface OverriddenFidelityView {
  verdict: FidelityVerdict;
  origin: FidelityOrigin;
  model: string | null;
}

export interface SpanView {
  start: number;
  end: number;
}

export interface ClaimView {
  start: number;
  end: number;
  cls: ClaimClass;
  /** Index of the primary partner on the other side. */
  match: number | null;
}

/** A changed word inside a matched pair: `removed` sits in the reference text, `added` in the rationale. */
export interface DiffView {
  kind: 'added' | 'removed';
  start: number;
  end: number;
}

export interface PairView {
  gold: number;
  rationale: number;
  primary: boolean;
  conflict: boolean;
  diff: DiffView[];
}

export interface AlignmentView {
  /** Index into RecordView.judgments of the rationale side. */
  judgment: number;
  /** The reference side: the gold judgment, or (no gold) the original-order rationale. */
  against: 'gold' | 'original';
  coverage: number | null;
  estimate: 'aligned' | 'misaligned' | null;
  threshold: number;
  gold: ClaimView[];
  rationale: ClaimView[];
  pairs: PairView[];
  skippedGold: SpanView[];
  skippedRationale: SpanView[];
  truncated: boolean;
  disclaimer: string;
  /** Which aligner produced the claims ("lexical heuristic, instant", "model m, cached"). */
  tier: string;
  /** The estimate's arithmetic ("coverage 50% − conflicts 20% = 30%, below the 35% threshold → …"). */
  arithmetic: string;
}

/** The latest GenRM re-query of a record, from the run journal beside the file. */
export interface RequeryView {
  model: string;
  /** The last `\boxed{A|B}` of the answer; null when there is none (see `error`). */
  pred: 'A' | 'B' | null;
  /** The answer with its thinking removed (what the alignment reads); '' when the call failed. */
  rationale: string;
  /** `reasoning_content` and any inline `<think>` block; null when none. */
  thinking: string | null;
  error: string | null;
  /** ISO time the answer was journaled. */
  finishedAt: string;
  /**
   * The new rationale against the gold judgment (`against: 'gold'`), or against the original-order
   * rationale when the file has no gold (`against: 'original'`); its rationale side indexes
   * `rationale`, and `judgment` is the judgment the re-query redoes. Null when nothing to align.
   */
  alignment: AlignmentView | null;
}

/** What a finished run returned (fidelity: verdict and analysis; GenRM: pred). */
export interface RunResultView {
  model: string;
  verdict: FidelityVerdict | null;
  analysis: string | null;
  pred: 'A' | 'B' | null;
  error: string | null;
}

export interface RecordView {
  index: number;
  id: string;
  line: number;
  subset: string | null;
  kind: RecordKind;
  gold: LabelView;
  conversation: TurnView[];
  responseA: string;
  responseB: string;
  /** Gold rationales joined by blank lines, thinking removed; null when the file has none. */
  goldText: string | null;
  goldCount: number;
  judgments: JudgmentView[];
  fidelity: FidelityView | null;
  alignments: AlignmentView[];
  /** Model-tier alignments journaled beside the file (texts unchanged), shown on "Show model". */
  modelAlignments: AlignmentView[];
  /** The latest GenRM re-query from the journal, shown beside the original rationale. */
  requery: RequeryView | null;
  /** Fields cut for display (very long texts). */
  truncated: string[];
}

// ------------------------------------------------------------------------------------------------
// Messages: extension host → webview

export type ToWebview =
  /** Still indexing: `records` indexed so far (0 when unknown), `shown` first records already browsable. */
  | { type: 'loading'; fileName: string; records: number; shown: number; sizeBytes: number }
  | { type: 'snapshot'; snapshot: SnapshotView }
  | { type: 'failed'; message: string }
  /** A new list (answer to `query`), with the rows of the window the query asked for first. */
  | { type: 'list'; requestId: number; listId: number; total: number; selectedPosition: number; partial: boolean; note: string | null; start: number; rows: RowView[] }
  | { type: 'rows'; requestId: number; listId: number; start: number; rows: RowView[] }
  | { type: 'record'; requestId: number; record: RecordView }
  | { type: 'progress'; requestId: number; phase: 'search' | 'coverage'; done: number; total: number }
  | { type: 'located'; requestId: number; listId: number; position: number; index: number }
  | { type: 'marked'; requestId: number }
  | { type: 'error'; requestId: number | null; message: string }
  | { type: 'select'; index: number }
  | { type: 'invalidate'; reason: 'verdicts' | 'file' }
  /** Whether model requests can be made at all (not in an untrusted workspace); `reason` says why not. */
  | { type: 'llmStatus'; available: boolean; reason: string | null }
  /** A run on a record began (the endpoint is configured). `requestId` is the `runLlm` it answers, null when started elsewhere. */
  | { type: 'runStarted'; requestId: number | null; runId: number; index: number; role: LlmRoleView; model: string }
  /** Streamed text since the last delta of this run; `reset` first discards everything shown (a retry starts over). */
  | { type: 'runDelta'; runId: number; index: number; role: LlmRoleView; content: string; reasoning: string; reset: boolean }
  /** The run is over: `result` for a finished call (which may itself carry a call or parse error), null when cancelled or failed. */
  | { type: 'runEnded'; runId: number; index: number; role: LlmRoleView; outcome: RunOutcome; message: string | null; result: RunResultView | null }
  /** `runLlm` could not start; `message` says what to do (e.g. which setting to set). */
  | { type: 'runRefused'; requestId: number; index: number; role: LlmRoleView; message: string }
  /** The answer to `alignWithModel`: the record's alignments from the model tier, or why there are none. */
  | { type: 'modelAlignment'; requestId: number; index: number; alignments: AlignmentView[]; message: string | null };

// ------------------------------------------------------------------------------------------------
// Messages: webview → extension host

export type FromWebview =
  | { type: 'ready'; protocol: number }
  /** `first` is the list position the view will show first (its restored scroll): the answer carries that page. */
  | { type: 'query'; requestId: number; kinds: RecordKind[] | null; subset: string | null; search: string; sort: SortOrder; selected: number | null; first: number; count: number }
  | { type: 'getRows'; requestId: number; listId: number; start: number; count: number }
  | { type: 'getRecord'; requestId: number; index: number }
  | { type: 'locate'; requestId: number; listId: number; index: number }
  | { type: 'findNext'; requestId: number; listId: number; from: number; kind: RecordKind; direction: 1 | -1 }
  | { type: 'mark'; requestId: number; index: number; verdict: 'Correct' | 'Incorrect' | null; note: string }
  | { type: 'reveal'; index: number }
  | { type: 'cancel'; requestId: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** Re-query the GenRM (`genrm`) or re-judge fidelity (`fidelity`) for one record, ignoring cached answers. */
  | { type: 'runLlm'; requestId: number; index: number; role: LlmRoleView }
  | { type: 'cancelRun'; runId: number }
  /** Align the record's rationales with the LLM aligner (the fidelity judge's endpoint, cached). */
  | { type: 'alignWithModel'; requestId: number; index: number };

export type ToWebviewType = ToWebview['type'];
export type FromWebviewType = FromWebview['type'];

/** Most rows one getRows may ask for. */
export const MAX_PAGE = 500;
export const MAX_SEARCH_LENGTH = 1000;
export const MAX_NOTE_LENGTH = 2000;

// ------------------------------------------------------------------------------------------------
// Validators (hand-written; no dependency). A Validator<T> returns null when the value is a T, else
// a message naming the failing path. The phantom type ties each schema to its interface, so an
// interface and its schema cannot drift apart without a compile error.

export interface Validator<T> {
  (value: unknown, path: string): string | null;
  /** Phantom, invariant in T: never set at run time. */
  readonly _type?: (t: T) => T;
}

const make = <T>(fn: (value: unknown, path: string) => string | null): Validator<T> => fn;
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

export const str = (maxLength = Number.POSITIVE_INFINITY): Validator<string> =>
  make((v, p) => (typeof v !== 'string' ? `${p}: expected a string, got ${kindOf(v)}` : v.length > maxLength ? `${p}: longer than ${maxLength} characters` : null));

export const num: Validator<number> = make((v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p}: expected a finite number, got ${kindOf(v)}`));

export const int = (min = 0, max = Number.MAX_SAFE_INTEGER): Validator<number> =>
  make((v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `${p}: expected an integer in [${min}, ${max}], got ${typeof v === 'number' ? v : kindOf(v)}`));

export const bool: Validator<boolean> = make((v, p) => (typeof v === 'boolean' ? null : `${p}: expected a boolean, got ${kindOf(v)}`));

export function lit<const L extends string | number>(...values: L[]): Validator<L> {
  return make((v, p) => ((values as unknown[]).includes(v) ? null : `${p}: expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${typeof v === 'string' || typeof v === 'number' ? JSON.stringify(v) : kindOf(v)}`));
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return make((v, p) => (v === null ? null : inner(v, p)));
}

export function arr<T>(item: Validator<T>, maxLength = Number.POSITIVE_INFINITY): Validator<T[]> {
  return make((v, p) => {
    if (!Array.isArray(v)) return `${p}: expected an array, got ${kindOf(v)}`;
    if (v.length > maxLength) return `${p}: more than ${maxLength} items`;
    for (let i = 0; i < v.length; i++) {
      const err = item(v[i], `${p}[${i}]`);
      if (err) return err;
    }
    return null;
  });
}

type Shape<T> = { [K in keyof T]-?: Validator<T[K]> };

/** A plain object with exactly these fields: unknown fields are rejected too (a typo is a bug). */
export function obj<T extends object>(shape: Shape<T>): Validator<T> {
  const keys = Object.keys(shape);
  const known = new Set(keys);
  const table = shape as Record<string, Validator<unknown>>;
  return make((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object, got ${kindOf(v)}`;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!known.has(k)) return `${p}: unexpected field "${k}"`;
    for (const k of keys) {
      const err = (table[k] as Validator<unknown>)(o[k], `${p}.${k}`);
      if (err) return err;
    }
    return null;
  });
}

/** A union discriminated by its `type` field. */
export function tagged<T extends { type: string }>(variants: { [K in T['type']]: Validator<Extract<T, { type: K }>> }): Validator<T> {
  const table = variants as Record<string, Validator<unknown>>;
  return make((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object, got ${kindOf(v)}`;
    const tag = (v as { type?: unknown }).type;
    if (typeof tag !== 'string' || !Object.prototype.hasOwnProperty.call(table, tag)) return `${p}.type: unknown type ${typeof tag === 'string' ? JSON.stringify(tag) : kindOf(tag)}`;
    return (table[tag] as Validator<unknown>)(v, p);
  });
}

function keyed<K extends string, V>(keys: readonly K[], value: Validator<V>): Validator<Record<K, V>> {
  return obj(Object.fromEntries(keys.map((k) => [k, value])) as unknown as Shape<Record<K, V>>);
}

const count = int();
const index = int();
const requestId = int(0, Number.MAX_SAFE_INTEGER);
const text = str();
const fraction = num;
const kind = lit(...RECORD_KINDS);
const label: Validator<LabelView> = nullable(lit('A', 'B', 'tie'));
const origin = lit<FidelityOrigin>('file', 'llm', 'human');
const role = lit(...LLM_ROLES);
const fidelityVerdict = lit<FidelityVerdict>('Correct', 'Incorrect', 'SkippedLabelMismatch', 'CallFail', 'ParseFail');
const pred = nullable(lit('A', 'B'));

const metricView = obj<MetricView>({ value: nullable(fraction), low: nullable(fraction), high: nullable(fraction), num: count, den: count, note: text });
const tableRowView = obj<TableRowView>({ aligned: count, misaligned: count, notJudged: count });
const summaryView = obj<SummaryView>({
  records: count,
  labelCorrect: count,
  unparseable: count,
  ties: count,
  parserDisagreements: count,
  lAcc: metricView,
  sCorr: metricView,
  fScore: metricView,
  fidelity: obj<FidelityCountsView>({ aligned: count, misaligned: count, callFail: count, parseFail: count, skipped: count, unjudged: count }),
  table: obj<SummaryView['table']>({ labelCorrect: tableRowView, labelIncorrect: tableRowView }),
  positions: nullable(obj<PositionsView>({ originalCorrect: count, swappedCorrect: count, bothCorrect: count, agree: count, combinedCorrect: count })),
});
const groupView = obj<GroupView>({ key: text, records: count, labelCorrect: count, aligned: count, misaligned: count, lAcc: nullable(fraction), sCorr: nullable(fraction), fScore: nullable(fraction) });
export const snapshotView = obj<SnapshotView>({
  fileName: text,
  format: text,
  container: text,
  sizeBytes: count,
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
});
export const rowView = obj<RowView>({
  index,
  id: nullable(text),
  line: count,
  kind,
  gold: label,
  predicted: label,
  subset: nullable(text),
  origin: nullable(origin),
  coverage: nullable(fraction),
});
const partView = tagged<PartView>({
  text: obj({ type: lit('text'), text }),
  image: obj({ type: lit('image'), label: text, src: nullable(text), note: nullable(text) }),
  link: obj({ type: lit('link'), url: text }),
});
const span = obj<SpanView>({ start: count, end: count });
const claimView = obj<ClaimView>({ start: count, end: count, cls: lit('shared', 'missing', 'extra', 'conflict'), match: nullable(index) });
const pairView = obj<PairView>({ gold: index, rationale: index, primary: bool, conflict: bool, diff: arr(obj<DiffView>({ kind: lit('added', 'removed'), start: count, end: count })) });
const alignmentView = obj<AlignmentView>({
  judgment: index,
  against: lit('gold', 'original'),
  coverage: nullable(fraction),
  estimate: nullable(lit('aligned', 'misaligned')),
  threshold: fraction,
  gold: arr(claimView),
  rationale: arr(claimView),
  pairs: arr(pairView),
  skippedGold: arr(span),
  skippedRationale: arr(span),
  truncated: bool,
  disclaimer: text,
  tier: text,
  arithmetic: text,
});
export const requeryView = obj<RequeryView>({
  model: text,
  pred,
  rationale: text,
  thinking: nullable(text),
  error: nullable(text),
  finishedAt: text,
  alignment: nullable(alignmentView),
});
export const runResultView = obj<RunResultView>({ model: text, verdict: nullable(fidelityVerdict), analysis: nullable(text), pred, error: nullable(text) });
export const recordView = obj<RecordView>({
  index,
  id: text,
  line: count,
  subset: nullable(text),
  kind,
  gold: label,
  conversation: arr(obj<TurnView>({ role: text, parts: arr(partView) })),
  responseA: text,
  responseB: text,
  goldText: nullable(text),
  goldCount: count,
  judgments: arr(
    obj<JudgmentView>({
      order: lit('original', 'swapped'),
      verdict: label,
      parsedVerdict: label,
      verdictSource: lit('file', 'parser'),
      model: nullable(text),
      thinking: nullable(text),
      rationale: text,
      field: text,
      parts: arr(text, 64),
    }),
  ),
  fidelity: nullable(
    obj<FidelityView>({
      verdict: fidelityVerdict,
      origin,
      analysis: nullable(text),
      model: nullable(text),
      error: nullable(text),
      note: nullable(text),
      overrides: arr(obj<OverriddenFidelityView>({ verdict: fidelityVerdict, origin, model: nullable(text) })),
      keyPoints: arr(obj<KeyPointView>({ text, gold: nullable(span), rationale: nullable(span) }), 40),
    }),
  ),
  alignments: arr(alignmentView),
  modelAlignments: arr(alignmentView),
  requery: nullable(requeryView),
  truncated: arr(text),
});

export const toWebview = tagged<ToWebview>({
  loading: obj({ type: lit('loading'), fileName: text, records: count, shown: count, sizeBytes: count }),
  snapshot: obj({ type: lit('snapshot'), snapshot: snapshotView }),
  failed: obj({ type: lit('failed'), message: text }),
  list: obj({ type: lit('list'), requestId, listId: count, total: count, selectedPosition: int(-1), partial: bool, note: nullable(text), start: count, rows: arr(rowView, MAX_PAGE) }),
  rows: obj({ type: lit('rows'), requestId, listId: count, start: count, rows: arr(rowView, MAX_PAGE) }),
  record: obj({ type: lit('record'), requestId, record: recordView }),
  progress: obj({ type: lit('progress'), requestId, phase: lit('search', 'coverage'), done: count, total: count }),
  located: obj({ type: lit('located'), requestId, listId: count, position: int(-1), index: int(-1) }),
  marked: obj({ type: lit('marked'), requestId }),
  error: obj({ type: lit('error'), requestId: nullable(requestId), message: text }),
  select: obj({ type: lit('select'), index }),
  invalidate: obj({ type: lit('invalidate'), reason: lit('verdicts', 'file') }),
  llmStatus: obj({ type: lit('llmStatus'), available: bool, reason: nullable(text) }),
  runStarted: obj({ type: lit('runStarted'), requestId: nullable(requestId), runId: count, index, role, model: text }),
  runDelta: obj({ type: lit('runDelta'), runId: count, index, role, content: text, reasoning: text, reset: bool }),
  runEnded: obj({ type: lit('runEnded'), runId: count, index, role, outcome: lit('done', 'cancelled', 'failed'), message: nullable(text), result: nullable(runResultView) }),
  runRefused: obj({ type: lit('runRefused'), requestId, index, role, message: text }),
  modelAlignment: obj({ type: lit('modelAlignment'), requestId, index, alignments: arr(alignmentView), message: nullable(text) }),
});

export const fromWebview = tagged<FromWebview>({
  ready: obj({ type: lit('ready'), protocol: int(1, 1000) }),
  query: obj({
    type: lit('query'),
    requestId,
    kinds: nullable(arr(kind, RECORD_KINDS.length)),
    subset: nullable(str(10_000)),
    search: str(MAX_SEARCH_LENGTH),
    sort: lit(...SORT_ORDERS),
    selected: nullable(index),
    first: count,
    count: int(0, MAX_PAGE),
  }),
  getRows: obj({ type: lit('getRows'), requestId, listId: count, start: count, count: int(1, MAX_PAGE) }),
  getRecord: obj({ type: lit('getRecord'), requestId, index }),
  locate: obj({ type: lit('locate'), requestId, listId: count, index }),
  findNext: obj({ type: lit('findNext'), requestId, listId: count, from: int(-1), kind, direction: lit(1, -1) }),
  mark: obj({ type: lit('mark'), requestId, index, verdict: nullable(lit('Correct', 'Incorrect')), note: str(MAX_NOTE_LENGTH) }),
  reveal: obj({ type: lit('reveal'), index }),
  cancel: obj({ type: lit('cancel'), requestId }),
  log: obj({ type: lit('log'), level: lit('info', 'warn', 'error'), message: str(10_000) }),
  runLlm: obj({ type: lit('runLlm'), requestId, index, role }),
  cancelRun: obj({ type: lit('cancelRun'), runId: count }),
  alignWithModel: obj({ type: lit('alignWithModel'), requestId, index }),
});

export type Checked<T> = { ok: true; message: T } | { ok: false; error: string };

function run<T>(validator: Validator<T>, value: unknown): Checked<T> {
  let error: string | null;
  try {
    error = validator(value, 'message');
  } catch (e) {
    error = `validator failed: ${String(e)}`;
  }
  return error === null ? { ok: true, message: value as T } : { ok: false, error };
}

/** Validates a message the webview received. */
export const checkToWebview = (value: unknown): Checked<ToWebview> => run(toWebview, value);
/** Validates a message the extension host received. */
export const checkFromWebview = (value: unknown): Checked<FromWebview> => run(fromWebview, value);
