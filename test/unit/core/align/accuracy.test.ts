/**
 * How well does the heuristic estimate (coverage ≥ threshold → aligned) agree with hand labels?
 * Prints the confusion matrix per split; asserts floors honestly reached (see cases.ts on splits).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignRationale } from '../../../../src/core/align';
import { DEFAULT_COVERAGE_THRESHOLD } from '../../../../src/core/align/lexical/classify';
import { CASES, type LabelledCase } from './cases';
import { assertOffsets } from './helpers';

/** Floors set to what the engine honestly reaches (with a little slack), not to what we wish. */
const HOLDOUT_FLOOR = 0.8;
const ALL_FLOOR = 0.9;

interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  wrong: string[];
}

function evaluate(cases: readonly LabelledCase[], threshold = DEFAULT_COVERAGE_THRESHOLD): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0, wrong: [] };
  for (const k of cases) {
    const a = alignRationale(
      { gold: k.gold, rationale: k.rationale, goldLabel: k.goldLabel, goldOrder: k.goldOrder, rationaleOrder: k.rationaleOrder },
      { coverageThreshold: threshold },
    );
    assertOffsets(k.gold, k.rationale, a);
    const predicted = a.estimate ?? 'misaligned';
    if (predicted === 'aligned' && k.expected === 'aligned') c.tp++;
    else if (predicted === 'aligned') c.fp++;
    else if (k.expected === 'misaligned') c.tn++;
    else c.fn++;
    if (predicted !== k.expected) c.wrong.push(`${k.id} (expected ${k.expected}, coverage ${a.coverage?.toFixed(2) ?? 'null'})`);
  }
  return c;
}

const accuracy = (c: Confusion): number => (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);

function report(name: string, c: Confusion): void {
  const n = c.tp + c.tn + c.fp + c.fn;
  console.log(
    `[align estimate] ${name}: n=${n} accuracy=${(accuracy(c) * 100).toFixed(1)}% at coverage threshold ${DEFAULT_COVERAGE_THRESHOLD}\n` +
      `                     predicted aligned  predicted misaligned\n` +
      `  labelled aligned        ${String(c.tp).padStart(3)}                ${String(c.fn).padStart(3)}\n` +
      `  labelled misaligned     ${String(c.fp).padStart(3)}                ${String(c.tn).padStart(3)}` +
      (c.wrong.length ? `\n  errors: ${c.wrong.join('; ')}` : ''),
  );
}

test('labelled cases: at least 30, both labels, unique ids', () => {
  assert.ok(CASES.length >= 30);
  assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length);
  assert.ok(CASES.some((c) => c.expected === 'aligned') && CASES.some((c) => c.expected === 'misaligned'));
});

test('estimate accuracy on the dev cases (tuned on them)', () => {
  const c = evaluate(CASES.filter((k) => k.split === 'dev'));
  report('dev', c);
  assert.ok(accuracy(c) >= 0.9, `dev accuracy ${accuracy(c)}`);
});

test('estimate accuracy on held-out batch 1 (written after dev tuning, then used for three changes)', () => {
  const c = evaluate(CASES.filter((k) => k.split === 'holdout1'));
  report('holdout1', c);
  assert.ok(accuracy(c) >= HOLDOUT_FLOOR, `holdout1 accuracy ${accuracy(c)}`);
});

test('estimate accuracy on held-out batch 2 (written after all tuning)', () => {
  const c = evaluate(CASES.filter((k) => k.split === 'holdout2'));
  report('holdout2', c);
  assert.ok(accuracy(c) >= HOLDOUT_FLOOR, `holdout2 accuracy ${accuracy(c)}`);
});

test('estimate accuracy on all cases', () => {
  const c = evaluate(CASES);
  report('all', c);
  assert.ok(accuracy(c) >= ALL_FLOOR, `overall accuracy ${accuracy(c)}`);
});
