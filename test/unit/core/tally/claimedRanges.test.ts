/**
 * The calling thread and the tally workers share a file's pieces (claimedRanges.ts): whoever is free
 * takes the next untaken piece. Whichever thread took which piece, the merged figures are the single
 * pass's; a worker's pieces cross the thread boundary (structured clone) intact; a worker started
 * before its input was known (prestartWorkers, as `stats` does for a large JSONL file) is the one used.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { lineAlignedRanges, prestartWorkers, prestartedWorkers, runWorkers } from '../../../../src/core/tally/parallelTally';
import type { ClaimedInput, PartialTally } from '../../../../src/core/tally/parallelTally';
import { pieceCount, tallyClaimed, tallySharedRanges } from '../../../../src/core/tally/claimedRanges';
import { tallyRange } from '../../../../src/core/tally/tallyRange';
import { tempFile } from '../../paths';

function record(i: number): string {
  // Every 13th line is not JSON and every 17th has no gt_label: issues with line numbers in every piece.
  if (i % 13 === 5) return `{"id": "r${i}", broken`;
  const pred = i % 4 === 0 ? 'B' : 'A';
  return JSON.stringify({
    id: `r${i}`,
    source: { subset: ['math', 'chat', 'code'][i % 3] },
    conversations: [{ role: 'user', content: `question ${i} é 中` }],
    response_A: `answer A ${i}`,
    response_B: `answer B ${i}`,
    ...(i % 17 === 3 ? {} : { gt_label: i % 3 === 0 ? 'B' : 'A' }),
    model_judgment: `Reasoning about ${i}. \\boxed{${pred}}`,
    model_pred: pred,
    metarm_verdict: i % 5 === 0 ? 'Incorrect' : 'Correct',
  });
}

const OPTIONS = { format: 'r-align', userPatterns: [], maxIssues: 1000, verdictCheck: true, contradictionCheck: false };

function sharedFile(name: string, records = 400): string {
  return tempFile(name, Array.from({ length: records }, (_, i) => record(i)).join('\n') + '\n');
}

function comparable(s: Awaited<ReturnType<typeof computeStats>>) {
  return { overall: s.overall, groups: s.groups, malformed: s.malformed, warnings: s.warnings, issues: s.issues, samples: s.samples };
}

test('pieces: at least one a thread, about 16 MB each', () => {
  assert.equal(pieceCount(1000, 2), 2);
  assert.equal(pieceCount(500 * 1024 * 1024, 2), 32);
  assert.equal(pieceCount(64 * 1024 * 1024, 8), 8);
});

test('a worker that takes every piece gives back each with its index, as this thread would have tallied it', async () => {
  const path = sharedFile('claimed-worker.jsonl');
  const ranges = await lineAlignedRanges(path, statSync(path).size, 7);
  assert.equal(ranges.length, 7);
  const input: ClaimedInput = { path, options: OPTIONS, ranges, next: new Int32Array(new SharedArrayBuffer(4)) };
  // No other thread claims: the worker takes all seven, in order.
  const [theirs] = await runWorkers<[number, PartialTally][]>([input]).done;
  assert.deepEqual(theirs?.map(([k]) => k), [0, 1, 2, 3, 4, 5, 6]);
  for (const [k, partial] of theirs ?? []) {
    const here = await tallyRange({ path, options: OPTIONS, range: ranges[k] as (typeof ranges)[number] });
    assert.deepEqual({ ...partial, idHashes: [...partial.idHashes] }, { ...here, idHashes: [...here.idHashes] }, `piece ${k}`);
  }
  // The counter is past the end: a thread coming late takes nothing.
  assert.deepEqual(await tallyClaimed(input), []);
});

test('shared pieces between this thread and workers give the single pass\'s figures, issues and line numbers', async () => {
  const path = sharedFile('claimed-shared.jsonl', 900);
  const single = await computeStats(path, { workers: 1, maxIssues: 1000 });
  assert.ok(single.malformed > 50 && single.warnings > 30, `the file has issues to place (${single.malformed} skipped, ${single.warnings} warnings)`);
  for (const pieces of [2, 9, 40]) {
    const ranges = await lineAlignedRanges(path, statSync(path).size, pieces);
    const partials = await tallySharedRanges({ path, options: OPTIONS }, ranges, 1);
    assert.equal(partials.length, ranges.length, `${pieces} pieces: every piece tallied once`);
    assert.equal(partials.reduce((n, p) => n + p.overall.records, 0), single.overall.records);
    assert.equal(partials.reduce((n, p) => n + p.newlines, 0), 900);
  }
  for (const workers of [2, 3]) assert.deepEqual(comparable(await computeStats(path, { workers, maxIssues: 1000 })), comparable(single), `${workers} threads`);
});

test('a prestarted worker is the one the next tally takes, and one never taken does not keep the process open', async () => {
  const path = sharedFile('claimed-prestarted.jsonl');
  const single = await computeStats(path, { workers: 1, maxIssues: 1000 });
  prestartWorkers(1);
  assert.equal(prestartedWorkers(), 1);
  const ranges = await lineAlignedRanges(path, statSync(path).size, 5);
  // The prestarted worker gets its input as a message and takes every piece (no other thread claims).
  const [theirs] = await runWorkers<[number, PartialTally][]>([{ path, options: OPTIONS, ranges, next: new Int32Array(new SharedArrayBuffer(4)) }]).done;
  assert.equal(prestartedWorkers(), 0, 'taken');
  assert.deepEqual(theirs?.map(([k]) => k), [0, 1, 2, 3, 4]);
  assert.equal(theirs?.reduce((n, [, p]) => n + p.overall.records, 0), single.overall.records);
  // Left waiting: unref'd, so this test file ends without dropping it.
  prestartWorkers(1);
  assert.equal(prestartedWorkers(), 1);
});

test('cuts fall just after newlines, and a line longer than a share makes two cuts one', async () => {
  const long = 'x'.repeat(300_000);
  const path = tempFile('claimed-cuts.jsonl', `${record(0)}\n{"id":"${long}"}\n${record(1)}\n${record(2)}`);
  const size = statSync(path).size;
  const text = Buffer.from(`${record(0)}\n{"id":"${long}"}\n${record(1)}\n${record(2)}`);
  for (const parts of [2, 3, 7, 40]) {
    const ranges = await lineAlignedRanges(path, size, parts);
    assert.ok(ranges.length <= parts && ranges.length >= 1, `${parts} parts: ${ranges.length} ranges`);
    assert.equal(ranges[0]?.start, 0);
    assert.equal(ranges.at(-1)?.end, size);
    for (let k = 1; k < ranges.length; k++) {
      assert.equal(ranges[k]?.start, ranges[k - 1]?.end, 'no gap, no overlap');
      assert.equal(text[(ranges[k]?.start as number) - 1], 0x0a, 'each range begins just after a newline');
    }
  }
});
