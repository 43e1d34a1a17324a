/**
 * Writes the same records packed in each way the readers take, with writers independent of ours:
 * node:zlib for gzip, DuckDB (a devDependency, never shipped) for zstd streams and for Parquet with
 * each codec the Hugging Face hub uses. Made at test time: no binary test data is committed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';

export const PARQUET_CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4'] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];

export function containerDir(): string {
  return mkdtempSync(join(tmpdir(), 'rlens-containers-'));
}

/** `<dir>/<name>.gz`, the file's exact bytes gzipped. */
export function gzipCopy(file: string, dir: string, name = `${basename(file)}.gz`): string {
  const out = join(dir, name);
  writeFileSync(out, gzipSync(readFileSync(file)));
  return out;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

async function withDuckDb<T>(work: (run: (sql: string) => Promise<void>) => Promise<T>): Promise<T> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    return await work(async (sql) => {
      await connection.run(sql);
    });
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/**
 * DuckDB writes the JSONL file's records as newline-delimited JSON twice, plain and zstd-compressed
 * (the same bytes before compression): returns [plain, zstd].
 */
export function duckDbJsonlPair(jsonl: string, dir: string): Promise<[string, string]> {
  const plain = join(dir, 'duckdb.jsonl');
  const zst = join(dir, 'duckdb.jsonl.zst');
  return withDuckDb(async (run) => {
    const source = `SELECT * FROM read_json(${sqlString(jsonl)}, format = 'newline_delimited')`;
    await run(`COPY (${source}) TO ${sqlString(plain)} (FORMAT json)`);
    await run(`COPY (${source}) TO ${sqlString(zst)} (FORMAT json, COMPRESSION zstd)`);
    return [plain, zst];
  });
}

/** DuckDB writes the JSONL file's records as Parquet with each codec (small row groups, so there are several). */
export function duckDbParquet(jsonl: string, dir: string, codecs: readonly ParquetCodec[] = PARQUET_CODECS, rowGroupSize = 16): Promise<Record<ParquetCodec, string>> {
  return withDuckDb(async (run) => {
    const out = {} as Record<ParquetCodec, string>;
    for (const codec of codecs) {
      const file = join(dir, `${basename(jsonl).replace(/\.jsonl$/, '')}.${codec}.parquet`);
      await run(`COPY (SELECT * FROM read_json(${sqlString(jsonl)}, format = 'newline_delimited')) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${rowGroupSize})`);
      out[codec] = file;
    }
    return out;
  });
}
