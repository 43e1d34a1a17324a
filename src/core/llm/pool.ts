/** A small FIFO concurrency limiter. */
import { AbortedError } from './retry';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export class Limiter {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(private limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  get concurrency(): number {
    return this.limit;
  }

  /** Change the limit; waiting tasks start at once if it grew. */
  setConcurrency(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${limit}`);
    this.limit = limit;
    this.drain();
  }

  /** Wait for a slot. Rejects with AbortedError (and gives up its place) if the signal fires first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.active < this.limit && this.queue.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new AbortedError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  release(): void {
    this.active--;
    this.drain();
  }

  private drain(): void {
    while (this.active < this.limit) {
      const w = this.queue.shift();
      if (!w) return;
      w.signal?.removeEventListener('abort', w.onAbort);
      this.active++;
      w.resolve();
    }
  }

  /** Run `fn` inside a slot. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
