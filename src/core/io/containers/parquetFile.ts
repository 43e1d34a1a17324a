/**
 * Parquet files read with hyparquet (pure JS; its compressors package adds snappy, gzip, brotli,
 * zstd and lz4): each row becomes the JSON text a JSONL line would hold (nested lists and structs
 * as arrays and objects, 64-bit integers as numbers, binary as base64), so every adapter and field
 * mapping reads it unchanged. Rows are decoded a batch at a time, page by page (parquetRows.ts,
 * parquetPages.ts): the long texts' pages are decompressed only as far as the rows taken, so the
 * file's first HEAD_ROWS rows (detection and the first screen need no more) cost a few blocks a
 * column, and memory holds one batch and each column's open page, never a whole row group.
 * Re-reading one row decodes its row group up to it; reading on from there continues.
 */
import { open, stat } from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import type { AsyncBuffer, CompressionCodec, Compressors, FileMetaData } from 'hyparquet';
import { parquetMetadataAsync } from 'hyparquet';
import { compressors as hubCompressors } from 'hyparquet-compressors';
import { decompress as zstdDecompress } from 'fzstd';
import { DatasetError } from '../datasetError';
import { MAX_PAGE_BYTES } from './parquetPages';
import type { Row } from './parquetRows';
import { rowGroupReader } from './parquetRows';
import { rowText } from './parquetJson';
import { noteStart, takeGivenStart } from './packedStart';
import type { JsonlBatch, ParquetRowsRequest } from './parquetThread';
import { decodesOffThread, rowsOffThread, serveRows } from './parquetThread';

export { MAX_PAGE_BYTES };
/** Rows turned into text at a time while streaming. */
const ROWS_PER_CHUNK = 512;
/** The file's first rows are given on their own (and kept): format detection and the Inspector's first screen need only them. */
export const HEAD_ROWS = 64;

const CODECS_READ: readonly CompressionCodec[] = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'ZSTD', 'LZ4', 'LZ4_RAW'];

/** The hub's decompressors, each refusing a page whose claimed size is over `limit` before allocating it. */
export function pageLimitedCompressors(path: string, limit = MAX_PAGE_BYTES): Compressors {
  const guarded = (codec: CompressionCodec, decompress: (input: Uint8Array, outputLength: number) => Uint8Array) => (input: Uint8Array, outputLength: number): Uint8Array => {
    if (!(outputLength >= 0) || outputLength > limit) {
      throw new DatasetError(`${path}: a ${codec} page claims ${outputLength.toLocaleString('en-US')} bytes once decompressed, over the ${Math.floor(limit / 2 ** 20)} MB allowed for one page (a damaged or hostile file?); rewrite it with smaller pages`);
    }
    return decompress(input, outputLength);
  };
  const hub = hubCompressors as Required<Compressors>;
  return {
    SNAPPY: guarded('SNAPPY', hub.SNAPPY),
    GZIP: guarded('GZIP', hub.GZIP),
    BROTLI: guarded('BROTLI', hub.BROTLI),
    // Into a buffer of the page's size: fzstd's own allocation would follow the frame's claim.
    ZSTD: guarded('ZSTD', (input, n) => zstdDecompress(input, outputBuffer(n))),
    LZ4: guarded('LZ4', hub.LZ4),
    LZ4_RAW: guarded('LZ4_RAW', hub.LZ4_RAW),
  };
}

/**
 * fzstd's frame reader tests its output argument with `w == 1`, which turns a typed array into the
 * text of all its elements joined by commas: for a 600 KB page, 1.2 MB of text, each time. Measured on
 * the 1 GB DuckDB file: 320 ms of every 4.7 s of reading went there. A buffer whose primitive value is
 * a number answers at once; fzstd reads and writes it as any other.
 */
function outputBuffer(n: number): Uint8Array {
  const buf = new Uint8Array(n);
  Object.defineProperty(buf, Symbol.toPrimitive, { value: () => 0 });
  return buf;
}

interface ParquetHandle {
  readonly file: AsyncBuffer;
  readonly metadata: FileMetaData;
  /** First row of each row group, and the total at the end. */
  readonly groupStarts: readonly number[];
  readonly close: () => Promise<void>;
}

