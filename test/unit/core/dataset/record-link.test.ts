/** Deep links: what `align` prints and the URI handler reads back, hostile queries refused with a reason. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkDestination, parseRecordLink, recordLink } from '../../../../src/core/dataset/recordLink';
import { cliPath, tempFile } from '../../paths';

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

test('index= takes plain decimal digits only, in range', () => {
  const index = (text: string) => {
    const r = parseRecordLink('/open', `file=%2Fx.jsonl&index=${encodeURIComponent(text)}`);
    return r.ok ? r.target.index : r.why;
  };
  for (const bad of ['', '0x10', '0b1', '0o7', ' 7', '7 ', '+7', '-0', '1e3', '1.0', '1.', 'Infinity', 'NaN', '\u0663', '9007199254740992', '1'.repeat(40)]) {
    assert.match(String(index(bad)), /is not a record number/, `index=${JSON.stringify(bad)}`);
  }
  assert.equal(index('0'), 0);
  assert.equal(index('41'), 41);
  assert.equal(index('007'), 7);
  assert.equal(index('999999999999999'), 999_999_999_999_999);
});

test('a link whose path climbs out of the open folder with .. asks first, and so does one through a symbolic link', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rlens-link-')));
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'runs'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'));
  mkdirSync(join(root, 'wsx'));
  writeFileSync(join(ws, 'runs', 'a.jsonl'), '{}\n');
  writeFileSync(join(root, 'elsewhere', 'b.jsonl'), '{}\n');
  writeFileSync(join(root, 'wsx', 'c.jsonl'), '{}\n');
  symlinkSync(join(root, 'elsewhere'), join(ws, 'linked'));
  const decide = async (file: string) => {
    const parsed = parseRecordLink('/open', new URL(recordLink({ file, record: null, index: 0 })).search.slice(1));
    assert.ok(parsed.ok);
    return linkDestination(parsed.target, [ws]);
  };
  assert.deepEqual(await decide(join(ws, 'runs', 'a.jsonl')), { path: join(ws, 'runs', 'a.jsonl'), real: join(ws, 'runs', 'a.jsonl'), ask: false });
  // The text of the link starts with the folder; the file it names is outside it.
  assert.deepEqual(await decide(`${ws}/../elsewhere/b.jsonl`), { path: join(root, 'elsewhere', 'b.jsonl'), real: join(root, 'elsewhere', 'b.jsonl'), ask: true });
  assert.deepEqual(await decide(`${ws}/runs/../../elsewhere/b.jsonl`), { path: join(root, 'elsewhere', 'b.jsonl'), real: join(root, 'elsewhere', 'b.jsonl'), ask: true });
  assert.equal((await decide(`${ws}/runs/../runs/a.jsonl`)).ask, false);
  assert.deepEqual(await decide(join(ws, 'linked', 'b.jsonl')), { path: join(ws, 'linked', 'b.jsonl'), real: join(root, 'elsewhere', 'b.jsonl'), ask: true });
  assert.equal((await decide(join(root, 'wsx', 'c.jsonl'))).ask, true, '/…/wsx is not inside /…/ws');
  assert.equal((await decide(`${ws}/../ws/missing.jsonl`)).ask, false, 'a file that does not exist inside the folder is inside (the editor then says it does not exist)');
  assert.equal((await linkDestination({ file: join(ws, 'runs', 'a.jsonl'), record: null, index: null }, [])).ask, true, 'no folder open: every link asks');
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
