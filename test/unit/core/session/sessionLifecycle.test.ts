// A file's session through its states, on real files: each test reads the transitions a real
// SessionLifecycle goes through (no stand-ins), and waits on them with the one whenState helper.
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { SessionLifecycle } from '../../../../src/core/session/sessionLifecycle';
import type { SessionOptions } from '../../../../src/core/session/session';
import type { SessionState } from '../../../../src/core/session/sessionState';
import { isUnrecognized, loadedSession, shownSession, whenState } from '../../../../src/core/session/sessionState';
import { tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';

const BATCH = 4096; // the session's batch: a file of more records is indexed in several steps

function jsonl(records: number, seed = 7): string {
  const rand = seeded(seed);
  return Array.from({ length: records }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 60, false))).join('\n') + '\n';
}

/** Every state the lifecycle goes through, in order. */
function record(lifecycle: SessionLifecycle): SessionState[] {
  const seen: SessionState[] = [];
  lifecycle.onDidChange((c) => seen.push(c.state));
  return seen;
}

/** The phases in order, a run of one phase said once. */
function phases(states: readonly SessionState[]): string[] {
  return states.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
}

/** The phase now (a function: `assert.equal` would narrow a property read for the lines after it). */
function phaseOf(lifecycle: SessionLifecycle): string {
  return lifecycle.state.phase;
}

function lifecycleOf(path: string, options: SessionOptions = {}): SessionLifecycle {
  return new SessionLifecycle(path, () => options);
}

test('a file is opened, indexed in steps (records so far, partial figures), then loaded', async () => {
  const path = tempFile('three-batches.jsonl', jsonl(2 * BATCH + 100));
  const lifecycle = lifecycleOf(path);
  const seen = record(lifecycle);
  assert.equal(phaseOf(lifecycle), 'closed');
  lifecycle.open();
  assert.equal(phaseOf(lifecycle), 'opening');
  assert.equal(shownSession(lifecycle.state), undefined);
  const session = await whenState(lifecycle, loadedSession);
  assert.deepEqual(phases(seen), ['opening', 'indexing', 'loaded']);
  const counts = seen.flatMap((s) => (s.phase === 'indexing' ? [s.records] : []));
  assert.equal(counts[0], 0, 'indexing starts with no record read');
  assert.ok(counts.length >= 4, `several steps: ${counts.join(', ')}`);
  assert.ok(counts.every((n, i) => i === 0 || n >= (counts[i - 1] as number)), `records so far only grow: ${counts.join(', ')}`);
  assert.equal(counts.at(-1), 2 * BATCH + 100);
  const indexing = seen.find((s): s is Extract<SessionState, { phase: 'indexing' }> => s.phase === 'indexing' && s.records > 0);
  assert.equal(indexing?.session, session, 'the session indexing is the one loaded');
  assert.equal(session.count, 2 * BATCH + 100);
  assert.equal(session.loading, false);
  // Asked again, a loaded file is not read again.
  lifecycle.open();
  assert.equal(phaseOf(lifecycle), 'loaded');
  assert.equal(loadedSession(lifecycle.state), session);
});

test('a mark on a loaded session is a change from loaded to loaded, with the same session', async () => {
  const path = tempFile('marked.jsonl', jsonl(50));
  const lifecycle = lifecycleOf(path);
  lifecycle.open();
  const session = await whenState(lifecycle, loadedSession);
  const seen: { state: SessionState; previous: SessionState }[] = [];
  lifecycle.onDidChange((c) => seen.push(c));
  const before = session.snapshot().summary.fidelity;
  await session.mark(session.next(-1, 'aligned'), 'Incorrect');
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.previous.phase, 'loaded');
  assert.equal(loadedSession(seen[0]?.state), session);
  assert.equal(session.snapshot().summary.fidelity.misaligned, before.misaligned + 1);
});

