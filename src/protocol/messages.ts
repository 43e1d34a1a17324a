/**
 * The Inspector's message protocol: every message between the extension host and the Inspector
 * webview, in both directions, each declared once as a schema (core/schema/schema.ts) that each side runs
 * on receipt (invalid messages are dropped and logged); the message types are derived from it.
 *
 * Flow: the webview posts `ready`; the host answers with `loading` / `snapshot` (or `failed`).
 * Requests carry a `requestId` that the answer echoes: query → list, getRows → rows,
 * getRecord → record, getRecords → records, locate / findNext → located, mark / undoMark → marked; any of them may be answered
 * with `error` instead. Long work (search, coverage sort) reports `progress` and can be cancelled.
 * The host pushes `snapshot` and `invalidate` when the file or its verdicts change, and `select`
 * when a command asks for a record.
 *
 * Model runs on one record (Re-query GenRM, Re-judge Fidelity): `runLlm` is answered with
 * `runStarted` (echoing its requestId) or `runRefused` (no endpoint, untrusted workspace, already
 * running). A started run streams `runDelta` (throttled increments; `reset` discards what was shown)
 * and ends with `runEnded`; `cancelRun` stops it. Runs started elsewhere (a hover link, a command)
 * reach every Inspector of the file too, with `requestId: null`. Re-query ×k (`requerySamples`) streams
 * each sample apart: `samplesStarted`, `sampleDelta` and `sampleEnded` per sample, `samplesEnded`. `llmStatus` says whether model
 * requests are possible at all. API keys never cross: streamed text is scrubbed by the host.
 *
 * Imported by the extension (Node) and the webview (browser): imports only the views (views.ts) and
 * the schema layer, both import-free. The shapes shown are in views.ts, re-exported here.
 */

import type { Infer } from '../core/schema/schema';
import { arr, bool, check, int, lit, nullable, num, obj, optional, str, tagged } from '../core/schema/schema';
import type { Checked } from '../core/schema/schema';
import { filterThemeRequest, themesAnswer, themesRequest } from './themes';
import { LIST_FLAGS, RECORD_KINDS, SAMPLE_FILTERS, SORT_ORDERS, alignmentView, count, figureChangeView, index, kind, recordView, requestId, role, rowView, runResultView, snapshotView, text } from './views';

export * from './views';
export * from './themes';
export type { Checked, Infer } from '../core/schema/schema';
export { arr, bool, check, int, lit, nullable, num, obj, str } from '../core/schema/schema';

export const PROTOCOL_VERSION = 2;

/** Most rows one getRows may ask for. */
const MAX_PAGE = 500;
/** Most records one getRecords may ask for. */
const MAX_RECORDS = 64;
const MAX_SEARCH_LENGTH = 1000;
const MAX_NOTE_LENGTH = 2000;

// ------------------------------------------------------------------------------------------------
// Messages: extension host → webview

const sampleOrder = lit('original', 'swapped');

const toWebview = tagged({
  /** Still indexing: `records` indexed so far (0 when unknown), `shown` first records already browsable. */
  loading: obj({ type: lit('loading'), fileName: text, records: count, shown: count, sizeBytes: count }),
  snapshot: obj({ type: lit('snapshot'), snapshot: snapshotView }),
  failed: obj({ type: lit('failed'), message: text }),
  /** A new list (answer to `query`), with the rows of the window the query asked for first. */
  list: obj({ type: lit('list'), requestId, listId: count, total: count, selectedPosition: int(-1), partial: bool, note: nullable(text), start: count, rows: arr(rowView, MAX_PAGE) }),
  rows: obj({ type: lit('rows'), requestId, listId: count, start: count, rows: arr(rowView, MAX_PAGE) }),
  record: obj({ type: lit('record'), requestId, record: recordView }),
  /** The answer to `getRecords`, in the order asked: in one message, or past the host's byte budget in a few (`last` on the final one). */
  records: obj({ type: lit('records'), requestId, records: arr(recordView, MAX_RECORDS, 1), last: bool }),
  progress: obj({ type: lit('progress'), requestId, phase: lit('search', 'coverage', 'themes', 'contradictions'), done: count, total: count }),
  located: obj({ type: lit('located'), requestId, listId: count, position: int(-1), index: int(-1) }),
  /** A mark (or the undo of one) is saved: what record, the verdict now in force by hand (null: none), the figures it moved, whether more can be undone. */
  marked: obj({ type: lit('marked'), requestId, index, recordId: text, verdict: nullable(lit('Correct', 'Incorrect')), undone: bool, figures: arr(figureChangeView, 3), canUndo: bool }),
  error: obj({ type: lit('error'), requestId: nullable(requestId), message: text }),
  select: obj({ type: lit('select'), index }),
  invalidate: obj({ type: lit('invalidate'), reason: lit('verdicts', 'file') }),
  /** Whether model requests can be made at all (not in an untrusted workspace; `reason` says why not), and which endpoints are set up (a base URL in the user settings). */
  llmStatus: obj({ type: lit('llmStatus'), available: bool, reason: nullable(text), configured: obj({ genrm: bool, fidelity: bool }) }),
  /** A run on a record began (the endpoint is configured). `requestId` is the `runLlm` it answers, null when started elsewhere. */
  runStarted: obj({ type: lit('runStarted'), requestId: nullable(requestId), runId: count, index, role, model: text }),
  /** Streamed text since the last delta of this run; `reset` first discards everything shown (a retry starts over). */
  runDelta: obj({ type: lit('runDelta'), runId: count, index, role, content: text, reasoning: text, reset: bool }),
  /** The run is over: `result` for a finished call (which may itself carry a call or parse error), null when cancelled or failed. */
  runEnded: obj({ type: lit('runEnded'), runId: count, index, role, outcome: lit('done', 'cancelled', 'failed'), message: nullable(text), result: nullable(runResultView) }),
  /** `runLlm` could not start; `message` says what to do (e.g. which setting to set). */
  runRefused: obj({ type: lit('runRefused'), requestId, index, role, message: text }),
  /** The answer to `alignWithModel`: the record's alignments from the model tier, or why there are none. */
  modelAlignment: obj({ type: lit('modelAlignment'), requestId, index, alignments: arr(alignmentView), message: nullable(text) }),
  /** The file's failure themes (protocol/themes.ts). */
  themes: themesAnswer,
  /** A re-query ×k began: `samples` requests over `records` records, each record brought to `target` samples. */
  samplesStarted: obj({ type: lit('samplesStarted'), runId: count, records: count, samples: count, target: count, k: count, model: text, temperature: num }),
  /** Streamed text of one sample since its last delta (`reset`: a retry starts over). */
  sampleDelta: obj({ type: lit('sampleDelta'), runId: count, index, sample: count, order: sampleOrder, content: text, reasoning: text, reset: bool }),
  /** One sample is over: its verdict in the original frame (null: none), or why it failed; `resumed`: answered by the journal. */
  sampleEnded: obj({ type: lit('sampleEnded'), runId: count, index, sample: count, order: sampleOrder, pred: nullable(lit('A', 'B')), error: nullable(text), resumed: bool }),
  /** The re-query ×k is over; `message` says how many samples were answered and failed, and why. */
  samplesEnded: obj({ type: lit('samplesEnded'), runId: count, outcome: lit('done', 'cancelled', 'failed'), message: text }),
});
export type ToWebview = Infer<typeof toWebview>;

