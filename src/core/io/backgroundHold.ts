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

/** How long the main thread waits on a hold at a time before looking again (holds expire; a wake-up may be missed). */
const HOLD_POLL_MS = 250;

/** Whether anyone holds `flag` (BackgroundHold.flag). */
export const isHeld = (flag: Int32Array | undefined): flag is Int32Array => flag !== undefined && Atomics.load(flag, 0) !== 0;

/** waitWhileHeld's counterpart for a main thread: resolves once no flag is held, or `signal` aborts; never blocks the thread. */
export async function whenLetGo(flags: readonly (Int32Array | undefined)[], signal: AbortSignal): Promise<void> {
  for (;;) {
    const held = flags.find(isHeld);
    if (!held || signal.aborted) return;
    const waitAsync = (Atomics as unknown as AsyncWaits).waitAsync;
    if (!waitAsync) await new Promise((r) => setTimeout(r, HOLD_POLL_MS));
    else {
      const wait = waitAsync(held, 0, Atomics.load(held, 0), HOLD_POLL_MS);
      if (wait.async) await wait.value; // else the count changed meanwhile: look again
    }
  }
}

/** Atomics.waitAsync (Node 16+; not in the ES2022 library this project compiles against). */
interface AsyncWaits {
  waitAsync?: (view: Int32Array, index: number, value: number, timeoutMs: number) => { async: boolean; value: Promise<unknown> | string };
}
