/** The wire side of one attempt (client.ts): the answer's bytes counted as they arrive. */

/**
 * Per-attempt watch over the bytes of an answer, fed by the client's fetch: the size cap and the
 * idle timeout act on the wire, before the openai client buffers anything.
 */
export class AnswerGuard {
  bytes = 0;
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
