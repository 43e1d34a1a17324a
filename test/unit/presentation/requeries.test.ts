/**
 * The Inspector's re-query index: the latest GenRM answer per record from the run journal beside
 * the file, read incrementally as the journal grows; a failure never hides an earlier answer; a
 * journal rewritten under it is re-read; an entry for another record id is not shown.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RequeryIndex } from '../../../src/presentation/requeries';

function entry(recordIndex: number, recordId: string, raw: string | null, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ key: `k${recordIndex}-${raw?.length ?? 0}`, recordId, recordIndex, kind: 'genrm', model: 'g', pred: raw?.includes('boxed{B}') ? 'B' : raw ? 'A' : null, raw, reasoning: null, analysis: null, error: raw ? null : 'HTTP 500', cached: false, attempts: 1, finishedAt: '2026-01-01T00:00:00Z', ...extra }) + '\n';
}

test('latest answer per record; failures never hide an answer; growth is read incrementally', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-requery-'));
  const dataset = join(dir, 'data.jsonl');
  const index = RequeryIndex.forDataset(dataset);
  assert.equal(await index.latest(0, 'r0'), null, 'no journal yet');
  writeFileSync(index.journalPath, entry(0, 'r0', 'first \\boxed{A}') + JSON.stringify({ key: 'f', recordId: 'r0', recordIndex: 0, kind: 'fidelity', verdict: 'Correct', raw: 'x', reasoning: null, analysis: null, error: null }) + '\n');
  assert.equal((await index.latest(0, 'r0'))?.raw, 'first \\boxed{A}');
  appendFileSync(index.journalPath, entry(0, 'r0', 'second \\boxed{B}'));
  const second = await index.latest(0, 'r0');
  assert.equal(second?.raw, 'second \\boxed{B}');
  assert.equal(second?.pred, 'B');
  appendFileSync(index.journalPath, entry(0, 'r0', null));
  assert.equal((await index.latest(0, 'r0'))?.raw, 'second \\boxed{B}', 'a failed call does not hide the answer');
  appendFileSync(index.journalPath, entry(1, 'r1', null));
  assert.equal((await index.latest(1, 'r1'))?.error, 'HTTP 500', 'with no answer at all, the failure shows');
  // A half-written last line is not read until it is complete.
  const line = entry(2, 'r2', 'third \\boxed{A}');
  appendFileSync(index.journalPath, line.slice(0, 20));
  assert.equal(await index.latest(2, 'r2'), null);
  appendFileSync(index.journalPath, line.slice(20));
  assert.equal((await index.latest(2, 'r2'))?.raw, 'third \\boxed{A}');
  assert.equal(await index.latest(2, 'another-id'), null, 'the entry belongs to another record');
});

test('a journal replaced by a shorter one is read again from the start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-requery-'));
  const index = RequeryIndex.forDataset(join(dir, 'data.jsonl'));
  writeFileSync(index.journalPath, entry(0, 'r0', 'a long first answer \\boxed{A}') + entry(1, 'r1', 'x \\boxed{A}'));
  assert.ok(await index.latest(1, 'r1'));
  writeFileSync(index.journalPath, entry(0, 'r0', 'short \\boxed{B}'));
  assert.equal((await index.latest(0, 'r0'))?.raw, 'short \\boxed{B}');
  assert.equal(await index.latest(1, 'r1'), null);
});
