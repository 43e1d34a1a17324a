/**
 * Binary values (BLOB) longer than one decompressed piece: a PLAIN byte-array page is taken a piece
 * at a time (parquetPages.ts), and a value spanning pieces is joined into a Node Buffer. Had such a
 * Buffer reached JSON.stringify, its toJSON would have run before the replacer and written
 * {"type":"Buffer","data":[…]}. It does not: byte arrays are read as UTF-8 text, as hyparquet reads
 * them (its default), so a value is the same text whether it spans pieces or not. Written by DuckDB
 * (an independent writer) with each kind of page reading (zstd pieces, uncompressed reads, snappy
 * whole), checked against hyparquet's full read, read whole and re-read one row at a time.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetJsonlChunks, parquetRowText } from '../../../../src/core/io/containers/parquetFile';
import { containerDir } from '../../../support/containerFiles';

/** As the JSONL lines are written (parquetFile.ts); BYTE_ARRAY values arrive as text, so base64 applies only to fixed-length ones. */
const base64 = (v: unknown): unknown => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v);

test('binary values longer than a decompressed piece read as hyparquet reads them, never as a Buffer\'s JSON', async () => {
  const dir = containerDir();
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const files: string[] = [];
  try {
    // 1 byte, 100 KB and 300 KB (over zstd's 128 KB blocks and the first 64 KB read of an uncompressed page).
    const rows = `SELECT i AS n, repeat(chr(65 + (i % 26)::INT) || '\\xC8', CASE i % 3 WHEN 0 THEN 1 WHEN 1 THEN 50000 ELSE 150000 END)::BLOB AS raw FROM range(9) t(i)`;
    for (const codec of ['zstd', 'uncompressed', 'snappy']) {
      const file = join(dir, `binary-${codec}.parquet`);
      await connection.run(`COPY (${rows}) TO '${file}' (FORMAT parquet, COMPRESSION ${codec})`);
      files.push(file);
    }
  } finally {
    connection.closeSync();
    db.closeSync();
  }
  for (const file of files) {
    const bytes = readFileSync(file);
    const objects = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), compressors });
    const expected = objects.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : base64(v))));
    assert.ok(expected.some((line) => line.length > 300_000), 'some values span pieces');
    const lines: string[] = [];
    for await (const chunk of parquetJsonlChunks(file)) lines.push(...chunk.toString('utf8').trimEnd().split('\n'));
    assert.equal(lines.length, expected.length, file);
    for (const [i, line] of lines.entries()) {
      assert.ok(!line.includes('"type":"Buffer"'), `${file}: row ${i} holds a Buffer's JSON`);
      assert.equal(line, expected[i], `${file}: row ${i}`);
      assert.equal(await parquetRowText(file, i), expected[i], `${file}: re-read of row ${i}`);
    }
  }
});
