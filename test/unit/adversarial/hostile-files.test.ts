/**
 * Hostile files beside or inside a dataset (a cloned repository can ship any of them): links that
 * point side files at the user's own files, paths that climb out of the dataset's folder, devices,
 * FIFOs and huge files named as images. Each case failed before its fix.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeOpenAIServer, genrmAnswer } from '../../support/fake-openai-server';
import { DatasetSession } from '../../../src/core/session/session';
import { journalPathFor, Journal } from '../../../src/core/llm/journal';
import { readLines } from '../../../src/core/io/jsonl';
import { marksPathFor } from '../../../src/core/verdicts/marks';
import { readImageFile } from '../../../src/core/io/imageFiles';
import { turnViews } from '../../../src/presentation/images';
import { cliPath } from '../paths';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b10000000049454e44ae426082', 'hex');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'rlens-hostile-'));
}

function row(i: number, extra: object = {}): object {
  return { id: `r${i}`, conversations: [{ role: 'user', content: `Question ${i}?` }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: `gold ${i}`, model_judgment: 'A \\boxed{A}', model_pred: 'A', ...extra };
}

const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('a symlinked journal is refused before the first request; the file it points to is untouched', async () => {
  const dir = folder();
  const victim = join(dir, 'bashrc');
  const original = 'export PATH=$HOME/bin:$PATH\nalias ll="ls -l"\n';
  writeFileSync(victim, original);
  const file = join(dir, 'data.jsonl');
  writeFileSync(file, jsonl([row(0), row(1)]));
  symlinkSync(victim, journalPathFor(file));
  const server = await FakeOpenAIServer.start();
  try {
    const r = await runCli(['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /is a symbolic link/);
    assert.equal(server.chatRequests.length, 0);
    assert.equal(readFileSync(victim, 'utf8'), original);
  } finally {
    await server.close();
  }
  // The editor's session reads no link either: the file's own verdicts stand, the target is not read.
  symlinkSync(victim, marksPathFor(file));
  const session = await DatasetSession.open(file);
  await session.load();
  assert.equal(session.snapshot().summary.origins.llm, 0);
  await assert.rejects(session.mark(0, 'Correct'), /is a symbolic link/);
  assert.equal(readFileSync(victim, 'utf8'), original);
});

test('journal repair cuts at most one unterminated last line, and never a file that is not a journal', async () => {
  const dir = folder();
  const path = join(dir, 'j.jsonl');
  const entry = (k: string) => JSON.stringify({ key: k, recordId: 'r', recordIndex: 0, kind: 'fidelity', model: 'm', verdict: 'Correct', raw: 'x', reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: 'now' });
  // Two bad lines at the end: the terminated one stays, the unterminated one is the torn write.
  writeFileSync(path, `${entry('a')}\nnot json\n{"key":"b","reco`);
  const j = await Journal.open(path);
  await j.close();
  assert.equal(readFileSync(path, 'utf8'), `${entry('a')}\nnot json\n`);
  assert.deepEqual(j.report.corruptLines, [2]);
  // A file whose first line is not a journal entry (a user's file at the journal's path) is never cut or written.
  const foreign = join(dir, 'notes.txt');
  const text = 'my notes\nmore notes\nunfinished line';
  writeFileSync(foreign, text);
  await assert.rejects(Journal.open(foreign), /not a Rationale Lens journal/);
  assert.equal(readFileSync(foreign, 'utf8'), text);
});

test('side files linked to /dev/zero or a FIFO are refused at once, even on opening a dataset', async () => {
  const dir = folder();
  const file = join(dir, 'data.jsonl');
  writeFileSync(file, jsonl([row(0)]));
  symlinkSync('/dev/zero', journalPathFor(file));
  spawnSync('mkfifo', [marksPathFor(file)]);
  const before = process.memoryUsage().rss;
  const session = await DatasetSession.open(file);
  await session.load();
  assert.equal(session.count, 1);
  assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'no flood of memory');
  // Lines of side files are capped: a 3 MB line under a 1 MB cap is skipped unread.
  const big = join(dir, 'big.jsonl');
  writeFileSync(big, `${'x'.repeat(3 << 20)}\n{"ok":1}\n`);
  const lines = [];
  for await (const l of readLines(big, 0, 1 << 20)) lines.push(l);
  assert.equal(lines.length, 2);
  assert.equal(lines[0]?.tooLong, true);
  assert.equal(lines[0]?.text, '');
  assert.equal(lines[1]?.text, '{"ok":1}');
});

test('--out and exports through a link are refused', async () => {
  const dir = folder();
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'keep me');
  const file = join(dir, 'data.jsonl');
  writeFileSync(file, jsonl([row(0)]));
  const out = join(dir, 'out.jsonl');
  symlinkSync(victim, out);
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: genrmAnswer('A') }) });
  try {
    const r = await runCli(['generate', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet', '--out', out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /symbolic link/);
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
  } finally {
    await server.close();
  }
});

test('images: only regular image files inside the dataset\'s folder are read, under the cap; everything else is refused per record with its path', async () => {
  const root = folder();
  const dir = join(root, 'dataset');
  mkdirSync(dir);
  writeFileSync(join(dir, 'ok.png'), PNG);
  writeFileSync(join(dir, 'text.png'), 'not an image at all');
  writeFileSync(join(root, 'outside.png'), PNG);
  symlinkSync(join(root, 'outside.png'), join(dir, 'link.png'));
  symlinkSync('/etc/passwd', join(dir, 'passwd.png'));
  spawnSync('mkfifo', [join(dir, 'fifo.png')]);
  const huge = join(dir, 'huge.png');
  writeFileSync(huge, PNG);
  truncateSync(huge, 150 * 1024 * 1024); // sparse: 150 MB by size, nothing on disk
  const cases: [string, RegExp][] = [
    ['../../../../../../etc/passwd', /outside the dataset's folder/],
    ['/proc/self/environ', /outside the dataset's folder/],
    ['link.png', /outside the dataset's folder/],
    ['passwd.png', /outside the dataset's folder/],
    ['../outside.png', /outside the dataset's folder/],
    ['text.png', /not an image by its content/],
    ['fifo.png', /not a regular file/],
    ['huge.png', /over the 20 MB limit/],
    ['missing.png', /not found/],
  ];
  for (const [ref, message] of cases) {
    // A FIFO that blocked the read would hang here and trip the suite's per-test deadline.
    await assert.rejects(readImageFile(ref, dir, { roots: [dir], maxBytes: 20 << 20 }), message, ref);
  }
  assert.equal((await readImageFile('ok.png', dir, { roots: [dir], maxBytes: 20 << 20 })).mime, 'image/png');
  assert.ok(statSync(huge).size > 100 << 20);

  // The CLI: every refused image is a failed record that names the path, and nothing is sent for it.
  const refs = [...cases.map(([ref]) => ref), 'ok.png'];
  const file = join(dir, 'mm.jsonl');
  writeFileSync(file, jsonl(refs.map((ref, i) => row(i, { conversations: [{ role: 'user', content: [{ type: 'text', text: `Look ${i}` }, { type: 'image', image: ref }] }] }))));
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: genrmAnswer('A') }) });
  try {
    const r = await runCli(['generate', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.chatRequests.length, 1, 'only the record with a valid image is sent');
    const sent = JSON.stringify(server.chatRequests[0]?.body);
    assert.match(sent, /data:image\/png;base64,/);
    assert.ok(!sent.includes(readFileSync('/etc/passwd').toString('base64').slice(0, 40)));
    for (const [ref] of cases) assert.ok(r.stderr.includes(ref) || /× image/.test(r.stderr), `${ref} is named`);
    assert.match(r.stderr, /9 calls failed|why 9 calls failed/);
  } finally {
    await server.close();
  }

  // The Inspector shows the refusal instead of the bytes.
  const views = await turnViews([{ role: 'user', content: [{ type: 'image', path: '../../../../../../etc/passwd' }, { type: 'image', path: 'ok.png' }] }], dir, []);
  const parts = views[0]?.parts ?? [];
  assert.equal(parts[0]?.type === 'image' ? parts[0].src : 'x', null);
  assert.match(parts[0]?.type === 'image' ? parts[0].note ?? '' : '', /outside the dataset's folder/);
  assert.match(parts[1]?.type === 'image' ? parts[1].src ?? '' : '', /^data:image\/png;base64,/);
  assert.ok(!existsSync(join(dir, 'mm.jsonl.out')));
});
