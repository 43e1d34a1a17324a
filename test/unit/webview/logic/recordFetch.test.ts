/**
 * `j` held down on virtual time: a key press every 25 ms (40 a second), the host answering each
 * record a round trip after it was asked (VS Code's relay: 60–400 ms measured in code-server on a
 * loaded machine, a few ms of it the host's own work). One request at a time painted a record every
 * round trip (5 a second at 200 ms: the Inspector bench's 3–13); reading ahead in the direction of
 * stepping paints every press once the first answers are in, however long the round trip.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordFetch } from '../../../../webview/logic/recordFetch';

const PRESS_MS = 25;
const PRESSES = 120; // three seconds held

interface Asked {
  readonly requestId: number;
  readonly index: number;
  readonly at: number;
}

interface View {
  readonly index: number;
}

/** Rows in file order: each record at the position of its index. */
const rows = (...indexes: number[]) => indexes.map((index) => ({ index, position: index }));

/** Holds `j` from record 0 on; the host answers every request `roundTripMs` after it was asked. */
function hold(roundTripMs: number, { ahead = 24, maxAhead = 24, catchUp = true } = {}) {
  let id = 0;
  let now = 0;
  const asked: Asked[] = [];
  const painted: { index: number; at: number }[] = [];
  const fetch = new RecordFetch<View>((requestId, index) => asked.push({ requestId, index, at: now }), () => ++id, { maxAhead, now: () => now });
  let inFlightMax = 0;
  let answered = 0;
  for (now = 0; now <= PRESSES * PRESS_MS + 4 * roundTripMs; now += 5) {
    for (const a of asked.filter((x) => x.at + roundTripMs === now)) {
      answered++;
      if (fetch.answer(a.requestId, { index: a.index }, catchUp)) painted.push({ index: a.index, at: now });
    }
    if (now % PRESS_MS === 0 && now / PRESS_MS < PRESSES) {
      const index = now / PRESS_MS + 1;
      const view = fetch.want(index, index);
      if (view) painted.push({ index: view.index, at: now });
      fetch.readAhead(rows(...Array.from({ length: ahead }, (_, i) => index + 1 + i)));
    }
    inFlightMax = Math.max(inFlightMax, fetch.inFlightCount);
  }
  const held = painted.filter((p) => p.at < PRESSES * PRESS_MS);
  // Records painted in each whole second of the hold after the first (the first answers' round trip).
  const perSecond = [1, 2].map((s) => held.filter((p) => p.at >= s * 1000 && p.at < (s + 1) * 1000).length);
  return { asked, answered, painted, perSecond, inFlightMax };
}

test('j held down with reading ahead: every press painted once the first answers are in, whatever the round trip', () => {
  for (const roundTrip of [60, 200, 400]) {
    const r = hold(roundTrip);
    assert.deepEqual(r.perSecond, [40, 40], `round trip ${roundTrip} ms: ${r.perSecond.join(', ')} a second`);
    assert.ok(r.inFlightMax <= 25, `${r.inFlightMax} requests at once`);
    assert.equal(r.painted.at(-1)?.index, PRESSES, 'the last choice is the one left shown');
    const indexes = r.painted.map((p) => p.index);
    assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), 'never painted backwards');
    // Each record asked for once: reading ahead does not ask the host twice for a record.
    assert.equal(new Set(r.asked.map((a) => a.index)).size, r.asked.length);
  }
});

test('without reading ahead (one request at a time), a record is painted every round trip, no more', () => {
  const r = hold(200, { ahead: 0 });
  assert.ok(r.perSecond.every((n) => n >= 4 && n <= 5), r.perSecond.join(', '));
  assert.equal(r.inFlightMax, 1);
  assert.equal(r.painted.at(-1)?.index, PRESSES);
});

test('a host slower than the presses: the pane follows the list, painting each answer that comes between the shown and the wanted row', () => {
  // 8 requests ahead at 400 ms a round trip: 20 answers a second for 40 presses.
  const following = hold(400, { maxAhead: 8 });
  assert.ok(following.perSecond.every((n) => n >= 18), following.perSecond.join(', '));
  const indexes = following.painted.map((p) => p.index);
  assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), 'never painted backwards');
  assert.equal(following.painted.at(-1)?.index, PRESSES, 'the last choice is the one left shown');
  // Waiting for the wanted record instead: a paint a round trip, the answers kept and never shown.
  const waiting = hold(400, { maxAhead: 8, catchUp: false });
  assert.ok(waiting.perSecond.every((n) => n <= 3), waiting.perSecond.join(', '));
});

