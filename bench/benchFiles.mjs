/* global process */
/**
 * The Inspector bench's files, made once in bench/data: a 1 GB R-Align JSONL file (four copies of the
 * stats bench's generated file, each with ids of its own), the same as `.jsonl.gz` (gzip -1) and as Parquet (zstd, written by
 * DuckDB, an independent writer).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/harness.mjs';

const DATA = join(ROOT, 'bench', 'data');
export const BIG = 'r-align-1gb-v2.jsonl';
const BIG_GZ = 'r-align-1gb-v2.jsonl.gz';
const BIG_PARQUET = 'r-align-1gb-v2.parquet';

export async function ensureBigFile() {
  const path = join(DATA, BIG);
  if (existsSync(path) && statSync(path).size >= 1e9) return path;
  const require = createRequire(import.meta.url);
  const source = await require(join(ROOT, 'out', 'bench', 'stats.bench.js')).ensureBenchFile();
  const out = createWriteStream(`${path}.tmp`);
  // Each copy's ids are its own ("c2-syn-17"): repeated ids would make every record a set of four samples.
  for (let copy = 0; copy < 4; copy++) {
    let rest = '';
    for await (const chunk of createReadStream(source, { encoding: 'utf8' })) {
      const text = rest + chunk;
      const cut = text.lastIndexOf('\n') + 1;
      rest = text.slice(cut);
      if (!out.write(text.slice(0, cut).replaceAll('{"id":"syn-', `{"id":"c${copy}-syn-`))) await once(out, 'drain');
    }
    if (rest) out.write(rest.replaceAll('{"id":"syn-', `{"id":"c${copy}-syn-`));
  }
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
