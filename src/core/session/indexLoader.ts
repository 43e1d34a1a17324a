/**
 * Indexing a file in a worker thread (indexWorker.ts), so the extension host's thread stays free
 * for the views: batches arrive as they are read; the load can be paused (the Inspector's first
 * screen) and stopped (a superseded load).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompactBatch } from './compactRecords';
import type { DatasetOptions } from '../dataset/dataset';
import { DatasetError, openDataset } from '../dataset/dataset';
import type { ByteRange } from '../io/entryReader';
import type { PackedStart } from '../io/containers/packedStart';
import { startOf } from '../io/containers/packedStart';
import { completeCopy, decompressedCopyDir, decompressedCopyLog } from '../io/containers/decompressedCopy';
import type { IndexWorkerInput, IndexWorkerMessage } from './indexWorkerProtocol';
import { RangeMerge } from './indexMerge';
import { isHeld, whenLetGo } from '../io/backgroundHold';
import { canFastTally } from '../tally/fastTally';
import { OFF_THREAD_LIMITS, lineAlignedRanges, workerCount } from '../tally/parallelTally';

export interface SessionOptions extends DatasetOptions {
  /** Issues kept for diagnostics (all are counted). */
  readonly maxIssues?: number;
  /** Called every `progressEvery` records while loading, so views can show the first page early. */
  readonly onProgress?: (records: number) => void;
  /**
   * Index the file in a worker thread (the extension host's thread stays free for the views) when
   * the worker script is there: `true` for indexWorker.js beside this module or the bundle, or a path.
   */
  readonly indexInWorker?: boolean | string;
  /**
   * Byte ranges a plain R-Align JSONL file is indexed in, one worker each (default 1: the whole file
   * in one worker); 'auto': as many as `stats` would use (one a core for a file over 32 MB, else one).
   * The editor's sessions use 'auto' (docs/ARCHITECTURE.md, "The whole-file passes").
   */
  readonly indexRanges?: number | 'auto';
  /**
   * A hold shared with other background readers (BackgroundHold.flag, the editor's: held while an
   * Inspector draws its first screen): the workers wait between batches while it is held, as they
   * do for the session's own pause, and the ranges after the first start only once it is let go.
   */
  readonly backgroundHold?: Int32Array;
  /** Stops a load that is no longer wanted (the file changed again): the worker is asked to stop. */
  readonly signal?: AbortSignal;
  /** The editor's own marks file for this dataset (workspace storage), read after the one beside the data; new marks go there. */
  readonly marksStore?: string;
}

/** Issues kept over the whole read unless SessionOptions.maxIssues says otherwise (compactRecords.ts). */
const DEFAULT_MAX_ISSUES = 5000;
/** A worker asked to stop that is still running after this long is terminated. */
const STUCK_WORKER_MS = 10_000;

/** The worker script to index with, or undefined to index on this thread. */
export function indexWorkerScript(options: SessionOptions): string | undefined {
  const want = options.indexInWorker;
  if (!want) return undefined;
  // Custom verdict readers are functions, which cannot cross to another thread.
  if (options.extraPatterns?.some((p) => p.read)) return undefined;
  const script = typeof want === 'string' ? want : join(__dirname, 'indexWorker.js');
  return existsSync(script) ? script : undefined;
}

function withStart(path: string): { start?: PackedStart; copyDir?: string } {
  const start = startOf(path);
  const copyDir = decompressedCopyDir();
  return { ...(start ? { start } : {}), ...(copyDir ? { copyDir } : {}) };
}

/** What crosses to the worker: the options that can (no functions), the shared pause flag. */
export function workerInput(path: string, format: string, o: SessionOptions, batchSize: number, paused: Int32Array): IndexWorkerInput {
  return {
    path,
    options: {
      ...(o.mapping ? { mapping: o.mapping } : { format }),
      ...(o.extraPatterns ? { extraPatterns: o.extraPatterns.map((p) => ({ name: p.name, regex: p.regex, ...(p.anchors ? { anchors: p.anchors } : {}), ...(p.linear ? { linear: true } : {}) })) } : {}),
      ...(o.maxEntryBytes !== undefined ? { maxEntryBytes: o.maxEntryBytes } : {}),
      ...(o.chunkBytes !== undefined ? { chunkBytes: o.chunkBytes } : {}),
      ...(o.maxIssues !== undefined ? { maxIssues: o.maxIssues } : {}),
    },
    batchSize,
    ...(o.indexRanges !== undefined ? { parts: o.indexRanges } : {}),
    paused,
    ...(o.backgroundHold ? { background: o.backgroundHold } : {}),
    stop: new Int32Array(new SharedArrayBuffer(4)),
    ...withStart(path),
  };
}

