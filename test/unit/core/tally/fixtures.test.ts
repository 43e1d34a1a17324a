/** The real fixtures reproduce their authors' own figures (../shared/fixtures/README.md). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { join } from 'node:path';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { fixturesDir } from '../../paths';

/** Parses "94 / 100 = 94.0%" from LLMBar's statistics.json. */
function count(text: unknown): number {
  const m = /^(\d+)\s*\//.exec(String(text));
  assert.ok(m, `unexpected statistics value ${String(text)}`);
  return Number(m[1]);
}

for (const dir of ['natural_gpt-4_cot', 'natural_chatgpt_swap_cot', 'natural_gpt-4_metrics_reference']) {
  test(`LLMBar ${dir}: statistics.json reproduced exactly`, async () => {
    const expected = JSON.parse(readFileSync(join(fixturesDir, 'llmbar', dir, 'statistics.json'), 'utf8')) as Record<string, string>;
    const stats = await computeStats(join(fixturesDir, 'llmbar', dir, 'result.json'));
    const p = stats.overall.positions;
    assert.equal(stats.format, 'llmbar');
    assert.equal(stats.container, 'json-array');
    assert.equal(stats.malformed, 0);
    assert.equal(stats.overall.records, 100);
    assert.ok(p);
    assert.equal(p.originalCorrect, count(expected.correct_False));
    assert.equal(p.swappedCorrect, count(expected.correct_True));
    assert.equal(p.bothCorrect, count(expected.correct_both));
    assert.equal(p.agree, count(expected.equal));
    assert.equal(stats.overall.labelCorrect, p.originalCorrect, 'L-Acc uses the original-order verdict');
  });
}

test('LLMBar figures match the numbers quoted in the fixtures README', async () => {
  const cot = (await computeStats(join(fixturesDir, 'llmbar', 'natural_gpt-4_cot', 'result.json'))).overall.positions;
  assert.deepEqual(cot && [cot.originalCorrect, cot.swappedCorrect, cot.bothCorrect, cot.agree], [94, 95, 90, 91]);
  const swap = (await computeStats(join(fixturesDir, 'llmbar', 'natural_chatgpt_swap_cot', 'result.json'))).overall.positions;
  assert.deepEqual(swap && [swap.originalCorrect, swap.swappedCorrect, swap.bothCorrect, swap.agree], [77, 77, 63, 72]);
});

test('JudgeBench: 80/270 in original order and 87/270 with both orders combined', async () => {
  const stats = await computeStats(join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'));
  const s = stats.overall;
  assert.equal(stats.format, 'judgebench');
  assert.equal(s.records, 270);
  assert.equal(s.labelCorrect, 80);
  assert.equal(s.positions?.originalCorrect, 80);
  assert.equal(s.positions?.combinedCorrect, 87);
  assert.equal((s.labelAccuracy ?? 0).toFixed(3), '0.296');
  assert.equal(((s.positions?.combinedCorrect ?? 0) / s.records).toFixed(3), '0.322');
  assert.equal(s.sCorr, null, 'no fidelity verdicts in this file');
  assert.equal(s.fScore, null);
  assert.equal(s.unparseable, 11, 'null decisions are their own class');
  const groupTotal = stats.groups.reduce((n, g) => n + g.records, 0);
  assert.equal(groupTotal, 270);
});

test('Multimodal RewardBench: image parts and verdicts parsed from the judge text', async () => {
  const stats = await computeStats(join(fixturesDir, 'multimodal-rewardbench', 'example.jsonl'));
  assert.equal(stats.format, 'mm-rewardbench');
  assert.equal(stats.overall.records, 2);
  assert.equal(stats.overall.unparseable, 0);
});