async function openParquet(path: string): Promise<ParquetHandle> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(4);
    if (size >= 12) await handle.read(tail, 0, 4, size - 4);
    if (tail.toString('latin1') === 'PARE') throw new DatasetError(`${path} is an encrypted Parquet file, which this reader cannot decrypt; decrypt it with the tool that wrote it (with its key) and open the result`);
    if (size < 12 || tail.toString('latin1') !== 'PAR1') throw new DatasetError(`${path}: the Parquet file has no footer (truncated file?); re-download or re-write it`);
    const file: AsyncBuffer = {
      byteLength: size,
      slice: async (start: number, end = size) => {
        if (start < 0 || end > size || end < start) throw new DatasetError(`${path}: the Parquet metadata points at bytes ${start}–${end}, outside the ${size.toLocaleString('en-US')}-byte file (a truncated or damaged file?); re-download or re-write it`);
        const bytes = new Uint8Array(end - start);
        const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
        if (bytesRead < bytes.length) throw new DatasetError(`${path}: the file ended while reading Parquet bytes ${start}–${end} (it changed or was truncated); reopen it`);
        return bytes.buffer;
      },
    };
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (err) {
      throw asDatasetError(path, err);
    }
    const unsupported = new Set<string>();
    for (const group of metadata.row_groups) for (const column of group.columns) if (column.meta_data && !CODECS_READ.includes(column.meta_data.codec)) unsupported.add(column.meta_data.codec);
    if (unsupported.size) {
      throw new DatasetError(`${path}: Parquet columns compressed with ${[...unsupported].join(', ')}, which this reader cannot decompress (it reads ${CODECS_READ.join(', ')}); rewrite the file with one of those, e.g. in DuckDB: COPY (FROM '${path}') TO 'out.parquet' (COMPRESSION zstd)`);
    }
    const groupStarts = [0];
    for (const group of metadata.row_groups) groupStarts.push((groupStarts[groupStarts.length - 1] as number) + Number(group.num_rows));
    return { file, metadata, groupStarts, close: () => handle.close() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function asDatasetError(path: string, err: unknown): Error {
  if (err instanceof DatasetError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new DatasetError(`${path}: cannot read this Parquet file (${message.replace(/^parquet /, '')}); check that it is complete, or re-write it (for example with pyarrow or DuckDB)`);
}

/** A kept start (below) or row cursor unused this long is dropped. */
const IDLE_MS = 30_000;

/** The file's first HEAD_ROWS rows, of the last file whose start was read. */
let lastHead: { key: string; rows: string[] } | undefined;

/**
 * Row group `group`'s rows from `from` (0-based in the group) on, `first` rows in the first batch and
 * ROWS_PER_CHUNK in each after; rows before `from` are decoded and dropped.
 */
async function* groupRows(path: string, parquet: ParquetHandle, group: number, from: number, first = ROWS_PER_CHUNK): AsyncGenerator<{ start: number; rows: Row[] }> {
  const size = (parquet.groupStarts[group + 1] as number) - (parquet.groupStarts[group] as number);
  let next: (rows: number) => Promise<Row[]>;
  try {
    next = rowGroupReader(path, parquet.file, parquet.metadata, group, pageLimitedCompressors(path));
  } catch (err) {
    throw asDatasetError(path, err);
  }
  const take = async (rows: number): Promise<Row[]> => {
    try {
      return await next(rows);
    } catch (err) {
      throw asDatasetError(path, err);
    }
  };
  let at = 0;
  while (at < from) at += (await take(Math.min(ROWS_PER_CHUNK, from - at))).length || size;
  for (let batch = first; at < size; batch = ROWS_PER_CHUNK) {
    const rows = await take(Math.min(batch, size - at));
    if (!rows.length) throw new DatasetError(`${path}: row group ${group + 1} holds fewer rows than its ${size.toLocaleString('en-US')} in the footer (a damaged file?); re-download or re-write it`);
    yield { start: at, rows };
    at += rows.length;
  }
}

/** groupRows' rows as JSON texts. */
async function* groupBatches(path: string, parquet: ParquetHandle, group: number, from: number, first = ROWS_PER_CHUNK): AsyncGenerator<{ start: number; texts: string[] }> {
  for await (const { start, rows } of groupRows(path, parquet, group, from, first)) yield { start, texts: rows.map(rowText) };
}

const jsonlChunk = (rows: readonly string[]): Buffer => Buffer.from(`${rows.join('\n')}\n`);

async function fileKey(path: string): Promise<string> {
  const info = await stat(path);
  return `${path}\0${info.size}\0${info.mtimeMs}`;
}

/** The file's rows from row `from` (0-based) on, a batch at a time: the first HEAD_ROWS alone when `from` is 0. */
async function* rowObjects(path: string, from: number): AsyncGenerator<Row[]> {
  const parquet = await openParquet(path);
  try {
    const starts = parquet.groupStarts;
    let g = 0;
    while (g + 1 < starts.length && (starts[g + 1] as number) <= from) g++;
    for (let first = true; g < parquet.metadata.row_groups.length; g++, first = false) {
      const inGroup = first ? from - (starts[g] as number) : 0;
      for await (const { rows } of groupRows(path, parquet, g, inGroup, from === 0 && g === 0 ? HEAD_ROWS : ROWS_PER_CHUNK)) yield rows;
    }
  } finally {
    await parquet.close();
  }
}

/** rowObjects as JSON texts. */
async function* rowBatches(path: string, from: number): AsyncGenerator<string[]> {
  for await (const rows of rowObjects(path, from)) yield rows.map(rowText);
}

/** The rows for the index (session/parquetRecords.ts): the start this thread keeps as JSONL lines, then the rest decoded, without text. */
export async function* parquetRowsForIndex(path: string): AsyncGenerator<{ readonly lines: readonly string[] } | { readonly rows: readonly Row[] }> {
  const key = await fileKey(path);
  const start = kept?.key === key && kept.failed === undefined ? kept : undefined;
  let from = 0;
  if (start) {
    // Its reader is not needed: the rows after the start are decoded below, without text.
    await closeReader(start);
    for (const chunk of [...start.chunks]) {
      yield { lines: chunk.bytes.toString('utf8', 0, chunk.bytes.length - 1).split('\n') };
      from += chunk.rows;
    }
  }
  for await (const rows of rowObjects(path, from)) yield { rows };
}

/** The rows from `from` on as JSONL batches, decoded here. */
async function* batchesHere(path: string, from: number): AsyncGenerator<JsonlBatch> {
  for await (const texts of rowBatches(path, from)) yield { bytes: jsonlChunk(texts), rows: texts.length };
}

/** The rows from `from` on as JSONL batches: decoded by a worker when there is one (parquetThread.ts), else here. */
function jsonlBatches(path: string, from: number): AsyncGenerator<JsonlBatch> {
  return decodesOffThread() ? rowsOffThread(path, from) : batchesHere(path, from);
}

/** The decoding worker's side (indexWorker.ts): serves the rows asked for, decoded on its thread. */
export function serveParquetRows(port: MessagePort, request: ParquetRowsRequest): void {
  serveRows(port, request, batchesHere);
}

/**
 * The start of the Parquet file opened last, kept for the next reader of the same file: opening one
 * reads its start several times over (the sample, the kind, the format; in the editor also the status
 * bar's open and the index worker's own), and each fresh reader decoded every column's first pages
 * again (on the 1 GB bench file 0.2-0.3 CPU-seconds each). The first KEPT_BYTES of JSONL are kept
 * with the reader that goes on after them; the first reader to get past them takes that reader over
 * (the index reads the whole file on from there, decoding each row once); any later one past them
 * opens its own from that row. Dropped after IDLE_MS unused, but for its first HEAD_ROWS rows.
 */
interface KeptStart {
  readonly key: string;
  readonly chunks: { readonly bytes: Buffer; readonly rows: number }[];
  kept: number;
  rows: number;
  /** The reader after the kept chunks, until a reader past them takes it. */
  reader: AsyncGenerator<JsonlBatch> | undefined;
  ended: boolean;
  failed?: Error;
  pulling?: Promise<void>;
}
const KEPT_BYTES = 8 * 1024 * 1024;
let kept: KeptStart | undefined;
let keptIdle: NodeJS.Timeout | undefined;

/** Drops the kept start; a reader still replaying it goes on with a reader of its own. */
async function dropKept(): Promise<void> {
  const old = kept;
  kept = undefined;
  noteStart(undefined);
  const reader = old?.reader;
  if (old) old.reader = undefined;
  await reader?.return(undefined).catch(() => undefined);
}

function keptStart(path: string, key: string): KeptStart {
  if (keptIdle) clearTimeout(keptIdle);
  keptIdle = setTimeout(() => void dropKept(), IDLE_MS);
  keptIdle.unref();
  if (kept?.key === key && kept.failed === undefined) return kept;
  void dropKept();
  // A start handed over by the thread that opened the file (packedStart.ts), else the first rows,
  // kept longer (lastHead): the reader starts after them.
  const given = takeGivenStart(key);
  const head = lastHead?.key === key ? lastHead.rows : undefined;
  const chunks = given ? given.chunks.map((c) => ({ bytes: Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength), rows: c.rows })) : head ? [{ bytes: jsonlChunk(head), rows: head.length }] : [];
  const rows = chunks.reduce((n, c) => n + c.rows, 0);
  const start: KeptStart = { key, chunks, kept: chunks.reduce((n, c) => n + c.bytes.length, 0), rows, reader: jsonlBatches(path, rows), ended: false };
  kept = start;
  noteStart(start, () => void closeReader(start));
  return kept;
}

/** The index worker has the start (packedStart.ts): the reader after it is not needed here, its chunks stay. */
async function closeReader(start: KeptStart): Promise<void> {
  await start.pulling;
  const reader = start.reader;
  start.reader = undefined;
  await reader?.return(undefined).catch(() => undefined);
}

/** The kept reader's next batch, kept (one pull at a time, shared by the readers waiting for it). */
function pull(start: KeptStart): Promise<void> {
  start.pulling ??= (async () => {
    try {
      const next = await start.reader!.next();
      if (next.done) {
        start.ended = true;
        return;
      }
      const { bytes, rows } = next.value;
      // JSON texts hold no raw newline: the head's rows are its lines.
      if (start.rows === 0) lastHead = { key: start.key, rows: bytes.toString('utf8', 0, bytes.length - 1).split('\n') };
      start.chunks.push({ bytes, rows });
      start.kept += bytes.length;
      start.rows += rows;
    } catch (err) {
      start.failed = err instanceof Error ? err : new Error(String(err));
      if (kept === start) {
        kept = undefined;
        noteStart(undefined);
      }
    } finally {
      start.pulling = undefined;
    }
  })();
  return start.pulling;
}

/** The file's rows as JSONL bytes, the first HEAD_ROWS alone, then ROWS_PER_CHUNK at a time. */
export async function* parquetJsonlChunks(path: string): AsyncGenerator<Buffer> {
  const start = keptStart(path, await fileKey(path));
  let i = 0;
  let rows = 0;
  for (;;) {
    const chunk = start.chunks[i];
    if (chunk) {
      i++;
      rows += chunk.rows;
      yield chunk.bytes;
      continue;
    }
    if (start.failed !== undefined) throw start.failed;
    if (start.ended) return;
    if (start.kept < KEPT_BYTES && start.reader) {
      await pull(start);
      continue;
    }
    const rest = start.reader ?? jsonlBatches(path, rows);
    start.reader = undefined;
    try {
      for await (const batch of rest) yield batch.bytes;
    } finally {
      await rest.return(undefined);
    }
    return;
  }
}

/**
 * Where the last re-read row was found: its batch, and the reader that goes on after it, so stepping
 * forward through records decodes each row once. A row behind it starts its group again (a little
 * before the row, so stepping back a few records stays in the batch). Closed after IDLE_MS unused.
 */
interface RowCursor {
  readonly key: string;
  readonly group: number;
  readonly parquet: ParquetHandle;
  readonly batches: AsyncGenerator<{ start: number; texts: string[] }>;
  batch: { start: number; texts: string[] } | undefined;
}
const BACK_ROWS = 32;
let rowCursor: RowCursor | undefined;
let idle: NodeJS.Timeout | undefined;
let rowQueue: Promise<unknown> = Promise.resolve();

async function dropRowCursor(): Promise<void> {
  const old = rowCursor;
  rowCursor = undefined;
  if (old) {
    await old.batches.return(undefined);
    await old.parquet.close();
  }
}

/** One row (0-based) as JSON text, decoding only its row group up to it; undefined past the end. */
export function parquetRowText(path: string, row: number): Promise<string | undefined> {
  const work = rowQueue.then(() => rowTextNow(path, row));
  rowQueue = work.catch(() => undefined);
  return work;
}

async function rowTextNow(path: string, row: number): Promise<string | undefined> {
  const key = await fileKey(path);
  // The first screen's records come from the head read when opening.
  if (lastHead?.key === key && row >= 0 && row < lastHead.rows.length) return lastHead.rows[row];
  if (idle) clearTimeout(idle);
  idle = setTimeout(() => void rowQueue.then(dropRowCursor), IDLE_MS);
  idle.unref();
  let cursor = rowCursor?.key === key ? rowCursor : undefined;
  const starts = cursor?.parquet.groupStarts;
  let group = 0;
  if (starts) while (group + 1 < starts.length && (starts[group + 1] as number) <= row) group++;
  if (!cursor || cursor.group !== group || !cursor.batch || row < cursor.batch.start + (starts![group] as number)) {
    await dropRowCursor();
    const parquet = await openParquet(path);
    group = 0;
    while (group + 1 < parquet.groupStarts.length && (parquet.groupStarts[group + 1] as number) <= row) group++;
    if (row < 0 || group >= parquet.metadata.row_groups.length) {
      await parquet.close();
      return undefined;
    }
    const inGroup = row - (parquet.groupStarts[group] as number);
    cursor = { key, group, parquet, batches: groupBatches(path, parquet, group, Math.max(0, inGroup - BACK_ROWS)), batch: undefined };
    rowCursor = cursor;
  }
  const inGroup = row - (cursor.parquet.groupStarts[group] as number);
  while (!cursor.batch || inGroup >= cursor.batch.start + cursor.batch.texts.length) {
    const next = await cursor.batches.next();
    if (next.done) return undefined;
    cursor.batch = next.value;
  }
  return cursor.batch.texts[inGroup - cursor.batch.start];
}
