/** Retry policy: exponential backoff with full jitter, honouring Retry-After headers. */

export interface RetryOptions {
  /** Retries after the first attempt (so maxRetries + 1 attempts in all). Default 6. */
  readonly maxRetries: number;
  /** Backoff base: attempt n (0-based) waits uniform(0, min(maxDelayMs, baseDelayMs * 2^n)). Default 1000. */
  readonly baseDelayMs: number;
  /** Cap of the exponential backoff. Default 60 000. */
  readonly maxDelayMs: number;
  /** Cap on a server-requested Retry-After wait. Default 60 000 (a server asking for hours is not waited for). */
  readonly maxRetryAfterMs: number;
  /** Randomness source in [0, 1) (tests pin it). Default Math.random. */
  readonly random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/** Statuses worth retrying: request timeout, conflict, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Full-jitter backoff for the given 0-based retry number. */
export function backoffDelay(retry: number, opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(retry, 30));
  return Math.floor(opts.random() * ceiling);
}

interface HeaderLike {
  get(name: string): string | null;
}

/**
 * The wait a server asked for, in ms, from `retry-after-ms` (milliseconds), or `Retry-After`
 * (delta-seconds or an HTTP date). Null when absent or unparsable.
 */
export function parseRetryAfter(headers: HeaderLike | null | undefined, now: number = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms != null && ms.trim() !== '') {
    const v = Number(ms.trim());
    if (Number.isFinite(v) && v >= 0) return v;
  }
  const ra = headers.get('retry-after');
  if (ra == null || ra.trim() === '') return null;
  const t = ra.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const date = Date.parse(t);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return null;
}

/** The wait before retry number `retry` (0-based): the server's Retry-After when given, else jittered backoff. */
export function retryDelay(retry: number, retryAfterMs: number | null, opts: RetryOptions): number {
  if (retryAfterMs != null) return Math.min(retryAfterMs, opts.maxRetryAfterMs);
  return backoffDelay(retry, opts);
}

export class AbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The operation was cancelled.') {
    super(message);
  }
}

/** setTimeout as a promise that rejects with AbortedError when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
