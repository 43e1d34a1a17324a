/**
 * One Inspector webview: answers the webview's requests from the shared DatasetSession (or, while
 * it loads, from a preview of the file's first records) and pushes figures when verdicts change.
 * Only pages of rows and single records cross to the webview, never the whole file.
 */
import * as vscode from 'vscode';
import { readRecordAt } from '../../core/dataset';
import type { LlmResult } from '../../core/llm/runner';
import type { EvalRecord } from '../../core/record';
import type { DatasetSession } from '../../core/session';
import { searchableText } from '../../core/session';
import type { FromWebview, RecordKind, RowView, RunResultView, ToWebview } from '../../protocol/messages';
import { PROTOCOL_VERSION, checkFromWebview } from '../../protocol/messages';
import { datasetOptionsFor } from '../settings';
import type { FilteredRecords } from '../filters';
import { llmBlockedReason } from '../llm/profiles';
import type { RecordRun, RecordRunEvent, RecordRuns } from '../llm/recordRuns';
import type { SessionRegistry } from '../sessions';
import { CoverageCache } from './alignment';
import { inspectorHtml, webviewRoot } from './html';
import type { Preview } from './preview';
import { readPreview } from './preview';
import { revealLine } from './reveal';
import { buildRecordView } from './recordView';
import { readAlignments } from '../../core/align/alignmentJournal';
import type { AlignWithModel } from './alignWithModel';
import { journaledAlignmentViews } from './modelAlignment';
import type { RequeryEntry } from './requeries';
import { RequeryIndex } from './requeries';
import { rowView, snapshotView } from './views';

export interface PanelDeps {
  readonly sessions: SessionRegistry;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly onDidChangeSessions: vscode.Event<vscode.Uri>;
  /** Where the "… Filtered Records" commands read what this Inspector shows. */
  readonly filtered: FilteredRecords;
  /** Model runs on single records (started here, from a hover link or a command). */
  readonly runs: RecordRuns;
  /** The LLM aligner on one record ("Align with model"). */
  readonly alignWithModel: AlignWithModel;
}

/** Streamed text reaches the webview at most this often (each message carries what came since). */
const DELTA_INTERVAL_MS = 50;

/** Who started a run, so that its `runStarted` answers the right `runLlm`. */
interface RunOrigin {
  readonly panel: InspectorPanel;
  readonly requestId: number;
}

interface PendingDelta {
  readonly run: RecordRun;
  content: string;
  reasoning: string;
  reset: boolean;
}

function resultView(r: LlmResult): RunResultView {
  return {
    model: r.model,
    verdict: r.kind === 'fidelity' ? r.verdict : null,
    analysis: r.kind === 'fidelity' ? r.analysis : null,
    pred: r.kind === 'genrm' ? r.pred : null,
    error: r.error,
  };
}

interface List {
  readonly id: number;
  readonly indexes: Int32Array;
  readonly fromPreview: boolean;
}

/** Search stops after this many hits (the list says so). */
const SEARCH_LIMIT = 50_000;
/** Ids of rows are read from the file; records larger than this show their line instead. */
const MAX_ID_READ_BYTES = 256 * 1024;
const ID_CACHE_LIMIT = 50_000;

type Query = Extract<FromWebview, { type: 'query' }>;

