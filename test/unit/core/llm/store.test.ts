import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { cacheKey, FileCacheStore, MemoryCacheStore, stableStringify } from '../../../../src/core/llm/cache';
import { Journal, journalPathFor, readJournal } from '../../../../src/core/llm/journal';
import type { JournalEntry } from '../../../../src/core/llm/journal';
import { API_KEY, tempDir } from './helpers';
import { repoRoot } from '../../paths';

function entry(i: number, over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    key: `k${i}`,
    recordId: `r${i}`,
    recordIndex: i,
    kind: 'fidelity',
    model: 'm',
    verdict: 'Correct',
    raw: `raw ${i}`,
    reasoning: null,
    analysis: 'a',
    error: null,
    cached: false,
    attempts: 1,
    finishedAt: new Date(0).toISOString(),
    ...over,
  };
}

test('cache keys are stable and sensitive to every input', () => {
  const base = { kind: 'fidelity' as const, model: 'm', temperature: 0.4, maxTokens: 10, extraBody: { b: 1, a: 2 }, template: 'T', messages: [{ role: 'user', content: 'x' }] };
  const k = cacheKey(base);
  assert.match(k, /^[0-9a-f]{64}$/);
  assert.equal(cacheKey({ ...base, extraBody: { a: 2, b: 1 } }), k);
  for (const over of [{ model: 'n' }, { temperature: 0.5 }, { maxTokens: 11 }, { template: 'U' }, { messages: [{ role: 'user', content: 'y' }] }, { kind: 'genrm' as const }, { extraBody: { a: 3, b: 1 } }]) {
    assert.notEqual(cacheKey({ ...base, ...over }), k, JSON.stringify(over));
  }
  assert.equal(stableStringify({ b: [1, { d: 1, c: 2 }], a: undefined }), '{"b":[1,{"c":2,"d":1}]}');
});

test('memory and file caches; the file cache survives reopening and a torn tail, and never stores the key', async () => {
  const mem = new MemoryCacheStore();
  await mem.set('a', { content: 'x', reasoning: '', finishReason: 'stop', model: 'm', createdAt: '' });
  assert.equal((await mem.get('a'))?.content, 'x');
  assert.equal(await mem.get('b'), undefined);

  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'cache.jsonl');
    const c1 = await FileCacheStore.open(path, { secrets: [API_KEY] });
    await c1.set('k1', { content: `echo ${API_KEY}`, reasoning: 'r', finishReason: 'stop', model: 'm', createdAt: 't' });
    await c1.set('k2', { content: 'two', reasoning: '', finishReason: 'stop', model: 'm', createdAt: 't' });
    await c1.close();
    assert.ok(!readFileSync(path, 'utf8').includes(API_KEY));
    appendFileSync(path, '{"key":"k3","value":{"cont');
    const c2 = await FileCacheStore.open(path);
    assert.deepEqual(c2.report.torn, { line: 3, bytes: 26 });
    assert.equal(c2.size, 2);
    assert.equal((await c2.get('k2'))?.content, 'two');
    assert.equal((await c2.get('k1'))?.content, 'echo ***');
    await c2.set('k4', { content: 'four', reasoning: '', finishReason: null, model: 'm', createdAt: 't' });
    await c2.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 3);
    for (const l of lines) JSON.parse(l);
  } finally {
    cleanup();
  }
});

