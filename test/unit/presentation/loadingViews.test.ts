/**
 * An Inspector told it is loading gets the figures of the records read so far with it. The page is
 * built with record 0 in it, so the first batch is often read before the page is ready; ready then
 * said only "loading", and the figures waited for the next batch's progress (2.6–3.3 s on the 1 GB
 * Parquet bench file).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DatasetSession } from '../../../src/core/session/session';
import { loadingViews } from '../../../src/presentation/loadingViews';
import type { ToWebview } from '../../../src/protocol/messages';
import { checkToWebview } from '../../../src/protocol/messages';
import { tempFile } from '../paths';
import { seeded, syntheticRAlignRecord } from '../core/synthetic';

test('loading while indexing comes with the figures of the records so far; before any record, loading alone', async () => {
  const rand = seeded(11);
  const file = tempFile('loading.jsonl', Array.from({ length: 9000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  let midway: { messages: ToWebview[]; count: number; records: number; labelCorrect: number; loadingFlag: boolean } | undefined;
  const session = await DatasetSession.open(file, {
    onProgress: (n) => {
      if (midway || n >= 9000 || session.count === 0) return;
      const snap = session.snapshot();
      midway = { messages: loadingViews('loading.jsonl', n, session), count: session.count, records: snap.records, labelCorrect: snap.summary.labelCorrect, loadingFlag: snap.loading };
    },
  });
  const before = loadingViews('loading.jsonl', 0, undefined);
  await session.load();
  for (const m of [...before, ...(midway?.messages ?? [])]) assert.equal(checkToWebview(m).ok, true, `valid on the wire: ${m.type}`);
  assert.deepEqual(before.map((m) => m.type), ['loading']);
  assert.ok(midway, 'progress was reported while indexing');
  assert.deepEqual(midway.messages.map((m) => m.type), ['loading', 'snapshot'], 'the figures so far come with loading');
  const [loading, figures] = midway.messages;
  assert.ok(loading?.type === 'loading' && figures?.type === 'snapshot');
  assert.ok(midway.count > 0 && midway.count < 9000, `records so far: ${midway.count}`);
  assert.equal(loading.shown, midway.count);
  assert.equal(midway.loadingFlag, true, 'the session was still indexing');
  assert.equal(figures.snapshot.loading, true, 'the figures say they are partial');
  assert.equal(figures.snapshot.records, midway.records, 'the figures are those of the records read so far');
  assert.equal(figures.snapshot.summary.labelCorrect, midway.labelCorrect);
  assert.ok(midway.records < 9000);
});
