/** The session's index read through the fast R-Align path must equal the full adapter's, batch for batch. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDataset } from '../../../../src/core/dataset/dataset';
import { compactBatches } from '../../../../src/core/session/compactRecords';
import type { CompactBatch } from '../../../../src/core/session/compactRecords';
import { tempFile } from '../../paths';
import { adversarialRAlign } from './adversarialRAlign';

async function read(path: string, full: boolean, size: number): Promise<CompactBatch[]> {
  const dataset = await openDataset(path, {});
  const out: CompactBatch[] = [];
  for await (const b of compactBatches(dataset, { full, maxIssues: 10_000 }, size)) out.push(b);
  return out;
}

test('the fast index read gives the full read\'s batches: offsets, lines, labels, verdicts, flags, subsets, ids, issues', async () => {
  const path = tempFile('compact-adv.jsonl', adversarialRAlign());
  for (const size of [4096, 97]) {
    const full = await read(path, true, size);
    const fast = await read(path, false, size);
    assert.ok(full.reduce((n, b) => n + b.malformed, 0) > 10, 'the file has malformed lines');
    assert.ok(full.some((b) => [...b.flags].some((f) => f & 8)), 'and rows holding several samples');
    assert.deepEqual(fast, full);
  }
});
