/** The contradiction check as the editor shows it, without VS Code: the list filter, row marks, the record view's evidence, the hover line. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DatasetSession } from '../../../src/core/session/session';
import { ListService } from '../../../src/presentation/listService';
import { judgmentView } from '../../../src/presentation/snapshotViews';
import { ContradictionCache, hoverArgumentLine } from '../../../src/presentation/verdictArgument';
import { summaryMarkdown, toFileStats } from '../../../src/presentation/summary';
import { computeStats } from '../../../src/core/tally/fileTally';
import type { ToWebview } from '../../../src/protocol/messages';
import { checkToWebview } from '../../../src/protocol/messages';
import { markEvidence, annotationPieces } from '../../../webview/logic/annotate';
import { contradictionFile } from '../core/why/contradictionFile';

type Query = Parameters<ListService['query']>[1];
const query = (over: Partial<Query> = {}): Query => ({ type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'file', contradicts: false, selected: null, first: 0, count: 50, ...over });

test('the list filter "contradicts its verdict" keeps only records whose rationale argues for the other response, and says it is a heuristic', async () => {
  const session = await DatasetSession.open(contradictionFile());
  await session.load();
  const service = new ListService(() => undefined);
  const out: ToWebview[] = [];
  await service.query(session, query({ contradicts: true }), new AbortController().signal, (m) => out.push(m));
  for (const m of out) assert.equal(checkToWebview(m).ok, true, 'valid on the wire');
  const list = out.find((m): m is Extract<ToWebview, { type: 'list' }> => m.type === 'list');
  assert.deepEqual(list?.rows.map((r) => r.id), ['accident', 'flipped']);
  assert.ok(list?.rows.every((r) => r.contradicts === true));
  assert.match(list?.note ?? '', /heuristic/);
  assert.ok(out.some((m) => m.type === 'progress' && m.phase === 'contradictions'));
  // Combined with a class filter: label-wrong and contradicting.
  const wrong: ToWebview[] = [];
  await service.query(session, query({ contradicts: true, kinds: ['label-wrong'] }), new AbortController().signal, (m) => wrong.push(m));
  assert.deepEqual(wrong.find((m): m is Extract<ToWebview, { type: 'list' }> => m.type === 'list')?.rows.map((r) => r.id), ['flipped']);
  // Without the filter, rows carry what is known so far.
  const plain: ToWebview[] = [];
  await service.query(session, query(), new AbortController().signal, (m) => plain.push(m));
  const rows = plain.find((m): m is Extract<ToWebview, { type: 'list' }> => m.type === 'list')?.rows ?? [];
  assert.deepEqual(rows.map((r) => r.contradicts), [true, false, true, false, false]);
});

test('the record view carries the evidence as offsets into the rationale shown; the hover says it with the text escaped', async () => {
  const session = await DatasetSession.open(contradictionFile());
  await session.load();
  const record = await session.record(0);
  const j = record.judgments[0];
  assert.ok(j);
  const view = judgmentView(j, 0, []);
  assert.equal(view.argument?.contradicts, true);
  assert.equal(view.argument?.argues, 'B');
  const spans = (view.argument?.evidence ?? []).map((e) => view.rationale.slice(e.start, e.end));
  assert.ok(spans.includes('Response B is clearly better.'), spans.join(' | '));
  assert.match(view.argument?.note ?? '', /Heuristic/);
  const hover = hoverArgumentLine(record);
  assert.match(hover, /argues for \*\*B\*\*, the verdict is \*\*A\*\*/);
  assert.match(hover, /heuristic/);
  assert.match(hover, /Response B is clearly better\\\./, 'record text is escaped');
  assert.equal(hoverArgumentLine(await session.record(1)), '', 'nothing for a rationale that agrees with its verdict');
});

test('evidence marks cut the alignment pieces at their edges and keep every other mark', () => {
  const text = 'One. Two three. Four.';
  const pieces = annotationPieces(text, null, 'rationale');
  const mark = { cls: 'argument-evidence', title: 'x' };
  const out = markEvidence(pieces, [{ start: 5, end: 15 }], mark);
  assert.deepEqual(out.map((p) => [text.slice(p.start, p.end), p.evidence === mark]), [['One. ', false], ['Two three.', true], [' Four.', false]]);
  assert.deepEqual(markEvidence(pieces, [], mark), pieces);
  // Spans past the text or overlapping are harmless.
  assert.equal(markEvidence(pieces, [{ start: 18, end: 400 }, { start: 0, end: 3 }, { start: 1, end: 2 }], mark).map((p) => text.slice(p.start, p.end)).join(''), text);
});

test('the session summary counts the rationales that argue for the other response, as `stats` does (it was always null)', async () => {
  const file = contradictionFile();
  const session = await DatasetSession.open(file);
  await session.load();
  const cache = ContradictionCache.for(session);
  // The record view noted one record before any scan: it is flagged, and still counted once.
  cache.note(0, true);
  const figure = await cache.selfContradicted(new AbortController().signal);
  const expected = (await computeStats(file)).selfContradicted;
  assert.ok(figure && expected);
  assert.deepEqual(figure, expected);
  assert.equal(figure.contradicted, 2);
  assert.equal(figure.labelCorrect.contradicted, 1);
  assert.deepEqual(toFileStats(session, session.snapshot(), false, figure).selfContradicted, expected);
  const md = summaryMarkdown(session, figure);
  assert.match(md, /argues for the other response than its verdict \(heuristic\): 2 of 4 judgments checked/);
  assert.match(md, /1 of 3 label-correct/);
  // A second call reads nothing again and gives the same figure; an aborted one gives none.
  assert.deepEqual(await cache.selfContradicted(new AbortController().signal), expected);
  const aborted = new AbortController();
  aborted.abort();
  const fresh = await DatasetSession.open(file);
  await fresh.load();
  assert.equal(await ContradictionCache.for(fresh).selfContradicted(aborted.signal), null);
});
