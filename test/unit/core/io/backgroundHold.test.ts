/**
 * The background hold (io/backgroundHold.ts): named holders, expiry, and the status bar's tally
 * workers waiting between batches while an Inspector draws its first screen.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackgroundHold, waitWhileHeld } from '../../../../src/core/io/backgroundHold';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';
import { waitFor } from '../../../support/waitFor';

test('one holder letting go never ends another holder\'s hold; every hold expires', async () => {
  const hold = new BackgroundHold();
  hold.hold('inspector 1', 60_000);
  hold.hold('open inspector', 60_000);
  assert.equal(Atomics.load(hold.flag, 0), 2);
  hold.release('open inspector');
  assert.equal(hold.held, true);
  assert.equal(Atomics.load(hold.flag, 0), 1);
  hold.release('inspector 1');
  assert.equal(hold.held, false);
  assert.equal(Atomics.load(hold.flag, 0), 0);
  hold.hold('short', 20);
  await waitFor(() => !hold.held, { what: 'the short hold to expire' });
  assert.equal(Atomics.load(hold.flag, 0), 0);
});

test('waitWhileHeld never blocks the main thread', () => {
  const hold = new BackgroundHold();
  hold.hold('view', 60_000);
  waitWhileHeld(hold.flag); // would wait 30 s in a worker
  hold.release();
});

test('the off-thread tally waits while the hold is held, then gives the same figures', async () => {
  const rand = seeded(5);
  const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 150)));
  const path = tempFile('held-tally.jsonl', lines.join('\n') + '\n');
  const hold = new BackgroundHold();
  hold.hold('inspector 1', 120_000);
  let done = false;
  const held = computeStats(path, { by: null, offThread: true, hold: hold.flag }).then((s) => ((done = true), s));
  // The gate: the same tally, unheld and started later, finishes while the held one waits.
  const free = await computeStats(path, { by: null, offThread: true });
  assert.equal(done, false, 'the tally went on while the hold was held');
  hold.release('inspector 1');
  const after = await held;
  assert.deepEqual(after.overall, free.overall);
});