/**
 * The byte ranges to index in parallel when asked (`indexRanges`): a plain R-Align JSONL file (the
 * fast read), cut at newlines as `stats` cuts it (tally/parallelTally.ts); else one worker reads
 * it whole (a compressed stream, Parquet, other formats).
 */
export async function rangesOf(input: IndexWorkerInput): Promise<(ByteRange | undefined)[]> {
  if (!input.parts || input.parts === 1) return [undefined];
  const dataset = await openDataset(input.path, input.options);
  if (!canFastTally(dataset)) return [undefined];
  // A gzip or zstd file whose decompressed copy is complete is read from the copy: cut it as a plain file.
  const bytes = dataset.packing === 'plain' ? { path: dataset.path, size: dataset.sizeBytes } : await completeCopy(dataset.path, dataset.packing);
  if (!bytes) return [undefined];
  const parts = input.parts === 'auto' ? workerCount(bytes.size) : input.parts;
  return parts < 2 ? [undefined] : lineAlignedRanges(bytes.path, bytes.size, parts);
}

/**
 * Runs the workers to the end of the file, handing each batch to `onBatch` in file order (RangeMerge);
 * rejects when one fails or `signal` aborts.
 */
export async function indexInWorker(script: string, input: IndexWorkerInput, onBatch: (batch: CompactBatch) => void, signal?: AbortSignal): Promise<void> {
  const ranges = await rangesOf(input);
  signal?.throwIfAborted();
  const merge = new RangeMerge(ranges.length, input.options.maxIssues ?? DEFAULT_MAX_ISSUES, onBatch);
  const stopAll = new AbortController();
  const onAbort = () => stopAll.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  // While a view waits for its first records (the reading is held), the other ranges' workers start
  // once the first range has sent its first batch (or ended) and the hold is let go: the records
  // come from it, and worker start-ups competing for the cores would delay them. Else all at once.
  let headStarted = () => {};
  const holds = [input.paused, input.background];
  const headReady = holds.some(isHeld) ? new Promise<void>((resolve) => (headStarted = resolve)).then(() => whenLetGo(holds, stopAll.signal)) : Promise.resolve();
  const run = (range: ByteRange | undefined, k: number) =>
    runWorker(
      script,
      { ...input, ...(range ? { range } : {}) },
      (m) => {
        if (k === 0) headStarted();
        if (m.type === 'batch') merge.batch(k, m.batch);
        else merge.end(k, m.newlines);
      },
      stopAll.signal,
    );
  try {
    await Promise.all(
      ranges.map((range, k) =>
        (k === 0 ? run(range, k).finally(headStarted) : headReady.then(() => run(range, k))).catch((err: unknown) => {
          stopAll.abort(new Error('another range of the file failed'));
          throw err;
        }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** One worker to the end of its range: `onMessage` gets its batches, then its end. */
function runWorker(script: string, input: IndexWorkerInput, onMessage: (m: Extract<IndexWorkerMessage, { type: 'batch' | 'done' }>) => void, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    // A range's worker reads R-Align JSONL like a tally worker: the same small young generation (parallelTally.ts).
    const worker = new Worker(script, { workerData: input, ...(input.range ? { resourceLimits: OFF_THREAD_LIMITS } : {}) });
    let settled = false;
    // The worker is asked to stop and ends on its own: terminate() while it runs can abort the
    // process inside V8 (Node 20: "Assertion failed: (data.first) != nullptr" under a concurrent
    // compile), so it is only the last resort for a worker stuck in one batch.
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) {
        Atomics.store(input.stop, 0, 1);
        Atomics.notify(input.paused, 0);
        setTimeout(() => void worker.terminate(), STUCK_WORKER_MS).unref();
        reject(err);
      } else resolve();
    };
    worker.on('message', (m: IndexWorkerMessage) => {
      if (settled) return; // batches still queued from a cancelled load
      if (m.type === 'error') return settle(m.datasetError ? new DatasetError(m.message) : new Error(m.message));
      if (m.type === 'warning') return decompressedCopyLog()?.warn(m.message);
      onMessage(m);
      if (m.type === 'done') settle();
    });
    worker.once('error', (err) => settle(err));
    worker.once('exit', (code) => settle(new Error(`the indexing worker stopped (exit code ${code}) before it read the whole file`)));
    const onAbort = () => settle(signal.reason instanceof Error ? signal.reason : new Error('the load was cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('exit', () => signal.removeEventListener('abort', onAbort));
  });
}
