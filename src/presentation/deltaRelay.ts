/**
 * Streamed text held per stream (a record's run, one sample of a re-query) and sent at most once
 * every DELTA_INTERVAL_MS, so many streams at once do not post a message per token: each message
 * carries what came since the last one (or, after a reset, only the new text, saying so). An end
 * sends its stream's text first (`flush(key)`). Pure (no `vscode`): runRelay.ts and sampleRelay.ts
 * word the messages.
 */

/** Streamed text reaches the webview at most this often (each message carries what came since). */
export const DELTA_INTERVAL_MS = 50;

/** What one stream sent since its last message. */
export interface HeldDelta<A> {
  /** What the first delta since then said the stream is (its run, its sample). */
  readonly about: A;
  readonly content: string;
  readonly reasoning: string;
  /** The text shown so far is to be dropped first (a retry started over). */
  readonly reset: boolean;
}

/** The clock the interval runs on (the real one by default; tests pass a virtual one). */
export interface RelayClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_CLOCK: RelayClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Held<A> {
  readonly about: A;
  content: string;
  reasoning: string;
  reset: boolean;
}

export class DeltaRelay<K, A> {
  private readonly held = new Map<K, Held<A>>();
  private timer: unknown;

  constructor(
    private readonly send: (delta: HeldDelta<A>, key: K) => void,
    private readonly intervalMs = DELTA_INTERVAL_MS,
    private readonly clock: RelayClock = REAL_CLOCK,
  ) {}

  /** A stream's next piece; `reset` drops what the stream held (and tells the webview to drop what it showed). */
  add(key: K, about: A, content: string, reasoning: string, reset: boolean): void {
    let h = this.held.get(key);
    if (!h) this.held.set(key, (h = { about, content: '', reasoning: '', reset: false }));
    if (reset) Object.assign(h, { content: '', reasoning: '', reset: true });
    h.content += content;
    h.reasoning += reasoning;
    this.timer ??= this.clock.setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what streamed since the last message (of one stream, or of all). */
  flush(only?: K): void {
    if (only === undefined) this.stopTimer();
    for (const [key, h] of [...this.held]) {
      if (only !== undefined && key !== only) continue;
      this.held.delete(key);
      this.send({ about: h.about, content: h.content, reasoning: h.reasoning, reset: h.reset }, key);
    }
    if (this.held.size === 0) this.stopTimer();
  }

  /** Forgets what a stream held, unsent (its whole text is about to be sent another way). */
  drop(key: K): void {
    this.held.delete(key);
  }

  dispose(): void {
    this.stopTimer();
    this.held.clear();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
