/**
 * `stats` on the same records packed as they ship, as a ratio of the plain-JSONL tally measured in
 * the same run: .jsonl.gz, .jsonl.zst (DuckDB-written) and Parquet with snappy and zstd (DuckDB,
 * a devDependency). Each run is the bundled CLI in its own process; figures must be identical.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureSyntheticFile } from './stats.bench';

const root = resolve(__dirname, '..', '..');
const dataDir = join(root, 'bench', 'data');
const TARGET_BYTES = 64 * 1024 * 1024;
const cli = join(root, 'dist', 'cli.js');

const plainFile = (): Promise<string> => ensureSyntheticFile('containers-64mb.jsonl', TARGET_BYTES, 7);

async function packed(plain: string): Promise<Record<string, string>> {
  const files: Record<string, string> = { 'jsonl.gz': `${plain}.gz`, 'jsonl.zst': join(dataDir, 'containers-64mb.duckdb.jsonl.zst'), 'parquet snappy': join(dataDir, 'containers-64mb.snappy.parquet'), 'parquet zstd': join(dataDir, 'containers-64mb.zstd.parquet') };
  if (!existsSync(files['jsonl.gz'] as string)) writeFileSync(files['jsonl.gz'] as string, gzipSync(readFileSync(plain)));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const source = `SELECT * FROM read_json('${plain}', format = 'newline_delimited')`;
  if (!existsSync(files['jsonl.zst'] as string)) await c.run(`COPY (${source}) TO '${files['jsonl.zst']}' (FORMAT json, COMPRESSION zstd)`);
  for (const codec of ['snappy', 'zstd']) {
    const file = files[`parquet ${codec}`] as string;
    if (!existsSync(file)) await c.run(`COPY (${source}) TO '${file}' (FORMAT parquet, COMPRESSION ${codec})`);
  }
  c.closeSync();
  db.closeSync();
  return files;
}

function tally(file: string): { seconds: number; records: number; sCorr: number | null } {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'stats', file, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { records: number; sCorr: number | null };
  return { seconds, records: out.records, sCorr: out.sCorr };
}

async function main(): Promise<void> {
  const plain = await plainFile();
  const files = await packed(plain);
  const base = tally(plain);
  console.log(`plain JSONL (${(statSync(plain).size / 2 ** 20).toFixed(0)} MB, ${base.records.toLocaleString('en-US')} records): ${base.seconds.toFixed(2)} s`);
  for (const [name, file] of Object.entries(files)) {
    const t = tally(file);
    const same = t.records === base.records && t.sCorr === base.sCorr ? 'same figures' : `DIFFERENT figures (${t.records} records, S-Corr ${t.sCorr})`;
    console.log(`${name.padEnd(15)} ${(statSync(file).size / 2 ** 20).toFixed(1).padStart(6)} MB  ${t.seconds.toFixed(2)} s  ${(t.seconds / base.seconds).toFixed(2)}× the plain tally  ${same}`);
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