test('journal: durable appends, reopen, torn last line reported then repaired, corrupt middle line skipped', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = journalPathFor(join(dir, 'data.jsonl'));
    assert.ok(path.endsWith('data.jsonl.rlens-journal.jsonl'));
    const j = await Journal.open(path, { secrets: [API_KEY] });
    assert.equal(j.report.entries, 0);
    await Promise.all([entry(0), entry(1, { error: `bad key ${API_KEY}`, verdict: 'CallFail', raw: null }), entry(2)].map((e) => j.append(e)));
    await j.close();
    const text = readFileSync(path, 'utf8');
    assert.equal(text.split('\n').length, 4);
    assert.ok(!text.includes(API_KEY), 'the API key is scrubbed from journal lines');

    // A crash in the middle of a write leaves a torn last line.
    appendFileSync(path, '{"key":"k3","recordId":"r3","recordIndex":3,"kind":"fid');
    const goodSize = Buffer.byteLength(text);
    const ro = await readJournal(path);
    assert.equal(ro.entries.length, 3);
    assert.deepEqual(ro.report.torn, { line: 4, bytes: statSync(path).size - goodSize });
    assert.equal(ro.report.repaired, false);
    assert.ok(statSync(path).size > goodSize, 'reading does not change the file');

    const j2 = await Journal.open(path);
    assert.equal(j2.report.repaired, true);
    assert.equal(j2.report.torn?.line, 4);
    assert.equal(statSync(path).size, goodSize, 'the torn tail is cut off');
    assert.equal((await j2.get('k0'))?.raw, 'raw 0');
    assert.equal((await j2.get('k1'))?.verdict, 'CallFail');
    assert.equal(j2.hasFinished('k1'), false);
    await j2.append(entry(1));
    assert.equal((await j2.get('k1'))?.verdict, 'Correct');
    assert.equal(j2.hasFinished('k1'), true);
    await j2.append(entry(1, { verdict: 'CallFail', raw: null }));
    assert.equal((await j2.get('k1'))?.verdict, 'Correct', 'a later failure does not hide a success');
    // Unicode survives the byte-offset index.
    await j2.append(entry(7, { raw: 'ünïcödé ✓ 判断' }));
    assert.equal((await j2.get('k7'))?.raw, 'ünïcödé ✓ 判断');
    await j2.close();

    // A corrupt line in the middle is skipped and left alone; a missing final newline is added.
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    lines.splice(1, 0, 'garbage');
    writeFileSync(path, lines.join('\n'));
    const j3 = await Journal.open(path);
    assert.deepEqual(j3.report.corruptLines, [2]);
    assert.equal(j3.report.torn, null);
    await j3.append(entry(9));
    await j3.close();
    const after = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(after[1], 'garbage');
    assert.equal((JSON.parse(after[after.length - 1] ?? '') as JournalEntry).key, 'k9');
    assert.equal((await readJournal(path)).entries.length, 7);
    const j4 = await Journal.open(path);
    assert.equal((await j4.get('k7'))?.raw, 'ünïcödé ✓ 判断');
    assert.equal((await j4.get('k9'))?.recordIndex, 9);
    await j4.close();
  } finally {
    cleanup();
  }
});

test('journal: no finished call is lost when the process is SIGKILLed', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'j.jsonl');
    const lib = resolve(repoRoot, 'out', 'src', 'core', 'llm', 'journal.js');
    const script = `
      const { Journal } = require(${JSON.stringify(lib)});
      (async () => {
        const j = await Journal.open(${JSON.stringify(path)});
        for (let i = 0; ; i++) {
          await j.append({ key: 'k' + i, recordId: 'r' + i, recordIndex: i, kind: 'genrm', model: 'm', pred: 'A', raw: 'x'.repeat(500), reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: '' });
          process.stdout.write(i + '\\n');
        }
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let confirmed = -1;
    await new Promise<void>((res) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const nums = buf.split('\n').filter((s) => /^\d+$/.test(s));
        confirmed = Number(nums[nums.length - 1] ?? -1);
        if (confirmed >= 50 && !child.killed) {
          child.kill('SIGKILL');
          res();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    const { entries } = await readJournal(path);
    const keys = new Set(entries.map((e) => e.key));
    for (let i = 0; i <= confirmed; i++) assert.ok(keys.has(`k${i}`), `k${i} was confirmed but is missing`);
    const j = await Journal.open(path);
    assert.ok(j.size >= confirmed + 1);
    await j.close();
  } finally {
    cleanup();
  }
});
