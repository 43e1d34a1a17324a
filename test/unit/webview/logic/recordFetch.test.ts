/**
 * `j` held down on virtual time: a key press every 25 ms (40 a second), the host answering each
 * request a round trip after it was asked (VS Code's relay: 60–400 ms measured in code-server on a
 * loaded machine, a few ms of it the host's own work), and the relay passing only so many messages
 * a second (25–40 measured under load), one after the other. One request at a time painted a record
 * every round trip (5 a second at 200 ms: the Inspector bench's 3–13); a request a record read ahead
 * paints no more records than the relay passes messages; reading ahead in batches (one message for
 * many records) paints every press once the first answers are in, whatever the round trip.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordFetch } from '../../../../webview/logic/recordFetch';
import type { RecordFetchOptions } from '../../../../webview/logic/recordFetch';

const PRESS_MS = 25;
const PRESSES = 120; // three seconds held

interface Message {
  readonly requestId: number;
  readonly indexes: readonly number[];
  readonly at: number;
}

interface View {
  readonly index: number;
}

/** Rows in file order: each record at the position of its index. */
const rows = (...indexes: number[]) => indexes.map((index) => ({ index, position: index }));

interface Relay {
  /** Ahead rows the list offers at each press. */
  readonly ahead?: number;
  readonly catchUp?: boolean;
  /** Messages the relay passes a second (answers one after the other). */
  readonly perSecond?: number;
  /** The relay passes each record as a message of its own (a request a record: the protocol before batches). */
  readonly perRecord?: boolean;
  /** Records the host puts in one answer (its byte budget); the rest are left out. */
  readonly budget?: number;
  /** Requests never answered (lost), by their requestId. */
  readonly lose?: (requestId: number) => boolean;
}

/** Holds `j` from record 0 on; the host answers every request a round trip after it was asked, in order. */
function hold(roundTripMs: number, relay: Relay = {}, options: RecordFetchOptions = {}) {
  const { ahead = 48, catchUp = true, perSecond = Infinity, perRecord = false, budget = Infinity, lose = () => false } = relay;
  let id = 0;
  let now = 0;
  const asked: Message[] = [];
  const painted: { index: number; at: number }[] = [];
  const fetch = new RecordFetch<View>((requestId, indexes) => asked.push({ requestId, indexes: [...indexes], at: now }), () => ++id, { ...options, now: () => now });
  // Each answer part: when it arrives, a round trip after its request was asked and a relay slot after the part before.
  const parts: { requestId: number; views: { index: number; view: View }[]; last: boolean; at: number }[] = [];
  let relayFree = 0;
  let sent = 0;
  let inFlightMax = 0;
  let answered = 0;
  for (now = 0; now <= PRESSES * PRESS_MS + 4 * roundTripMs + 2000; now += 5) {
    for (const m of asked.slice(sent)) {
      sent++;
      if (lose(m.requestId)) continue;
      // The host answers in parts of `budget` records (its byte budget); the relay passes a part, or a record, a slot.
      for (let from = 0; from < m.indexes.length; from += budget) {
        const views = m.indexes.slice(from, from + budget).map((index) => ({ index, view: { index } }));
        relayFree = Math.max(m.at + roundTripMs, relayFree + ((perRecord ? views.length : 1) * 1000) / perSecond);
        parts.push({ requestId: m.requestId, views, last: from + budget >= m.indexes.length, at: Math.ceil(relayFree / 5) * 5 });
      }
    }
    for (const part of parts.filter((x) => x.at === now)) {
      answered += part.views.length;
      const shown = fetch.answerMany(part.requestId, part.views, part.last, catchUp);
      if (shown) painted.push({ index: shown.index, at: now });
    }
    if (now % PRESS_MS === 0 && now / PRESS_MS < PRESSES) {
      const index = now / PRESS_MS + 1;
      // As the Inspector's record feed does: the wanted record when here, else (catching up) the next one kept.
      const view = fetch.want(index, index) ?? (catchUp ? fetch.follow() : undefined);
      if (view) painted.push({ index: view.index, at: now });
      fetch.readAhead(rows(...Array.from({ length: ahead }, (_, i) => index + 1 + i)));
    }
    inFlightMax = Math.max(inFlightMax, fetch.inFlightCount);
  }
  const held = painted.filter((p) => p.at < PRESSES * PRESS_MS);
  // Records painted in each whole second of the hold after the first (the first answers' round trip).
  const perSecondPainted = [1, 2].map((s) => held.filter((p) => p.at >= s * 1000 && p.at < (s + 1) * 1000).length);
  const messagesPerSecond = [1, 2].map((s) => asked.filter((m) => m.at >= s * 1000 && m.at < (s + 1) * 1000).length);
  return { asked, answered, painted, perSecond: perSecondPainted, messagesPerSecond, inFlightMax };
}

const inOrder = (painted: { index: number }[]) => {
  const indexes = painted.map((p) => p.index);
  assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), 'never painted backwards');
};

