/**
 * Parquet files read with hyparquet (pure JS; its compressors package adds snappy, gzip, brotli,
 * zstd and lz4): each row becomes the JSON text a JSONL line would hold (nested lists and structs
 * as arrays and objects, 64-bit integers as numbers, binary as base64), so every adapter and field
 * mapping reads it unchanged. Rows are decoded a row group at a time, the file's first HEAD_ROWS
 * rows on their own before it (detection and the first screen need no more), and re-reading one row
 * decodes only the row group it is in (the last one decoded is kept).
 */
import { open, stat } from 'node:fs/promises';
import type { AsyncBuffer, CompressionCodec, Compressors, FileMetaData } from 'hyparquet';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors as hubCompressors } from 'hyparquet-compressors';
import { decompress as zstdDecompress } from 'fzstd';
import { DatasetError } from '../datasetError';

/** A page that says it decompresses to more than this is refused before anything is allocated. */
export const MAX_PAGE_BYTES = 512 * 1024 * 1024;
/** Rows turned into text at a time while streaming. */
const ROWS_PER_CHUNK = 512;
/**
 * The first rows of the file are read on their own before its first row group: format detection and
 * the Inspector's first screen need only them, and a writer with small pages (pyarrow's 1 MB) lets
 * hyparquet stop after each column's first page instead of decoding the whole group.
 */
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
    ZSTD: guarded('ZSTD', (input, n) => zstdDecompress(input, new Uint8Array(n))),
    LZ4: guarded('LZ4', hub.LZ4),
    LZ4_RAW: guarded('LZ4_RAW', hub.LZ4_RAW),
  };
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

function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(row, jsonValue);
}

/** What JSON.parse of a JSONL line would give for the values JSON has no type for. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return value;
}

/** The rows of one row group as JSON texts (the last group read is kept for re-reads). */
let lastGroup: { key: string; group: number; rows: string[] } | undefined;
/** The file's first HEAD_ROWS rows, of the last file whose start was read. */
let lastHead: { key: string; rows: string[] } | undefined;

async function groupRows(path: string, key: string, parquet: ParquetHandle, group: number): Promise<string[]> {
  if (lastGroup && lastGroup.key === key && lastGroup.group === group) return lastGroup.rows;
  const texts = await rowTexts(path, parquet, parquet.groupStarts[group] as number, parquet.groupStarts[group + 1] as number);
  lastGroup = { key, group, rows: texts };
  return texts;
}

async function rowTexts(path: string, parquet: ParquetHandle, rowStart: number, rowEnd: number): Promise<string[]> {
  try {
    return (await parquetReadObjects({ file: parquet.file, metadata: parquet.metadata, compressors: pageLimitedCompressors(path), rowStart, rowEnd })).map(rowText);
  } catch (err) {
    throw asDatasetError(path, err);
  }
}

const jsonlChunk = (rows: readonly string[]): Buffer => Buffer.from(`${rows.join('\n')}\n`);

async function fileKey(path: string): Promise<string> {
  const info = await stat(path);
  return `${path}\0${info.size}\0${info.mtimeMs}`;
}

/** The file's rows as JSONL bytes, a row group at a time. */
export async function* parquetJsonlChunks(path: string): AsyncGenerator<Buffer> {
  const key = await fileKey(path);
  const parquet = await openParquet(path);
  try {
    let from = 0; // rows of the first group already given
    const firstGroupRows = (parquet.groupStarts[1] ?? 0) - (parquet.groupStarts[0] ?? 0);
    if (firstGroupRows > HEAD_ROWS && !(lastGroup?.key === key && lastGroup.group === 0)) {
      // Kept, like the last group: opening a file reads its start three times (sample, kind, format).
      if (lastHead?.key !== key) lastHead = { key, rows: await rowTexts(path, parquet, 0, HEAD_ROWS) };
      yield jsonlChunk(lastHead.rows);
      from = HEAD_ROWS;
    }
    for (let g = 0; g < parquet.metadata.row_groups.length; g++) {
      const rows = await groupRows(path, key, parquet, g);
      for (let i = g === 0 ? from : 0; i < rows.length; i += ROWS_PER_CHUNK) yield jsonlChunk(rows.slice(i, Math.min(i + ROWS_PER_CHUNK, rows.length)));
    }
  } finally {
    await parquet.close();
  }
}

/** One row (0-based) as JSON text, decoding only its row group; undefined past the end. */
export async function parquetRowText(path: string, row: number): Promise<string | undefined> {
  const key = await fileKey(path);
  const parquet = await openParquet(path);
  try {
    const starts = parquet.groupStarts;
    let group = 0;
    while (group + 1 < starts.length && (starts[group + 1] as number) <= row) group++;
    if (row < 0 || group >= parquet.metadata.row_groups.length) return undefined;
    // The first screen's records come from the head read when opening, not from a whole group.
    if (lastHead?.key === key && row < lastHead.rows.length && !(lastGroup?.key === key && lastGroup.group === group)) return lastHead.rows[row];
    return (await groupRows(path, key, parquet, group))[row - (starts[group] as number)];
  } finally {
    await parquet.close();
  }
}
