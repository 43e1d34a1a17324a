import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, readFileSync, unlinkSync } from 'node:fs';
import { test } from 'node:test';
import { join } from 'node:path';
import { DatasetSession } from '../../../../src/core/session/session';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { marksPathFor } from '../../../../src/core/verdicts/marks';
import { journalPathFor } from '../../../../src/core/llm/journal';
import { compileUserPatterns } from '../../../../src/core/record/verdict';
import { FORMAT_SAMPLE_FILES, fixturesDir, repoRoot, samplesDir, tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';

test('a session tallies exactly what `stats` does, on both-order fixtures too', async () => {
  for (const file of [join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'), join(fixturesDir, 'llmbar', 'natural_gpt-4_cot', 'result.json')]) {
    const session = await DatasetSession.open(file);
    await session.load();
    const stats = await computeStats(file);
    assert.deepEqual(session.snapshot().summary, stats.overall);
    assert.deepEqual(session.snapshot().groups, stats.groups);
  }
});

test('human marks override the file, durably, and never touch the dataset', async () => {
  const rand = seeded(11);
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 60)));
  const path = tempFile('d.jsonl', lines.join('\n') + '\n');
  const before = readFileSync(path);
  const session = await DatasetSession.open(path);
  await session.load();
  const s0 = session.snapshot().summary;
  const aligned = session.next(-1, 'aligned');
  assert.ok(aligned >= 0);
  let changes = 0;
  session.onDidChange(() => changes++);
  await session.mark(aligned, 'Incorrect', 'names a different reason');
  const s1 = session.snapshot().summary;
  assert.equal(s1.fidelity.aligned, s0.fidelity.aligned - 1);
  assert.equal(s1.fidelity.misaligned, s0.fidelity.misaligned + 1);
  assert.equal(session.kindOf(aligned), 'spurious');
  assert.equal(session.row(aligned).fidelityOrigin, 'human');
  assert.equal((await session.record(aligned)).fidelity?.note, 'names a different reason');
  assert.equal(changes, 1);
  assert.deepEqual(readFileSync(path), before, 'the dataset is unchanged');
  // A new session reads the mark back; a torn last line in the marks file is ignored.
  appendFileSync(marksPathFor(path), '{"recordIndex": 3, "verd');
  const again = await DatasetSession.open(path);
  await again.load();
  assert.deepEqual(again.snapshot().summary, s1);
  await again.mark(aligned, null);
  assert.deepEqual(again.snapshot().summary.fidelity, s0.fidelity);
});

test('LLM verdicts from the journal apply to never-judged records, and human marks win over them', async () => {
  const src = join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl');
  const path = tempFile('jb.jsonl', readFileSync(src));
  copyFileSync(src, path);
  const session = await DatasetSession.open(path);
  await session.load();
  assert.equal(session.snapshot().summary.sCorr, null);
  const correct = session.filter(['never-judged'], null).slice(0, 4);
  const entry = (i: number, verdict: string) => JSON.stringify({ key: `k${i}`, recordId: 'x', recordIndex: i, kind: 'fidelity', model: 'judge', verdict, raw: 'r', reasoning: null, analysis: 'why', error: null, cached: false, attempts: 1, finishedAt: '' });
  appendFileSync(journalPathFor(path), correct.map((i, k) => entry(i, k < 3 ? 'Correct' : 'Incorrect')).join('\n') + '\n');
  await session.reloadVerdicts();
  assert.equal(session.snapshot().summary.sCorr, 0.25);
  assert.equal(session.row(correct[0] as number).fidelityOrigin, 'llm');
  await session.mark(correct[0] as number, 'Incorrect');
  assert.equal(session.snapshot().summary.sCorr, 0.5);
  // The verdict in force says what it overrides: the human mark over the LLM judge's.
  const marked = (await session.record(correct[0] as number)).fidelity;
  assert.deepEqual([marked?.origin, marked?.verdict, marked?.overrides?.map((o) => [o.origin, o.verdict, o.model])], ['human', 'Incorrect', [['llm', 'Correct', 'judge']]]);
  assert.equal((await session.record(correct[1] as number)).fidelity?.overrides, undefined, 'an LLM verdict over no file verdict overrides nothing');
});

