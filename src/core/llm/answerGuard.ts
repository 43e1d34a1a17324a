/** The wire side of one attempt (client.ts): the answer's bytes counted as they arrive. */

/**
 * Per-attempt watch over the bytes of an answer, fed by the client's fetch: the size cap and the
 * idle timeout act on the wire, before the openai client buffers anything.
 */
export class AnswerGuard {
  bytes = 0;
  /** The response's headers arrived (so `bytes` counts its body). */
  answered = false;
  tooLarge = false;
  idle = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly maxBytes: number,
    private readonly idleMs: number,
    private readonly abort: () => void,
  ) {
    this.touch();
  }

  /** Bytes arrived (or the request started): the idle clock restarts. */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.idle = true;
      this.abort();
    }, this.idleMs);
    this.timer.unref();
  }

  take(n: number): boolean {
    this.bytes += n;
    this.touch();
    if (this.bytes > this.maxBytes) {
      this.tooLarge = true;
      this.stop();
      this.abort();
      return false;
    }
    return true;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** fetch with each answer's bytes counted by the attempt's guard (passed in the request's fetchOptions). */
export async function guardedFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const { rlensGuard: guard, ...rest } = (init ?? {}) as RequestInit & { rlensGuard?: AnswerGuard };
  const res = await fetch(url, rest);
  if (guard) guard.answered = true;
  if (!guard || !res.body) return res;
  guard.touch();
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        if (guard.take(chunk.byteLength)) ctl.enqueue(chunk);
        else ctl.error(new Error('answer too large'));
      },
    }),
  );
  return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** Why an attempt's request was ended by its watch (null: it was not). */
export type AttemptStop = 'aborted' | 'too-large' | 'idle' | 'timeout' | null;

/**
 * The guards of one attempt at any endpoint (chat or embeddings): the caller's cancellation, a
 * whole-request time limit, and the answer guard's size cap and idle timeout, all ending the request
 * through one AbortController. `stopped()` says which of them fired, so the caller can say so.
 */
export class AttemptWatch {
  readonly guard: AnswerGuard;
  private readonly ctrl = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;
  private readonly onAbort = (): void => this.ctrl.abort();

  constructor(
    readonly limitMs: number,
    maxBytes: number,
    idleMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.ctrl.abort();
    }, limitMs);
    this.guard = new AnswerGuard(maxBytes, idleMs, () => this.ctrl.abort());
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Options for the openai client's request: our signal and the guard, no retries of its own. */
  get requestOptions(): { signal: AbortSignal; maxRetries: 0; timeout: number; fetchOptions: Record<string, never> } {
    return { signal: this.ctrl.signal, maxRetries: 0, timeout: this.limitMs, fetchOptions: { rlensGuard: this.guard } as unknown as Record<string, never> };
  }

  stopped(): AttemptStop {
    if (this.signal?.aborted) return 'aborted';
    if (this.guard.tooLarge) return 'too-large';
    if (this.guard.idle) return 'idle';
    if (this.timedOut) return 'timeout';
    return null;
  }

  end(): void {
    clearTimeout(this.timer);
    this.guard.stop();
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}
