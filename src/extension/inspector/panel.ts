/**
 * One Inspector webview: its lifecycle and the dispatch of the webview's requests. Everything is
 * answered from the shared DatasetSession, while it indexes (the records read so far, said to be
 * partial) and once it is loaded; the list (listService.ts) and the runs (runRelay.ts) are pure
 * parts of their own. Only pages of rows and single records cross to the webview.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { DatasetSession } from '../../core/session/session';
import type { SessionState } from '../../core/session/sessionState';
import { loadedSession, shownSession, whenState } from '../../core/session/sessionState';
import type { FromWebview, ToWebview } from '../../protocol/messages';
import { PROTOCOL_VERSION, checkFromWebview } from '../../protocol/messages';
import type { FilteredRecords } from '../filters';
import type { RecordRuns } from '../llm/recordRuns';
import type { SessionRegistry } from '../sessions';
import type { AlignWithModel } from './alignWithModel';
import { inspectorHtml } from './html';
import { webviewRoot } from '../webviewShell';
import { llmStatus, onLlmStatusChange } from './llmStatus';
import { RecordExtras } from './recordExtras';
import { ListService } from '../../presentation/listService';
import { MarkHistory } from '../../presentation/markFeedback';
import { FirstScreen } from './firstScreen';
import { firstRecordForPage, openedSession } from './firstPage';
import { revealLine } from './reveal';
import { InspectorThemes } from './themes';
import { RunRelay } from '../../presentation/runRelay';
import { relaySamples, requestModelRun, type SampleRequestHost } from './sampleRequest';
import { snapshotView } from '../../presentation/snapshotViews';
import { loadingViews, partialFigures } from '../../presentation/loadingViews';
import { samplesForSnapshot } from './inspectorSamples';
import { RecordAnswers } from './recordAnswers';
import { unstableFlipRate } from '../settings';

export interface PanelDeps {
  readonly sessions: SessionRegistry;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Where the "… Filtered Records" commands read what this Inspector shows. */
  readonly filtered: FilteredRecords;
  /** Model runs on single records (started here, from a hover link or a command). */
  readonly runs: RecordRuns;
  readonly sampleRuns: SampleRequestHost['sampleRuns'];
  /** The model tier on one record ("Align with model"). */
  readonly alignWithModel: AlignWithModel;
  /** A mark was appended to `marksFile` (the first one ever says where marks are kept). */
  readonly onMarked: (marksFile: string) => void;
}

