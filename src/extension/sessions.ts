/**
 * One DatasetSession per evaluation file, shared by the Inspector, hovers, status bar, marks and
 * diagnostics. Loads lazily, reloads when the file (or its journal / marks) changes on disk.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { BackgroundHold } from '../core/io/backgroundHold';
import { DatasetError } from '../core/dataset/dataset';
import { DatasetSession } from '../core/session/session';
import { JOURNAL_SUFFIX } from '../core/llm/journal';
import { MARKS_SUFFIX } from '../core/verdicts/marks';
import type { Logger } from '../core/log/logger';
import { errorText, logFailure } from '../core/log/logger';
import { SECTION, datasetOptionsFor } from './settings';

/**
 * Names worth trying as evaluation files: JSONL and JSON, gzip or zstd of either, Parquet, Inspect AI logs. What a
 * file is, is then told by its bytes (core/io/containers/packing.ts), never by this name alone.
 */
const EVALUATION_FILE_NAME = /\.(jsonl|json)(\.gz|\.zst)?$|\.(parquet|eval)$/i;

interface Entry {
  /** Resolves once the format is recognized from the first records, long before a large file is indexed. */
  readonly opening: Promise<DatasetSession>;
  readonly loading: Promise<DatasetSession>;
  session?: DatasetSession;
  readonly watcher: vscode.Disposable;
  readonly progress: Set<(records: number) => void>;
  /** Cancels the load when the entry is dropped (a file being appended to would pile up loads). */
  readonly abort: AbortController;
  /** The session being indexed (its figures cover the records read so far), once the format is known. */
  indexing?: DatasetSession;
  sessionListener?: { dispose(): void };
  reloadTimer?: NodeJS.Timeout;
  /**
   * A pending reload. 'file' (the dataset or the settings that read it changed) outranks
   * 'verdicts' (journal or marks changed): a later 'verdicts' event never cancels a 'file' reload.
   */
  pending?: 'file' | 'verdicts';
}

