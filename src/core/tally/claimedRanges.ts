/**
 * A file's ranges shared between the calling thread and the tally workers: the file is cut into more
 * pieces than threads, and each thread takes the next piece no one has taken (an atomic counter in
 * shared memory) until none is left. A worker starts 60-90 ms after the calling thread could begin
 * (its isolate, then its bundle): with one fixed half each, the calling thread finished first and
 * waited; with pieces, it tallies what the late worker would have, and both finish together.
 */
import type { ByteRange } from '../io/entryReader';
import { DEFAULT_CHUNK_BYTES } from '../io/entryReader';
import { wasmScanner } from '../io/strictJson';
import { runWorkers } from './parallelTally';
import type { ClaimedInput, PartialTally, WorkerInput } from './parallelTally';
import { tallyRange } from './tallyRange';

/** Pieces of about this size (a piece costs a file open, a first read not read ahead, and a partial tally to send and merge). */
const PIECE_BYTES = 16 * 1024 * 1024;
/** Room in each read buffer for the partial line carried over from the chunk before (a longer one gets a buffer of its own). */
const CARRY_ROOM = 1024 * 1024;

/** How many pieces to cut a file of `sizeBytes` into for `threads` threads (at least one a thread). */
export function pieceCount(sizeBytes: number, threads: number): number {
  return Math.max(threads, Math.min(1024, Math.ceil(sizeBytes / PIECE_BYTES)));
}

/** Tallies pieces of `input.ranges` until none is left untaken; each with its index in the ranges. */
export async function tallyClaimed(input: ClaimedInput): Promise<[number, PartialTally][]> {
  const done: [number, PartialTally][] = [];
  // The chunks are read straight into the WebAssembly scanner's memory, where each line is scanned
  // without a copy; the same two buffers serve every piece this thread takes.
  const wasm = wasmScanner();
  const leased = wasm?.leaseReadBuffers(2, (input.options.chunkBytes ?? DEFAULT_CHUNK_BYTES) + CARRY_ROOM) ?? null;
  const readBuffers: Buffer[] = leased ?? [];
  try {
    for (;;) {
      const k = Atomics.add(input.next, 0, 1);
      if (k >= input.ranges.length) return done;
      done.push([k, await tallyRange({ path: input.path, options: input.options, range: input.ranges[k] as ByteRange }, readBuffers)]);
    }
  } finally {
    if (leased) wasm?.releaseReadBuffers();
  }
}

/**
 * Tallies `ranges` on this thread and `helpers` workers, each taking the next piece; the partial
 * tallies come back in range order (the merge shifts each range's line numbers by the ones before).
 */
export async function tallySharedRanges(base: Omit<WorkerInput, 'range'>, ranges: readonly ByteRange[], helpers: number, workerScript?: string): Promise<PartialTally[]> {
  const input: ClaimedInput = { ...base, ranges, next: new Int32Array(new SharedArrayBuffer(4)) };
  const workers = runWorkers<[number, PartialTally][]>(Array.from({ length: helpers }, () => input), workerScript);
  const mine = await tallyClaimed(input);
  // Every piece tallied here: no worker took one, nor can any now (the counter is past the end).
  const theirs = mine.length === ranges.length ? (workers.stop(), []) : await workers.done;
  const byIndex: PartialTally[] = [];
  for (const [k, partial] of [...mine, ...theirs.flat()]) byIndex[k] = partial;
  return byIndex;
}
