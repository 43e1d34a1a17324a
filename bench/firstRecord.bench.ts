/**
 * The first record of a 1 GB file, as the Inspector's index gets it (open, recognize the format,
 * read the first record), Parquet (DuckDB-written, its default row groups, snappy and zstd) as a
 * ratio of the same records as plain JSONL, measured in the same run, each in its own process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureSyntheticFile } from './stats.bench';

const root = resolve(__dirname, '..', '..');
const dataDir = join(root, 'bench', 'data');
const TARGET_BYTES = 1024 * 1024 * 1024;

const CHILD = `
const { openDataset, readDataset } = require(process.argv[1]);
const started = process.hrtime.bigint();
(async () => {
  const dataset = await openDataset(process.argv[2]);
  for await (const event of readDataset(dataset)) {
    if (event.kind !== 'record') continue;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(JSON.stringify({ seconds, id: event.record.id, rssMb: process.memoryUsage().rss / 2 ** 20 }));
    process.exit(0);
  }
})();
`;

function firstRecord(file: string): { seconds: number; id: string; rssMb: number } {
  const r = spawnSync(process.execPath, ['-e', CHILD, join(root, 'out', 'src', 'core', 'dataset', 'dataset.js'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as { seconds: number; id: string; rssMb: number };
}

async function main(): Promise<void> {
  const plain = await ensureSyntheticFile('first-record-1gb.jsonl', TARGET_BYTES, 13);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const files: Record<string, string> = {};
  for (const codec of ['snappy', 'zstd']) {
    const file = join(dataDir, `first-record-1gb.${codec}.parquet`);
    if (!existsSync(file)) await c.run(`COPY (SELECT * FROM read_json('${plain}', format = 'newline_delimited')) TO '${file}' (FORMAT parquet, COMPRESSION ${codec})`);
    files[`parquet ${codec}`] = file;
  }
  c.closeSync();
  db.closeSync();
  const base = firstRecord(plain);
  console.log(`plain JSONL (${(statSync(plain).size / 2 ** 30).toFixed(2)} GB): first record in ${base.seconds.toFixed(3)} s, RSS ${base.rssMb.toFixed(0)} MB`);
  for (const [name, file] of Object.entries(files)) {
    const t = firstRecord(file);
    const same = t.id === base.id ? 'same record' : `DIFFERENT record (${t.id} vs ${base.id})`;
    console.log(`${name.padEnd(15)} ${(statSync(file).size / 2 ** 20).toFixed(0).padStart(5)} MB  first record in ${t.seconds.toFixed(3)} s  ${(t.seconds / base.seconds).toFixed(1)}× the JSONL file  RSS ${t.rssMb.toFixed(0)} MB  ${same}`);
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