test('a file changed on disk while open is stale at once, and read again gives the new records, never the old session', async () => {
  const path = tempFile('grows.jsonl', jsonl(40));
  const lifecycle = lifecycleOf(path);
  lifecycle.open();
  const first = await whenState(lifecycle, loadedSession);
  assert.equal(first.count, 40);
  const seen = record(lifecycle);
  // The file is rewritten with other records (a regenerated evaluation), then told stale (as the editor's watcher does).
  writeFileSync(path, jsonl(120, 99));
  lifecycle.markStale();
  assert.equal(phaseOf(lifecycle), 'stale');
  assert.equal(loadedSession(lifecycle.state), undefined, 'the session read before the change is not handed out');
  assert.equal(shownSession(lifecycle.state), undefined);
  // A wait started while stale gets the fresh session, not the old one.
  const waiting = whenState(lifecycle, loadedSession);
  lifecycle.open();
  const second = await waiting;
  assert.notEqual(second, first);
  assert.equal(second.count, 120);
  assert.deepEqual(phases(seen), ['stale', 'opening', 'indexing', 'loaded']);
  // The old session, read on, says its file changed instead of showing another record's text.
  await assert.rejects(first.record(39), /changed on disk|out of range/);
});

test('a file changed while it is still indexing: the old read stops and never reports loaded', async () => {
  const path = tempFile('big-then-small.jsonl', jsonl(3 * BATCH));
  const lifecycle = lifecycleOf(path);
  const seen = record(lifecycle);
  lifecycle.open();
  const indexing = await whenState(lifecycle, (s) => (s.phase === 'indexing' && s.records > 0 ? s.session : undefined));
  writeFileSync(path, jsonl(10, 3));
  lifecycle.markStale();
  lifecycle.open();
  const loaded = await whenState(lifecycle, loadedSession);
  assert.notEqual(loaded, indexing);
  assert.equal(loaded.count, 10);
  const loadedStates = seen.filter((s) => s.phase === 'loaded');
  assert.equal(loadedStates.length, 1, 'only the second read reports loaded');
  assert.deepEqual(phases(seen), ['opening', 'indexing', 'stale', 'opening', 'indexing', 'loaded']);
});

test('a file that is no evaluation file fails as unrecognized; a missing one too; the wait rejects with why', async () => {
  const notEval = tempFile('package.jsonl', '{"name": "x", "version": "1.0.0"}\n{"dependencies": {}}\n');
  const lifecycle = lifecycleOf(notEval);
  const seen = record(lifecycle);
  lifecycle.open();
  await assert.rejects(whenState(lifecycle, loadedSession), (err: Error) => err.message.includes(notEval) || /format|evaluation/.test(err.message));
  assert.deepEqual(phases(seen), ['opening', 'failed']);
  assert.ok(isUnrecognized(lifecycle.state));

  const missing = lifecycleOf(`${notEval}.gone.jsonl`);
  missing.open();
  await assert.rejects(whenState(missing, loadedSession), /cannot read/);
  assert.equal(phaseOf(missing), 'failed');
  assert.ok(isUnrecognized(missing.state));
  // A failed file is not stale-able (nothing was read); asked again, it is read again.
  missing.markStale();
  assert.equal(phaseOf(missing), 'failed');
});

test('a failed file is read again when asked, and loads once it is readable', async () => {
  const path = tempFile('later.jsonl', jsonl(5));
  const aside = `${path}.aside`;
  renameSync(path, aside);
  const lifecycle = lifecycleOf(path);
  const seen = record(lifecycle);
  lifecycle.open();
  await assert.rejects(whenState(lifecycle, loadedSession));
  renameSync(aside, path);
  lifecycle.open();
  const session = await whenState(lifecycle, loadedSession);
  assert.equal(session.count, 5);
  assert.deepEqual(phases(seen), ['opening', 'failed', 'opening', 'indexing', 'loaded']);
});

test('a wait ends when its signal aborts; close() forgets the session', async () => {
  const path = tempFile('abort.jsonl', jsonl(8));
  const lifecycle = lifecycleOf(path);
  const stop = new AbortController();
  // Not opened: nothing happens, so the wait ends only by its signal.
  const waiting = whenState(lifecycle, loadedSession, stop.signal);
  stop.abort(new Error('the view was closed'));
  await assert.rejects(waiting, /the view was closed/);
  lifecycle.open();
  const session = await whenState(lifecycle, loadedSession);
  assert.equal(session.count, 8);
  lifecycle.close();
  assert.equal(phaseOf(lifecycle), 'closed');
  assert.equal(loadedSession(lifecycle.state), undefined);
});
