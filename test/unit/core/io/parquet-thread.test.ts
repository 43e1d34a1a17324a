/**
 * A Parquet file's rows decoded on a thread of their own (parquetThread.ts): the same JSONL as
 * decoded on the reader's thread, for a file of several row groups; the same errors (a DatasetError
 * stays one, with its message) for a truncated and a damaged file; and once the start is handed to
 * the index worker (packedStart.ts) the reader after it is closed, while a later reader still gets
 * every row once, in order.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { DatasetError } from '../../../../src/core/io/datasetError';
import { parquetJsonlChunks } from '../../../../src/core/io/containers/parquetFile';
import { decodeOffThread, decodesOffThread } from '../../../../src/core/io/containers/parquetThread';
import { startOf } from '../../../../src/core/io/containers/packedStart';
import { syntheticParquet } from './syntheticParquet';

type Outcome = { lines: string[] } | { error: string; dataset: boolean };

async function outcome(path: string, upTo = Infinity): Promise<Outcome> {
  const lines: string[] = [];
  try {
    for await (const chunk of parquetJsonlChunks(path)) {
      lines.push(...chunk.toString('utf8').trimEnd().split('\n'));
      if (lines.length >= upTo) break;
    }
    return { lines };
  } catch (err) {
    return { error: (err as Error).message, dataset: err instanceof DatasetError };
  }
}

/** Both ways, each on a copy of its own (the kept start is per file). */
async function bothWays(path: string): Promise<{ here: Outcome; there: Outcome }> {
  const [a, b] = [`${path}.here.parquet`, `${path}.there.parquet`];
  copyFileSync(path, a);
  copyFileSync(path, b);
  decodeOffThread(false);
  assert.equal(decodesOffThread(), false);
  const here = await outcome(a);
  decodeOffThread(true);
  try {
    assert.equal(decodesOffThread(), true, 'the worker script is found beside the compiled index worker');
    return { here: { ...here, ...('error' in here ? { error: here.error.replaceAll(a, b) } : {}) }, there: await outcome(b) };
  } finally {
    decodeOffThread(false);
  }
}

test('rows decoded on a thread of their own are the rows decoded on the reader\'s thread, errors included', async () => {
  const { records, parquet } = await syntheticParquet('thread-rows', { count: 2500, seed: 5, textBytes: 2000, adversarial: true }, ['zstd', 'snappy'], 700);
  for (const file of [parquet.zstd, parquet.snappy]) {
    const { here, there } = await bothWays(file);
    assert.ok('lines' in here && here.lines.length === records.length, `${file}: every row`);
    assert.deepEqual(there, here, file);
  }

  // Truncated: no footer. Damaged: bytes of its pages overwritten.
  const bytes = readFileSync(parquet.zstd);
  const truncated = `${parquet.zstd}.truncated`;
  writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
  const damaged = `${parquet.zstd}.damaged`;
  const copy = Buffer.from(bytes);
  copy.fill(0xff, Math.floor(copy.length / 3), Math.floor(copy.length / 3) + 64);
  writeFileSync(damaged, copy);
  for (const file of [truncated, damaged]) {
    const { here, there } = await bothWays(file);
    assert.deepEqual(there, here, file);
  }
  const { there } = await bothWays(truncated);
  assert.ok('error' in there && there.dataset && there.error.includes('truncated'), `a truncated file: ${JSON.stringify(there)}`);
});

test('once the start is handed to the index worker, a later reader still gets every row once, in order', async () => {
  const { records, parquet } = await syntheticParquet('thread-handover', { count: 3000, seed: 8, textBytes: 4000, adversarial: false }, ['zstd'], 1000);
  decodeOffThread(true); // as in the extension host
  try {
    await handover(parquet.zstd, records.map((r) => String(r.id)));
  } finally {
    decodeOffThread(false);
  }
});

async function handover(file: string, ids: readonly string[]): Promise<void> {
  const head = await outcome(file, 64);
  assert.ok('lines' in head && head.lines.length >= 64);
  const start = startOf(file);
  assert.ok(start && start.chunks.length > 0, 'the kept start is handed over');
  const after = await outcome(file);
  assert.ok('lines' in after);
  assert.deepEqual(
    after.lines.map((l) => (JSON.parse(l) as { id: string }).id),
    ids,
  );
}
