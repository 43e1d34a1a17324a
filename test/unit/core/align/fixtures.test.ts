/**
 * Real judge outputs (../shared/fixtures, see its README for provenance): align every judgment text
 * against another text of the same record without error, with exact offsets.
 *  - JudgeBench arena-hard: original-order judgment (as "gold") vs swapped-order judgment, and the
 *    judgment vs response A.
 *  - LLMBar (three evaluators): "swap = False" completion vs "swap = True" completion, and each
 *    completion vs output_1.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { alignRationale, type Alignment } from '../../../../src/core/align';
import { assertOffsets, fixturesDir } from './helpers';

const FIXTURES = fixturesDir();
const JUDGEBENCH = path.join(FIXTURES, 'judgebench', 'arena-hard_claude-3-haiku.jsonl');
const LLMBAR = ['natural_gpt-4_cot', 'natural_chatgpt_swap_cot', 'natural_gpt-4_metrics_reference'].map((d) => path.join(FIXTURES, 'llmbar', d, 'result.json'));

interface JudgeBenchRecord {
  pair_id: string;
  response_A: string;
  judgments: { judgment: { response: string }; decision: string | null }[];
}

interface LlmBarRecord {
  output_1: string;
  results: unknown[];
}

function completion(stage: unknown, key: 'swap = False' | 'swap = True'): string {
  const run = (stage as Record<string, { completion?: unknown[] } | undefined>)[key];
  const text = run?.completion?.[0];
  assert.equal(typeof text, 'string', `${key} completion`);
  return text as string;
}

function checked(gold: string, rationale: string, rationaleOrder: 'original' | 'swapped'): Alignment {
  const a = alignRationale({ gold, rationale, rationaleOrder });
  assertOffsets(gold, rationale, a);
  return a;
}

const flip = (d: string | null): string | null => (d === 'A>B' ? 'B>A' : d === 'B>A' ? 'A>B' : d === 'A>>B' ? 'B>>A' : d === 'B>>A' ? 'A>>B' : d);

test('JudgeBench arena-hard: original vs swapped judgments, and judgment vs response', { skip: !existsSync(JUDGEBENCH) && `missing ${JUDGEBENCH}` }, () => {
  const records = readFileSync(JUDGEBENCH, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JudgeBenchRecord);
  assert.equal(records.length, 270);
  let claims = 0;
  let slowest = 0;
  const agree: number[] = [];
  const disagree: number[] = [];
  for (const r of records) {
    const [first, second] = r.judgments;
    assert.ok(first && second);
    const started = Date.now();
    const a = checked(first.judgment.response, second.judgment.response, 'swapped');
    slowest = Math.max(slowest, Date.now() - started);
    claims += a.gold.length + a.rationale.length;
    checked(first.judgment.response, r.response_A, 'original');
    checked(r.response_A, second.judgment.response, 'swapped');
    if (a.coverage !== null) (first.decision !== null && first.decision === flip(second.decision) ? agree : disagree).push(a.coverage);
  }
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  console.log(
    `[align fixtures] arena-hard: ${records.length} pairs, ${claims} claims, slowest ${slowest} ms; ` +
      `coverage of the swapped judgment by the original: ${mean(agree).toFixed(2)} when their verdicts agree (n=${agree.length}), ` +
      `${mean(disagree).toFixed(2)} when they do not (n=${disagree.length})`,
  );
  assert.ok(claims > 5000);
});

for (const file of LLMBAR) {
  const name = path.basename(path.dirname(file));
  test(`LLMBar ${name}: swap = False vs swap = True, and completion vs output_1`, { skip: !existsSync(file) && `missing ${file}` }, () => {
    const records = JSON.parse(readFileSync(file, 'utf8')) as LlmBarRecord[];
    assert.equal(records.length, 100);
    let claims = 0;
    for (const r of records) {
      const last = r.results[r.results.length - 1];
      const original = completion(last, 'swap = False');
      const swapped = completion(last, 'swap = True');
      const a = checked(original, swapped, 'swapped');
      claims += a.gold.length + a.rationale.length;
      checked(original, r.output_1, 'original');
      checked(r.output_1, swapped, 'swapped');
      // Earlier stages (generated rubric questions, a reference answer) are texts too.
      for (const stage of r.results.slice(0, -1)) {
        const text = Array.isArray(stage) && typeof stage[0] === 'string' ? stage[0] : null;
        if (text !== null) checked(text, original, 'original');
      }
    }
    console.log(`[align fixtures] llmbar ${name}: ${records.length} records, ${claims} claims in the two completions`);
  });
}
