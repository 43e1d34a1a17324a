/**
 * One session per evaluation file, shared by the Inspector, hovers, status bar, marks and
 * diagnostics, each read through its state (core/session/sessionState.ts: `state(uri)` and
 * `onDidChangeState`). Loads lazily, reloads when the file (or its journal / marks) changes on disk.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { BackgroundHold } from '../core/io/backgroundHold';
import type { DatasetSession, SessionOptions } from '../core/session/session';
import { SessionLifecycle } from '../core/session/sessionLifecycle';
import type { SessionState, SessionStateChange, StateFeed } from '../core/session/sessionState';
import { CLOSED, loadedSession, whenState } from '../core/session/sessionState';
import { JOURNAL_SUFFIX } from '../core/llm/journal';
import { MARKS_SUFFIX } from '../core/verdicts/marks';
import type { Logger } from '../core/log/logger';
import { errorText, logFailure } from '../core/log/logger';
import { SECTION, datasetOptionsFor } from './settings';

/** The holder name of a view's pause of a file's index workers. */
const VIEW_PAUSE = 'view';

/**
 * Names worth trying as evaluation files: JSONL and JSON, gzip or zstd of either, Parquet, Inspect AI logs. What a
 * file is, is then told by its bytes (core/io/containers/packing.ts), never by this name alone.
 */
const EVALUATION_FILE_NAME = /\.(jsonl|json)(\.gz|\.zst)?$|\.(parquet|eval)$/i;

interface Entry {
  readonly lifecycle: SessionLifecycle;
  readonly subscription: { dispose(): void };
  /** Watches the file, its journal and its marks while it is read (a failed read has none). */
  watcher?: vscode.Disposable;
  reloadTimer?: NodeJS.Timeout;
  /**
   * A pending reload. 'file' (the dataset or the settings that read it changed) outranks
   * 'verdicts' (journal or marks changed): a later 'verdicts' event never cancels a 'file' reload.
   */
  pending?: 'file' | 'verdicts';
}

/** A file's session changed state (sessionState.ts): a phase, more records indexed, or its verdicts. */
export interface SessionStateEvent extends SessionStateChange {
  readonly uri: vscode.Uri;
}

