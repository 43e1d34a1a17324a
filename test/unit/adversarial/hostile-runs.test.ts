/**
 * Runs under attack and accident: two runs on one file, a full disk, hostile journal and marks
 * lines, and SIGKILL at ten random moments of a 500-record run with faults.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeOpenAIServer, judgeAnswer, promptText } from '../../support/fake-openai-server';
import { acquireRunLock } from '../../../src/core/io/runLock';
import { journalPathFor } from '../../../src/core/llm/journal';
import { marksPathFor } from '../../../src/core/verdicts/marks';
import { DatasetSession } from '../../../src/core/session/session';
import { computeStats } from '../../../src/core/tally/fileTally';
import { seeded, syntheticRAlignRecord } from '../core/synthetic';
import { cliPath, tempFile } from '../paths';
import { waitFor } from '../../support/waitFor';

function dataset(n: number, dir?: string, textBytes = 80): string {
  const rand = seeded(123);
  const lines = Array.from({ length: n }, (_, i) => {
    const r = syntheticRAlignRecord(i, rand, textBytes, false);
    for (const k of ['metarm_verdict', 'metarm_score', 'metarm_raw', 'meta']) delete r[k];
    return JSON.stringify(r);
  });
  if (dir) {
    const path = join(dir, 'eval.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  }
  return tempFile('eval.jsonl', lines.join('\n') + '\n');
}

function run(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr }))) };
}

function journal(path: string): { key: string; recordIndex: number; verdict?: string }[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  return lines.flatMap((l, i) => {
    try {
      return [JSON.parse(l) as { key: string; recordIndex: number; verdict?: string }];
    } catch {
      assert.equal(i, lines.length - 1, `line ${i + 1} of ${lines.length} is not JSON: only a torn last line may be`);
      return [];
    }
  });
}

test('two runs on one file: the second is refused, saying who holds the journal; a stale lock is taken over', async () => {
  // A gate, not timing: after two answers the server holds the first run's calls until it has been
  // killed, so it still holds the journal when the second starts, however slowly processes start.
  let answered = 0;
  let openGate = (): void => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const server = await FakeOpenAIServer.start({
    handler: async () => {
      if (++answered > 2) await gate;
      return { kind: 'reply', content: judgeAnswer('Correct') };
    },
  });
  try {
    const file = dataset(60);
    const args = ['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet', '--concurrency', '2'];
    const first = run(args);
    await waitFor(() => journal(journalPathFor(file)).length >= 2, { what: 'the first run to journal two answers', timeout: 60_000 });
    const second = await run(args).done;
    assert.equal(second.code, 2, second.stderr);
    assert.match(second.stderr, new RegExp(`another run is writing .*pid ${first.child.pid}`));
    first.child.kill('SIGKILL');
    await first.done;
    openGate();
    // The killed run's lock is stale: the next run takes it over and finishes.
    assert.ok(existsSync(`${journalPathFor(file)}.lock`));
    const third = await run(args).done;
    assert.equal(third.code, 0, third.stderr);
    assert.ok(!existsSync(`${journalPathFor(file)}.lock`), 'released at the end');
  } finally {
    await server.close();
  }
  // Within one process the lock is shared (the extension runs several record runs at once).
  const path = tempFile('j.jsonl', '');
  const a = await acquireRunLock(path);
  const b = await acquireRunLock(path);
  await a();
  assert.ok(existsSync(`${path}.lock`));
  await b();
  assert.ok(!existsSync(`${path}.lock`));
});

const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

test('a full disk stops the run with a clear message and keeps every finished call', { skip: !canMount && 'needs root to mount a small tmpfs' }, async () => {
  const mnt = mkdtempSync(join(tmpdir(), 'rlens-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', mnt]);
  if (mounted.status !== 0) return;
  const big = 'The rationale misses the decisive point. '.repeat(400);
  const server = await FakeOpenAIServer.start({ handler: (req) => ({ kind: 'reply', content: judgeAnswer(promptText(req.body).length % 2 ? 'Correct' : 'Incorrect', big) }) });
  try {
    const file = dataset(400, mnt, 20);
    const r = await run(['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet', '--concurrency', '4']).done;
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /cannot write the journal .*\(no space left on the device\): the run stopped; every call that finished before is in the journal/);
    const kept = journal(journalPathFor(file));
    assert.ok(kept.length > 3, `${kept.length} entries kept`);
    // Elsewhere, with room, the same command resumes: nothing journaled is asked again.
    const dir = mkdtempSync(join(tmpdir(), 'rlens-resume-'));
    copyFileSync(file, join(dir, 'eval.jsonl'));
    copyFileSync(journalPathFor(file), journalPathFor(join(dir, 'eval.jsonl')));
    server.reset();
    const again = await run(['judge', join(dir, 'eval.jsonl'), '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet']).done;
    assert.equal(again.code, 0, again.stderr);
    const labelCorrect = (await computeStats(file)).overall.labelCorrect;
    assert.ok(server.chatRequests.length <= labelCorrect - kept.length + 4, `${server.chatRequests.length} asked again`);
  } finally {
    await server.close();
    spawnSync('umount', [mnt]);
  }
});

test('hostile journal and marks lines are validated, skipped and reported with their line numbers', async () => {
  const file = dataset(5);
  const entry = (i: number, verdict: unknown) => JSON.stringify({ key: `k${i}`, recordId: `syn-${i}`, recordIndex: i, kind: 'fidelity', model: 'j', verdict, raw: 'x', reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: 'now' });
  writeFileSync(journalPathFor(file), [entry(0, 'Correct'), entry(1, 'Maybe'), entry(2, { $gt: 1 }), '{"key":"k3","recordIndex":-4,"kind":"fidelity","verdict":"Correct"}', entry(4, 'Incorrect')].join('\n') + '\n');
  writeFileSync(marksPathFor(file), ['{"recordIndex":0,"recordId":"x","verdict":"Correct","at":"now"}', '{"recordIndex":1,"verdict":"Sure"}', '{"recordIndex":"2","verdict":"Correct"}'].join('\n') + '\n');
  const session = await DatasetSession.open(file);
  await session.load();
  assert.deepEqual(session.snapshot().summary.origins, { file: 0, llm: 1, human: 1 });
  assert.equal(session.overlayProblems.length, 2);
  assert.match(session.overlayProblems[0] ?? '', /lines 2, 3, 4 are not valid journal entries/);
  assert.match(session.overlayProblems[1] ?? '', /lines 2, 3 are not valid marks/);
  const r = spawnSync(process.execPath, [cliPath, 'stats', file], { encoding: 'utf8' });
  assert.match(r.stderr, /lines 2, 3, 4 are not valid journal entries/);
  // Every record still renders (a "Maybe" verdict once broke the webview's record view).
  for (let i = 0; i < session.count; i++) assert.ok(['Correct', 'Incorrect', 'SkippedLabelMismatch', 'CallFail', 'ParseFail', undefined].includes((await session.record(i)).fidelity?.verdict));
});

test('SIGKILL at ten random moments of a 500-record run with faults: every label-correct record judged exactly once, the journal valid', async () => {
  const rand = seeded(2026);
  // Faults: one call in seven fails (500), one in eleven is slow; verdicts depend on the prompt only.
  let n = 0;
  const server = await FakeOpenAIServer.start({
    handler: (req) => {
      n++;
      if (n % 7 === 0) return { kind: 'error', status: 500, message: 'overloaded' };
      const p = promptText(req.body);
      return { kind: 'reply', content: judgeAnswer(p.length % 3 ? 'Correct' : 'Incorrect'), ...(n % 11 === 0 ? { delayMs: 40 } : {}) };
    },
  });
  try {
    const file = dataset(500);
    const j = journalPathFor(file);
    const args = ['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet', '--concurrency', '6', '--retries', '3'];
    for (let k = 0; k < 10; k++) {
      const child = run(args);
      await new Promise((r) => setTimeout(r, 30 + Math.floor(rand() * 250)));
      child.child.kill('SIGKILL');
      await child.done;
      journal(j); // parses, with at most a torn last line
    }
    const last = await run(args).done;
    assert.equal(last.code, 0, last.stderr);
    const entries = journal(j);
    const finished = entries.filter((e) => e.verdict !== 'CallFail');
    const byIndex = new Map<number, number>();
    for (const e of finished) byIndex.set(e.recordIndex, (byIndex.get(e.recordIndex) ?? 0) + 1);
    const labelCorrect = (await computeStats(file)).overall.labelCorrect;
    assert.equal(byIndex.size, labelCorrect, 'every label-correct record judged');
    assert.ok([...byIndex.values()].every((c) => c === 1), 'none judged twice');
    assert.equal(new Set(finished.map((e) => e.key)).size, finished.length);
    // The file's figures with the journal equal a clean count of the journaled verdicts.
    const s = await computeStats(file, { overlays: true });
    assert.equal(s.overall.fidelity.aligned + s.overall.fidelity.misaligned, labelCorrect);
  } finally {
    await server.close();
  }
});