test('j held down, reading ahead in batches: every press painted once the first answers are in, at 60, 200 and 400 ms round trips through a relay of 25 messages a second', () => {
  for (const roundTrip of [60, 200, 400]) {
    const r = hold(roundTrip, { perSecond: 25 });
    assert.deepEqual(r.perSecond, [40, 40], `round trip ${roundTrip} ms: ${r.perSecond.join(', ')} a second`);
    assert.ok(r.inFlightMax <= 49, `${r.inFlightMax} records on their way at once`);
    assert.ok(r.messagesPerSecond.every((n) => n <= 6), `${r.messagesPerSecond.join(', ')} requests a second`);
    assert.equal(r.painted.at(-1)?.index, PRESSES, 'the last choice is the one left shown');
    inOrder(r.painted);
    // Each record asked for once: reading ahead does not ask the host twice for a record.
    const indexes = r.asked.flatMap((m) => m.indexes);
    assert.equal(new Set(indexes).size, indexes.length);
  }
});

test('the same relay passing a message a record (the protocol before batches) paints no more records than it passes', () => {
  for (const roundTrip of [60, 200, 400]) {
    const r = hold(roundTrip, { perSecond: 25, perRecord: true });
    assert.ok(r.perSecond.every((n) => n <= 26), `round trip ${roundTrip} ms: ${r.perSecond.join(', ')} a second`);
  }
});

test('without reading ahead (one request at a time), a record is painted every round trip, no more', () => {
  const r = hold(200, { ahead: 0 });
  assert.ok(r.perSecond.every((n) => n >= 4 && n <= 5), r.perSecond.join(', '));
  assert.equal(r.inFlightMax, 1);
  assert.equal(r.painted.at(-1)?.index, PRESSES);
});

test('a host slower than the presses: the pane follows the list, painting the answers that come between the shown and the wanted row', () => {
  // 8 records ahead at 400 ms a round trip: about 20 answers a second for 40 presses (18 and 27 painted).
  const following = hold(400, {}, { maxAhead: 8, minBatch: 4 });
  assert.ok(following.perSecond.every((n) => n >= 15), following.perSecond.join(', '));
  inOrder(following.painted);
  assert.equal(following.painted.at(-1)?.index, PRESSES, `the last choice is the one left shown: ${JSON.stringify(following.painted.slice(-8))}`);
  // Waiting for the wanted record instead: a paint a round trip, the answers kept and never shown.
  const waiting = hold(400, { catchUp: false }, { maxAhead: 8, minBatch: 4 });
  assert.ok(waiting.perSecond.every((n) => n <= 3), waiting.perSecond.join(', '));
});

test('a host answering a batch in parts (its byte budget), each a message through the relay: every press still painted', () => {
  for (const roundTrip of [60, 200, 400]) {
    const r = hold(roundTrip, { perSecond: 25, budget: 6 });
    assert.ok(r.perSecond.every((n) => n >= 38), `round trip ${roundTrip} ms: ${r.perSecond.join(', ')} a second`);
    assert.equal(r.painted.at(-1)?.index, PRESSES, 'the last choice is the one left shown');
    inOrder(r.painted);
  }
});

test('a lost batch never blocks: its records are asked again after lostAfterMs, and the last choice is shown', () => {
  const r = hold(200, { perSecond: 25, lose: (requestId) => requestId === 3 }, { lostAfterMs: 1000 });
  assert.equal(r.painted.at(-1)?.index, PRESSES, 'the last choice is the one left shown');
  inOrder(r.painted);
  const lost = r.asked.find((m) => m.requestId === 3)?.indexes ?? [];
  assert.ok(lost.length > 0);
  const askedAgain = r.asked.filter((m) => m.requestId > 3).flatMap((m) => m.indexes);
  assert.ok(lost.filter((i) => i <= PRESSES).every((i) => askedAgain.includes(i) || r.painted.some((p) => p.index > i)), 'the lost records were asked again or stepped past');
});

