/**
 * A hold on background readers (the index worker, the status bar's whole-file tally workers), shared
 * with their worker threads: while anyone holds it they wait between chunks and give the cores to
 * what the user is waiting for (the Inspector's first screen, docs/ARCHITECTURE.md "The first
 * screen"). Holders are named, so one letting go never ends another's hold, and every hold expires,
 * so a lost release cannot stall the work.
 */
import { isMainThread } from 'node:worker_threads';

export class BackgroundHold {
  /** [0] = the number of holders. What crosses to the workers (shared memory, not a copy). */
  readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly holders = new Map<string, NodeJS.Timeout>();

  /** Holds (or re-arms) `holder`'s hold for at most `ms`. */
  hold(holder: string, ms: number): void {
    clearTimeout(this.holders.get(holder));
    const timer = setTimeout(() => this.release(holder), ms);
    timer.unref(); // a hold never keeps a process alive
    this.holders.set(holder, timer);
    this.publish();
  }

  /** Ends `holder`'s hold, or every hold when no holder is named. */
  release(holder?: string): void {
    for (const [name, timer] of this.holders) {
      if (holder !== undefined && name !== holder) continue;
      clearTimeout(timer);
      this.holders.delete(name);
    }
    this.publish();
  }

  get held(): boolean {
    return this.holders.size > 0;
  }

  private publish(): void {
    Atomics.store(this.flag, 0, this.holders.size);
    Atomics.notify(this.flag, 0);
  }
}

/**
 * In a worker thread: returns once nobody holds `flag`, `stopped()` says so (checked every 100 ms)
 * or after `maxMs`. On the main thread it returns at once: blocking it would freeze what the hold
 * is there to serve.
 */
export function waitWhileHeld(flag: Int32Array | undefined, stopped: () => boolean = () => false, maxMs = 30_000): void {
  if (!flag || isMainThread) return;
  const deadline = Date.now() + maxMs;
  for (;;) {
    const holders = Atomics.load(flag, 0);
    if (holders === 0 || stopped() || Date.now() >= deadline) return;
    Atomics.wait(flag, 0, holders, 100);
  }
}
