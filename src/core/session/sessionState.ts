/**
 * Where a file's session stands, as one named state with one change event (docs/ARCHITECTURE.md,
 * "A session's state"). Every view reads the state instead of rebuilding it from several questions,
 * and every wait is one `whenState` on the event (no polling).
 *
 *   closed → opening → indexing (records so far) → loaded (loaded again when its verdicts change)
 *   opening | indexing | loaded → stale (the file or its settings changed) → opening
 *   opening | indexing → failed (unrecognized: no evaluation file there) → opening when asked again
 */
import type { DatasetSession } from './session';

export type SessionState =
  /** No session: never asked for here, or closed. */
  | { readonly phase: 'closed' }
  /** Reading the first records to recognize the format. */
  | { readonly phase: 'opening' }
  /** The format is known; `session` answers for the `records` indexed so far (figures are partial). */
  | { readonly phase: 'indexing'; readonly session: DatasetSession; readonly records: number }
  /** The whole file is indexed and its journal and marks are read. */
  | { readonly phase: 'loaded'; readonly session: DatasetSession }
  /** The file or the settings that read it changed: the session read before is never handed out. */
  | { readonly phase: 'stale' }
  /**
   * The file cannot be read. `unrecognized`: it is no evaluation file the reader knows (no known format,
   * e.g. package.json; missing; not a file), so views leave it alone; else a read went wrong midway.
   */
  | { readonly phase: 'failed'; readonly error: Error; readonly unrecognized: boolean };

/** One change: a new phase, more records indexed, or (loaded to loaded) the verdicts in force changed. */
export interface SessionStateChange {
  readonly state: SessionState;
  readonly previous: SessionState;
}

/** Something whose session state can be read and followed: one file's lifecycle, or the registry's view of one file. */
export interface StateFeed {
  readonly state: SessionState;
  onDidChange(listener: (change: SessionStateChange) => void): { dispose(): void };
}

export const CLOSED: SessionState = Object.freeze({ phase: 'closed' });

/** The session once the whole file is read, else undefined. */
export function loadedSession(state: SessionState): DatasetSession | undefined {
  return state.phase === 'loaded' ? state.session : undefined;
}

/** The session a view can show: loaded, or indexing with some records read (partial figures). */
export function shownSession(state: SessionState): DatasetSession | undefined {
  if (state.phase === 'loaded') return state.session;
  return state.phase === 'indexing' && state.session.count > 0 ? state.session : undefined;
}

/** Whether the last read found no evaluation file there (no known format, e.g. package.json, or none at all): views leave it alone. */
export function isUnrecognized(state: SessionState): boolean {
  return state.phase === 'failed' && state.unrecognized;
}

/** Whether the state is one that a view redraws for: loaded (first time, or verdicts changed) or failed. */
export function isSettled(state: SessionState): boolean {
  return state.phase === 'loaded' || state.phase === 'failed';
}

/**
 * The one wait on a session's state: resolves with `pick(state)` the first time it is defined (now or
 * after a change), rejects with the file's error when it fails first, or when `signal` aborts.
 */
export function whenState<T>(feed: StateFeed, pick: (state: SessionState) => T | undefined, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const held: { sub?: { dispose(): void } } = {};
    const done = () => {
      held.sub?.dispose();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal?.reason instanceof Error ? signal.reason : new Error('the wait was cancelled'));
    };
    const check = (state: SessionState): boolean => {
      const picked = pick(state);
      if (picked !== undefined) {
        done();
        resolve(picked);
        return true;
      }
      if (state.phase !== 'failed') return false;
      done();
      reject(state.error);
      return true;
    };
    if (signal?.aborted) return onAbort();
    if (check(feed.state)) return;
    held.sub = feed.onDidChange((c) => void check(c.state));
    signal?.addEventListener('abort', onAbort);
  });
}