export class SessionRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a file's records or verdicts change (loaded, reloaded, re-judged, marked). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly notRecognized = new Set<string>();
  private disposed = false;
  /**
   * Held while an Inspector draws its first screen: the status bar's whole-file tally workers wait
   * between batches (docs/ARCHITECTURE.md, "The first screen").
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

  /**
   * The loaded session if there is one already, without starting a load. Undefined while the file
   * or its settings have changed and the reload is pending: callers then load afresh through get().
   */
  peek(uri: vscode.Uri): DatasetSession | undefined {
    const entry = this.entries.get(uri.fsPath);
    return entry?.pending === 'file' ? undefined : entry?.session;
  }

  /** The session still being indexed, for figures so far; undefined once loaded (see peek) or when stale. */
  indexing(uri: vscode.Uri): DatasetSession | undefined {
    const entry = this.entries.get(uri.fsPath);
    return entry && !entry.session && entry.pending !== 'file' ? entry.indexing : undefined;
  }

  /**
   * Holds the indexing worker back (up to `ms`) while a view draws its first screen ('view') or the
   * status bar's tally has the cores ('tally'): on a machine with few cores the worker otherwise
   * slows them. resumeIndexing() with the same holder lets go of that holder's pause only.
   */
  pauseIndexing(uri: vscode.Uri, ms: number, holder: 'view' | 'tally' = 'view'): void {
    void this.entries.get(uri.fsPath)?.opening.then(
      (s) => s.pauseIndexing(ms, holder),
      () => undefined, // a failed open: get() logs it, nothing to pause
    );
  }

  resumeIndexing(uri: vscode.Uri, holder: 'view' | 'tally' = 'view'): void {
    void this.entries.get(uri.fsPath)?.opening.then(
      (s) => s.resumeIndexing(holder),
      () => undefined, // a failed open: get() logs it, nothing to resume
    );
  }

  /** Whether the last attempt found no known format in this file (e.g. package.json). */
  isNotEvaluationFile(uri: vscode.Uri): boolean {
    return this.notRecognized.has(uri.fsPath);
  }

  /**
   * Opens and loads the file once; later calls share the same session. A caller whose load is
   * superseded (the file or its settings changed meanwhile) gets the fresh session instead.
   */
  get(uri: vscode.Uri, onProgress?: (records: number) => void): Promise<DatasetSession> {
    if (this.disposed) return Promise.reject(new Error('Rationale Lens is shutting down'));
    const key = uri.fsPath;
    const existing = this.entries.get(key);
    // A session read before the file or its settings changed is never handed out: reload now.
    if (existing?.pending === 'file') this.discard(key, existing);
    else if (existing) {
      // Every caller hears the load's progress, not only the first one.
      if (onProgress && !existing.session) existing.progress.add(onProgress);
      return existing.loading;
    }
    const progress = new Set<(records: number) => void>(onProgress ? [onProgress] : []);
    const current = (entry: Entry) => this.entries.get(key) === entry;
    const abort = new AbortController();
    const opening = this.open(uri, (n) => progress.forEach((l) => l(n)), abort.signal);
    opening.then(
      (s) => (entry.indexing = s),
      () => undefined, // the same failure rejects `loading`, which logs it below
    );
    const entry: Entry = {
      abort,
      opening,
      loading: opening.then(async (s) => {
        await s.load();
        return s;
      }).then(
        (s) => {
          if (!current(entry)) return this.get(uri);
          entry.session = s;
          // Marks and verdict reloads made through the session itself reach every listener.
          entry.sessionListener = s.onDidChange(() => this.changed.fire(uri));
          this.notRecognized.delete(key);
          this.changed.fire(uri);
          return s;
        },
        (err: unknown) => {
          if (!current(entry)) return this.get(uri);
          this.log.warn(`cannot read ${key}: ${errorText(err)}`);
          if (err instanceof DatasetError) this.notRecognized.add(key);
          this.discard(key, entry);
          throw err;
        },
      ),
      watcher: this.watch(uri),
      progress,
    };
    this.entries.set(key, entry);
    return entry.loading;
  }

  /**
   * Whether the file is in a known format, from its first records: starts the load if none is
   * running, and answers long before a large file is indexed.
   */
  async isRecognized(uri: vscode.Uri): Promise<boolean> {
    this.get(uri).catch(() => undefined); // get() logs a failed load; the answer below says it
    const entry = this.entries.get(uri.fsPath);
    return entry ? entry.opening.then(() => true, () => false) : false;
  }

  private open(uri: vscode.Uri, onProgress: (records: number) => void, signal: AbortSignal): Promise<DatasetSession> {
    const { options, problems } = datasetOptionsFor(uri);
    for (const p of problems) void vscode.window.showWarningMessage(`Rationale Lens: ${p}`);
    return DatasetSession.open(uri.fsPath, { ...options, onProgress, indexInWorker: true, signal });
  }

  private watch(uri: vscode.Uri): vscode.Disposable {
    const pattern = new vscode.RelativePattern(vscode.Uri.file(dirname(uri.fsPath)), `${basename(uri.fsPath)}{,${JOURNAL_SUFFIX},${MARKS_SUFFIX}}`);
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onEvent = (changed: vscode.Uri) => this.reload(uri, changed.fsPath === uri.fsPath ? 'file' : 'verdicts');
    return vscode.Disposable.from(watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent));
  }

  /** Debounced: a re-judging run appends many journal lines in quick succession. */
  reload(uri: vscode.Uri, what: 'file' | 'verdicts'): void {
    const entry = this.entries.get(uri.fsPath);
    if (!entry) return;
    if (entry.pending !== 'file') entry.pending = what;
    if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    entry.reloadTimer = setTimeout(() => {
      entry.reloadTimer = undefined;
      if (this.entries.get(uri.fsPath) !== entry) return;
      if (entry.pending === 'verdicts') {
        // Journal or marks changed: re-read them once the file is indexed (a judging run must not
        // restart the indexing of a large file with every line it writes).
        entry.pending = undefined;
        entry.loading.then(
          (session) => session.reloadVerdictsIfChanged().then((reread) => reread && this.changed.fire(uri), logFailure(this.log, `cannot re-read the journal or marks of ${uri.fsPath}`)),
          () => undefined, // a failed load: get() logged it
        );
        return;
      }
      this.reloadNow(uri, entry);
    }, 150);
  }

  /** Drops the entry and starts a fresh load with the settings in force now. */
  private reloadNow(uri: vscode.Uri, entry: Entry): void {
    this.discard(uri.fsPath, entry);
    // A file that no longer reads still tells the listeners (they clear what they showed).
    this.get(uri).catch(() => this.changed.fire(uri)); // get() logged why
  }

  private discard(key: string, entry: Entry): void {
    entry.abort.abort();
    if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    entry.watcher.dispose();
    entry.sessionListener?.dispose();
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    this.background.release();
    for (const entry of this.entries.values()) {
      entry.abort.abort();
      entry.watcher.dispose();
      entry.sessionListener?.dispose();
      if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    }
    this.entries.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
