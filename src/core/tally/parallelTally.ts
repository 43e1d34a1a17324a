/**
 * Splits a large R-Align JSONL file into line-aligned byte ranges tallied by worker threads (the
 * machines researchers use have several cores; the reference scorer uses one), then merges counts.
 */
import { availableParallelism } from 'node:os';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Counts } from '../statistics/metrics';
import type { ReadIssue } from '../record/record';
import type { ByteRange, EntryReaderOptions } from '../io/entryReader';
import type { SelfContradictionCounts } from '../why/selfContradiction';

/** What one worker sends back; issue lines are relative to its range's first line. */
export interface PartialTally {
  readonly overall: Counts;
  readonly groups: [string, Counts][];
  readonly issues: ReadIssue[];
  readonly malformed: number;
  readonly warnings: number;
  /** Newlines in the range, to shift the next range's line numbers. */
  readonly newlines: number;
  /** A hash of each own record id, to tell whether ids repeat (samples/fileSamples.ts). */
  readonly idHashes: Float64Array;
  /** Some row of the range held several samples itself (trajectories): the file has sample sets. */
  readonly rowSamples: boolean;
  /** The rationale-vs-verdict check's counts (null when it was off). */
  readonly selfContradictions: SelfContradictionCounts | null;
}

export interface WorkerInput {
  readonly path: string;
  readonly range: ByteRange;
  readonly options: EntryReaderOptions & { format: string; userPatterns: string[]; maxIssues: number; verdictCheck: boolean; contradictionCheck: boolean };
}

/** What a worker sharing a file's pieces is given (claimedRanges.ts): the pieces and the shared counter of the next untaken one. */
export interface ClaimedInput extends Omit<WorkerInput, 'range'> {
  readonly ranges: readonly ByteRange[];
  /** [0] = the index of the next piece no thread has taken (shared memory, taken with Atomics.add). */
  readonly next: Int32Array;
}

const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

export function workerCount(sizeBytes: number): number {
  if (sizeBytes < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8, Math.floor(sizeBytes / (16 * 1024 * 1024))));
}

/**
 * Cuts [0, size) into at most `parts` ranges that each begin just after a newline: each cut is the
 * first newline at or after its even share, all looked for at once (sixty cuts one after another
 * were 10-80 ms before any thread could start); a line longer than a share makes two cuts one.
 */
export async function lineAlignedRanges(path: string, size: number, parts: number): Promise<ByteRange[]> {
  const handle = await open(path, 'r');
  try {
    const afterNewline = async (from: number): Promise<number> => {
      const probe = Buffer.alloc(64 * 1024);
      for (let pos = from; ; ) {
        const { bytesRead } = await handle.read(probe, 0, probe.length, pos);
        if (bytesRead === 0) return size;
        const nl = probe.subarray(0, bytesRead).indexOf(0x0a);
        if (nl !== -1) return Math.min(pos + nl + 1, size);
        pos += bytesRead;
      }
    };
    const inner = await Promise.all(Array.from({ length: parts - 1 }, (_, k) => afterNewline(Math.floor((size * (k + 1)) / parts))));
    const cuts = [0, ...inner, size];
    const ranges: ByteRange[] = [];
    for (let k = 0; k < parts; k++) if ((cuts[k + 1] as number) > (cuts[k] as number)) ranges.push({ start: cuts[k] as number, end: cuts[k + 1] as number });
    return ranges;
  } finally {
    await handle.close();
  }
}

export function mergeCounts(into: Counts, from: Counts): void {
  const add = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(b)) {
      if (typeof v === 'number') a[k] = ((a[k] as number) ?? 0) + v;
      else if (v && typeof v === 'object') {
        if (a[k] === null || a[k] === undefined) a[k] = structuredClone(v);
        else add(a[k] as Record<string, unknown>, v as Record<string, unknown>);
      }
    }
  };
  add(into as unknown as Record<string, unknown>, from as unknown as Record<string, unknown>);
}

/**
 * In the extension host (the session's range workers, session/indexLoader.ts), each worker's young
 * generation is kept small: its garbage is short-lived record text, and the host's resident memory
 * is what users see.
 */
export const OFF_THREAD_LIMITS = { maxYoungGenerationSizeMb: 4 } as const;

/** Workers under way: `done` gives each one's message; `stop` ends them all (their results are then never asked for). */
export interface RunningWorkers<T> {
  readonly done: Promise<T[]>;
  stop(): void;
}

const TALLY_WORKER = join(__dirname, 'tallyWorker.js');

/** Workers started before their input was known (prestartWorkers), each waiting for it as a message. */
const waiting: Worker[] = [];

/**
 * Starts `count` tally workers now, to be taken by the next runWorkers: a worker's isolate and bundle
 * take 60-90 ms, spent on another core while the calling thread recognises the file. One never used
 * does not hold the process open (unref), and one that fails to start is dropped.
 */
export function prestartWorkers(count: number): void {
  for (let k = 0; k < count; k++) {
    const worker = new Worker(TALLY_WORKER);
    worker.unref();
    worker.once('exit', () => {
      const at = waiting.indexOf(worker);
      if (at !== -1) waiting.splice(at, 1);
    });
    worker.on('error', () => undefined); // reported by runWorkers once taken; before, it is dropped at exit
    waiting.push(worker);
  }
}

/** How many prestarted workers wait to be taken. */
export function prestartedWorkers(): number {
  return waiting.length;
}

/** Ends the workers prestarted and never taken (a caller that found it needs none). */
export function dropPrestartedWorkers(): void {
  for (const worker of waiting.splice(0)) void worker.terminate();
}

function startWorker(input: WorkerInput | ClaimedInput, workerScript: string): Worker {
  const ready = workerScript === TALLY_WORKER ? waiting.shift() : undefined;
  if (!ready) return new Worker(workerScript, { workerData: input });
  ready.ref();
  ready.postMessage(input);
  return ready;
}

export function runWorkers<T = PartialTally>(inputs: (WorkerInput | ClaimedInput)[], workerScript = TALLY_WORKER): RunningWorkers<T> {
  const workers: Worker[] = [];
  let stopped = false;
  const done = Promise.all(
    inputs.map(
      (input) =>
        new Promise<T>((resolve, reject) => {
          const worker = startWorker(input, workerScript);
          workers.push(worker);
          worker.once('message', (m: T) => resolve(m));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0 && !stopped) reject(new Error(`tally worker exited with code ${code}`));
          });
        }),
    ),
  );
  return {
    done,
    stop: () => {
      stopped = true;
      done.catch(() => undefined);
      for (const worker of workers) void worker.terminate();
    },
  };
}