test('a human mark over a file verdict keeps the file verdict, with its analysis, as overridden', async () => {
  const rand = seeded(3);
  const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40)));
  const path = tempFile('o.jsonl', lines.join('\n') + '\n');
  const session = await DatasetSession.open(path);
  await session.load();
  const spurious = session.next(-1, 'spurious');
  const before = (await session.record(spurious)).fidelity;
  assert.equal(before?.origin, 'file');
  assert.equal(before?.overrides, undefined);
  await session.mark(spurious, 'Correct', 'fine after all');
  const after = (await session.record(spurious)).fidelity;
  assert.equal(after?.origin, 'human');
  assert.deepEqual(after?.overrides, [before]);
});

test('filters, navigation, id and line lookup, search', async () => {
  const session = await DatasetSession.open(join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'));
  await session.load();
  const wrong = session.filter(['label-wrong'], null);
  const unparseable = session.filter(['unparseable'], null);
  assert.equal(unparseable.length, 11);
  assert.equal(wrong.length + unparseable.length + session.filter(['never-judged'], null).length, 270);
  assert.equal(session.filter(null, 'livecodebench').length, 31);
  const first = await session.record(0);
  assert.equal(await session.indexOfId(first.id), 0);
  assert.equal(session.indexOfLine(first.line), 0);
  const hits = await session.search('decussate', null);
  assert.ok(hits.includes(0));
  assert.ok(hits.length < 270);
  const n = session.next(0, 'unparseable');
  assert.equal(session.kindOf(n), 'unparseable');
});

/** Everything a session exposes about its index, for comparing two loads of one file. */
function indexState(session: DatasetSession) {
  const rows = Array.from({ length: session.count }, (_, i) => ({ ...session.row(i), at: session.index.at(i) }));
  return { snapshot: { ...session.snapshot(), file: '' }, rows, issues: session.issues, issueGroups: session.issueGroups, subsets: session.subsets(), malformed: session.malformed, warnings: session.warnings };
}

test('indexing in a worker thread gives exactly the index, figures and issues of indexing on this thread', async () => {
  const workerScript = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');
  assert.ok(existsSync(workerScript), 'tsc builds the worker beside the session');
  const rand = seeded(5);
  // More than one batch (4096 records), with subsets first seen in later batches and a bad line.
  const many = Array.from({ length: 9000 }, (_, i) => JSON.stringify({ ...syntheticRAlignRecord(i, rand, 30), source: { subset: `s${Math.floor(i / 2500)}` } }));
  many.splice(5000, 0, '{"id": "torn", "response_A": ');
  const files = [...FORMAT_SAMPLE_FILES, tempFile('many.jsonl', many.join('\n') + '\n')];
  const extraPatterns = compileUserPatterns(['Selected: #(?<verdict>[12])']).patterns;
  for (const file of files) {
    const here = await DatasetSession.open(file, { extraPatterns });
    await here.load();
    let progress = 0;
    const there = await DatasetSession.open(file, { extraPatterns, indexInWorker: workerScript, onProgress: (n) => (progress = n) });
    await there.load();
    assert.deepEqual(indexState(there), indexState(here), file);
    assert.equal(progress, here.count, `${file}: progress reaches the record count`);
  }
  const many2 = await DatasetSession.open(files[files.length - 1] as string, { indexInWorker: workerScript });
  await many2.load();
  assert.equal(many2.count, 9000);
  assert.deepEqual(many2.subsets(), ['s0', 's1', 's2', 's3']);
  assert.equal(many2.malformed, 1);
});

test('a worker that cannot read the file fails the load with the reason, and a missing worker script means this thread', async () => {
  const path = tempFile('gone.jsonl', `${JSON.stringify(syntheticRAlignRecord(0, seeded(1), 20))}\n`);
  const session = await DatasetSession.open(path, { indexInWorker: join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js') });
  unlinkSync(path);
  await assert.rejects(() => session.load(), /no such file|ENOENT|cannot read/i);
  const fallback = tempFile('here.jsonl', `${JSON.stringify(syntheticRAlignRecord(0, seeded(1), 20))}\n`);
  const local = await DatasetSession.open(fallback, { indexInWorker: join(repoRoot, 'no-such-worker.js') });
  await local.load();
  assert.equal(local.count, 1);
});

test('a load that is no longer wanted stops: the worker is terminated, this thread stops between batches', async () => {
  const rand = seeded(9);
  const path = tempFile('big.jsonl', Array.from({ length: 30_000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  for (const indexInWorker of [join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js'), false]) {
    const abort = new AbortController();
    const session = await DatasetSession.open(path, { indexInWorker, signal: abort.signal, onProgress: () => abort.abort(new Error('the file changed again')) });
    await assert.rejects(() => session.load(), /the file changed again/);
    assert.ok(session.count < 30_000, `${String(indexInWorker)}: stopped after ${session.count} records`);
  }
  const cancelled = new AbortController();
  cancelled.abort(new Error('already cancelled'));
  const never = await DatasetSession.open(path, { signal: cancelled.signal });
  await assert.rejects(() => never.load(), /already cancelled/);
  assert.equal(never.count, 0);
});

test('indexing in a worker can be held back while a view draws, and resumes on request or after the time given', async () => {
  const rand = seeded(13);
  const path = tempFile('pause.jsonl', Array.from({ length: 20_000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');
  const held = await DatasetSession.open(path, { indexInWorker: worker });
  held.pauseIndexing(60_000);
  const loading = held.load();
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(held.count <= 4096, `at most the first batch while paused (${held.count})`);
  held.resumeIndexing();
  await loading;
  assert.equal(held.count, 20_000);
  const timed = await DatasetSession.open(path, { indexInWorker: worker });
  timed.pauseIndexing(150);
  await timed.load(); // resumes by itself
  assert.equal(timed.count, 20_000);
});

test('two holders of the indexing pause: one letting go does not cut the other\'s pause short', async () => {
  const rand = seeded(17);
  const path = tempFile('two-holders.jsonl', Array.from({ length: 20_000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');
  const session = await DatasetSession.open(path, { indexInWorker: worker });
  session.pauseIndexing(60_000, 'view');
  session.pauseIndexing(60_000, 'other');
  const loading = session.load();
  session.resumeIndexing('other'); // the other holder is done; the Inspector's first screen is not
  assert.equal(session.indexingHeld, true);
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(session.count <= 4096, `at most the first batch while the view holds it (${session.count})`);
  session.resumeIndexing('view');
  await loading;
  assert.equal(session.count, 20_000);
  assert.equal(session.indexingHeld, false);
});

test('a mark is folded in alone: the figures equal a fresh read of the file, marks and journal, and the watcher skips the session\'s own write', async () => {
  const rand = seeded(29);
  const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 60)));
  const file = tempFile('eval.jsonl', lines.join('\n') + '\n');
  const session = await DatasetSession.open(file);
  await session.load();
  const targets = [...session.filter(['aligned'], null).slice(0, 3), ...session.filter(['spurious'], null).slice(0, 2), ...session.filter(['label-wrong'], null).slice(0, 1)];
  assert.ok(targets.length >= 4);
  for (const [n, i] of targets.entries()) await session.mark(i, n % 2 ? 'Correct' : 'Incorrect', n === 0 ? 'a note' : undefined);
  await session.mark(targets[1] as number, null); // a mark cleared
  assert.equal(await session.reloadVerdictsIfChanged(), false, 'its own writes are known: nothing to re-read');
  const fresh = await DatasetSession.open(file);
  await fresh.load();
  assert.deepEqual(session.snapshot(), fresh.snapshot(), 'incremental figures = a full re-read');
  for (let i = 0; i < session.count; i++) assert.deepEqual(session.row(i), fresh.row(i));
  // Someone else's write is noticed and read.
  appendFileSync(marksPathFor(file), JSON.stringify({ recordIndex: targets[2], recordId: 'x', verdict: 'Incorrect', at: '' }) + '\n');
  assert.equal(await session.reloadVerdictsIfChanged(), true);
  assert.equal(session.kindOf(targets[2] as number), 'spurious');
});

test('ids are looked up in the compact index; a repeated id gives its first record, an id too long for the index is still found', async () => {
  const rand = seeded(31);
  const recs = Array.from({ length: 30 }, (_, i) => syntheticRAlignRecord(i, rand, 40));
  (recs[7] as { id: string }).id = 'x'.repeat(600);
  (recs[12] as { id: string }).id = (recs[3] as { id: string }).id;
  const session = await DatasetSession.open(tempFile('ids.jsonl', recs.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  await session.load();
  assert.equal(await session.indexOfId((recs[3] as { id: string }).id), 3);
  assert.equal(await session.indexOfId((recs[20] as { id: string }).id), 20);
  assert.equal(await session.indexOfId('x'.repeat(600)), 7);
  assert.equal(session.row(7).id, null, 'the long id is not kept in the index');
  assert.equal(await session.indexOfId('no such id'), undefined);
});

test('loading a session twice (two callers) indexes the file once: the counts do not double', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await Promise.all([session.load(), session.load()]);
  await session.load();
  const stats = await computeStats(join(samplesDir, 'r-align-synthetic.jsonl'));
  assert.equal(session.count, stats.overall.records);
  assert.deepEqual(session.snapshot().summary, stats.overall);
});
