/**
 * A Parquet file's first rows are read on their own before its first row group (parquetFile.ts
 * HEAD_ROWS): detection and the Inspector's first screen stop there, and the whole read still gives
 * every row once, in order, whether the head was read or the group was already decoded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import { HEAD_ROWS, parquetJsonlChunks, parquetRowText } from '../../../../src/core/io/containers/parquetFile';
import { syntheticParquet } from './syntheticParquet';

async function ids(file: string): Promise<string[]> {
  const out: string[] = [];
  for await (const event of readDataset(await openDataset(file))) if (event.kind === 'record') out.push(event.record.id);
  return out;
}

test('the first rows come first and alone; the whole read gives every row once, in order', async () => {
  const { records, parquet: { zstd: parquet } } = await syntheticParquet('head-rows', { count: 700, seed: 64, textBytes: 120, adversarial: false }, ['zstd'], 300); // groups of 300, 300 and 100 rows
  const expected = records.map((r) => r.id as string);

  const chunks = parquetJsonlChunks(parquet);
  const first = (await chunks.next()).value as Buffer;
  assert.equal(first.toString('utf8').trimEnd().split('\n').length, HEAD_ROWS);
  await chunks.return(undefined);

  // A record of the head is re-read from it (the Inspector's first record), equal to the group's row.
  const fromHead = await parquetRowText(parquet, 10);
  assert.equal((JSON.parse(fromHead as string) as { id: string }).id, expected[10]);
  assert.deepEqual(await ids(parquet), expected);
  const lines: string[] = [];
  for await (const chunk of parquetJsonlChunks(parquet)) lines.push(...chunk.toString('utf8').trimEnd().split('\n'));
  assert.equal(lines.length, records.length);
  assert.equal(lines[10], fromHead, 'the head row is the group row');
  assert.deepEqual(await ids(parquet), expected, 'the same rows when the first group was already decoded');
  assert.equal((JSON.parse((await parquetRowText(parquet, 650)) as string) as { id: string }).id, expected[650]);
});
