/**
 * The Inspector's message protocol: the hand-written validators accept every message the two sides
 * send and reject malformed ones; the host's views of real files (every sample and fixture record)
 * pass the webview's validator, so nothing the host sends is dropped on arrival.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatasetSession } from '../../../src/core/session/session';
import { buildRecordView } from '../../../src/presentation/recordView';
import { rowView, snapshotView } from '../../../src/presentation/snapshotViews';
import type { FromWebview, ToWebview } from '../../../src/protocol/messages';
import { checkFromWebview, checkToWebview, recordView as recordViewValidator } from '../../../src/protocol/messages';
import { FORMAT_SAMPLE_FILES, fixturesDir, samplesDir } from '../paths';

const good: FromWebview[] = [
  { type: 'ready', protocol: 1 },
  { type: 'query', requestId: 1, kinds: ['spurious', 'aligned'], subset: null, search: 'arith', sort: 'coverage-asc', contradicts: false, selected: 3, first: 0, count: 100 },
  { type: 'query', requestId: 2, kinds: null, subset: 'math', search: '', sort: 'file', contradicts: true, selected: null, first: 4200, count: 0 },
  { type: 'getRows', requestId: 3, listId: 1, start: 0, count: 100 },
  { type: 'getRecord', requestId: 4, index: 0 },
  { type: 'locate', requestId: 5, listId: 1, index: 7 },
  { type: 'findNext', requestId: 6, listId: 1, from: -1, kind: 'spurious', direction: -1 },
  { type: 'mark', requestId: 7, index: 2, verdict: 'Incorrect', note: 'vague praise only' },
  { type: 'mark', requestId: 8, index: 2, verdict: null, note: '' },
  { type: 'undoMark', requestId: 9 },
  { type: 'reveal', index: 2 },
  { type: 'cancel', requestId: 1 },
  { type: 'log', level: 'warn', message: 'x' },
  { type: 'runLlm', requestId: 9, index: 13, role: 'fidelity' },
  { type: 'runLlm', requestId: 10, index: 0, role: 'genrm' },
  { type: 'cancelRun', runId: 3 },
  { type: 'workbench', action: 'setUpEndpoints' },
  { type: 'workbench', action: 'showProblems' },
];

test('the host accepts every well-formed webview message', () => {
  for (const m of good) assert.deepEqual(checkFromWebview(m), { ok: true, message: m }, JSON.stringify(m));
});

test('the host rejects malformed webview messages, naming the field', () => {
  const bad: [unknown, RegExp][] = [
    [null, /expected an object/],
    ['ready', /expected an object/],
    [[{ type: 'ready', protocol: 1 }], /expected an object/],
    [{ protocol: 1 }, /unknown type/],
    [{ type: 'eval', code: 'alert(1)' }, /unknown type "eval"/],
    [{ type: '__proto__' }, /unknown type/],
    [{ type: 'toString' }, /unknown type/],
    [{ type: 'getRecord', requestId: 1 }, /message\.index: expected an integer/],
    [{ type: 'getRecord', requestId: 1, index: -1 }, /message\.index/],
    [{ type: 'getRecord', requestId: 1, index: 1.5 }, /message\.index/],
    [{ type: 'getRecord', requestId: '1', index: 0 }, /message\.requestId/],
    [{ type: 'getRecord', requestId: 1, index: 0, extra: true }, /unexpected field "extra"/],
    [{ type: 'getRows', requestId: 1, listId: 1, start: 0, count: 100_000 }, /message\.count/],
    [{ type: 'query', requestId: 1, kinds: ['bogus'], subset: null, search: '', sort: 'file', selected: null }, /message\.kinds\[0\]/],
    [{ type: 'query', requestId: 1, kinds: null, subset: null, search: 'x'.repeat(5000), sort: 'file', selected: null }, /message\.search: longer than/],
    [{ type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'random', selected: null, first: 0, count: 10 }, /message\.sort/],
    [{ type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'file', contradicts: false, selected: null, first: 0, count: 10_000 }, /message\.count/],
    [{ type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'file', contradicts: false, selected: null }, /message\.first/],
    [{ type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'file', contradicts: 'yes', selected: null, first: 0, count: 10 }, /message\.contradicts: expected a boolean/],
    [{ type: 'mark', requestId: 1, index: 0, verdict: 'Maybe', note: '' }, /message\.verdict/],
    [{ type: 'findNext', requestId: 1, listId: 1, from: 0, kind: 'spurious', direction: 2 }, /message\.direction/],
    [{ type: 'log', level: 'debug', message: '' }, /message\.level/],
    [{ type: 'getRecord', requestId: Number.NaN, index: 0 }, /message\.requestId/],
    [{ type: 'runLlm', requestId: 1, index: 0 }, /message\.role/],
    [{ type: 'runLlm', requestId: 1, index: 0, role: 'judge' }, /message\.role: expected one of "genrm", "fidelity"/],
    [{ type: 'runLlm', requestId: 1, index: -1, role: 'genrm' }, /message\.index/],
    [{ type: 'runLlm', requestId: 1, index: 0, role: 'genrm', apiKey: 'sk-x' }, /unexpected field "apiKey"/],
    [{ type: 'runLlm', index: 0, role: 'genrm' }, /message\.requestId/],
    [{ type: 'cancelRun', runId: '3' }, /message\.runId/],
    [{ type: 'cancelRun', runId: 1.5 }, /message\.runId/],
    [{ type: 'cancelRun' }, /message\.runId/],
  ];
  for (const [value, error] of bad) {
    const r = checkFromWebview(value);
    assert.equal(r.ok, false, JSON.stringify(value));
    if (!r.ok) assert.match(r.error, error);
  }
});

test('the webview rejects malformed host messages', () => {
  const bad: unknown[] = [
    { type: 'rows', requestId: 1, listId: 1, start: 0, rows: [{ index: 0 }] },
    { type: 'record', requestId: 1, record: { index: 0 } },
    { type: 'list', requestId: 1, listId: 1, total: -1, selectedPosition: -1, partial: false, note: null, start: 0, rows: [] },
    { type: 'list', requestId: 1, listId: 1, total: 1, selectedPosition: -1, partial: false, note: null },
    { type: 'select', index: '3' },
    { type: 'marked', requestId: 1 },
    { type: 'marked', requestId: 1, index: 4, recordId: 'x', verdict: 'Incorrect', undone: false, figures: [{ name: 'Accuracy', before: 0, after: 1 }], canUndo: true },
    { type: 'invalidate', reason: 'because' },
    { type: 'error', requestId: null },
  ];
  for (const value of bad) assert.equal(checkToWebview(value).ok, false, JSON.stringify(value));
  const ok: ToWebview[] = [
    { type: 'loading', fileName: 'a.jsonl', records: 10, shown: 0, sizeBytes: 100 },
    { type: 'failed', message: 'not an evaluation file' },
    { type: 'list', requestId: 1, listId: 2, total: 0, selectedPosition: -1, partial: true, note: null, start: 0, rows: [] },
    { type: 'progress', requestId: 1, phase: 'coverage', done: 5, total: 10 },
    { type: 'located', requestId: 1, listId: 2, position: -1, index: -1 },
    { type: 'marked', requestId: 1, index: 4, recordId: 'ra-005', verdict: 'Incorrect', undone: false, figures: [{ name: 'S-Corr', before: 0.273, after: 0.182 }], canUndo: true },
    { type: 'marked', requestId: 2, index: 4, recordId: 'ra-005', verdict: null, undone: true, figures: [{ name: 'S-Corr', before: null, after: null }, { name: 'F-Score', before: 0.5, after: 0.4 }], canUndo: false },
    { type: 'error', requestId: null, message: 'x' },
    { type: 'select', index: 3 },
    { type: 'invalidate', reason: 'verdicts' },
  ];
  for (const m of ok) assert.deepEqual(checkToWebview(m), { ok: true, message: m });
});

test('model-run messages to the webview: well-formed ones pass, malformed ones are dropped', () => {
  const result = { model: 'judge-1', verdict: 'Incorrect' as const, analysis: 'names no decisive error', pred: null, error: null };
  const ok: ToWebview[] = [
    { type: 'llmStatus', available: true, reason: null, configured: { genrm: true, fidelity: false } },
    { type: 'llmStatus', available: false, reason: 'untrusted workspace', configured: { genrm: false, fidelity: false } },
    { type: 'runStarted', requestId: 4, runId: 1, index: 13, role: 'fidelity', model: 'judge-1' },
    { type: 'runStarted', requestId: null, runId: 2, index: 0, role: 'genrm', model: '' },
    { type: 'runDelta', runId: 1, index: 13, role: 'fidelity', content: '<genrm_analysis>\nThe rat', reasoning: '', reset: false },
    { type: 'runDelta', runId: 1, index: 13, role: 'fidelity', content: '', reasoning: '', reset: true },
    { type: 'runEnded', runId: 1, index: 13, role: 'fidelity', outcome: 'done', message: null, result },
    { type: 'runEnded', runId: 2, index: 0, role: 'genrm', outcome: 'done', message: null, result: { model: 'g', verdict: null, analysis: null, pred: 'B', error: null } },
    { type: 'runEnded', runId: 2, index: 0, role: 'genrm', outcome: 'cancelled', message: null, result: null },
    { type: 'runEnded', runId: 2, index: 0, role: 'genrm', outcome: 'failed', message: 'journal not writable', result: null },
    { type: 'runRefused', requestId: 4, index: 13, role: 'fidelity', message: 'Set rationaleLens.fidelity.baseUrl in your user settings' },
  ];
  for (const m of ok) assert.deepEqual(checkToWebview(m), { ok: true, message: m }, JSON.stringify(m));
  const bad: [unknown, RegExp][] = [
    [{ type: 'llmStatus', available: 'no', reason: null }, /message\.available/],
    [{ type: 'llmStatus', available: false }, /message\.reason/],
    [{ type: 'runStarted', requestId: null, runId: 1, index: 0, role: 'fidelity' }, /message\.model/],
    [{ type: 'runStarted', requestId: null, runId: -1, index: 0, role: 'fidelity', model: 'm' }, /message\.runId/],
    [{ type: 'runDelta', runId: 1, index: 0, role: 'fidelity', content: 'x', reasoning: '' }, /message\.reset/],
    [{ type: 'runDelta', runId: 1, index: 0, role: 'fidelity', content: null, reasoning: '', reset: false }, /message\.content/],
    [{ type: 'runDelta', runId: 1, index: 0, role: 'other', content: '', reasoning: '', reset: false }, /message\.role/],
    [{ type: 'runEnded', runId: 1, index: 0, role: 'fidelity', outcome: 'exploded', message: null, result: null }, /message\.outcome/],
    [{ type: 'runEnded', runId: 1, index: 0, role: 'fidelity', outcome: 'done', message: null, result: { ...result, verdict: 'Maybe' } }, /message\.result\.verdict/],
    [{ type: 'runEnded', runId: 1, index: 0, role: 'genrm', outcome: 'done', message: null, result: { ...result, pred: 'C' } }, /message\.result\.pred/],
    [{ type: 'runEnded', runId: 1, index: 0, role: 'genrm', outcome: 'done', message: null, result: { ...result, apiKey: 'sk' } }, /unexpected field "apiKey"/],
    [{ type: 'runRefused', requestId: null, index: 0, role: 'genrm', message: 'x' }, /message\.requestId/],
  ];
  for (const [value, error] of bad) {
    const r = checkToWebview(value);
    assert.equal(r.ok, false, JSON.stringify(value));
    if (!r.ok) assert.match(r.error, error);
  }
});

test('a record view carries its latest re-query; a malformed one is dropped', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await session.load();
  const record = await session.record(7);
  const entry = { recordIndex: 7, recordId: record.id, model: 'genrm-2', raw: '<think>\nweigh both\n</think>\nB misreads the unit; A names the conversion error.\n\n\\boxed{A}', reasoning: 'first thoughts', error: null, finishedAt: '2026-01-01T00:00:00.000Z', pred: 'A' as const };
  const view = await buildRecordView(record, session.kindOf(7), session.baseDir, entry);
  assert.equal(recordViewValidator(view, 'record'), null);
  assert.ok(view.requery);
  assert.equal(view.requery.pred, 'A');
  assert.equal(view.requery.rationale, 'B misreads the unit; A names the conversion error.\n\n\\boxed{A}');
  assert.equal(view.requery.thinking, 'first thoughts\n\nweigh both');
  assert.equal(view.requery.alignment?.against, 'gold');
  for (const c of view.requery.alignment?.rationale ?? []) assert.ok(c.end <= view.requery.rationale.length && c.start < c.end);
  for (const c of view.requery.alignment?.gold ?? []) assert.ok(c.end <= (view.goldText ?? '').length);
  const broken = { ...view, requery: { ...view.requery, pred: 'C' } };
  assert.match(recordViewValidator(broken, 'record') ?? '', /record\.requery\.pred/);
});

test('without gold, a re-query is aligned against the original-order rationale', async () => {
  const session = await DatasetSession.open(join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'));
  await session.load();
  const record = await session.record(0);
  const original = record.judgments.findIndex((j) => j.order === 'original');
  const entry = { recordIndex: 0, recordId: record.id, model: 'g', raw: `${record.judgments[original]?.rationale ?? ''}\n\nOn reflection the verdict stands. \\boxed{A}`, reasoning: null, error: null, finishedAt: '', pred: 'A' as const };
  const view = await buildRecordView(record, session.kindOf(0), session.baseDir, entry);
  assert.equal(recordViewValidator(view, 'record'), null);
  assert.equal(view.requery?.alignment?.against, 'original');
  assert.equal(view.requery?.alignment?.judgment, original);
  assert.equal(view.requery?.thinking, null);
  // Mostly the same text: most of the original's claims are found again.
  assert.ok((view.requery?.alignment?.coverage ?? 0) > 0.5, String(view.requery?.alignment?.coverage));
  // A failed call: no rationale, nothing to align, the error shown.
  const failed = await buildRecordView(record, session.kindOf(0), session.baseDir, { ...entry, raw: null, pred: null, error: 'HTTP 500: fake error' });
  assert.deepEqual([failed.requery?.rationale, failed.requery?.alignment, failed.requery?.error], ['', null, 'HTTP 500: fake error']);
});

const FILES = FORMAT_SAMPLE_FILES;

for (const file of FILES) {
  test(`every view the host builds for ${file.split('/').slice(-2).join('/')} passes the webview's validator`, async () => {
    const session = await DatasetSession.open(file);
    await session.load();
    const snap = snapshotView(session.snapshot(), session.subsets(), session.dataset.sizeBytes);
    assert.deepEqual(checkToWebview({ type: 'snapshot', snapshot: snap }).ok, true);
    assert.equal(Object.values(snap.kindCounts).reduce((a, b) => a + b, 0), session.count, 'record classes add up to the record count');
    for (const kind of Object.keys(snap.kindCounts) as (keyof typeof snap.kindCounts)[]) assert.equal(snap.kindCounts[kind], session.filter([kind], null).length, kind);
    const rows = Array.from({ length: Math.min(session.count, 500) }, (_, i) => rowView(session.row(i), null));
    const checkedRows = checkToWebview({ type: 'rows', requestId: 1, listId: 1, start: 0, rows });
    assert.equal(checkedRows.ok, true, checkedRows.ok ? '' : checkedRows.error);
    const limit = Math.min(session.count, 40);
    for (let i = 0; i < limit; i++) {
      const view = await buildRecordView(await session.record(i), session.kindOf(i), session.baseDir);
      const error = recordViewValidator(view, 'record');
      assert.equal(error, null, `record ${i}: ${error}`);
      // Claim offsets point into the texts the view carries.
      for (const a of view.alignments) {
        const reference = a.against === 'gold' ? view.goldText ?? '' : view.judgments.find((j) => j.order === 'original')?.rationale ?? '';
        const rationale = view.judgments[a.judgment]?.rationale ?? '';
        for (const c of a.gold) assert.ok(c.end <= reference.length && c.start < c.end, `gold claim ${c.start}-${c.end} in ${reference.length}`);
        for (const c of a.rationale) assert.ok(c.end <= rationale.length && c.start < c.end, `rationale claim ${c.start}-${c.end} in ${rationale.length}`);
      }
    }
  });
}

test('without gold rationales, the swapped-order rationale is aligned against the original-order one', async () => {
  const session = await DatasetSession.open(join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'));
  await session.load();
  const view = await buildRecordView(await session.record(0), session.kindOf(0), session.baseDir);
  assert.equal(view.goldText, null);
  assert.equal(view.judgments.length, 2);
  assert.deepEqual(
    view.alignments.map((a) => [a.judgment, a.against]),
    [[1, 'original']],
  );
});

test('with gold rationales, every judgment is aligned against the gold, and the coverage carries its disclaimer', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await session.load();
  const view = await buildRecordView(await session.record(0), session.kindOf(0), session.baseDir);
  assert.ok(view.goldText);
  assert.deepEqual(
    view.alignments.map((a) => [a.judgment, a.against]),
    [[0, 'gold']],
  );
  assert.match(view.alignments[0]?.disclaimer ?? '', /never counted into S-Corr/);
});

test('images: a path next to the dataset arrives as a data: URL, a remote URL as a link, a missing file as a note', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const dir = mkdtempSync(join(tmpdir(), 'rlens-img-'));
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'dot.png'), png);
  const record = (id: string, image: string) => JSON.stringify({ ID: id, Image: image, Text: 'Describe the image.', Label: 'A', output: 'A is better. [[A]]', Output1: 'a dot', Output2: 'a cat' });
  const file = join(dir, 'mm.jsonl');
  writeFileSync(file, [record('local', 'images/dot.png'), record('remote', 'https://example.invalid/cat.png'), record('missing', 'images/none.png')].join('\n') + '\n');
  const session = await DatasetSession.open(file);
  await session.load();
  const parts = async (i: number) => (await buildRecordView(await session.record(i), session.kindOf(i), session.baseDir)).conversation[0]?.parts ?? [];
  const [local] = await parts(0);
  assert.equal(local?.type, 'image');
  if (local?.type === 'image') assert.equal(local.src, `data:image/png;base64,${png.toString('base64')}`);
  assert.deepEqual((await parts(1))[0], { type: 'link', url: 'https://example.invalid/cat.png' });
  const missing = (await parts(2))[0];
  assert.ok(missing?.type === 'image' && missing.src === null && /not found/.test(missing.note ?? ''));
});
