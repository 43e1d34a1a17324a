/**
 * The start of a Parquet file is decoded once and kept for the next readers of the same file
 * (parquetFile.ts, KeptStart): readers interleaved with each other, the one that takes over the
 * reader past the kept bytes, a later one that needs a reader of its own, and one still replaying
 * when another file is opened all give every row once, in order. And fzstd's frame reader is never
 * handed a buffer it turns into text (its `w == 1` test).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parquetJsonlChunks, pageLimitedCompressors } from '../../../../src/core/io/containers/parquetFile';
import { rawFrame } from '../../../support/zstdFrames';
import { syntheticParquet } from './syntheticParquet';

async function lines(chunks: AsyncGenerator<Buffer>, upTo = Infinity): Promise<string[]> {
  const out: string[] = [];
  while (out.length < upTo) {
    const next = await chunks.next();
    if (next.done) break;
    out.push(...next.value.toString('utf8').trimEnd().split('\n'));
  }
  return out;
}

/** The same rows in the same order; a failure names the first row that differs (rows are long). */
function same(actual: readonly string[], expected: readonly string[], who: string): void {
  const at = actual.findIndex((line, i) => line !== expected[i]);
  assert.equal(at === -1 ? actual.length : `row ${at} differs`, expected.length, `${who}: every row once, in order`);
}

test('readers of one Parquet file share its decoded start and each still gets every row once, in order', async () => {
  // About 18 MB of JSONL: past the 8 MB kept, in groups of 1,000 rows.
  const { records, parquet: { zstd: parquet, snappy: other } } = await syntheticParquet('kept-rows', { count: 3000, seed: 91, textBytes: 6000, adversarial: false }, ['zstd', 'snappy'], 1000);
  const whole = await lines(parquetJsonlChunks(parquet));
  assert.equal(whole.length, records.length);
  assert.deepEqual(
    whole.map((l) => (JSON.parse(l) as { id: string }).id),
    records.map((r) => r.id),
  );

  // Interleaved: a reads a little, b reads past the kept start (taking the reader over), c starts
  // after b took it (a reader of its own from the end of the kept start), a finishes last.
  const a = parquetJsonlChunks(parquet);
  const b = parquetJsonlChunks(parquet);
  const aStart = await lines(a, 100);
  const bAll = await lines(b);
  const c = parquetJsonlChunks(parquet);
  const cAll = await lines(c);
  const aAll = [...aStart, ...(await lines(a))];
  same(bAll, whole, 'the reader that took over');
  same(cAll, whole, 'a reader after it');
  same(aAll, whole, 'a reader interleaved with both');

  // A reader replaying the kept start when another file is opened (the start is dropped) goes on with a reader of its own.
  const d = parquetJsonlChunks(parquet);
  const dStart = await lines(d, 100);
  await lines(parquetJsonlChunks(other), 10);
  same([...dStart, ...(await lines(d))], whole, 'a reader when another file was opened');

  // Two readers waiting for the same batch at once.
  const [e, f] = await Promise.all([lines(parquetJsonlChunks(other)), lines(parquetJsonlChunks(other))]);
  same(e, whole, 'the first of two at once');
  same(f, whole, 'the second of two at once');
});

test('a zstd page is decompressed into a buffer fzstd never turns into text', () => {
  const page = Buffer.from('a Parquet page of text '.repeat(4000));
  const compressed = rawFrame(page);
  const joined: number[] = [];
  const proto = Uint8Array.prototype as unknown as { join(this: Uint8Array, separator?: string): string };
  const join = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'join')!;
  proto.join = function (this: Uint8Array, separator?: string): string {
    joined.push(this.length);
    return (join.value as (this: Uint8Array, separator?: string) => string).call(this, separator);
  };
  try {
    const out = pageLimitedCompressors('page.parquet').ZSTD!(new Uint8Array(compressed), page.length);
    assert.equal(Buffer.from(out).toString(), page.toString());
  } finally {
    delete (proto as { join?: unknown }).join;
  }
  assert.deepEqual(joined, [], 'the output buffer was converted to text');
});