test('an answer read ahead is shown at once; the wanted record has its own request, and a superseded one is still painted', () => {
  const asked: number[][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, indexes) => asked.push([requestId, ...indexes]), () => ++id, { maxAhead: 3, minBatch: 2, now: () => 0 });
  const part = (...indexes: number[]) => indexes.map((index) => ({ index, view: { index } }));
  assert.equal(fetch.everAsked, false);
  assert.equal(fetch.want(1, 1), undefined);
  fetch.readAhead(rows(2, 3, 4, 5));
  assert.deepEqual(asked, [[1, 1], [2, 2, 3, 4]], 'the wanted record alone, three ahead in one batch');
  assert.equal(fetch.answerMany(2, part(2), false), undefined, 'read ahead: kept, not shown');
  assert.equal(fetch.answer(1, 1, { index: 1 }), true, 'the wanted one: shown');
  assert.deepEqual(fetch.want(2, 2), { index: 2 }, 'stepping on: the kept answer, no request');
  fetch.readAhead(rows(3, 4, 5, 6));
  assert.equal(asked.length, 2, '3 and 4 on their way: at most three ahead, and one missing is fewer than a batch');
  assert.equal(fetch.answerMany(2, part(3), true), undefined, 'the last part: 4, left out, is no longer on its way');
  fetch.readAhead(rows(4, 5, 6, 7));
  assert.deepEqual(asked.at(-1), [3, 4, 5, 6], '4 asked again with the next batch');
  assert.equal(fetch.want(9, 9), undefined);
  assert.deepEqual(asked.at(-1), [4, 9], 'a jump is asked at once, beside the read-ahead');
  assert.equal(fetch.want(10, 10), undefined);
  assert.equal(asked.length, 4, 'the newest choice waits for the wanted request on its way');
  assert.equal(fetch.answer(4, 9, { index: 9 }), true, 'superseded, but nothing newer was shown: painted');
  assert.deepEqual(asked.at(-1), [5, 10]);
  assert.equal(fetch.answer(5, 10, { index: 10 }), true);
  assert.equal(fetch.everAsked, true);
  assert.equal(fetch.wanted, 10);
});

test('catching up: a batch shows its first record between the shown and the wanted row (or the wanted one), and each step shows the next kept', () => {
  const asked: number[][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, indexes) => asked.push([requestId, ...indexes]), () => ++id, { now: () => 0 });
  const part = (...indexes: number[]) => indexes.map((index) => ({ index, view: { index } }));
  assert.equal(fetch.answer(1, 0, { index: 0 }), false, 'nothing asked: ignored');
  fetch.want(0, 0);
  fetch.readAhead(rows(1, 2, 3, 4, 5, 6));
  assert.equal(fetch.answer(1, 0, { index: 0 }), true);
  assert.equal(fetch.want(5, 5), undefined, 'the reader is ahead of the answers');
  assert.deepEqual(fetch.follow(), undefined, 'nothing kept to follow with');
  assert.deepEqual(fetch.answerMany(2, part(1, 2, 3), false, true), { index: 1 }, 'the first between: shown');
  assert.deepEqual(fetch.follow(), { index: 2 }, 'the next step: the next one kept');
  assert.deepEqual(fetch.answerMany(2, part(4, 5, 6), true, true), { index: 5 }, 'the wanted record came: shown, whatever came before it');
  assert.equal(fetch.follow(), undefined, 'nothing to follow once the wanted one is shown');
  assert.deepEqual(fetch.want(6, 6), { index: 6 }, 'read ahead: kept');
});

test('after clear() (the records changed) answers already on their way are ignored and the record is asked again', () => {
  const asked: number[][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, indexes) => asked.push([requestId, ...indexes]), () => ++id, { now: () => 0 });
  fetch.want(1, 1);
  fetch.readAhead(rows(2));
  fetch.clear();
  assert.equal(fetch.answer(1, 1, { index: 1 }), false);
  assert.equal(fetch.answer(2, 2, { index: 2 }), false);
  assert.equal(fetch.want(2, 2), undefined, 'the old answer for 2 was not kept');
  assert.deepEqual(asked.at(-1), [3, 2]);
  // A fresh want of a record on its way asks again, and only the new answer counts.
  fetch.want(2, 2, true);
  assert.deepEqual(asked.at(-1), [4, 2]);
  assert.equal(fetch.answer(3, 2, { index: 2 }), false);
  assert.equal(fetch.answer(4, 2, { index: 2 }), true);
});

test('a lost answer never blocks: its slot frees after lostAfterMs and the record is asked again; old kept answers are not shown', () => {
  let now = 0;
  const asked: number[][] = [];
  let id = 0;
  const fetch = new RecordFetch<View>((requestId, indexes) => asked.push([requestId, ...indexes]), () => ++id, { lostAfterMs: 1000, keepMs: 500, now: () => now });
  fetch.want(1, 1); // never answered
  fetch.want(2, 2);
  assert.equal(asked.length, 1, 'the newest choice waits for the wanted request on its way');
  now = 1001;
  fetch.want(2, 2);
  assert.deepEqual(asked.at(-1), [2, 2], 'given up on the lost request: the next one is asked');
  assert.equal(fetch.answer(1, 1, { index: 1 }), false, 'a late answer to the lost request is ignored');
  assert.equal(fetch.answer(2, 2, { index: 2 }), true);
  fetch.readAhead(rows(3));
  assert.equal(fetch.answer(3, 3, { index: 3 }), false);
  now = 1600;
  assert.equal(fetch.want(3, 3), undefined, 'kept longer than keepMs: asked again');
  assert.deepEqual(asked.at(-1), [4, 3]);
  assert.equal(fetch.fail(4), true, 'an error for the wanted record is said');
  assert.equal(fetch.fail(4), false);
});
