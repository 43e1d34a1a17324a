/** Runs on single records as one Inspector tells its webview: the right request answered, deltas throttled and merged, a reloaded view told of runs in progress. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RelayedRun } from '../../../src/presentation/runRelay';
import { RunRelay } from '../../../src/presentation/runRelay';
import type { ToWebview } from '../../../src/protocol/messages';
import { checkToWebview } from '../../../src/protocol/messages';
import { waitFor } from '../../support/waitFor';

const run = (id: number, origin: unknown): RelayedRun => ({ id, index: 3, role: 'fidelity', origin, model: 'judge', content: 'so far', reasoning: '' });

test('runStarted answers only this Inspector\'s request; deltas are merged within the interval; ended flushes first', async () => {
  const out: ToWebview[] = [];
  const me = {};
  const relay = new RunRelay(me, (m) => out.push(m), 20);
  const mine = run(1, { owner: me, requestId: 7 });
  relay.onEvent({ kind: 'started', run: mine });
  relay.onEvent({ kind: 'started', run: run(2, { owner: {}, requestId: 9 }) });
  relay.onEvent({ kind: 'delta', run: mine, content: 'a', reasoning: '', reset: false });
  relay.onEvent({ kind: 'delta', run: mine, content: 'b', reasoning: 'r', reset: false });
  assert.equal(out.filter((m) => m.type === 'runDelta').length, 0, 'throttled');
  await waitFor(() => out.some((m) => m.type === 'runDelta'), { what: 'the throttled deltas to be flushed' });
  relay.onEvent({ kind: 'delta', run: mine, content: 'x', reasoning: '', reset: true });
  relay.onEvent({ kind: 'ended', run: mine, outcome: 'done', message: null, result: { kind: 'fidelity', model: 'judge', verdict: 'Correct', analysis: 'ok', error: null } as never });
  relay.dispose();
  for (const m of out) assert.equal(checkToWebview(m).ok, true);
  assert.deepEqual(
    out.map((m) => (m.type === 'runStarted' ? [m.type, m.requestId] : m.type === 'runDelta' ? [m.type, m.content, m.reasoning, m.reset] : [m.type])),
    [['runStarted', 7], ['runStarted', null], ['runDelta', 'ab', 'r', false], ['runDelta', 'x', '', true], ['runEnded']],
  );
});

test('a reloaded view is told of runs in progress with their text so far', () => {
  const out: ToWebview[] = [];
  new RunRelay({}, (m) => out.push(m)).replay([run(4, null)]);
  assert.deepEqual(out.map((m) => m.type), ['runStarted', 'runDelta']);
  assert.equal(out[1]?.type === 'runDelta' && out[1].content, 'so far');
});