export class InspectorPanel {
  private session: DatasetSession | undefined;
  private preview: Preview | undefined;
  private failure: string | undefined;
  private ready = false;
  private list: List | undefined;
  private nextListId = 1;
  private loadedSoFar = 0;
  private pendingSelect: number | undefined;
  private queryOp: AbortController | undefined;
  private readonly ops = new Map<number, AbortController>();
  private readonly ids = new Map<number, string | null>();
  private readonly disposables: { dispose(): unknown }[] = [];
  private sessionListener: { dispose(): void } | undefined;
  private changeTimer: NodeJS.Timeout | undefined;
  private pendingChange: 'verdicts' | 'file' | undefined;
  private lastProgressPost = 0;
  private readonly dataWaiters: (() => void)[] = [];
  private readonly previewAbort = new AbortController();
  private disposed = false;
  private readonly openedAt = Date.now();
  private firstRecordLogged = false;
  /** The last full list this Inspector published to the "… Filtered Records" commands. */
  private published: readonly number[] | undefined;
  private requeries: RequeryIndex | undefined;
  private readonly pendingDeltas = new Map<number, PendingDelta>();
  private deltaTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
  ) {
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(deps.extensionUri)] };
    webview.html = inspectorHtml(webview, deps.extensionUri, uri.path.split('/').pop() ?? uri.path);
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      deps.onDidChangeSessions((changed) => {
        if (changed.toString() === uri.toString()) this.onRegistryChange();
      }),
      deps.runs.onDidChange((e) => this.onRunEvent(e)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.postLlmStatus()),
      // With two Inspectors on one file, the palette's "… Filtered Records" act on the one in front.
      panel.onDidChangeViewState(() => {
        if (panel.active && this.published) this.deps.filtered.set(this.uri, this.published);
      }),
    );
    this.start();
  }

  /** Shows record `index` (from a command); queued until the webview is ready. */
  select(index: number): void {
    if (this.ready) this.post({ type: 'select', index });
    else this.pendingSelect = index;
  }

  dispose(): void {
    this.disposed = true;
    this.previewAbort.abort();
    this.queryOp?.abort();
    for (const op of this.ops.values()) op.abort();
    this.sessionListener?.dispose();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    if (this.deltaTimer) clearTimeout(this.deltaTimer);
    for (const d of this.disposables) d.dispose();
    // Another Inspector of the same file may have published since: leave its list alone.
    if (this.published && this.deps.filtered.get(this.uri) === this.published) this.deps.filtered.clear(this.uri);
    for (const wake of this.dataWaiters.splice(0)) wake();
  }

  // ----------------------------------------------------------------------------------------------
  // Loading

  private start(): void {
    const existing = this.deps.sessions.peek(this.uri);
    if (existing) {
      this.attach(existing);
      return;
    }
    const { options } = datasetOptionsFor(this.uri);
    const baseDir = this.uri.fsPath.replace(/[\\/][^\\/]*$/, '');
    void readPreview(this.uri.fsPath, options, baseDir, this.previewAbort.signal).then(
      (preview) => {
        if (!preview || this.session || this.disposed) return;
        this.preview = preview;
        this.deps.log.info(`Inspector: first ${preview.records.length} records of ${this.uri.fsPath} read in ${Date.now() - this.openedAt} ms while the file loads`);
        this.postLoading();
        this.wake();
      },
      (err: unknown) => this.deps.log.info(`Inspector: no preview of ${this.uri.fsPath}: ${String(err)}`),
    );
    // The index is built in a worker thread and starts at once, but waits between batches until the
    // first record is on its way (1.5 s at most): the webview's start needs the cores more.
    this.load();
    this.deps.sessions.pauseIndexing(this.uri, 1500);
  }

  private load(): void {
    if (this.disposed || this.session) return;
    this.deps.sessions
      .get(this.uri, (records) => {
        this.loadedSoFar = records;
        const now = Date.now();
        if (now - this.lastProgressPost > 200) {
          this.lastProgressPost = now;
          // Figures so far when the registry has them (the header says they are partial).
          const indexing = this.deps.sessions.indexing(this.uri);
          if (indexing) this.post({ type: 'snapshot', snapshot: snapshotView(indexing.snapshot(), indexing.subsets(), indexing.dataset.sizeBytes) });
          else this.postLoading();
        }
      })
      .then(
        (session) => this.attach(session),
        (err: unknown) => {
          this.failure = err instanceof Error ? err.message : String(err);
          this.deps.log.warn(`Inspector: cannot open ${this.uri.fsPath}: ${this.failure}`);
          this.post({ type: 'failed', message: this.failure });
          this.wake();
        },
      );
  }

  private attach(session: DatasetSession): void {
    if (this.disposed || session === this.session) return;
    const hadData = this.session !== undefined || this.preview !== undefined;
    this.previewAbort.abort();
    if (!this.session) this.deps.log.info(`Inspector: ${this.uri.fsPath} indexed (${session.count} records) ${Date.now() - this.openedAt} ms after the Inspector opened`);
    this.session = session;
    if (this.requeries?.journalPath !== RequeryIndex.forDataset(session.path).journalPath) this.requeries = RequeryIndex.forDataset(session.path);
    this.preview = undefined;
    this.ids.clear();
    this.sessionListener?.dispose();
    this.sessionListener = session.onDidChange(() => this.scheduleChange('verdicts'));
    this.postSnapshot();
    if (hadData) this.post({ type: 'invalidate', reason: 'file' });
    this.wake();
  }

  private onRegistryChange(): void {
    const current = this.deps.sessions.peek(this.uri);
    if (current && current !== this.session) this.attach(current);
    else this.scheduleChange('verdicts');
  }

  private scheduleChange(reason: 'verdicts' | 'file'): void {
    this.pendingChange = this.pendingChange === 'file' ? 'file' : reason;
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      const why = this.pendingChange ?? 'verdicts';
      this.pendingChange = undefined;
      this.postSnapshot();
      this.post({ type: 'invalidate', reason: why });
    }, 80);
  }

  private wake(): void {
    for (const wake of this.dataWaiters.splice(0)) wake();
  }

  /** Resolves once there is something to answer from: the session, a preview, or a failure. */
  private async data(): Promise<void> {
    while (!this.session && !this.preview && !this.failure && !this.disposed) await new Promise<void>((r) => this.dataWaiters.push(r));
  }

  private async loadedSession(): Promise<DatasetSession> {
    while (!this.session) {
      if (this.failure) throw new Error(this.failure);
      if (this.disposed) throw new Error('the Inspector was closed');
      await new Promise<void>((r) => this.dataWaiters.push(r));
    }
    return this.session;
  }

  // ----------------------------------------------------------------------------------------------
  // Posting

  private post(message: ToWebview): void {
    if (this.disposed || !this.ready) return;
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private postLoading(): void {
    if (this.session) return;
    this.post({ type: 'loading', fileName: this.fileName(), records: this.loadedSoFar, shown: this.preview?.records.length ?? 0, sizeBytes: this.preview?.sizeBytes ?? 0 });
  }

  private postSnapshot(): void {
    const s = this.session;
    if (!s) return;
    this.post({ type: 'snapshot', snapshot: snapshotView(s.snapshot(), s.subsets(), s.dataset.sizeBytes) });
  }

  private postLlmStatus(): void {
    const reason = llmBlockedReason();
    this.post({ type: 'llmStatus', available: reason === null, reason });
  }

  // ----------------------------------------------------------------------------------------------
  // Model runs on single records

  private onRunEvent(e: RecordRunEvent): void {
    const run = e.run;
    if (this.disposed || run.uri.toString() !== this.uri.toString()) return;
    switch (e.kind) {
      case 'started': {
        const origin = run.origin as Partial<RunOrigin> | null;
        const requestId = origin?.panel === this && typeof origin.requestId === 'number' ? origin.requestId : null;
        this.deps.log.info(`Inspector: ${run.role === 'genrm' ? 're-querying the GenRM' : 're-judging fidelity'} for record ${run.index} of ${this.uri.fsPath} (${run.model})`);
        this.post({ type: 'runStarted', requestId, runId: run.id, index: run.index, role: run.role, model: run.model });
        return;
      }
      case 'delta': {
        let p = this.pendingDeltas.get(run.id);
        if (!p) {
          p = { run, content: '', reasoning: '', reset: false };
          this.pendingDeltas.set(run.id, p);
        }
        if (e.reset) {
          p.content = '';
          p.reasoning = '';
          p.reset = true;
        }
        p.content += e.content;
        p.reasoning += e.reasoning;
        this.deltaTimer ??= setTimeout(() => this.flushDeltas(), DELTA_INTERVAL_MS);
        return;
      }
      case 'ended':
        this.flushDeltas(run.id);
        this.deps.log.info(`Inspector: run on record ${run.index} ${e.outcome}${e.message ? `: ${e.message}` : ''}`);
        this.post({ type: 'runEnded', runId: run.id, index: run.index, role: run.role, outcome: e.outcome, message: e.message, result: e.result ? resultView(e.result) : null });
        return;
    }
  }

  /** Sends what streamed since the last delta (of one run, or of all). */
  private flushDeltas(only?: number): void {
    if (only === undefined && this.deltaTimer) {
      clearTimeout(this.deltaTimer);
      this.deltaTimer = undefined;
    }
    for (const [id, p] of [...this.pendingDeltas]) {
      if (only !== undefined && id !== only) continue;
      this.pendingDeltas.delete(id);
      this.post({ type: 'runDelta', runId: id, index: p.run.index, role: p.run.role, content: p.content, reasoning: p.reasoning, reset: p.reset });
    }
    if (this.pendingDeltas.size === 0 && this.deltaTimer) {
      clearTimeout(this.deltaTimer);
      this.deltaTimer = undefined;
    }
  }

  /** A (re)loaded webview learns of runs in progress, with their text so far. */
  private replayRuns(): void {
    for (const run of this.deps.runs.runsOf(this.uri)) {
      this.pendingDeltas.delete(run.id);
      this.post({ type: 'runStarted', requestId: null, runId: run.id, index: run.index, role: run.role, model: run.model });
      this.post({ type: 'runDelta', runId: run.id, index: run.index, role: run.role, content: run.content, reasoning: run.reasoning, reset: true });
    }
  }

  private async runLlm(m: Extract<FromWebview, { type: 'runLlm' }>): Promise<void> {
    const refuse = (message: string) => this.post({ type: 'runRefused', requestId: m.requestId, index: m.index, role: m.role, message });
    let session: DatasetSession;
    try {
      session = await this.loadedSession();
    } catch (err) {
      refuse(err instanceof Error ? err.message : String(err));
      return;
    }
    if (m.index >= session.count) {
      refuse(`The file has ${session.count} records; there is no record ${m.index + 1}.`);
      return;
    }
    const origin: RunOrigin = { panel: this, requestId: m.requestId };
    const out = await this.deps.runs.run(this.uri, m.index, m.role, origin);
    if (out.status === 'refused') refuse(out.message);
  }

  private fileName(): string {
    return this.uri.path.split('/').pop() ?? this.uri.path;
  }

  // ----------------------------------------------------------------------------------------------
  // Requests

  private onMessage(raw: unknown): void {
    const checked = checkFromWebview(raw);
    if (!checked.ok) {
      this.deps.log.warn(`Inspector: dropped an invalid message from the webview: ${checked.error}`);
      return;
    }
    const m = checked.message;
    this.handle(m).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.warn(`Inspector: ${m.type} failed: ${message}`);
      this.post({ type: 'error', requestId: 'requestId' in m ? m.requestId : null, message });
    });
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (m.protocol !== PROTOCOL_VERSION) this.deps.log.warn(`Inspector: webview speaks protocol ${m.protocol}, host ${PROTOCOL_VERSION}`);
        if (!this.ready) this.deps.log.info(`Inspector: webview of ${this.uri.fsPath} ready ${Date.now() - this.openedAt} ms after opening`);
        this.ready = true;
        if (this.session) this.postSnapshot();
        else if (this.failure) this.post({ type: 'failed', message: this.failure });
        else this.postLoading();
        if (this.pendingSelect !== undefined) {
          this.post({ type: 'select', index: this.pendingSelect });
          this.pendingSelect = undefined;
        }
        this.postLlmStatus();
        this.replayRuns();
        return;
      case 'query':
        return this.query(m);
      case 'getRows':
        return this.rows(m.requestId, m.listId, m.start, m.count);
      case 'getRecord':
        return this.record(m.requestId, m.index);
      case 'locate': {
        const list = this.list;
        const position = list && list.id === m.listId ? list.indexes.indexOf(m.index) : -1;
        this.post({ type: 'located', requestId: m.requestId, listId: m.listId, position, index: position === -1 ? -1 : m.index });
        return;
      }
      case 'findNext':
        return this.findNext(m);
      case 'mark': {
        const session = await this.loadedSession();
        if (m.index >= session.count) throw new Error(`record ${m.index} is out of range`);
        await session.mark(m.index, m.verdict, m.note.trim() || undefined);
        this.deps.log.info(`Inspector: record ${m.index} of ${this.uri.fsPath} marked ${m.verdict ?? '(cleared)'}`);
        this.post({ type: 'marked', requestId: m.requestId });
        return;
      }
      case 'reveal': {
        const line = this.session ? this.session.lineOf(m.index) : this.preview?.records[m.index]?.line;
        if (line === undefined) throw new Error(`record ${m.index} is not loaded yet (or past the end of the file)`);
        await revealLine(this.uri, line);
        return;
      }
      case 'cancel':
        this.ops.get(m.requestId)?.abort();
        return;
      case 'log':
        this.deps.log[m.level](`Inspector webview: ${m.message}`);
        return;
      case 'runLlm':
        return this.runLlm(m);
      case 'cancelRun':
        this.deps.runs.cancel(m.runId);
        return;
      case 'alignWithModel': {
        const session = await this.loadedSession();
        if (m.index >= session.count) throw new Error(`record ${m.index} is out of range`);
        const out = await this.deps.alignWithModel(await session.record(m.index), this.uri.fsPath);
        this.post({ type: 'modelAlignment', requestId: m.requestId, index: m.index, alignments: out.alignments, message: out.message });
        return;
      }
    }
  }

  private async query(m: Query): Promise<void> {
    this.queryOp?.abort();
    const op = new AbortController();
    this.queryOp = op;
    this.ops.set(m.requestId, op);
    try {
      await this.data();
      if (op.signal.aborted) return;
      if (!this.session && this.preview) return this.previewQuery(m);
      const session = await this.loadedSession();
      const kinds = m.kinds && m.kinds.length < 5 ? m.kinds : null;
      let indexes: number[] | null = kinds || m.subset !== null ? session.filter(kinds, m.subset) : null;
      let note: string | null = null;
      const search = m.search.trim();
      if (search) {
        this.post({ type: 'progress', requestId: m.requestId, phase: 'search', done: 0, total: 0 });
        const hits = await session.search(search, indexes, SEARCH_LIMIT, op.signal);
        if (op.signal.aborted) return;
        if (hits.length >= SEARCH_LIMIT) note = `search stopped at the first ${SEARCH_LIMIT.toLocaleString('en-US')} matches`;
        indexes = hits;
      }
      let all = indexes ?? Array.from({ length: session.count }, (_, i) => i);
      if (m.sort !== 'file' && all.length > 0) {
        const cache = CoverageCache.for(session);
        // Unsorted first, so the list is usable while coverage is computed in the background.
        await this.publishList(m, all, false, true, note);
        await cache.compute(all, op.signal, (done, total) => this.post({ type: 'progress', requestId: m.requestId, phase: 'coverage', done, total }));
        if (op.signal.aborted) return;
        all = cache.sort(all, m.sort);
      }
      await this.publishList(m, all, false, false, note);
    } finally {
      this.ops.delete(m.requestId);
      if (this.queryOp === op) this.queryOp = undefined;
    }
  }

  private previewQuery(m: Query): Promise<void> {
    const preview = this.preview as Preview;
    const needle = m.search.trim().toLowerCase();
    const out: number[] = [];
    preview.records.forEach((r, i) => {
      if (m.kinds && !m.kinds.includes(preview.kinds[i] as RecordKind)) return;
      if (m.subset !== null && r.subset !== m.subset) return;
      if (needle && !searchableText(r).toLowerCase().includes(needle)) return;
      out.push(i);
    });
    return this.publishList(m, out, true, true, `loading: showing the first ${preview.records.length} records; the whole file is still being indexed`);
  }

  private async publishList(m: Query, indexes: number[], fromPreview: boolean, partial: boolean, note: string | null): Promise<void> {
    const list: List = { id: this.nextListId++, indexes: Int32Array.from(indexes), fromPreview };
    this.list = list;
    if (!fromPreview && !partial) {
      this.published = indexes;
      this.deps.filtered.set(this.uri, indexes);
    }
    const selectedPosition = m.selected === null ? -1 : list.indexes.indexOf(m.selected);
    // The first page travels with the list: one round trip less before anything shows.
    const start = m.first < list.indexes.length ? m.first : 0;
    const rows = m.count > 0 ? await this.rowViews(list, start, m.count) : [];
    if (this.list !== list) return;
    this.post({ type: 'list', requestId: m.requestId, listId: list.id, total: list.indexes.length, selectedPosition, partial, note, start, rows });
  }

  private async rows(requestId: number, listId: number, start: number, count: number): Promise<void> {
    const list = this.list;
    if (!list || list.id !== listId) return; // a newer list replaced it; the webview asks again
    const rows = await this.rowViews(list, start, count);
    if (this.list?.id !== listId) return;
    this.post({ type: 'rows', requestId, listId, start, rows });
  }

  private async rowViews(list: List, start: number, count: number): Promise<RowView[]> {
    const end = Math.min(list.indexes.length, start + count);
    const rows: RowView[] = [];
    if (list.fromPreview) {
      const preview = this.preview;
      if (!preview) return rows;
      for (let p = start; p < end; p++) {
        const i = list.indexes[p] as number;
        const r = preview.records[i] as EvalRecord;
        rows.push({ index: i, id: r.id, line: r.line, kind: preview.kinds[i] as RecordKind, gold: r.goldLabel, predicted: r.judgments[0]?.verdict ?? null, subset: r.subset, origin: r.fidelity?.origin ?? null, coverage: null });
      }
    } else {
      const session = this.session;
      if (!session) return rows;
      const cache = CoverageCache.for(session);
      for (let p = start; p < end; p++) {
        const i = list.indexes[p] as number;
        if (i >= session.count) continue;
        rows.push(rowView(session.row(i), await this.idOf(session, i), cache.get(i) ?? null));
      }
    }
    return rows;
  }

  /** The record's id, read from its bytes (the compact index keeps none); cached. */
  private async idOf(session: DatasetSession, index: number): Promise<string | null> {
    const cached = this.ids.get(index);
    if (cached !== undefined) return cached;
    const loc = session.index.at(index);
    let id: string | null = null;
    if (loc && loc.byteEnd - loc.byteStart <= MAX_ID_READ_BYTES) {
      try {
        id = (await readRecordAt(session.dataset, loc, index)).record?.id ?? null;
      } catch {
        id = null;
      }
    }
    if (this.ids.size >= ID_CACHE_LIMIT) this.ids.clear();
    this.ids.set(index, id);
    return id;
  }

  private async record(requestId: number, index: number): Promise<void> {
    await this.data();
    let record: EvalRecord;
    let kind: RecordKind;
    let baseDir: string;
    let requery: RequeryEntry | null = null;
    const preview = this.preview;
    if (!this.session && preview && index < preview.records.length) {
      record = preview.records[index] as EvalRecord;
      kind = preview.kinds[index] as RecordKind;
      baseDir = preview.baseDir;
    } else {
      const session = await this.loadedSession();
      record = await session.record(index);
      kind = session.kindOf(index);
      baseDir = session.baseDir;
      requery =
        (await this.requeries?.latest(index, record.id).catch((err: unknown) => {
          this.deps.log.warn(`Inspector: cannot read re-queries from the journal of ${this.uri.fsPath}: ${String(err)}`);
          return null;
        })) ?? null;
    }
    const journaled = await readAlignments(this.uri.fsPath).catch((err: unknown) => {
      this.deps.log.warn(`Inspector: cannot read the model alignments beside ${this.uri.fsPath}: ${String(err)}`);
      return null;
    });
    const view = await buildRecordView(record, kind, baseDir, requery, journaled ? journaledAlignmentViews(record, journaled) : []);
    this.post({ type: 'record', requestId, record: view });
    if (!this.firstRecordLogged) {
      this.firstRecordLogged = true;
      this.deps.sessions.resumeIndexing(this.uri);
      this.deps.log.info(`Inspector: first record of ${this.uri.fsPath} sent ${Date.now() - this.openedAt} ms after the Inspector opened`);
    }
  }

  private async findNext(m: Extract<FromWebview, { type: 'findNext' }>): Promise<void> {
    await this.data();
    const list = this.list;
    let position = -1;
    if (list && list.id === m.listId && list.indexes.length) {
      const n = list.indexes.length;
      const kindAt = (i: number): RecordKind | undefined => (list.fromPreview ? this.preview?.kinds[i] : this.session?.kindOf(i));
      for (let step = 1; step <= n; step++) {
        const p = m.from < 0 ? (m.direction === 1 ? step - 1 : n - step) : (((m.from + m.direction * step) % n) + n) % n;
        if (kindAt(list.indexes[p] as number) === m.kind) {
          position = p;
          break;
        }
      }
    }
    this.post({ type: 'located', requestId: m.requestId, listId: m.listId, position, index: position === -1 ? -1 : (list?.indexes[position] ?? -1) });
  }
}
