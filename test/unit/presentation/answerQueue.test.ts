/**
 * The order the Inspector's host builds record views in (presentation/answerQueue.ts): one at a
 * time, the record wanted now before the rest of a batch read ahead, and a batch answered in parts
 * by size. Builds resolve when the test says (no clock).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswerQueue } from '../../../src/presentation/answerQueue';

interface View {
  readonly index: number;
  readonly bytes: number;
}

/** Builds that finish when released, in the order they started; `started` says which are being built. */
function builds(bytes: (index: number) => number = () => 10) {
  const started: number[] = [];
  const waiting: (() => void)[] = [];
  const build = (index: number) =>
    new Promise<View>((resolve) => {
      started.push(index);
      waiting.push(() => resolve({ index, bytes: bytes(index) }));
    });
  /** Finishes the build under way and lets the queue go on. */
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    waiting.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { started, build, release };
}

test('one view at a time; the record wanted now goes before the rest of a batch; the batch goes on after it', async () => {
  const b = builds();
  const q = new AnswerQueue<View>((v) => v.bytes, 1000);
  const posted: { indexes: number[]; last: boolean }[] = [];
  const batch = q.many([1, 2, 3], b.build, (views, last) => posted.push({ indexes: views.map((v) => v.index), last }));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(b.started, [1], 'one view at a time');
  const wanted = q.one(() => b.build(9));
  await b.release();
  assert.deepEqual(b.started, [1, 9], 'the wanted record before the rest of the batch');
  await b.release();
  assert.deepEqual(await wanted, { index: 9, bytes: 10 });
  assert.deepEqual(b.started, [1, 9, 2]);
  await b.release();
  await b.release();
  await batch;
  assert.deepEqual(posted, [{ indexes: [1, 2, 3], last: true }], 'one message for the batch');
});

test('a batch past its byte budget is answered in parts, each at least one view, the last marked', async () => {
  const b = builds((index) => (index === 3 ? 500 : 40));
  const q = new AnswerQueue<View>((v) => v.bytes, 100);
  const posted: { indexes: number[]; last: boolean }[] = [];
  const batch = q.many([1, 2, 3, 4, 5, 6], b.build, (views, last) => posted.push({ indexes: views.map((v) => v.index), last }));
  for (let i = 0; i < 6; i++) await b.release();
  await batch;
  assert.deepEqual(posted, [
    { indexes: [1, 2], last: false },
    { indexes: [3], last: false },
    { indexes: [4, 5], last: false },
    { indexes: [6], last: true },
  ]);
});

test('a failed build rejects its own request only: the views built before it are posted first, and the queue goes on', async () => {
  const q = new AnswerQueue<View>((v) => v.bytes, 10);
  const posted: number[][] = [];
  const build = (index: number) => (index === 2 ? Promise.reject(new Error('record 2 is gone')) : Promise.resolve({ index, bytes: 10 }));
  await assert.rejects(q.many([1, 2, 3], build, (views) => posted.push(views.map((v) => v.index))), /record 2 is gone/);
  assert.deepEqual(posted, [[1]]);
  assert.deepEqual(await q.one(() => build(5)), { index: 5, bytes: 10 });
  await q.many([7], build, (views) => posted.push(views.map((v) => v.index)));
  assert.deepEqual(posted, [[1], [7]]);
});
