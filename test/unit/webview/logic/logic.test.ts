/** The webview's pure parts, without a browser: the one key map and the runs reducer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTION_KEYS, NAVIGATION_KEYS, commandFor, isListMove, isRecordAction, movedPosition } from '../../../../webview/logic/keys';
import { LiveRuns, endedStatus, isActive } from '../../../../webview/logic/liveRuns';
import { markMessage } from '../../../../webview/logic/markMessage';

test('one key map: every key the handler knows is listed in the overlay, once, and no key means two things', () => {
  const all = [...NAVIGATION_KEYS, ...ACTION_KEYS];
  const keys = all.flatMap((b) => b.keys);
  assert.equal(new Set(keys).size, keys.length, 'no key bound twice');
  for (const b of all) for (const k of b.keys) assert.equal(commandFor(k), b.command);
  assert.equal(commandFor('z'), undefined);
  assert.equal(commandFor('o'), 'reveal', 'Reveal has a key');
  assert.equal(commandFor('l'), 'copy-link', 'Copy Link has a key');
  assert.deepEqual(ACTION_KEYS.map((b) => b.command).filter(isRecordAction), ['requery', 'rejudge', 'mark-aligned', 'mark-misaligned', 'cancel-run']);
  assert.equal(isRecordAction('next'), false);
});

test('Home, End, PageUp and PageDown move the list selection to an end or by a screen less one row, stopping at the ends', () => {
  assert.deepEqual(['Home', 'End', 'PageUp', 'PageDown'].map(commandFor), ['first', 'last', 'page-up', 'page-down']);
  assert.ok(['first', 'last', 'page-up', 'page-down'].every((c) => isListMove(c as never)));
  assert.equal(isListMove('next'), false);
  // 100 records, 10 rows in view, from the 40th (position 40).
  assert.equal(movedPosition('first', 40, 100, 10), 0);
  assert.equal(movedPosition('last', 40, 100, 10), 99);
  assert.equal(movedPosition('page-down', 40, 100, 10), 49);
  assert.equal(movedPosition('page-up', 40, 100, 10), 31);
  assert.equal(movedPosition('page-down', 95, 100, 10), 99);
  assert.equal(movedPosition('page-up', 3, 100, 10), 0);
  // Nothing selected yet (-1): PageDown starts from the top; a one-row view still moves.
  assert.equal(movedPosition('page-down', -1, 100, 10), 8);
  assert.equal(movedPosition('page-down', 5, 100, 1), 6);
  assert.equal(movedPosition('last', 0, 0, 10), undefined);
});

test('runs: asked → started (mine) → deltas with a retry → ended; a stale refusal is ignored; done runs leave once shown', () => {
  const live = new LiveRuns();
  live.asked('fidelity', 2, 10);
  assert.equal(isActive(live.of(2).fidelity), true);
  const { mine } = live.started({ type: 'runStarted', requestId: 10, runId: 5, index: 2, role: 'fidelity', model: 'j' });
  assert.equal(mine, true);
  live.delta({ type: 'runDelta', runId: 5, index: 2, role: 'fidelity', content: 'ab', reasoning: '', reset: false });
  const r = live.delta({ type: 'runDelta', runId: 5, index: 2, role: 'fidelity', content: 'c', reasoning: 'x', reset: true });
  assert.deepEqual([r?.content, r?.reasoning, r?.retries], ['c', 'x', 1]);
  assert.equal(live.delta({ type: 'runDelta', runId: 99, index: 2, role: 'fidelity', content: 'z', reasoning: '', reset: false }), undefined);
  assert.equal(live.refused({ type: 'runRefused', requestId: 3, index: 2, role: 'fidelity', message: 'no' }), false, 'not the request this view waits on');
  live.ended({ type: 'runEnded', runId: 5, index: 2, role: 'fidelity', outcome: 'done', message: null, result: null });
  assert.equal(isActive(live.of(2).fidelity), false);
  live.prune({ index: 2, fidelity: { origin: 'file' } as never, requery: null });
  assert.ok(live.of(2).fidelity, 'kept until the record shows the judge\'s verdict');
  live.prune({ index: 2, fidelity: { origin: 'llm' } as never, requery: null });
  assert.equal(live.of(2).fidelity, undefined);
});

test('a mark says what it moved and how to undo it', () => {
  const base = { type: 'marked', requestId: 1, index: 11, recordId: 'ra-012', canUndo: true } as const;
  assert.equal(markMessage({ ...base, verdict: 'Incorrect', undone: false, figures: [{ name: 'S-Corr', before: 0.273, after: 0.182 }] }), 'ra-012 marked misaligned · S-Corr 27.3% → 18.2% · Undo (u)');
  assert.equal(markMessage({ ...base, recordId: '', verdict: null, undone: true, canUndo: false, figures: [{ name: 'S-Corr', before: 0.182, after: 0.273 }] }), 'Mark on record 12 undone: the judge’s or the file’s verdict is in force again · S-Corr 18.2% → 27.3%');
  assert.equal(markMessage({ ...base, verdict: 'Correct', undone: false, figures: [{ name: 'S-Corr', before: null, after: null }] }), 'ra-012 marked aligned · S-Corr n/a (unchanged) · Undo (u)');
});

test('a run that ended says what it did; a failure is an error', () => {
  const base = { runId: 1, requestId: null, index: 4, model: 'm', content: '', reasoning: '', message: null, cancelling: false, retries: 0 };
  assert.deepEqual(endedStatus({ ...base, role: 'fidelity', state: 'done', result: { verdict: 'Incorrect' } as never }), { text: 'Record 5: the judge answered Incorrect.', error: false });
  assert.deepEqual(endedStatus({ ...base, role: 'genrm', state: 'done', result: null }), { text: 'Record 5: the GenRM now answers nothing parseable.', error: false });
  assert.deepEqual(endedStatus({ ...base, role: 'genrm', state: 'failed', message: 'HTTP 500', result: null }), { text: 'Re-query of record 5 failed: HTTP 500.', error: true });
  assert.deepEqual(endedStatus({ ...base, role: 'fidelity', state: 'cancelled', result: null }), { text: 'Re-judge of record 5 cancelled.', error: false });
});
