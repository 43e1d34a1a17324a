/** "Is this path inside that folder?": one answer, by whole segments on normalised real paths, for links, images and the leaderboard. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { insideAnyFolder, isInsideFolder, realPathOf } from '../../../../src/core/io/folderContainment';
import { readImageFile } from '../../../../src/core/io/imageFiles';

test('containment is by whole segments after `.` and `..` are resolved', () => {
  assert.equal(isInsideFolder('/a/b', '/a/b', 'linux'), true);
  assert.equal(isInsideFolder('/a/b/c.jsonl', '/a/b', 'linux'), true);
  assert.equal(isInsideFolder('/a/b/c.jsonl', '/a/b/', 'linux'), true);
  assert.equal(isInsideFolder('/a/bc', '/a/b', 'linux'), false);
  assert.equal(isInsideFolder('/a/bc/x.jsonl', '/a/b', 'linux'), false);
  assert.equal(isInsideFolder('/a/b/../c/x.jsonl', '/a/b', 'linux'), false);
  assert.equal(isInsideFolder('/a/b/../../etc/passwd', '/a/b', 'linux'), false);
  assert.equal(isInsideFolder('/a/b/./d/../x.jsonl', '/a/b', 'linux'), true);
  assert.equal(isInsideFolder('/a/b/..x.jsonl', '/a/b', 'linux'), true, 'a name that starts with two dots is still inside');
  assert.equal(isInsideFolder('/a', '/a/b', 'linux'), false);
  assert.equal(isInsideFolder('/anything', '/', 'linux'), true);
});

test('case is ignored where the platform’s file systems ignore it, and only there', () => {
  assert.equal(isInsideFolder('/Users/Me/Runs/x.jsonl', '/users/me/runs', 'darwin'), true);
  assert.equal(isInsideFolder('/Users/Me/Runs/x.jsonl', '/users/me/runs', 'linux'), false);
  assert.equal(isInsideFolder('C:\\Data\\Runs\\x.jsonl', 'c:\\data\\runs', 'win32'), true);
  assert.equal(isInsideFolder('C:\\Data\\Runs2\\x.jsonl', 'c:\\data\\runs', 'win32'), false);
  assert.equal(isInsideFolder('C:\\Data\\Runs\\..\\Other\\x.jsonl', 'C:\\Data\\Runs', 'win32'), false);
  assert.equal(isInsideFolder('D:\\Data\\Runs\\x.jsonl', 'C:\\Data\\Runs', 'win32'), false);
});

/** ws/{inside.jsonl, out-link → ../outside/secret.jsonl, sub/}, outside/secret.jsonl, wsx/ (a name ws is a prefix of). */
function tree(): { root: string; ws: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rlens-contain-')));
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'sub'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  mkdirSync(join(root, 'wsx'));
  writeFileSync(join(ws, 'inside.jsonl'), '{}\n');
  writeFileSync(join(root, 'outside', 'secret.jsonl'), '{}\n');
  writeFileSync(join(root, 'wsx', 'x.jsonl'), '{}\n');
  symlinkSync(join(root, 'outside', 'secret.jsonl'), join(ws, 'out-link.jsonl'));
  symlinkSync(join(root, 'outside'), join(ws, 'out-dir'));
  return { root, ws };
}

test('links are resolved before deciding, on both sides, and a missing tail keeps its place', async () => {
  const { root, ws } = tree();
  assert.equal((await insideAnyFolder(join(ws, 'inside.jsonl'), [ws])).inside, true);
  assert.equal((await insideAnyFolder(join(ws, 'sub', '..', 'inside.jsonl'), [ws])).inside, true);
  assert.deepEqual(await insideAnyFolder(join(ws, '..', 'outside', 'secret.jsonl'), [ws]), { inside: false, real: join(root, 'outside', 'secret.jsonl') });
  assert.deepEqual(await insideAnyFolder(join(ws, 'out-link.jsonl'), [ws]), { inside: false, real: join(root, 'outside', 'secret.jsonl') });
  assert.equal((await insideAnyFolder(join(ws, 'out-dir', 'not-yet.jsonl'), [ws])).inside, false, 'a missing file under a link that leads out');
  assert.equal((await insideAnyFolder(join(root, 'wsx', 'x.jsonl'), [ws])).inside, false);
  assert.equal(await realPathOf(join(ws, 'out-dir', 'a', 'b.jsonl')), join(root, 'outside', 'a', 'b.jsonl'));
  // The folder itself reached through a link: what is inside the real folder is inside.
  symlinkSync(ws, join(root, 'ws-link'));
  assert.equal((await insideAnyFolder(join(ws, 'inside.jsonl'), [join(root, 'ws-link')])).inside, true);
  assert.equal((await insideAnyFolder(join(root, 'ws-link', 'inside.jsonl'), [ws])).inside, true);
});

test('an image whose name starts with two dots, inside the folder, is read (the old prefix test refused it)', async () => {
  const { ws } = tree();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  writeFileSync(join(ws, '..chart.png'), png);
  const got = await readImageFile('..chart.png', ws, { roots: [ws], maxBytes: 1024 });
  assert.equal(got.mime, 'image/png');
  await assert.rejects(() => readImageFile('../outside/secret.jsonl', ws, { roots: [ws], maxBytes: 1024 }), /outside the dataset's folder/);
});
