/** Deep links: what `align` prints and the URI handler reads back, hostile queries refused with a reason. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parseRecordLink, recordLink } from '../../../src/core/recordLink';
import { cliPath, tempFile } from '../paths';

test('a link round-trips file, id and index, whatever characters they hold', () => {
  const target = { file: '/data/runs/hs3 & co/eval#1.jsonl', record: 'id with spaces&=?#/ü', index: 41 };
  const link = new URL(recordLink(target));
  assert.equal(`${link.protocol}//${link.host}${link.pathname}`, 'vscode://rationale-lens.rationale-lens/open');
  assert.deepEqual(parseRecordLink(link.pathname, link.search.slice(1)), { ok: true, target });
  assert.deepEqual(parseRecordLink('/open', 'file=%2Fx.jsonl'), { ok: true, target: { file: '/x.jsonl', record: null, index: null } });
});

test('links that name no absolute file, a bad index or another path are refused, saying why', () => {
  const why = (path: string, query: string) => {
    const r = parseRecordLink(path, query);
    return r.ok ? 'accepted' : r.why;
  };
  assert.match(why('/open', 'file=relative.jsonl'), /no absolute file path/);
  assert.match(why('/open', 'record=x'), /no absolute file path/);
  assert.match(why('/open', 'file=%2Fx.jsonl&index=-1'), /not a record number/);
  assert.match(why('/open', 'file=%2Fx.jsonl&index=1e99'), /not a record number/);
  assert.match(why('/run', 'file=%2Fx.jsonl'), /only \/open is handled/);
});

test('align prints the link to the record it aligned (text and --json)', () => {
  const row = { id: 'rec-7', response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: 'A is right about units.', model_judgment: 'A handles units. \\boxed{A}', model_pred: 'A' };
  const file = tempFile('linked.jsonl', JSON.stringify(row) + '\n');
  const r = spawnSync(process.execPath, [cliPath, 'align', file, '--record', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes(`open in VS Code: ${recordLink({ file, record: 'rec-7', index: 0 })}`), r.stdout);
  const json = JSON.parse(spawnSync(process.execPath, [cliPath, 'align', file, '--record', 'rec-7', '--json'], { encoding: 'utf8' }).stdout) as { record: { link: string } };
  assert.equal(json.record.link, recordLink({ file, record: 'rec-7', index: 0 }));
});
