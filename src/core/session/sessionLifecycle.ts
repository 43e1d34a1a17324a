/**
 * One file's session through its states (sessionState.ts): opens the file, indexes it, follows its
 * verdicts once loaded, and reads it again when told it is stale or when asked after a failure.
 * Every change is one event. Pure: the editor's registry (src/extension/sessions.ts) decides when a
 * file is stale (its watchers, its settings); the CLI has no use for it.
 */
import { DatasetError } from '../dataset/dataset';
import type { SessionOptions } from './indexLoader';
import { DatasetSession } from './session';
import type { SessionState, SessionStateChange, StateFeed } from './sessionState';
import { CLOSED } from './sessionState';

/** One read of the file: a newer read or close() aborts it, and its late results are dropped. */
interface Read {
  readonly abort: AbortController;
  readonly opened: Promise<DatasetSession>;
  sessionListener?: { dispose(): void };
}

export class SessionLifecycle implements StateFeed {
  private current: SessionState = CLOSED;
  private readonly listeners = new Set<(change: SessionStateChange) => void>();
  /** The read under way, or the one that loaded the session. */
  private read: Read | undefined;

  /** `options`: asked at each read (the settings in force then); `onProgress` and `signal` are the lifecycle's own. */
  constructor(
    readonly path: string,
    private readonly options: () => SessionOptions,
  ) {}

  get state(): SessionState {
    return this.current;
  }

  onDidChange(listener: (change: SessionStateChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts a read unless one is under way or done: a closed, stale or failed session is read (again). */
  open(): void {
    const phase = this.current.phase;
    if (phase === 'opening' || phase === 'indexing' || phase === 'loaded') return;
    this.start();
  }

  /**
   * The file or the settings that read it changed: the session read so far is dropped (a read under
   * way stops) and never handed out; open() reads the file again. No effect on a closed or failed one.
   */
  markStale(): void {
    const phase = this.current.phase;
    if (phase === 'closed' || phase === 'failed' || phase === 'stale') return;
    this.stop();
    this.set({ phase: 'stale' });
  }

  /** Stops any read and forgets the session. */
  close(): void {
    this.stop();
    if (this.current.phase !== 'closed') this.set(CLOSED);
  }

  /** Holds the indexing back (see DatasetSession.pauseIndexing), once the read under way has opened the file. */
  pauseIndexing(ms: number, holder: string): void {
    void this.read?.opened.then(
      (s) => s.pauseIndexing(ms, holder),
      () => undefined, // a failed open is the 'failed' state, said there: nothing to pause
    );
  }

  resumeIndexing(holder: string): void {
    void this.read?.opened.then(
      (s) => s.resumeIndexing(holder),
      () => undefined, // a failed open is the 'failed' state, said there: nothing to resume
    );
  }

  private start(): void {
    this.stop();
    const abort = new AbortController();
    const live = () => this.read?.abort === abort;
    let session: DatasetSession | undefined;
    const onProgress = (records: number) => {
      if (live() && session && this.current.phase === 'indexing') this.set({ phase: 'indexing', session, records });
    };
    const opened = DatasetSession.open(this.path, { ...this.options(), onProgress, signal: abort.signal });
    const read: Read = { abort, opened };
    this.read = read;
    this.set({ phase: 'opening' });
    opened
      .then(async (s) => {
        if (!live()) return;
        session = s;
        this.set({ phase: 'indexing', session: s, records: s.count });
        await s.load();
        if (!live()) return;
        // Marks, runs and re-read journals change the verdicts in force: loaded again, same session.
        read.sessionListener = s.onDidChange(() => live() && this.current.phase === 'loaded' && this.set({ phase: 'loaded', session: s }));
        this.set({ phase: 'loaded', session: s });
      })
      .catch((err: unknown) => {
        if (!live()) return;
        this.read = undefined;
        const error = err instanceof Error ? err : new Error(String(err));
        this.set({ phase: 'failed', error, unrecognized: err instanceof DatasetError });
      });
  }

  private stop(): void {
    const read = this.read;
    this.read = undefined;
    read?.abort.abort();
    read?.sessionListener?.dispose();
  }

  private set(state: SessionState): void {
    const previous = this.current;
    this.current = state;
    for (const listener of [...this.listeners]) listener({ state, previous });
  }
}
