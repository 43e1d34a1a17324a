/**
 * `j` held down: a key press every 25 ms, the host answering each record after 60 ms (virtual time).
 * The Inspector used to ask at every press and drop all but the newest answer, so nothing was painted
 * until the key was released (the Inspector bench's stepping: slowest one-second window 0). With
 * one request in flight and only the newest choice queued, a record is painted every round trip,
 * the host never has more than one record to build, and the last choice is the one left shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordFetch } from '../../../../webview/logic/recordFetch';

const PRESS_MS = 25;
const ANSWER_MS = 60;
const PRESSES = 80; // two seconds held

interface Asked {
  readonly requestId: number;
  readonly index: number;
  readonly at: number;
}

function hold(policy: 'one in flight' | 'ask at every press') {
  let id = 0;
  let awaited = -1;
  const asked: Asked[] = [];
  const painted: { index: number; at: number }[] = [];
  let now = 0;
  const fetch = new RecordFetch((requestId, index) => asked.push({ requestId, index, at: now }), () => ++id);
  const request = (index: number) => {
    if (policy === 'one in flight') return fetch.request(index);
    awaited = ++id;
    asked.push({ requestId: awaited, index, at: now });
  };
  const answer = (a: Asked) => {
    if (policy === 'one in flight' ? fetch.settle(a.requestId) : a.requestId === awaited) painted.push({ index: a.index, at: now });
  };
  let answered = 0;
  for (now = 0; now <= PRESSES * PRESS_MS + 10 * ANSWER_MS; now += 5) {
    // Answers due now (the host builds them in the order asked), then a key press.
    for (; answered < asked.length && (asked[answered] as Asked).at + ANSWER_MS <= now; answered++) answer(asked[answered] as Asked);
    if (now % PRESS_MS === 0 && now / PRESS_MS < PRESSES) request(now / PRESS_MS + 1);
  }
  const inFlightMax = Math.max(...asked.map((a) => asked.filter((b) => b.at <= a.at && b.at + ANSWER_MS > a.at).length));
  return { asked: asked.length, painted, inFlightMax };
}

test('j held down: a record painted every round trip, one record asked of the host at a time, the last choice shown', () => {
  const held = hold('one in flight');
  const whileHeld = held.painted.filter((p) => p.at < PRESSES * PRESS_MS);
  assert.ok(whileHeld.length >= Math.floor((PRESSES * PRESS_MS) / ANSWER_MS) - 2, `painted ${whileHeld.length} while held`);
  assert.equal(held.inFlightMax, 1);
  assert.equal(held.painted.at(-1)?.index, PRESSES);
  const indexes = held.painted.map((p) => p.index);
  assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), 'never painted backwards');

  // The old way, for the record: nothing painted while the key is held, a request per press.
  const old = hold('ask at every press');
  assert.equal(old.painted.filter((p) => p.at < PRESSES * PRESS_MS).length, 0);
  assert.equal(old.asked, PRESSES);
});

test('an answer to a request no longer awaited is ignored; everAsked tells a first request', () => {
  const asked: number[] = [];
  let id = 0;
  const fetch = new RecordFetch((_requestId, index) => asked.push(index), () => ++id);
  assert.equal(fetch.everAsked, false);
  fetch.request(3);
  fetch.request(4);
  fetch.request(5);
  assert.deepEqual(asked, [3]);
  assert.equal(fetch.settle(99), false);
  assert.equal(fetch.settle(1), true);
  assert.deepEqual(asked, [3, 5]);
  assert.equal(fetch.awaited, 2);
  assert.equal(fetch.everAsked, true);
});
