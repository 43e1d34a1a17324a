/**
 * Nothing a server sends can make a side file unreadable: the one appender refuses a value JSON
 * cannot hold (NaN, ±Infinity, which JSON.stringify writes as null) for every side file, and a bad
 * line that is one of ours, even the first, is skipped and reported rather than making the file
 * look like someone else's for good. An embedding with Infinity in it never reaches the journal.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { AlignmentJournal, alignmentsPathFor, readAlignments } from '../../../src/core/align/models/alignmentJournal';
import { FileCacheStore } from '../../../src/core/llm/cache';
import { Journal } from '../../../src/core/llm/journal';
import { LlmCallError } from '../../../src/core/llm/client';
import { appendMark, marksPathFor, readMarks } from '../../../src/core/verdicts/marks';
import { resolveProfile } from '../../../src/core/llm/profile';
import { modelAligner } from '../../../src/core/align/models/modelAligner';
import { HostileServer } from '../../support/hostile-server';
import { fakeEmbedding } from '../../support/fake-openai-server';
import { tempFile } from '../paths';

const entry = (recordIndex: number, scores: number[][]) => ({ recordIndex, recordId: String(recordIndex), judgment: 0, against: 'gold' as const, model: 'e', textSha: 'x', method: 'embedding' as const, threshold: 0.5, scores });

test('the alignment journal refuses a non-finite score, naming it, and stays readable and writable', async () => {
  const file = tempFile('eval.jsonl', '{}\n');
  const j = await AlignmentJournal.open(file);
  await assert.rejects(j.append(entry(0, [[0.5, Infinity]])), /refused to write line\.scores\[0\]\[1\] = Infinity: JSON cannot hold it/);
  await assert.rejects(j.append(entry(0, [[NaN]])), /line\.scores\[0\]\[0\] = NaN/);
  await j.append(entry(1, [[0.5]]));
  await j.close();
  const again = await AlignmentJournal.open(file);
  await again.append(entry(2, [[0.25]]));
  await again.close();
  const read = await readAlignments(file);
  assert.deepEqual([...read.entries.keys()].sort(), ['1:0', '2:0']);
  assert.deepEqual(read.corruptLines, []);
});

test('a bad first line of ours (an older version wrote null for Infinity) is skipped and reported, never makes the journal foreign', async () => {
  const file = tempFile('eval.jsonl', '{}\n');
  const bad = JSON.stringify({ kind: 'alignment', ...entry(0, [[0.5, Infinity]]), at: 'then' });
  assert.match(bad, /null/);
  writeFileSync(alignmentsPathFor(file), bad + '\n');
  const j = await AlignmentJournal.open(file);
  await j.append(entry(1, [[0.5]]));
  await j.close();
  const read = await readAlignments(file);
  assert.deepEqual([...read.entries.keys()], ['1:0']);
  assert.deepEqual(read.corruptLines, [1], 'the bad line is reported');
  // A first line that is not ours at all still makes the file someone else's: nothing written.
  const foreign = tempFile('other.jsonl', '{}\n');
  writeFileSync(alignmentsPathFor(foreign), '{"somebody":"else"}\n');
  await assert.rejects(AlignmentJournal.open(foreign), /is not a Rationale Lens alignment journal/);
  assert.equal(readFileSync(alignmentsPathFor(foreign), 'utf8'), '{"somebody":"else"}\n');
});

test('every side file refuses a non-finite number: run journal, cache and marks', async () => {
  const journalPath = tempFile('run.rlens-journal.jsonl', '');
  const journal = await Journal.open(journalPath);
  await assert.rejects(journal.append({ key: 'k', recordIndex: 0, kind: 'genrm', pred: 'A', raw: 'x', usage: { prompt: Infinity, completion: 1, reasoning: 0 } } as never), /line\.usage\.prompt = Infinity/);
  await journal.close();
  assert.equal(readFileSync(journalPath, 'utf8'), '');
  const cachePath = tempFile('cache.jsonl', '');
  const cache = await FileCacheStore.open(cachePath);
  await assert.rejects(cache.set('k', { content: 'x', reasoning: '', finishReason: null, model: 'm', createdAt: '', extra: -Infinity } as never), /line\.value\.extra = -Infinity/);
  await cache.close();
  assert.equal(readFileSync(cachePath, 'utf8'), '');
  const data = tempFile('eval.jsonl', '{}\n');
  await assert.rejects(appendMark(marksPathFor(data), { recordIndex: NaN } as never), /line\.recordIndex = NaN/);
  assert.equal((await readMarks(marksPathFor(data))).size, 0);
});

test('a bad first line of ours in the run journal, the cache or the marks is reported, and writing goes on', async () => {
  const journalPath = tempFile('run.rlens-journal.jsonl', '{"key":"k0","recordIndex":-1,"kind":"genrm"}\n');
  const journal = await Journal.open(journalPath);
  assert.deepEqual(journal.report.corruptLines, [1]);
  await journal.append({ key: 'k1', recordIndex: 0, kind: 'genrm', pred: 'A', raw: 'x' } as never);
  await journal.close();
  const cachePath = tempFile('cache.jsonl', '{"key":"k0","value":{"content":null}}\n');
  const cache = await FileCacheStore.open(cachePath);
  assert.deepEqual(cache.report.corruptLines, [1]);
  await cache.set('k1', { content: 'x', reasoning: '', finishReason: null, model: 'm', createdAt: '' });
  assert.equal((await cache.get('k1'))?.content, 'x');
  await cache.close();
  // A journal is not a cache, nor a cache a journal: each still refuses the other's file.
  await assert.rejects(FileCacheStore.open(journalPath), /is not a Rationale Lens cache/);
  await assert.rejects(Journal.open(cachePath), /is not a Rationale Lens journal/);
});

test('an embedding server sending Infinity gets a clear failure and nothing is journaled', async () => {
  const server = await HostileServer.start(() => ({ kind: 'embeddings', format: 'float', vector: (t) => fakeEmbedding(t).map((x, k) => (k === 9 ? Infinity : x + 1)) }));
  const file = tempFile('eval.jsonl', '{}\n');
  try {
    const aligner = modelAligner({ method: 'embedding', profile: resolveProfile({ baseUrl: server.baseUrl, model: 'e' }), threshold: 0.5 }, null, { maxRetries: 0 });
    const err = await aligner.align({ gold: 'Response A miscalculates the total.', rationale: 'A gets the total wrong.', goldLabel: 'B' }).catch((e: unknown) => e);
    assert.ok(err instanceof LlmCallError);
    assert.match(err.message, /unusable embedding: data\[0\]\.embedding \(text 1 of \d+\) has Infinity at position 9/);
    assert.equal(existsSync(alignmentsPathFor(file)), false);
  } finally {
    await server.close();
  }
});
