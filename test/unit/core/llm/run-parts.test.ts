/**
 * The parts of a run (runner.ts composes them): the counters and their ETA on a virtual clock, the
 * cancellation, the journal held under its lock, the window of items in flight; and a journal that
 * fails mid-run (a real write error: the file size limit) stops the run and lets go of the lock.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Journal, journalPathFor } from '../../../../src/core/llm/journal';
import { AbortedError } from '../../../../src/core/llm/retry';
import { RunCancellation } from '../../../../src/core/llm/runCancellation';
import { RunCounters } from '../../../../src/core/llm/runCounters';
import { RunJournal } from '../../../../src/core/llm/runJournal';
import { runWindowed, windowFor } from '../../../../src/core/llm/runWindow';
import type { FidelityResult, GenrmResult, LlmResult } from '../../../../src/core/llm/runTypes';
import { FakeOpenAIServer, judgeAnswer } from '../../../support/fake-openai-server';
import { cliPath } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';
import { tempDir } from './helpers';

const base = { recordId: 'r', key: 'k', model: 'm', raw: null, reasoning: null, error: null, cached: false, resumed: false, attempts: 1, durationMs: 1 };
const fidelity = (recordIndex: number, verdict: FidelityResult['verdict'], over: Partial<FidelityResult> = {}): LlmResult => ({ ...base, kind: 'fidelity', recordIndex, verdict, analysis: null, keyPoints: null, rationaleSha: 's', ...over });
const genrm = (recordIndex: number, pred: GenrmResult['pred'], over: Partial<GenrmResult> = {}): LlmResult => ({ ...base, kind: 'genrm', recordIndex, pred, ...over });

test('counters: failures, cached, skipped, in flight, tokens of answers obtained now, usage notes', () => {
  const c = new RunCounters(10, () => 0);
  c.begin();
  c.begin();
  assert.equal(c.progress().inFlight, 2);
  c.end();
  c.count(fidelity(0, 'Correct', { usage: { prompt: 10, completion: 5, reasoning: 0 } }));
  c.count(fidelity(1, 'CallFail'));
  c.count(fidelity(2, 'ParseFail'));
  c.count(fidelity(3, 'Incorrect'));
  c.count(fidelity(4, 'SkippedLabelMismatch'));
  c.count(genrm(5, null));
  c.count(genrm(6, 'B', { cached: true, usage: { prompt: 1000, completion: 1000, reasoning: 0 }, usageNotes: [{ kind: 'dropped', text: 'cached: not counted' }] }));
  c.count(genrm(7, 'A', { usage: { prompt: 1, completion: 2, reasoning: 3 }, usageNotes: [{ kind: 'dropped', text: 'no prompt count' }] }));
  const p = c.progress();
  assert.deepEqual(
    { done: p.done, failed: p.failed, cached: p.cached, skipped: p.skipped, inFlight: p.inFlight, tokens: p.tokens },
    { done: 8, failed: 3, cached: 1, skipped: 1, inFlight: 1, tokens: { prompt: 11, completion: 7, reasoning: 3 } },
  );
  assert.equal(c.usageNotes.dropped, 1, 'only the answer obtained now has its note counted');
});

test('counters: the ETA is the mean time per finished item times the items left; unknown before the first and without a total', () => {
  let now = 1_000;
  const c = new RunCounters(null, () => now);
  assert.deepEqual([c.progress().elapsedMs, c.progress().etaMs], [0, null]);
  now += 300;
  c.count(genrm(0, 'A'));
  assert.equal(c.progress().etaMs, null, 'no total yet');
  c.inputEnded(4);
  assert.deepEqual([c.progress().total, c.progress().elapsedMs, c.progress().etaMs], [4, 300, 900]);
  now += 100;
  c.count(genrm(1, 'B'));
  assert.equal(c.progress().etaMs, 400, '400 ms over 2 items, 2 left');
  c.count(genrm(2, 'A'));
  c.count(genrm(3, 'A'));
  c.count(genrm(4, 'A'));
  assert.equal(c.progress().etaMs, 0, 'never negative');
  assert.equal(new RunCounters(3, () => 0).progress().etaMs, null, 'nothing finished yet');
});

test('cancellation: follows the caller, keeps the first fatal error, ignores a cancelled call, stops following once disposed', () => {
  const caller = new AbortController();
  const a = new RunCancellation(caller.signal);
  assert.equal(a.cancelled, false);
  a.failUnlessCancelled(new AbortedError());
  assert.equal(a.cancelled, false, 'a cancelled call is not an error');
  caller.abort();
  assert.equal(a.cancelled, true);
  a.failUnlessCancelled(new Error('after the stop'));
  assert.doesNotThrow(() => a.throwIfFailed(), 'an error once stopped is not the cause');

  const b = new RunCancellation();
  b.failUnlessCancelled(new Error('disk full'));
  b.fail(new Error('second'));
  assert.equal(b.signal.aborted, true);
  assert.throws(() => b.throwIfFailed(), /disk full/);
  const c = new RunCancellation();
  c.fail('not an Error');
  assert.throws(() => c.throwIfFailed(), (e: Error) => e.message === 'run failed' && e.cause === 'not an Error');

  const already = new AbortController();
  already.abort();
  assert.equal(new RunCancellation(already.signal).cancelled, true);
  const late = new AbortController();
  const d = new RunCancellation(late.signal);
  d.dispose();
  late.abort();
  assert.equal(d.cancelled, false);
});

test('run journal: a path is opened under its lock and both let go on close; a caller\'s journal stays open; a foreign file releases the lock', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'j.jsonl');
    const held = await RunJournal.open({ journal: path }, ['sk-x']);
    assert.equal(existsSync(`${path}.lock`), true);
    assert.equal(held.journal?.path, path);
    await held.close();
    assert.equal(existsSync(`${path}.lock`), false);

    const dataset = join(dir, 'd.jsonl');
    const beside = await RunJournal.open({ datasetPath: dataset }, []);
    assert.equal(beside.journal?.path, journalPathFor(dataset));
    await beside.close();
    assert.equal((await RunJournal.open({ datasetPath: dataset, journal: false }, [])).journal, null);

    const mine = await Journal.open(join(dir, 'mine.jsonl'));
    const lent = await RunJournal.open({ journal: mine }, []);
    await lent.close();
    assert.equal(existsSync(join(dir, 'mine.jsonl.lock')), false, 'no lock is taken on a caller\'s journal');
    await mine.append({ key: 'k', recordId: 'r', recordIndex: 0, kind: 'genrm', model: 'm', pred: 'A', raw: 'x', reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: '' });
    await mine.close();

    const foreign = join(dir, 'notes.txt');
    writeFileSync(foreign, 'my notes, not a journal\n');
    await assert.rejects(RunJournal.open({ journal: foreign }, []), /journal/);
    assert.equal(existsSync(`${foreign}.lock`), false);
  } finally {
    cleanup();
  }
});

test('run journal: a close that fails still lets go of the lock, and says why', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'j.jsonl');
    const held = await RunJournal.open({ journal: path }, []);
    const journal = held.journal as Journal;
    const realClose = journal.close.bind(journal);
    // A real journal whose final flush fails (as a full disk would make it): its file is still closed.
    journal.close = async () => {
      await realClose();
      throw new Error('ENOSPC: no space left on device, fsync');
    };
    await assert.rejects(held.close(), /ENOSPC/);
    assert.equal(existsSync(`${path}.lock`), false, 'the lock is let go');
    const next = await RunJournal.open({ journal: path }, []);
    await next.close();
  } finally {
    cleanup();
  }
});

test('window: at most `width` items in flight, in input order; nothing starts once stopped; the input\'s length only when read to its end', async () => {
  assert.equal(windowFor(1), 5);
  assert.equal(windowFor(8), 16);
  const gates: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const ended: number[] = [];
  let length: number | null = null;
  const ctrl = new AbortController();
  const run = runWindowed([10, 11, 12, 13, 14, 15], 2, ctrl.signal, {
    run: async (item) => {
      most = Math.max(most, ++inFlight);
      await new Promise<void>((res) => gates.push(res));
      inFlight--;
      return item * 2;
    },
    ended: (out, item, seq) => ended.push(seq, item, out),
    inputEnded: (n) => (length = n),
  });
  const until = async (n: number): Promise<void> => {
    while (gates.length < n) await new Promise((res) => setImmediate(res));
  };
  await until(2);
  gates[0]!();
  await until(3);
  gates[1]!();
  gates[2]!();
  await until(5);
  ctrl.abort();
  gates[3]!();
  gates[4]!();
  await run;
  assert.equal(most, 2);
  assert.deepEqual(ended, [0, 10, 20, 1, 11, 22, 2, 12, 24, 3, 13, 26, 4, 14, 28]);
  assert.equal(length, null, 'stopped before the end of the input');

  // The input's length is known as soon as it is read, while its last items are still in flight (progress shows the total then).
  const said: string[] = [];
  const open: (() => void)[] = [];
  async function* three(): AsyncGenerator<number> {
    for (const i of [1, 2, 3]) yield await Promise.resolve(i);
  }
  const whole = runWindowed(three(), 4, new AbortController().signal, {
    run: (i) => new Promise<number>((res) => open.push(() => res(i))),
    ended: (i) => said.push(`ended ${i}`),
    inputEnded: (n) => said.push(`input of ${n}`),
  });
  while (open.length < 3) await new Promise((res) => setImmediate(res));
  for (const release of open) release();
  await whole;
  assert.deepEqual(said, ['input of 3', 'ended 1', 'ended 2', 'ended 3']);
});

test('a journal write that fails mid-run stops the run with its error and lets go of the lock', async (t) => {
  if (process.platform === 'win32') return t.skip('the file size limit is set with bash');
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: judgeAnswer('Correct') + ' ' + 'long analysis '.repeat(300) }) });
  const { dir, cleanup } = tempDir();
  try {
    const rand = seeded(7);
    const file = join(dir, 'eval.jsonl');
    const records = Array.from({ length: 30 }, (_, i) => {
      const r = syntheticRAlignRecord(i, rand, 80, false);
      for (const k of ['metarm_verdict', 'metarm_score', 'metarm_raw', 'meta']) delete r[k];
      return JSON.stringify(r);
    });
    writeFileSync(file, records.join('\n') + '\n');
    const journal = journalPathFor(file);
    // Files this process writes stop growing at 16 KiB: the journal's fourth or so line fails with EFBIG.
    const args = ['-c', 'ulimit -f 16 && exec "$0" "$@"', process.execPath, cliPath, 'judge', file, '--base-url', server.baseUrl, '--model', 'judge-1', '--concurrency', '1', '--no-cache', '--quiet'];
    const child = spawn('bash', args, { env: { ...process.env, OPENAI_API_KEY: 'sk-test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((res) => child.on('close', res));
    assert.notEqual(code, 0, stderr);
    assert.match(stderr, /EFBIG|too large/i);
    assert.equal(existsSync(`${journal}.lock`), false, 'the lock is let go');
    const lines = readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{') && l.endsWith('}')).length;
    assert.ok(lines >= 1 && lines < 30, `${lines} journal lines`);
    assert.ok(server.chatRequests.length < 30, `the run stopped: ${server.chatRequests.length} requests`);
  } finally {
    await server.close();
    cleanup();
  }
});