export class SessionRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<SessionStateEvent>();
  /** Fires on every change of a file's state: opening, each batch indexed, loaded, verdicts changed, stale, failed. */
  readonly onDidChangeState = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private disposed = false;
  /**
   * Held while an Inspector draws its first screen, from its command on: every file's index workers
   * wait between batches (docs/ARCHITECTURE.md, "The first screen").
   */
  readonly background = new BackgroundHold();

  /** `log`: where a failed load or verdict reload is said (the extension's one log). */
  constructor(private readonly log: Logger) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) for (const key of [...this.entries.keys()]) this.reload(vscode.Uri.file(key), 'file');
      }),
    );
  }

  static isCandidate(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && EVALUATION_FILE_NAME.test(uri.fsPath) && !uri.fsPath.endsWith(JOURNAL_SUFFIX) && !uri.fsPath.endsWith(MARKS_SUFFIX);
  }

  /** Where the file's session stands now ('closed' when it was never asked for). Starts nothing. */
  state(uri: vscode.Uri): SessionState {
    return this.entries.get(uri.fsPath)?.lifecycle.state ?? CLOSED;
  }

  /** One file's state and its changes, for whenState(). */
  feed(uri: vscode.Uri): StateFeed {
    const key = uri.fsPath;
    const now = () => this.state(uri);
    return {
      get state() {
        return now();
      },
      onDidChange: (listener) => this.onDidChangeState((e) => e.uri.fsPath === key && listener(e)),
    };
  }

  /**
   * Holds the file's index workers back (up to `ms`) while a view draws its first screen: on a
   * machine with few cores they otherwise slow it. The pause is the session's 'view' holder's, so
   * resumeIndexing() never cuts short another holder's (DatasetSession.pauseIndexing).
   */
  pauseIndexing(uri: vscode.Uri, ms: number): void {
    this.entries.get(uri.fsPath)?.lifecycle.pauseIndexing(ms, VIEW_PAUSE);
  }

  resumeIndexing(uri: vscode.Uri): void {
    this.entries.get(uri.fsPath)?.lifecycle.resumeIndexing(VIEW_PAUSE);
  }

  /**
   * Starts reading the file unless it is read or being read (a stale or failed one is read again now),
   * and resolves with its session once loaded. A read superseded meanwhile (the file or its settings
   * changed) hands out the fresh session instead; a failed one rejects with why.
   */
  get(uri: vscode.Uri): Promise<DatasetSession> {
    if (this.disposed) return Promise.reject(new Error('Rationale Lens is shutting down'));
    const entry = this.open(uri);
    return whenState(entry.lifecycle, loadedSession);
  }

  private open(uri: vscode.Uri): Entry {
    const key = uri.fsPath;
    let entry = this.entries.get(key);
    if (!entry) {
      const lifecycle = new SessionLifecycle(key, () => this.optionsFor(uri));
      entry = { lifecycle, subscription: lifecycle.onDidChange((change) => this.onLifecycle(uri, change)) };
      this.entries.set(key, entry);
    }
    // A session read before the file or its settings changed is never handed out: read again now.
    if (entry.lifecycle.state.phase === 'stale' && entry.pending === 'file') {
      clearTimeout(entry.reloadTimer);
      entry.reloadTimer = undefined;
      entry.pending = undefined;
    }
    entry.watcher ??= this.watch(uri);
    entry.lifecycle.open();
    return entry;
  }

  private onLifecycle(uri: vscode.Uri, change: SessionStateChange): void {
    const entry = this.entries.get(uri.fsPath);
    if (change.state.phase === 'failed' && entry) {
      this.log.warn(`cannot read ${uri.fsPath}: ${errorText(change.state.error)}`);
      entry.watcher?.dispose();
      entry.watcher = undefined;
    }
    this.changed.fire({ uri, ...change });
  }

  private optionsFor(uri: vscode.Uri): SessionOptions {
    const { options, problems } = datasetOptionsFor(uri);
    for (const p of problems) void vscode.window.showWarningMessage(`Rationale Lens: ${p}`);
    // One whole-file pass gives the views and the status bar their figures: a plain R-Align JSONL
    // file in byte ranges, one worker a core (docs/ARCHITECTURE.md, "The whole-file passes").
    return { ...options, indexInWorker: true, indexRanges: 'auto', backgroundHold: this.background.flag };
  }

  private watch(uri: vscode.Uri): vscode.Disposable {
    const pattern = new vscode.RelativePattern(vscode.Uri.file(dirname(uri.fsPath)), `${basename(uri.fsPath)}{,${JOURNAL_SUFFIX},${MARKS_SUFFIX}}`);
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onEvent = (changed: vscode.Uri) => this.reload(uri, changed.fsPath === uri.fsPath ? 'file' : 'verdicts');
    return vscode.Disposable.from(watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent));
  }

  /**
   * The file ('file') or its journal or marks ('verdicts') changed. A changed file is stale at once
   * and read again once the changes settle (debounced: a re-judging run appends many journal lines
   * in quick succession). Nothing to do for a file never read or whose read failed.
   */
  reload(uri: vscode.Uri, what: 'file' | 'verdicts'): void {
    const entry = this.entries.get(uri.fsPath);
    const phase = entry?.lifecycle.state.phase;
    if (!entry || phase === 'closed' || phase === 'failed') return;
    if (entry.pending !== 'file') entry.pending = what;
    if (what === 'file') entry.lifecycle.markStale();
    if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    entry.reloadTimer = setTimeout(() => {
      entry.reloadTimer = undefined;
      if (this.entries.get(uri.fsPath) !== entry) return;
      const pending = entry.pending;
      entry.pending = undefined;
      if (pending === 'file') return entry.lifecycle.open(); // reads with the settings in force now
      // Journal or marks changed: re-read them once the file is indexed (a judging run must not
      // restart the indexing of a large file with every line it writes). The session says the change.
      whenState(entry.lifecycle, loadedSession).then(
        (session) => session.reloadVerdictsIfChanged().catch(logFailure(this.log, `cannot re-read the journal or marks of ${uri.fsPath}`)),
        () => undefined, // a failed load: logged where it failed (onLifecycle)
      );
    }, 150);
  }

  dispose(): void {
    this.disposed = true;
    this.background.release();
    for (const entry of this.entries.values()) {
      entry.subscription.dispose();
      entry.lifecycle.close();
      entry.watcher?.dispose();
      if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    }
    this.entries.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