test('an answer read ahead is shown at once; the wanted record has its own request, and a superseded one is still painted', () => {
  const asked: [number, number][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, index) => asked.push([requestId, index]), () => ++id, { maxAhead: 2, now: () => 0 });
  assert.equal(fetch.everAsked, false);
  assert.equal(fetch.want(1, 1), undefined);
  fetch.readAhead(rows(2, 3, 4));
  assert.deepEqual(asked, [[1, 1], [2, 2], [3, 3]], 'the wanted record and two ahead');
  assert.equal(fetch.answer(2, { index: 2 }), false, 'read ahead: kept, not shown');
  assert.equal(fetch.answer(1, { index: 1 }), true, 'the wanted one: shown');
  assert.deepEqual(fetch.want(2, 2), { index: 2 }, 'stepping on: the kept answer, no request');
  assert.equal(asked.length, 3);
  fetch.readAhead(rows(3, 4, 5));
  assert.deepEqual(asked.slice(3), [[4, 4]], '3 is on its way; two ahead at most');
  assert.equal(fetch.want(9, 9), undefined);
  assert.deepEqual(asked.at(-1), [5, 9], 'a jump is asked at once, beside the read-ahead');
  assert.equal(fetch.want(10, 10), undefined);
  assert.equal(asked.length, 5, 'the newest choice waits for the wanted request on its way');
  assert.equal(fetch.answer(5, { index: 9 }), true, 'superseded, but nothing newer was shown: painted');
  assert.deepEqual(asked.at(-1), [6, 10]);
  assert.equal(fetch.answer(6, { index: 10 }), true);
  assert.equal(fetch.everAsked, true);
  assert.equal(fetch.wanted, 10);
});

test('after clear() (the records changed) answers already on their way are ignored and the record is asked again', () => {
  const asked: [number, number][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, index) => asked.push([requestId, index]), () => ++id, { now: () => 0 });
  fetch.want(1, 1);
  fetch.readAhead(rows(2));
  fetch.clear();
  assert.equal(fetch.answer(1, { index: 1 }), false);
  assert.equal(fetch.answer(2, { index: 2 }), false);
  assert.equal(fetch.want(2, 2), undefined, 'the old answer for 2 was not kept');
  assert.deepEqual(asked.at(-1), [3, 2]);
  // A fresh want of a record on its way asks again, and only the new answer counts.
  fetch.want(2, 2, true);
  assert.deepEqual(asked.at(-1), [4, 2]);
  assert.equal(fetch.answer(3, { index: 2 }), false);
  assert.equal(fetch.answer(4, { index: 2 }), true);
});

test('a lost answer never blocks: its slot frees after lostAfterMs and the record is asked again; old kept answers are not shown', () => {
  let now = 0;
  const asked: [number, number][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, index) => asked.push([requestId, index]), () => ++id, { lostAfterMs: 1000, keepMs: 500, now: () => now });
  fetch.want(1, 1); // never answered
  fetch.want(2, 2);
  assert.equal(asked.length, 1, 'the newest choice waits for the wanted request on its way');
  now = 1001;
  fetch.want(2, 2);
  assert.deepEqual(asked.at(-1), [2, 2], 'given up on the lost request: the next one is asked');
  assert.equal(fetch.answer(1, { index: 1 }), false, 'a late answer to the lost request is ignored');
  assert.equal(fetch.answer(2, { index: 2 }), true);
  fetch.readAhead(rows(3));
  assert.equal(fetch.answer(3, { index: 3 }), false);
  now = 1600;
  assert.equal(fetch.want(3, 3), undefined, 'kept longer than keepMs: asked again');
  assert.deepEqual(asked.at(-1), [4, 3]);
  assert.equal(fetch.fail(4), true, 'an error for the wanted record is said');
  assert.equal(fetch.fail(4), false);
});
