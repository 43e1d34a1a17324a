/**
 * The two conflict families: claims that agree must not be marked conflict (a concession then the
 * real criticism; predicates like "swaps the counts" the lexicon lacked), and blame on the other
 * response must be caught when the texts use different or opposite predicates for it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { alignRationale } from '../../../../src/core/align';
import { alignRecord } from '../../../../src/core/align/alignRecord';
import { readDataset, openDataset } from '../../../../src/core/dataset/dataset';
import type { Label } from '../../../../src/core/record/record';
import { repoRoot } from '../../paths';

const classes = (gold: string, rationale: string, goldLabel: Label) => {
  const a = alignRationale({ gold, rationale, goldLabel });
  return { gold: a.gold.map((c) => c.class), rationale: a.rationale.map((c) => c.class) };
};

test('agreeing claims are shared, not conflict: a concession followed by the same criticism', () => {
  assert.deepEqual(
    classes("Response B's working finds 23 chickens, but its final answer swaps the two counts.", 'Assistant B computes 23 chickens correctly in the middle, but its final answer reverses the numbers.', 'A'),
    { gold: ['shared'], rationale: ['shared'] },
  );
  assert.deepEqual(classes('Response B breaks down the proof into clear steps.', 'Response B breaks the proof down into clear steps.', 'B'), { gold: ['shared'], rationale: ['shared'] }, '"breaks down" describes');
  assert.deepEqual(classes('Response A exceeds the 100-word limit.', 'Response A ignores the 100-word limit.', 'B'), { gold: ['shared'], rationale: ['shared'] }, 'different predicates, same blame');
});

test('sample ra-009: both texts say response B swapped the counts → shared', async () => {
  const file = join(repoRoot, 'samples', 'r-align-synthetic.jsonl');
  assert.ok(readFileSync(file, 'utf8').includes('"ra-009"'));
  const dataset = await openDataset(file, {});
  for await (const e of readDataset(dataset, {})) {
    if (e.kind !== 'record' || e.record.id !== 'ra-009') continue;
    const a = alignRecord(e.record).alignment;
    const aboutSwap = a.gold.find((c) => c.text.includes('颠倒'));
    assert.equal(aboutSwap?.class, 'shared', JSON.stringify(a.gold.map((c) => [c.class, c.text])));
    assert.equal(a.conflictShare, 0);
    return;
  }
  assert.fail('ra-009 not found');
});

test('blame on the other response is a conflict, whatever predicates the texts use', () => {
  // Same predicate, other response (and this one said to keep it).
  assert.equal(classes('Response A breaks the 100-word limit.', 'Response B breaks the 100-word limit, while Response A keeps to it.', 'B').gold[0], 'conflict');
  // Opposite predicates: one says A ignores it, the other that B exceeds it and A respects it.
  assert.equal(classes('Response A ignores the 100-word limit.', 'Response B exceeds the 100-word limit, and Response A respects it.', 'B').gold[0], 'conflict');
  // "exceeds" without a limit is no criticism.
  assert.deepEqual(classes('Response B exceeds expectations with a worked example.', 'Response B exceeds expectations with a worked example.', 'B'), { gold: ['shared'], rationale: ['shared'] });
  // Chinese: 违反 / 遵守 (breaks / keeps).
  assert.equal(classes('回答A违反了字数限制。', '回答B违反了字数限制，而回答A遵守了。', 'B').gold[0], 'conflict');
});