// ------------------------------------------------------------------------------------------------
// Messages: webview → extension host

const fromWebview = tagged({
  ready: obj({ type: lit('ready'), protocol: int(1, 1000) }),
  /** `first` is the list position the view will show first (its restored scroll): the answer carries that page. */
  query: obj({
    type: lit('query'),
    requestId,
    kinds: nullable(arr(kind, RECORD_KINDS.length)),
    subset: nullable(str(10_000)),
    search: str(MAX_SEARCH_LENGTH),
    sort: lit(...SORT_ORDERS),
    /** A header count clicked: only the records it counts. */
    flag: optional(lit(...LIST_FLAGS)),
    /** Only records with a judgment whose rationale argues for the other response than its verdict (heuristic). */
    contradicts: bool,
    /** Files with samples: only records whose sample set passes this filter, one row per set. */
    samples: optional(nullable(lit(...SAMPLE_FILTERS))),
    selected: nullable(index),
    first: count,
    count: int(0, MAX_PAGE),
  }),
  getRows: obj({ type: lit('getRows'), requestId, listId: count, start: count, count: int(1, MAX_PAGE) }),
  getRecord: obj({ type: lit('getRecord'), requestId, index }),
  /** Records read ahead while stepping, nearest first: one message for many (VS Code's relay passes only so many a second). */
  getRecords: obj({ type: lit('getRecords'), requestId, indexes: arr(index, MAX_RECORDS, 1) }),
  locate: obj({ type: lit('locate'), requestId, listId: count, index }),
  findNext: obj({ type: lit('findNext'), requestId, listId: count, from: int(-1), kind, direction: lit(1, -1) }),
  mark: obj({ type: lit('mark'), requestId, index, verdict: nullable(lit('Correct', 'Incorrect')), note: str(MAX_NOTE_LENGTH) }),
  /** Undo the last mark made in this Inspector (answered with `marked`, `undone: true`, or `error`). */
  undoMark: obj({ type: lit('undoMark'), requestId }),
  reveal: obj({ type: lit('reveal'), index }),
  /** Copy the record's deep link (vscode://…/open?file=…&record=…) to the clipboard. */
  copyLink: obj({ type: lit('copyLink'), index }),
  cancel: obj({ type: lit('cancel'), requestId }),
  log: obj({ type: lit('log'), level: lit('info', 'warn', 'error'), message: str(10_000) }),
  /** Re-query the GenRM (`genrm`) or re-judge fidelity (`fidelity`) for one record, ignoring cached answers. */
  runLlm: obj({ type: lit('runLlm'), requestId, index, role }),
  cancelRun: obj({ type: lit('cancelRun'), runId: count }),
  /** Re-query ×k (rationaleLens.requery.*) for the shown record or for every record the list shows; refused with `error`. */
  requerySamples: obj({ type: lit('requerySamples'), requestId, index, scope: lit('record', 'filtered') }),
  cancelSamples: obj({ type: lit('cancelSamples'), runId: count }),
  /** Align the record's rationales with the model tier (the fidelity judge's endpoint, cached). */
  alignWithModel: obj({ type: lit('alignWithModel'), requestId, index }),
  /** A workbench action the Inspector offers: "Set Up Endpoints…" (where a run could not start for want of an endpoint), the Problems panel (the header's warning counts). */
  workbench: obj({ type: lit('workbench'), action: lit('setUpEndpoints', 'showProblems') }),
  themes: themesRequest,
  filterTheme: filterThemeRequest,
});
export type FromWebview = Infer<typeof fromWebview>;


/** Validates a message the webview received. */
export const checkToWebview = (value: unknown): Checked<ToWebview> => check(toWebview, value);
/** Validates a message the extension host received. */
/** The palette commands and their keys, handed to the Inspector in its page (data-command-keys). */
export const commandKeysView = arr(obj({ title: str(200), key: str(100) }), 200);
export type CommandKeysView = Infer<typeof commandKeysView>;

export const checkFromWebview = (value: unknown): Checked<FromWebview> => check(fromWebview, value);
