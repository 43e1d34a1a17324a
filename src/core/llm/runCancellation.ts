/**
 * A run's own cancellation: one AbortController that every in-flight request listens to, aborted
 * by the caller's signal or by the run's first fatal error (a journal that cannot be written, a
 * bug), which `throwIfFailed` rethrows once the run has wound down.
 */
import { setMaxListeners } from 'node:events';
import { AbortedError } from './retry';

export class RunCancellation {
  private readonly ctrl = new AbortController();
  private readonly onCallerAbort = (): void => this.ctrl.abort();
  private fatal: unknown = null;

  constructor(private readonly caller?: AbortSignal) {
    // Every in-flight request listens to it.
    setMaxListeners(0, this.ctrl.signal);
    if (caller?.aborted) this.ctrl.abort();
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.ctrl.signal;
  }

  /** Stopped: by the caller, or by a fatal error. */
  get cancelled(): boolean {
    return this.ctrl.signal.aborted;
  }

  /** An error that stops the run (the first one is kept and rethrown by `throwIfFailed`). */
  fail(error: unknown): void {
    this.fatal ??= error;
    this.ctrl.abort();
  }

  /** A request's error: a cancelled call (or any error once the run is stopped) leaves no result; anything else stops the run. */
  failUnlessCancelled(error: unknown): void {
    if (error instanceof AbortedError || this.cancelled) return;
    this.fail(error);
  }

  /** Stops listening to the caller's signal (the run is over). */
  dispose(): void {
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Rethrows the error that stopped the run, if one did. */
  throwIfFailed(): void {
    const fatal = this.fatal;
    if (fatal) throw fatal instanceof Error ? fatal : new Error('run failed', { cause: fatal });
  }
}
