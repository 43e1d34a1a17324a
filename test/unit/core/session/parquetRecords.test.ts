/**
 * The index reads a Parquet file's rows without their JSON text (session/parquetRecords.ts). What the
 * JSONL path checks must still hold: the session built from the rows is the session of the same rows
 * read as JSONL text (the decoded lines written to a .jsonl file): figures, every index row with its
 * byte range, line and kind, issues with their line, column and field, and the records served; and
 * the index's compact batches equal the full adapter's read of the text (`full`). The rows, written
 * by DuckDB, hold what the fast read must hand to the full adapter: odd labels and verdicts,
 * non-string responses, null contents, rounds, 64-bit ids, binary, NaN and infinite doubles,
 * timestamps, maps, quotes, control characters, non-ASCII text and verdicts around the cut.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDataset } from '../../../../src/core/dataset/dataset';
import { parquetJsonlChunks } from '../../../../src/core/io/containers/parquetFile';
import { compactBatches } from '../../../../src/core/session/compactRecords';
import type { CompactBatch } from '../../../../src/core/session/compactRecords';
import { DatasetSession } from '../../../../src/core/session/session';
import { containerDir } from '../../../support/containerFiles';

const dir = containerDir();

/** R-Align rows, varied by row number; `extra` adds or replaces columns (SQL over i). */
function rowsSql(count: number, extra = ''): string {
  const pick = (list: string[]) => `[${list.join(', ')}][1 + (i % ${list.length})::INT]`;
  const judgment = `CASE i % 9
      WHEN 0 THEN repeat('thinking "quoted" ', 70) || ' \\boxed{' || ${pick(["'A'", "'B'"])} || '}'
      WHEN 1 THEN 'short ' || chr(10) || 'tab' || chr(9) || 'ctl' || chr(1) || ' [[B]]'
      WHEN 2 THEN repeat('é日本😀', 300) || chr(10) || chr(10) || 'Final verdict: [[A>>B]]'
      WHEN 3 THEN 'Output (a) is better. ' || repeat('x', (i * 37) % 1400)
      WHEN 4 THEN '[[A]] early then ' || repeat('y', 990 + (i % 60)) || ' nothing at the end'
      WHEN 5 THEN repeat('z', 1020 + (i % 9)) || ' \\boxed{B}'
      WHEN 6 THEN NULL
      WHEN 7 THEN ''
      ELSE '<think>' || repeat('w ', 400) || '</think>Rationale: \\boxed{' || ${pick(["'A'", "'B'"])} || '}' END`;
  return `SELECT
      CASE WHEN i % 23 = 0 THEN NULL WHEN i % 29 = 0 THEN '' ELSE 'r-' || i END AS id,
      {'subset': CASE WHEN i % 5 = 0 THEN NULL ELSE ${pick(["'chat'", "'code'", "'safety'"])} END} AS source,
      [{'role': 'user', 'content': CASE WHEN i % 31 = 0 THEN NULL ELSE 'Question ' || i || ' "why"?' END}] AS conversations,
      'Response A ' || i || ' ' || chr(10) AS response_A,
      'Response B ' || i AS response_B,
      CASE WHEN i % 13 = 0 THEN '' ELSE 'Gold ' || i END AS gt_judgment,
      ${pick(["'A'", "'B'", "' A '", "'C'", 'NULL', "'B'", "'A'"])} AS gt_label,
      ${judgment} AS model_judgment,
      ${pick(["'A'", "'B'", "'tie'", "'X'", 'NULL', "'A'", "'B'", "'B'"])} AS model_pred,
      ${pick(["'Correct'", "'Incorrect'", "'Weird'", 'NULL', "'Correct'"])} AS metarm_verdict,
      i::BIGINT * 1000003 AS big,
      CASE i % 4 WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN -0.0 ELSE i / 7 END AS score,
      ('bin' || i)::BLOB AS raw,
      TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS at,
      MAP {'k': i} AS meta
      ${extra}
    FROM range(${count}) t(i)`;
}

async function writeParquet(name: string, sql: string, rowGroupSize: number): Promise<string> {
  const file = join(dir, `${name}.parquet`);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`COPY (${sql}) TO '${file}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupSize})`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return file;
}

/** The Parquet file's rows as the JSONL text the reader decodes them to, written as a .jsonl file. */
async function asJsonl(parquet: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of parquetJsonlChunks(parquet)) chunks.push(chunk);
  const file = parquet.replace(/\.parquet$/, '.decoded.jsonl');
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

async function sessionState(path: string) {
  const s = await DatasetSession.open(path, { indexInWorker: false });
  await s.load();
  const rows = Array.from({ length: s.count }, (_, i) => ({ ...s.row(i), at: s.index.at(i), kind: s.kindOf(i) }));
  const records = [];
  for (let i = 0; i < s.count; i += 7) records.push(await s.record(i));
  const state = { snapshot: s.snapshot(), rows, issues: s.issues, malformed: s.malformed, warnings: s.warnings, records };
  // The file's name aside (the two files are compared), as JSON.
  return JSON.parse(JSON.stringify(state).split(JSON.stringify(path).slice(1, -1)).join('<file>')) as unknown;
}

async function batches(path: string, full: boolean): Promise<CompactBatch[]> {
  const dataset = await openDataset(path, {});
  const out: CompactBatch[] = [];
  for await (const b of compactBatches(dataset, { full, maxIssues: 10_000 }, 97)) out.push({ ...b, issues: b.issues.map((x) => ({ ...x, file: '' })) });
  return out;
}

for (const [name, extra] of [
  ['rows', ''],
  // Rounds (the full adapter's synthesis), and responses that are not text.
  ['odd-columns', `, CASE WHEN i % 3 = 0 THEN [[{'content': '[[A]]'}]] ELSE NULL END AS round_responses, i AS response_A`],
] as const) {
  test(`Parquet rows indexed without their text give the session of the same rows read as JSONL (${name})`, async () => {
    const parquet = await writeParquet(`index-${name}`, rowsSql(700, extra).replace(/'Response A ' \|\| i \|\| ' ' \|\| chr\(10\) AS response_A,/, extra.includes('response_A') ? '' : '$&'), 150);
    const jsonl = await asJsonl(parquet);
    const fromRows = await sessionState(parquet);
    const fromText = await sessionState(jsonl);
    const text = fromText as { rows: unknown[]; warnings: number; malformed: number };
    assert.ok(text.rows.length > 300, `records read (${text.rows.length})`);
    assert.ok(text.warnings + text.malformed > 20, `the rows have issues to report (${text.warnings} warnings, ${text.malformed} skipped)`);
    assert.deepEqual(fromRows, fromText);
    // The index's batches equal the full adapter's read of the rows' text, byte ranges included.
    assert.deepEqual(await batches(parquet, false), await batches(parquet, true));
  });
}
