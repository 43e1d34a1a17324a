/**
 * A run's window: reads the input as the run goes, keeping a bounded number of items in flight
 * (slots free up as items end), and waits for every started item before it returns.
 */
import { Limiter } from './pool';
import { toAsync } from './runSteps';

/** Enough items in flight to keep every request slot busy while others journal or hit the cache. */
export function windowFor(concurrency: number): number {
  return Math.max(concurrency * 2, concurrency + 4);
}

export interface WindowWork<I, T> {
  /** Works on one item (its 0-based place in the input); must not reject (its errors are its own to handle). */
  run(item: I, seq: number): Promise<T>;
  /** After `run`, once the item's slot is free again; must not throw. */
  ended(out: T, item: I, seq: number): void;
  /** The whole input was read, the run not stopped (items still in flight): how many items it had. */
  inputEnded(items: number): void;
}

/**
 * Runs every item of `items` through `work`, at most `width` at a time, until the input ends or
 * `signal` aborts (no item starts after that; those in flight are awaited). An input that throws
 * rethrows after the items in flight have ended.
 */
export async function runWindowed<I, T>(items: AsyncIterable<I> | Iterable<I>, width: number, signal: AbortSignal, work: WindowWork<I, T>): Promise<void> {
  const window = new Limiter(width);
  const tasks = new Set<Promise<void>>();
  let seen = 0;
  try {
    for await (const item of toAsync(items)) {
      if (signal.aborted) break;
      try {
        await window.acquire(signal);
      } catch {
        break; // the window rejects only when the run is cancelled
      }
      const seq = seen++;
      const task = (async () => {
        let out: T;
        try {
          out = await work.run(item, seq);
        } finally {
          window.release();
        }
        work.ended(out, item, seq);
      })();
      tasks.add(task);
      void task.finally(() => tasks.delete(task));
    }
    if (!signal.aborted) work.inputEnded(seen);
  } finally {
    await Promise.all([...tasks]);
  }
}