export class InspectorPanel {
  /** The file's session: indexing (records so far) until `loaded`. */
  private session: DatasetSession | undefined;
  private loaded = false;
  private failure: string | undefined;
  private ready = false;
  private loadedSoFar = 0;
  private pendingSelect: number | undefined;
  private queryOp: AbortController | undefined;
  private readonly ops = new Map<number, AbortController>();
  private readonly disposables: { dispose(): unknown }[] = [];
  private changeTimer: NodeJS.Timeout | undefined;
  private pendingChange: 'verdicts' | 'file' | undefined;
  private lastProgressPost = 0;
  /** Aborted when the Inspector closes: its waits on the session's state end. */
  private readonly closed = new AbortController();
  private disposed = false;
  private readonly openedAt = Date.now();
  private firstRecordLogged = false;
  /** The page's record 0 was read before the file was loaded: asked again once it is (the marks' verdicts). */
  private firstPartial = false;
  private readonly firstScreen: FirstScreen;
  /** The last full list this Inspector published to the "… Filtered Records" commands. */
  private published: readonly number[] | undefined;
  private readonly list: ListService;
  private readonly runs: RunRelay;
  /** The marks made here, for undo (u). */
  private readonly markHistory = new MarkHistory();
  private readonly extras: RecordExtras;
  private readonly answers: RecordAnswers;
  private readonly themes: InspectorThemes;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
  ) {
    this.firstScreen = new FirstScreen(deps.sessions, uri);
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(deps.extensionUri)] };
    this.list = new ListService((indexes) => {
      this.published = indexes;
      deps.filtered.set(uri, indexes);
    });
    this.runs = new RunRelay(this, (m) => this.post(m));
    this.themes = new InspectorThemes(this.list, (m) => this.post(m), this.ops);
    this.extras = new RecordExtras(uri.fsPath, deps.log);
    this.answers = new RecordAnswers(this.extras);
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      deps.sessions.onDidChangeState((e) => e.uri.toString() === uri.toString() && this.onState(e.state, e.state.phase !== e.previous.phase)),
      deps.runs.onDidChange((e) => {
        if (this.disposed || e.run.uri.toString() !== this.uri.toString()) return;
        if (e.kind !== 'delta') this.deps.log.info(`Inspector: run on record ${e.run.index} (${e.run.role}, ${e.run.model}) ${e.kind === 'started' ? 'started' : `${e.outcome}${e.message ? `: ${e.message}` : ''}`}`);
        this.runs.onEvent(e);
      }),
      relaySamples(deps.sampleRuns, uri, (m) => this.post(m)),
      onLlmStatusChange(() => this.post(llmStatus())),
      // The "unstable" threshold changed: the filter's count and list follow.
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('rationaleLens.samples') && this.scheduleChange('verdicts')),
      // With two Inspectors on one file, the palette's "… Filtered Records" act on the one in front.
      panel.onDidChangeViewState(() => {
        if (panel.active && this.published) this.deps.filtered.set(this.uri, this.published);
      }),
    );
    this.start();
    void this.setPage();
  }

  /** The page, with record 0 in it when the file has it soon enough (firstPage.ts). */
  private async setPage(): Promise<void> {
    const opened = () => whenState(this.deps.sessions.feed(this.uri), openedSession, this.closed.signal);
    let first = await firstRecordForPage({ opened, shown: () => this.current() }, this.answers);
    if (this.disposed) return;
    if ((this.pendingSelect ?? 0) !== 0) first = undefined; // opened to show another record: no record 0 first
    this.panel.webview.html = inspectorHtml(this.panel.webview, this.deps.extensionUri, this.fileName(), first?.view, this.deps.log);
    this.firstPartial = first?.partial ?? false;
    if (first) this.logFirstRecord(first.fromHead ? "read from the file's head, in its page" : 'in its page');
  }

  private logFirstRecord(how: string): void {
    this.firstRecordLogged = true;
    this.deps.log.info(`Inspector: first record of ${this.uri.fsPath} sent ${Date.now() - this.openedAt} ms after the Inspector opened, ${how}`);
  }

  /** Lists only `indexes` (an audit's sample; null ends it), saying why in the list's note. */
  restrictList(indexes: readonly number[] | null, note: string): void {
    this.list.restrict(indexes, note);
    this.post({ type: 'invalidate', reason: 'verdicts' });
  }

  /** Shows record `index` (from a command); queued until the webview is ready. */
  select(index: number): void {
    if (this.ready) this.post({ type: 'select', index });
    else this.pendingSelect = index;
  }

  dispose(): void {
    this.disposed = true;
    this.firstScreen.end();
    this.queryOp?.abort();
    for (const op of this.ops.values()) op.abort();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.runs.dispose();
    for (const d of this.disposables) d.dispose();
    // Another Inspector of the same file may have published since: leave its list alone.
    if (this.published && this.deps.filtered.get(this.uri) === this.published) this.deps.filtered.clear(this.uri);
    this.closed.abort(new Error('the Inspector was closed'));
  }

  // ----------------------------------------------------------------------------------------------
  // Loading: one session, shown while it indexes and once it is loaded

  private start(): void {
    this.deps.sessions.get(this.uri).catch(() => undefined); // starts the read; its 'failed' state is shown (onState)
    this.firstScreen.begin(); // after get(): the file's session exists to be paused
    this.onState(this.deps.sessions.state(this.uri), true);
  }

  /** Follows the file's state: shows the records so far while it indexes, the whole file once loaded, or why it failed. */
  private onState(state: SessionState, newPhase: boolean): void {
    if (this.disposed) return;
    if (state.phase === 'loaded') {
      if (state.session !== this.session || !this.loaded) this.attach(state.session, true);
      else this.scheduleChange('verdicts');
    } else if (state.phase === 'indexing') {
      this.onProgress(state.session, state.records);
    } else if (state.phase === 'failed' && newPhase && !this.session) {
      // A file that fails to read again later leaves what this Inspector shows as it was.
      this.failure = state.error.message;
      this.deps.log.warn(`Inspector: cannot open ${this.uri.fsPath}: ${this.failure}`);
      this.firstScreen.end();
      this.post({ type: 'failed', message: this.failure });
    }
  }

  /** Records indexed so far; a file read again while shown whole stays shown until it is loaded again. */
  private onProgress(indexing: DatasetSession, records: number): void {
    if (this.loaded) return;
    this.loadedSoFar = records;
    if (!this.session && indexing.count > 0) {
      this.deps.log.info(`Inspector: first ${indexing.count} records of ${this.uri.fsPath} indexed ${Date.now() - this.openedAt} ms after opening`);
      this.attach(indexing, false);
    }
    const now = Date.now();
    if (now - this.lastProgressPost > 200) {
      this.lastProgressPost = now;
      const figures = partialFigures(indexing);
      if (figures) this.post(figures);
    }
  }

  /** Answers from `session` from now on; `loaded` once it has read the whole file. */
  private attach(session: DatasetSession, loaded: boolean): void {
    if (this.disposed || (session === this.session && loaded === this.loaded)) return;
    const hadData = this.session !== undefined;
    if (loaded) this.deps.log.info(`Inspector: ${this.uri.fsPath} indexed (${session.count} records) ${Date.now() - this.openedAt} ms after the Inspector opened`);
    if (session !== this.session) this.extras.attach(session.path);
    this.session = session;
    this.loaded = loaded;
    this.failure = undefined;
    if (loaded) this.postSnapshot();
    else this.postLoading();
    // The list shown so far was partial (or of a session read before the file changed), or record 0 in the page was: ask again (onReady does, once ready).
    if ((hadData || this.firstPartial) && loaded && this.ready) {
      this.firstPartial = false;
      this.post({ type: 'invalidate', reason: 'file' });
    }
  }

  private scheduleChange(reason: 'verdicts' | 'file'): void {
    if (!this.loaded) return; // the end of the load announces itself
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

  /** The session (indexing or loaded) once it has records to show, or is loaded; rejects when the file fails or the Inspector closes. */
  private current(): Promise<DatasetSession> {
    return whenState(this.deps.sessions.feed(this.uri), shownSession, this.closed.signal);
  }

  /** The session once it has read the whole file (marks and model runs wait for it). */
  private loadedSession(): Promise<DatasetSession> {
    return whenState(this.deps.sessions.feed(this.uri), loadedSession, this.closed.signal);
  }

  /** A record that is indexed already, or (past what is indexed so far) once the file is loaded. */
  private async sessionWith(index: number): Promise<DatasetSession> {
    const s = await this.current();
    return index < s.count ? s : this.loadedSession();
  }

  // ----------------------------------------------------------------------------------------------
  // Posting

  private post(message: ToWebview): void {
    if (this.disposed || !this.ready) return;
    // Rejected only when the webview went away meanwhile: nobody is left to tell.
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private postLoading(): void {
    if (this.loaded) return;
    for (const message of loadingViews(this.fileName(), this.loadedSoFar, this.session)) this.post(message);
  }

  private postSnapshot(): void {
    const s = this.session;
    if (s && this.loaded) this.post({ type: 'snapshot', snapshot: snapshotView(s.snapshot(), s.subsets(), s.dataset.sizeBytes, samplesForSnapshot(s, this.deps.log, () => this.session === s && this.postSnapshot())) });
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
        return this.onReady(m.protocol);
      case 'query':
        return this.query(m);
      case 'getRows':
      case 'locate':
        return this.list.answer(m, (reply) => this.post(reply));
      case 'getRecord':
        return this.record(m.requestId, m.index);
      case 'getRecords':
        // The session first (past what is indexed so far it waits for the load), as for getRecord.
        return this.answers.views(await this.sessionWith(Math.max(...m.indexes)), m.indexes, (records, last) => this.post({ type: 'records', requestId: m.requestId, records, last }));
      case 'findNext': {
        await this.current();
        this.post({ type: 'located', requestId: m.requestId, listId: m.listId, ...this.list.findNext(m) });
        return;
      }
      case 'mark': {
        const session = await this.loadedSession();
        if (m.index >= session.count) throw new Error(`record ${m.index} is out of range`);
        const answer = await this.markHistory.mark(session, m.requestId, m.index, m.verdict, m.note.trim() || undefined);
        this.deps.log.info(`Inspector: record ${m.index} of ${this.uri.fsPath} marked ${m.verdict ?? '(cleared)'} in ${session.marksFile}`);
        this.post(answer);
        this.deps.onMarked(session.marksFile);
        return;
      }
      case 'undoMark': {
        const answer = await this.markHistory.undo(await this.loadedSession(), m.requestId);
        if (!answer) throw new Error('Nothing to undo: no mark was made in this Inspector.');
        this.deps.log.info(`Inspector: mark on record ${answer.index} of ${this.uri.fsPath} undone (now ${answer.verdict ?? 'unmarked'})`);
        this.post(answer);
        return;
      }
      case 'reveal':
        return revealLine(this.uri, (await this.sessionWith(m.index)).lineOf(m.index));
      case 'copyLink':
        await vscode.commands.executeCommand(COMMANDS.copyRecordLink, this.uri, m.index);
        return;
      case 'cancel':
        this.ops.get(m.requestId)?.abort();
        return;
      case 'log':
        this.deps.log[m.level](`Inspector webview: ${m.message}`);
        return;
      case 'runLlm':
      case 'cancelRun':
      case 'requerySamples':
      case 'cancelSamples':
        return requestModelRun(m, { session: () => this.loadedSession(), runs: this.deps.runs, sampleRuns: this.deps.sampleRuns, filtered: this.deps.filtered, uri: this.uri, owner: this, post: (x) => this.post(x) });
      case 'themes':
      case 'filterTheme':
        return this.themes.handle(m, await this.current());
      case 'workbench':
        return vscode.commands.executeCommand<void>(m.action === 'setUpEndpoints' ? COMMANDS.setUpEndpoints : 'workbench.actions.view.problems');
      case 'alignWithModel': {
        const session = await this.loadedSession();
        if (m.index >= session.count) throw new Error(`record ${m.index} is out of range`);
        const out = await this.deps.alignWithModel(await session.record(m.index), this.uri.fsPath);
        this.post({ type: 'modelAlignment', requestId: m.requestId, index: m.index, alignments: out.alignments, message: out.message });
        return;
      }
    }
  }

  private onReady(protocol: number): void {
    if (protocol !== PROTOCOL_VERSION) this.deps.log.warn(`Inspector: webview speaks protocol ${protocol}, host ${PROTOCOL_VERSION}`);
    if (!this.ready) this.deps.log.info(`Inspector: webview of ${this.uri.fsPath} ready ${Date.now() - this.openedAt} ms after opening`);
    this.ready = true;
    if (this.firstRecordLogged) this.firstScreen.end(); // the page had its first record: it paints it now
    if (this.loaded) {
      this.postSnapshot();
      if (this.firstPartial) this.post({ type: 'invalidate', reason: 'file' }); // loaded before the page was ready
      this.firstPartial = false;
    } else if (this.failure) this.post({ type: 'failed', message: this.failure });
    else this.postLoading();
    if (this.pendingSelect !== undefined) {
      this.post({ type: 'select', index: this.pendingSelect });
      this.pendingSelect = undefined;
    }
    this.post(llmStatus());
    this.runs.replay(this.deps.runs.runsOf(this.uri));
  }

  private async query(m: Extract<FromWebview, { type: 'query' }>): Promise<void> {
    this.queryOp?.abort();
    const op = new AbortController();
    this.queryOp = op;
    this.ops.set(m.requestId, op);
    try {
      const session = await this.current();
      this.list.sampleThreshold = unstableFlipRate();
      if (!op.signal.aborted) await this.list.query(session, m, op.signal, (message) => this.post(message));
    } finally {
      this.ops.delete(m.requestId);
      if (this.queryOp === op) this.queryOp = undefined;
    }
  }

  private async record(requestId: number, index: number): Promise<void> {
    // The session first (past what is indexed so far it waits for the load): a wait outside the queue of answers.
    const view = await this.answers.view(await this.sessionWith(index), index);
    this.post({ type: 'record', requestId, record: view });
    if (!this.firstRecordLogged) {
      this.firstScreen.end();
      this.logFirstRecord('asked');
    }
  }
}
