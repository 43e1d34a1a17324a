/**
 * The page-level Parquet reader (parquetPages.ts, parquetRows.ts) against hyparquet's full read of
 * the same file: files written by DuckDB (an independent writer) with generated rows of every kind
 * an evaluation file holds — long texts with unicode, quotes and newlines, nulls, dictionary columns,
 * numbers, booleans, dates, blobs, lists (empty and null), structs, lists of structs and maps — with
 * each codec, format version 1 and 2 (DELTA encodings) and several row-group sizes. Rows are taken
 * in batches of random sizes (a batch may end anywhere in a page), read whole as JSONL, and re-read
 * one at a time in random order; every way gives hyparquet's rows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FileMetaData } from 'hyparquet';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetJsonlChunks, parquetRowText } from '../../../../src/core/io/containers/parquetFile';
import { rowGroupReader } from '../../../../src/core/io/containers/parquetRows';
import { containerDir } from '../../../support/containerFiles';
import { seeded } from '../synthetic';

/** What a JSONL line holds for a Parquet row (parquetFile.ts): 64-bit integers as numbers, binary as base64. */
const text = (row: Record<string, unknown>): string =>
  JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v));

/** Rows of every kind, varied by i with DuckDB's own hash (deterministic, so a failure reproduces). */
const ROWS_SQL = (n: number): string => `
  SELECT
    'id-' || i AS id,
    CASE WHEN hash(i) % 9 = 0 THEN NULL ELSE repeat('rationale é ✓ "q" \\ ' || i::VARCHAR || chr(10), 1 + (hash(i * 3) % 40)::INT) END AS judgment,
    ['A', 'B', 'tie'][1 + (hash(i * 5) % 3)::INT] AS label,
    CASE WHEN hash(i * 7) % 6 = 0 THEN NULL ELSE (hash(i * 11) % 10)::INT END AS score,
    (hash(i * 13) % 1000000000000)::BIGINT AS big,
    (hash(i * 17) % 1000)::DOUBLE / 7 AS ratio,
    hash(i * 19) % 2 = 0 AS flag,
    DATE '2024-01-01' + (i % 400)::INT AS day,
    CASE WHEN i % 11 = 0 THEN NULL ELSE ('\\x' || lpad(to_hex(i % 256), 2, '0'))::BLOB END AS raw,
    CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN [] ELSE ['step ' || i, NULL, repeat('x', (i % 13)::INT)] END AS steps,
    {'model': ['m1', 'm2'][1 + (i % 2)::INT], 'error': CASE WHEN i % 4 = 0 THEN 'timeout' ELSE NULL END} AS meta,
    [{'role': 'user', 'content': repeat('question ' || i, 1 + (i % 5)::INT)}, {'role': 'assistant', 'content': CASE WHEN i % 3 = 0 THEN NULL ELSE 'answer' END}] AS conversations,
    MAP {'k' || (i % 3): i % 7} AS tags
  FROM range(${n}) t(i)`;

async function writeParquet(dir: string, rows: number, options: string[]): Promise<string[]> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const files: string[] = [];
    for (const [k, option] of options.entries()) {
      const file = join(dir, `rows-${k}.parquet`);
      await connection.run(`COPY (${ROWS_SQL(rows)}) TO '${file}' (FORMAT parquet, ${option})`);
      files.push(file);
    }
    return files;
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

async function expectedRows(file: string): Promise<string[]> {
  const bytes = readFileSync(file);
  return (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), compressors })).map(text);
}

const ROWS = 3000;
const OPTIONS = [
  'COMPRESSION uncompressed',
  'COMPRESSION snappy',
  'COMPRESSION gzip',
  'COMPRESSION zstd',
  'COMPRESSION zstd, PARQUET_VERSION V2',
  'COMPRESSION snappy, PARQUET_VERSION V2, ROW_GROUP_SIZE 2048',
  'COMPRESSION zstd, ROW_GROUP_SIZE 2048',
  'COMPRESSION uncompressed, ROW_GROUP_SIZE 2048',
];

test('the page-level reader gives hyparquet\'s rows: each codec, both format versions, any batch size, any re-read order', async () => {
  const dir = containerDir();
  const files = await writeParquet(dir, ROWS, OPTIONS);
  const rand = seeded(27);
  for (const [k, file] of files.entries()) {
    const what = OPTIONS[k] as string;
    const expected = await expectedRows(file);
    assert.equal(expected.length, ROWS, what);

    // Every row group in batches of random sizes (1 to 700 rows).
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const metadata: FileMetaData = parquetMetadata(buffer);
    const file$ = { byteLength: buffer.byteLength, slice: (a: number, b?: number) => buffer.slice(a, b) };
    const got: string[] = [];
    for (let g = 0; g < metadata.row_groups.length; g++) {
      const next = rowGroupReader(file, file$, metadata, g, compressors);
      for (;;) {
        const rows = await next(1 + Math.floor(rand() * 700));
        if (!rows.length) break;
        got.push(...rows.map(text));
      }
    }
    assert.equal(got.length, expected.length, `${what}: row count`);
    for (let i = 0; i < expected.length; i++) assert.equal(got[i], expected[i], `${what}: row ${i} in random batches`);

    // The whole file as JSONL.
    const lines: string[] = [];
    for await (const chunk of parquetJsonlChunks(file)) lines.push(...chunk.toString('utf8').trimEnd().split('\n'));
    assert.deepEqual(lines, expected, `${what}: as JSONL`);

    // Re-reads in random order, forward runs and jumps back.
    for (let n = 0; n < 12; n++) {
      const row = n % 4 === 3 ? Math.max(0, Math.floor(rand() * ROWS) - 1) : Math.floor(rand() * ROWS);
      assert.equal(await parquetRowText(file, row), expected[row], `${what}: re-read of row ${row}`);
      assert.equal(await parquetRowText(file, Math.min(ROWS - 1, row + 1)), expected[Math.min(ROWS - 1, row + 1)], `${what}: re-read of the row after ${row}`);
    }
    assert.equal(await parquetRowText(file, ROWS), undefined, `${what}: past the end`);
  }
});
