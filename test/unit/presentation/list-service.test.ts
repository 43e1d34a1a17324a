/** The Inspector's list, without a browser or VS Code: filters, search, pages with ids from the index, find-next, and a list of a session still indexing said to be partial. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatasetSession } from '../../../src/core/session/session';
import { ListService } from '../../../src/presentation/listService';
import type { ToWebview } from '../../../src/protocol/messages';
import { checkToWebview } from '../../../src/protocol/messages';
import { samplesDir, tempFile } from '../paths';
import { seeded, syntheticRAlignRecord } from '../core/synthetic';

type Query = Parameters<ListService['query']>[1];
const query = (over: Partial<Query> = {}): Query => ({ type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'file', contradicts: false, selected: null, first: 0, count: 50, ...over });

async function listOf(service: ListService, session: DatasetSession, q: Query): Promise<Extract<ToWebview, { type: 'list' }>[]> {
  const out: ToWebview[] = [];
  await service.query(session, q, new AbortController().signal, (m) => out.push(m));
  for (const m of out) assert.equal(checkToWebview(m).ok, true, 'every message is valid on the wire');
  return out.filter((m): m is Extract<ToWebview, { type: 'list' }> => m.type === 'list');
}

test('filters, search and pages come from the session; ids come from the index, no file read', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await session.load();
  const published: (readonly number[])[] = [];
  const service = new ListService((ix) => published.push(ix));
  const [all] = await listOf(service, session, query());
  assert.equal(all?.total, session.count);
  assert.equal(all?.partial, false);
  assert.equal(published.length, 1);
  const first = await session.record(0);
  assert.equal(all?.rows[0]?.id, first.id, 'the id is the record\'s, from the compact index');
  const [spurious] = await listOf(service, session, query({ kinds: ['spurious'] }));
  assert.deepEqual(service.rows(spurious?.listId ?? -1, 0, 500)?.map((r) => r.kind), Array(spurious?.total).fill('spurious'));
  assert.equal(service.rows((spurious?.listId ?? 0) - 1, 0, 10), null, 'a replaced list has no rows');
  const [hits] = await listOf(service, session, query({ search: first.id }));
  assert.ok(hits?.rows.some((r) => r.index === 0));
  const [again] = await listOf(service, session, query());
  const next = service.findNext({ type: 'findNext', requestId: 2, listId: again?.listId ?? -1, from: -1, kind: 'spurious', direction: 1 });
  assert.equal(next.index, session.next(-1, 'spurious'));
  assert.equal(service.locate(again?.listId ?? -1, next.index), next.position);
});

test('a session still indexing gives a partial list of the records so far, never published to the bulk commands', async () => {
  const rand = seeded(5);
  const file = tempFile('big.jsonl', Array.from({ length: 9000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  let service: ListService | undefined;
  let partialList: Extract<ToWebview, { type: 'list' }> | undefined;
  const published: (readonly number[])[] = [];
  let asked = false;
  let pending: Promise<void> | undefined;
  const session = await DatasetSession.open(file, {
    onProgress: (n) => {
      if (asked || n >= 9000) return;
      asked = true;
      service = new ListService((ix) => published.push(ix));
      pending = listOf(service, session, query()).then(([l]) => void (partialList = l));
    },
  });
  await session.load();
  await pending;
  assert.ok(partialList, 'a list was answered while indexing');
  assert.equal(partialList.partial, true);
  assert.ok(partialList.total > 0 && partialList.total < 9000, `the records so far (${partialList.total})`);
  assert.match(partialList.note ?? '', /loading: showing the .* records indexed so far/);
  assert.equal(published.length, 0, 'a partial list is not what the bulk commands act on');
});

test('an audit restricts the list to its sample, whatever else is filtered, and says so; ending it lists all again', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await session.load();
  const service = new ListService(() => undefined);
  service.restrict([2, 5, 9], 'audit of the fidelity judge: 3 records');
  const [audited] = await listOf(service, session, query());
  assert.deepEqual(audited?.rows.map((r) => r.index), [2, 5, 9]);
  assert.match(audited?.note ?? '', /^audit of the fidelity judge: 3 records/);
  const kind = session.kindOf(5);
  const [both] = await listOf(service, session, query({ kinds: [kind] }));
  assert.ok(both?.rows.every((r) => [2, 5, 9].includes(r.index) && r.kind === kind));
  service.restrict(null, '');
  const [all] = await listOf(service, session, query());
  assert.equal(all?.total, session.count);
  assert.equal(all?.note, null);
});

test('the header\'s "file verdicts differ from the text" lists exactly the records it counts, with the other filters', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await session.load();
  const counted = session.snapshot().summary.parserDisagreements;
  assert.ok(counted > 0, 'the sample has file verdicts that differ from the text');
  const service = new ListService(() => undefined);
  const [differ] = await listOf(service, session, query({ flag: 'verdict-differs' }));
  assert.equal(differ?.total, counted);
  const rows = service.rows(differ?.listId ?? -1, 0, 500) ?? [];
  for (const row of rows) {
    const j = (await session.record(row.index)).judgments[0];
    assert.ok(j && j.verdictSource === 'file' && j.parsedVerdict !== null && j.parsedVerdict !== j.verdict, `record ${row.index}: its file verdict agrees with its text`);
  }
  const kind = rows[0]?.kind ?? 'aligned';
  const [both] = await listOf(service, session, query({ flag: 'verdict-differs', kinds: [kind] }));
  assert.equal(both?.total, rows.filter((r) => r.kind === kind).length);
});
