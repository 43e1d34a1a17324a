/* global process */
/**
 * The Inspector bench's files, made once in bench/data: a 1 GB R-Align JSONL file (four copies of the
 * stats bench's generated file), the same as `.jsonl.gz` (gzip -1) and as Parquet (zstd, written by
 * DuckDB, an independent writer).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/harness.mjs';

const DATA = join(ROOT, 'bench', 'data');
export const BIG = 'r-align-1gb.jsonl';
const BIG_GZ = 'r-align-1gb.jsonl.gz';
const BIG_PARQUET = 'r-align-1gb.parquet';

export async function ensureBigFile() {
  const path = join(DATA, BIG);
  if (existsSync(path) && statSync(path).size >= 1e9) return path;
  const require = createRequire(import.meta.url);
  const source = await require(join(ROOT, 'out', 'bench', 'stats.bench.js')).ensureBenchFile();
  const out = createWriteStream(`${path}.tmp`);
  for (let i = 0; i < 4; i++) for await (const chunk of createReadStream(source)) if (!out.write(chunk)) await once(out, 'drain');
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  renameSync(`${path}.tmp`, path);
  return path;
}

export function ensureGzip(big) {
  const path = join(DATA, BIG_GZ);
  if (!existsSync(path)) {
    execFileSync('sh', ['-c', 'gzip -1 -c "$1" > "$2.tmp" && mv "$2.tmp" "$2"', 'sh', big, path], { stdio: 'inherit' });
  }
  return path;
}

export async function ensureParquet(big) {
  const path = join(DATA, BIG_PARQUET);
  if (existsSync(path)) return path;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_json('${big}', format = 'newline_delimited')) TO '${path}.tmp' (FORMAT parquet, COMPRESSION zstd)`);
  c.closeSync();
  db.closeSync();
  renameSync(`${path}.tmp`, path);
  process.stdout.write(`wrote ${path} (${(statSync(path).size / 2 ** 20).toFixed(0)} MB)\n`);
  return path;
}
