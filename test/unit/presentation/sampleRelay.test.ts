/** Re-query ×k to the webview: k streams batched per sample, each sample's text complete before it is said to end, every message valid. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkToWebview } from '../../../src/protocol/messages';
import type { ToWebview } from '../../../src/protocol/messages';
import { SampleRelay } from '../../../src/presentation/sampleRelay';
import type { RelayedSampleRun } from '../../../src/presentation/sampleRelay';

const run: RelayedSampleRun = { id: 7, records: 1, count: 3, target: 3, k: 3, model: 'm', temperature: 0.7 };
const slot = (sample: number) => ({ sample, order: sample % 2 === 0 ? ('swapped' as const) : ('original' as const) });

function relay(): { sent: ToWebview[]; r: SampleRelay } {
  const sent: ToWebview[] = [];
  const r = new SampleRelay((m) => {
    const checked = checkToWebview(m);
    assert.ok(checked.ok, checked.ok ? '' : checked.error);
    sent.push(m);
  }, 10_000);
  return { sent, r };
}

test('deltas of k samples are held per sample; a sample’s end first sends its text, then says how it ended', () => {
  const { sent, r } = relay();
  r.onEvent({ kind: 'started', run });
  for (const n of [1, 2, 3]) for (const piece of ['a', 'b', 'c']) r.onEvent({ kind: 'delta', run, index: 4, slot: slot(n), content: `${n}${piece}`, reasoning: '', reset: false });
  assert.deepEqual(sent.map((m) => m.type), ['samplesStarted'], 'nothing streamed before the interval or an end');
  r.onEvent({ kind: 'sample', run, index: 4, slot: slot(2), pred: 'B', error: null, resumed: false });
  assert.deepEqual(sent.slice(1), [
    { type: 'sampleDelta', runId: 7, index: 4, sample: 2, order: 'swapped', content: '2a2b2c', reasoning: '', reset: false },
    { type: 'sampleEnded', runId: 7, index: 4, sample: 2, order: 'swapped', pred: 'B', error: null, resumed: false },
  ]);
  r.onEvent({ kind: 'ended', run, outcome: 'cancelled', message: '2 of 3 samples; run it again to ask the rest' });
  const rest = sent.slice(3);
  assert.deepEqual(rest.map((m) => (m.type === 'sampleDelta' ? `${m.sample}:${m.content}` : m.type)), ['1:1a1b1c', '3:3a3b3c', 'samplesEnded']);
  r.dispose();
});

test('a retry discards what the sample showed: the next delta says reset and carries only the new text', () => {
  const { sent, r } = relay();
  r.onEvent({ kind: 'delta', run, index: 0, slot: slot(1), content: 'dropped', reasoning: 'r', reset: false });
  r.onEvent({ kind: 'delta', run, index: 0, slot: slot(1), content: '', reasoning: '', reset: true });
  r.onEvent({ kind: 'delta', run, index: 0, slot: slot(1), content: 'again', reasoning: '', reset: false });
  r.onEvent({ kind: 'sample', run, index: 0, slot: slot(1), pred: null, error: 'HTTP 500', resumed: false });
  assert.deepEqual(sent[0], { type: 'sampleDelta', runId: 7, index: 0, sample: 1, order: 'original', content: 'again', reasoning: '', reset: true });
  assert.equal(sent[1]?.type, 'sampleEnded');
  r.dispose();
});

test('the timer sends every sample’s text so far at the interval', async () => {
  const sent: ToWebview[] = [];
  const r = new SampleRelay((m) => sent.push(m), 5);
  r.onEvent({ kind: 'delta', run, index: 1, slot: slot(1), content: 'x', reasoning: '', reset: false });
  r.onEvent({ kind: 'delta', run, index: 1, slot: slot(3), content: 'y', reasoning: '', reset: false });
  await new Promise((res) => setTimeout(res, 40));
  assert.deepEqual(sent.map((m) => (m.type === 'sampleDelta' ? m.content : m.type)), ['x', 'y']);
  r.dispose();
});
