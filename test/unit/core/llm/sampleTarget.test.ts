/** Re-query ×k in the editor: how many samples a run brings each record to, and its settings as a run uses them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SAMPLES_PER_RUN, requeryPlan, requerySettings, sampleSlots, sampleTarget } from '../../../../src/core/llm/sampling';

test('a record without samples is brought to k; a complete set of T gets k more; a cut-short run is completed, never extended', () => {
  assert.equal(sampleTarget(0, 5), 5);
  assert.equal(sampleTarget(5, 5), 5, 'samples 1–5 asked again: the journal answers them, and the command then asks for 6–10');
  assert.equal(sampleTarget(7, 5), 10, 'samples 6 and 7 of 6–10 journaled: the run completes 8–10');
  assert.equal(sampleTarget(10, 5), 10);
  assert.equal(sampleTarget(11, 5), 15);
  assert.equal(sampleTarget(3, 1), 3, 'k = 1: the highest number stays the target');
  assert.equal(sampleTarget(Number.NaN, 4), 4);
  assert.equal(sampleTarget(-2, 4), 4);
  assert.throws(() => sampleTarget(3, 0), /k must be a whole number/);
  assert.throws(() => sampleTarget(3, 2.5), /k must be a whole number/);
});

test('the slots up to a target are the CLI’s samples 1…T, with even numbers swapped when both orders are asked', () => {
  const slots = sampleSlots({ count: sampleTarget(7, 5), bothOrders: true });
  assert.deepEqual(
    slots.map((s) => `${s.sample}${s.order === 'swapped' ? 's' : ''}`),
    ['1', '2s', '3', '4s', '5', '6s', '7', '8s', '9', '10s'],
  );
});

test('settings: k clamped to 1…64 and whole, temperature to 0…2 (null: the endpoint’s own), both orders only when true', () => {
  assert.deepEqual(requerySettings({ samples: 5, temperature: 0.7, bothOrders: true }), { k: 5, temperature: 0.7, bothOrders: true });
  assert.deepEqual(requerySettings({ samples: 1000, temperature: 9, bothOrders: 'yes' }), { k: MAX_SAMPLES_PER_RUN, temperature: 2, bothOrders: false });
  assert.deepEqual(requerySettings({ samples: 0, temperature: -1, bothOrders: false }), { k: 1, temperature: 0, bothOrders: false });
  assert.deepEqual(requerySettings({ samples: 3.9, temperature: null, bothOrders: undefined }), { k: 3, temperature: null, bothOrders: false });
  assert.deepEqual(requerySettings({ samples: 'ten', temperature: Number.NaN, bothOrders: null }), { k: 5, temperature: null, bothOrders: false });
});

test('the plan: each record is asked only the numbers it has no answer for, up to one target; a complete set gets k more', () => {
  const set = (...n: number[]) => new Set(n);
  // Fresh records: samples 1–3 each.
  let p = requeryPlan([{ answered: set(), highest: 0 }, { answered: set(), highest: 0 }], 3, false);
  assert.equal(p.target, 3);
  assert.equal(p.count, 6);
  assert.deepEqual(p.slots[0]?.map((s) => s.sample), [1, 2, 3]);
  // Killed mid-run: record 1 has 1 and 3, record 2 has 2; sample 3 of record 2 failed (journaled, no answer).
  p = requeryPlan([{ answered: set(1, 3), highest: 3 }, { answered: set(2), highest: 3 }], 3, true);
  assert.equal(p.target, 3);
  assert.deepEqual(p.slots.map((s) => s.map((x) => `${x.sample}${x.order === 'swapped' ? 's' : ''}`)), [['2s'], ['1', '3']]);
  assert.equal(p.count, 3);
  // Everything answered: k more, numbered on.
  p = requeryPlan([{ answered: set(1, 2, 3), highest: 3 }], 3, false);
  assert.equal(p.target, 6);
  assert.deepEqual(p.slots[0]?.map((s) => s.sample), [4, 5, 6]);
  // A record with fewer samples than the others is brought to the same target.
  p = requeryPlan([{ answered: set(1, 2, 3, 4, 5, 6), highest: 6 }, { answered: set(1), highest: 1 }], 3, false);
  assert.equal(p.target, 6);
  assert.deepEqual(p.slots.map((s) => s.length), [0, 5]);
  assert.deepEqual(requeryPlan([], 4, false), { target: 4, slots: [], count: 0 });
});
