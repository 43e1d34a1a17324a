/**
 * The background hold (io/backgroundHold.ts): named holders and expiry (the index's range workers
 * waiting on it are tested with the session's ranges).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackgroundHold, waitWhileHeld } from '../../../../src/core/io/backgroundHold';
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
