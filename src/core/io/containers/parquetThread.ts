/**
 * A Parquet file's rows decoded on a thread of their own, for the extension host (which asks for it,
 * decodeOffThread): a worker decodes them (parquetFile.ts's reader, unchanged) and hands each batch
 * of JSONL over as it is ready, a few batches ahead of the reader, so the host's own thread never
 * decodes: opening a Parquet file there cost 0.5-0.7 CPU-seconds of the host's thread (the views
 * waited for it). The worker is the index worker's script, which serves this request too
 * (indexWorker.ts); without it the rows are decoded on the reader's thread. The CLI decodes on its
 * own thread: through the worker its `stats` took more CPU and time. docs/ARCHITECTURE.md, "Opening a
 * packed file in the editor".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { Worker, isMainThread } from 'node:worker_threads';
import { DatasetError } from '../datasetError';

/** JSONL text of `rows` rows. */
export interface JsonlBatch {
  readonly bytes: Buffer;
  readonly rows: number;
}

/** What the worker is started with: the rows of `path` from row `from` (0-based) on. */
export interface ParquetRowsRequest {
  readonly kind: 'parquet-rows';
  readonly path: string;
  readonly from: number;
}

type RowsMessage = { type: 'batch'; bytes: Uint8Array; rows: number } | { type: 'done' } | { type: 'error'; message: string; datasetError: boolean };

/** Batches decoded before the reader has taken them: enough to overlap, bounded (a batch is about 2 MB). */
const AHEAD = 2;
/**
 * The decoding thread's young generation: its garbage is row objects and their texts, short-lived;
 * V8's default lets it grow to tens of MB, which the extension host's resident memory shows.
 */
const DECODE_LIMITS = { maxYoungGenerationSizeMb: 8 } as const;

let script: string | undefined | null = null;
let offThread = false;

/** The index worker's script: beside this module in a bundle (dist/), or where tsc compiles it. */
function workerScript(): string | undefined {
  if (script === null) script = [join(__dirname, 'indexWorker.js'), join(__dirname, '..', '..', 'session', 'indexWorker.js')].find((p) => existsSync(p));
  return script;
}

/** Whether rows are decoded on a thread of their own here: asked for, on a process's main thread (never in a worker). */
export function decodesOffThread(): boolean {
  return offThread && isMainThread && workerScript() !== undefined;
}

/** The extension host: decode Parquet rows off this thread from now on (false: on it again). */
export function decodeOffThread(on = true): void {
  offThread = on;
}

export function isParquetRowsRequest(data: unknown): data is ParquetRowsRequest {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'parquet-rows';
}

/** The rows from `from` on, decoded by a worker, a batch at a time. Its errors are the reader's (DatasetError stays one). */
export async function* rowsOffThread(path: string, from: number): AsyncGenerator<JsonlBatch> {
  const request: ParquetRowsRequest = { kind: 'parquet-rows', path, from };
  const worker = new Worker(workerScript() as string, { workerData: request, resourceLimits: DECODE_LIMITS });
  const queue: RowsMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: RowsMessage) => (queue.push(m), wake?.()));
  worker.once('error', (err) => ((failure = err), wake?.()));
  worker.once('exit', () => ((exited = true), wake?.()));
  // Referenced only while a batch is awaited: an idle decoder never keeps the process alive.
  worker.unref();
  try {
    for (;;) {
      while (!queue.length && !failure && !exited) {
        worker.ref();
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        worker.unref();
      }
      const m = queue.shift();
      if (!m) throw failure ?? new Error(`${path}: the thread decoding the Parquet rows stopped before the end of the file`);
      if (m.type === 'done') return;
      if (m.type === 'error') throw m.datasetError ? new DatasetError(m.message) : new Error(m.message);
      worker.postMessage('more');
      yield { bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), rows: m.rows };
    }
  } finally {
    // Asked to stop, it ends on its own: terminate() while a worker runs can abort the process (indexLoader.ts).
    if (!exited) worker.postMessage('stop');
  }
}

/** In the worker: serves `request` from `batches` (the reader on this thread), AHEAD batches ahead of what was taken. */
export function serveRows(port: MessagePort, request: ParquetRowsRequest, batches: (path: string, from: number) => AsyncGenerator<JsonlBatch>): void {
  const rows = batches(request.path, request.from);
  let credit = AHEAD;
  let running = false;
  let ended = false;
  const end = (): void => {
    ended = true;
    void rows.return(undefined).finally(() => port.close());
  };
  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      while (credit > 0 && !ended) {
        const next = await rows.next();
        if (ended) break;
        if (next.done) {
          port.postMessage({ type: 'done' } satisfies RowsMessage);
          end();
          break;
        }
        credit--;
        // A batch of its own to transfer (a small Buffer may share Node's pool with others).
        const b = next.value.bytes;
        const bytes = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
        port.postMessage({ type: 'batch', bytes, rows: next.value.rows } satisfies RowsMessage, [bytes.buffer as ArrayBuffer]);
      }
    } catch (err) {
      port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), datasetError: err instanceof DatasetError } satisfies RowsMessage);
      end();
    } finally {
      running = false;
    }
  };
  port.on('message', (m: unknown) => {
    if (m === 'more') {
      credit++;
      void pump();
    } else if (!ended) end();
  });
  void pump();
}
