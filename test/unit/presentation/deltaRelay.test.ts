/** Streamed text throttled per stream, on a virtual clock: merged within the interval, one timer for all streams, an end flushes its stream first, a reset starts over. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeldDelta, RelayClock } from '../../../src/presentation/deltaRelay';
import { DeltaRelay } from '../../../src/presentation/deltaRelay';

/** Timers that fire only when the test moves time on. */
class VirtualClock implements RelayClock {
  now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  get pending(): number {
    return this.timers.size;
  }
  setTimeout(fn: () => void, ms: number): number {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }
}

function relay(): { clock: VirtualClock; sent: [string, string, string, boolean][]; r: DeltaRelay<string, string> } {
  const clock = new VirtualClock();
  const sent: [string, string, string, boolean][] = [];
  const r = new DeltaRelay<string, string>((d: HeldDelta<string>, key) => sent.push([`${key}/${d.about}`, d.content, d.reasoning, d.reset]), 50, clock);
  return { clock, sent, r };
}

test('pieces within the interval go out as one message per stream, when the interval is up, under one timer', () => {
  const { clock, sent, r } = relay();
  r.add('a', 'first', 'x', '', false);
  clock.advance(20);
  r.add('b', 'b', 'y', 'ry', false);
  r.add('a', 'second', 'z', 'rz', false);
  assert.equal(clock.pending, 1, 'one timer for every stream');
  clock.advance(29);
  assert.deepEqual(sent, [], 'nothing before the interval');
  clock.advance(1);
  assert.deepEqual(sent, [['a/first', 'xz', 'rz', false], ['b/b', 'y', 'ry', false]], 'each stream keeps what its first piece said it is');
  assert.equal(clock.pending, 0, 'no timer while nothing is held');
  r.add('a', 'third', 'w', '', false);
  clock.advance(50);
  assert.deepEqual(sent.slice(2), [['a/third', 'w', '', false]]);
});

test('an end sends its own stream at once and leaves the others to the timer; the timer stops with the last one', () => {
  const { clock, sent, r } = relay();
  r.add('a', 'a', '1', '', false);
  r.add('b', 'b', '2', '', false);
  r.flush('a');
  assert.deepEqual(sent, [['a/a', '1', '', false]]);
  assert.equal(clock.pending, 1);
  r.flush('b');
  assert.equal(clock.pending, 0);
  clock.advance(100);
  assert.equal(sent.length, 2, 'nothing sent twice');
});

test('a reset drops what the stream held and says so; dropping a stream sends nothing; dispose stops the timer', () => {
  const { clock, sent, r } = relay();
  r.add('a', 'a', 'old', 'old', false);
  r.add('a', 'a', 'new', '', true);
  r.add('a', 'a', '!', '', false);
  r.add('b', 'b', 'gone', '', false);
  r.drop('b');
  clock.advance(50);
  assert.deepEqual(sent, [['a/a', 'new!', '', true]]);
  r.add('c', 'c', 'never', '', false);
  r.dispose();
  assert.equal(clock.pending, 0);
  clock.advance(100);
  assert.equal(sent.length, 1);
});
