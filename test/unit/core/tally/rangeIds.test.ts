/**
 * Byte ranges number lines from 1 within each range, so a record without an id is `line N` counted
 * from its own range's start. The tally's "do ids repeat?" watch must not take those for ids: a file
 * without ids read in ranges hashes no id at all (no second pass for sample sets), and its figures are
 * the single pass's. Records with their own ids are hashed in every range, and a repeat across
 * ranges is found.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { lineAlignedRanges } from '../../../../src/core/tally/parallelTally';
import { tallyRange } from '../../../../src/core/tally/tallyRange';
import { tempFile } from '../../paths';

function record(i: number, id: string | undefined, prompt = `question ${i % 7}`, pred = i % 4 === 0 ? 'B' : 'A'): string {
  return JSON.stringify({
    ...(id === undefined ? {} : { id }),
    source: { subset: ['math', 'chat'][i % 2] },
    conversations: [{ role: 'user', content: prompt }],
    response_A: `answer A ${i % 7}`,
    response_B: `answer B ${i % 7}`,
    gt_label: i % 3 === 0 ? 'B' : 'A',
    model_judgment: `Reasoning about ${i}. \\boxed{${pred}}`,
    model_pred: pred,
  });
}

const OPTIONS = { format: 'r-align', userPatterns: [], maxIssues: 100, verdictCheck: true, contradictionCheck: false };

test('records without ids read in byte ranges hash no id, and the figures are the single pass\'s', async () => {
  const lines = Array.from({ length: 90 }, (_, i) => record(i, undefined));
  const path = tempFile('no-ids.jsonl', lines.join('\n') + '\n');
  const ranges = await lineAlignedRanges(path, statSync(path).size, 3);
  assert.equal(ranges.length, 3);
  for (const range of ranges) {
    const part = await tallyRange({ path, range, options: OPTIONS });
    assert.ok(part.overall.records > 20, `range ${range.start}-${range.end}: ${part.overall.records} records`);
    // Each range has its own `line 1`, `line 2`…: none of them is hashed as an id.
    assert.equal(part.idHashes.length, 0, `range ${range.start}: ${part.idHashes.length} ids hashed`);
  }
  const single = await computeStats(path, { workers: 1 });
  const ranged = await computeStats(path, { workers: 3 });
  assert.equal(single.samples, null);
  assert.equal(ranged.samples, null);
  assert.deepEqual(ranged.overall, single.overall);
  assert.deepEqual(ranged.groups, single.groups);
});

test('own ids are hashed in every range: a file whose ids repeat across ranges has the single pass\'s sample sets', async () => {
  // Every id twice, the second sample in a later range (same prompt and responses, another verdict): 45 sets of two.
  const lines = [...Array.from({ length: 45 }, (_, i) => record(i, `q-${i}`, `prompt ${i}`)), ...Array.from({ length: 45 }, (_, i) => record(i, `q-${i}`, `prompt ${i}`, i % 2 ? 'A' : 'B'))];
  const path = tempFile('repeated-ids.jsonl', lines.join('\n') + '\n');
  const ranges = await lineAlignedRanges(path, statSync(path).size, 3);
  let hashed = 0;
  for (const range of ranges) hashed += (await tallyRange({ path, range, options: OPTIONS })).idHashes.length;
  assert.equal(hashed, 90);
  const single = await computeStats(path, { workers: 1 });
  const ranged = await computeStats(path, { workers: 3 });
  assert.ok(single.samples, 'the single pass finds the sample sets');
  assert.deepEqual(ranged.samples, single.samples);
  assert.deepEqual(ranged.overall, single.overall);
});
