/**
 * The instant tier learning from people (issue 26 part 3): a logistic regression over the aligner's
 * own lexical signals, cross-validated by MetaCritique entry against the untrained heuristic and
 * word containment. It is shipped only if better across folds; the README states the figures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readMetaCritique } from '../../../../src/core/align/agreement';
import { COVERAGE_FEATURES } from '../../../../src/core/align/learned/coverageFeatures';
import { crossValidate, labelledRows, type LabelledRow } from '../../../../src/core/align/learned/crossValidate';
import { fitLogistic, predictProbability } from '../../../../src/core/align/learned/logistic';
import { fixturesDir, repoRoot } from '../../paths';

const DEV = join(fixturesDir, 'metacritique', 'annotation_dev.json');

/** A seeded generator: the synthetic data is the same on every run. */
function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the fitted logistic regression recovers the coefficients that generated the labels', () => {
  const rand = mulberry(7);
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 4000; i++) {
    const x = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    const z = 0.5 + 2 * (x[0] as number) - 1 * (x[1] as number);
    rows.push(x);
    labels.push(rand() < 1 / (1 + Math.exp(-z)));
  }
  const model = fitLogistic(['x0', 'x1', 'noise'], rows, labels, 0);
  // Back to the raw scale: weight / scale.
  const raw = model.features.map((_, j) => (model.weights[j + 1] as number) / (model.scale[j] as number));
  assert.ok(Math.abs((raw[0] as number) - 2) < 0.3, `x0 ${raw[0]}`);
  assert.ok(Math.abs((raw[1] as number) + 1) < 0.3, `x1 ${raw[1]}`);
  assert.ok(Math.abs(raw[2] as number) < 0.3, `noise ${raw[2]}`);
  assert.ok(predictProbability(model, [1, -1, 0]) > 0.9);
});

let rows: LabelledRow[] | null = null;
function devRows(): LabelledRow[] {
  rows ??= labelledRows(readMetaCritique(JSON.parse(readFileSync(DEV, 'utf8')) as unknown, DEV));
  return rows;
}

test('cross-validation is by entry: no critique of one entry is in two folds, every label is tested once', () => {
  const all = devRows();
  assert.equal(all.length, 1068);
  assert.ok(all.every((r) => r.features.length === COVERAGE_FEATURES.length && r.features.every(Number.isFinite)));
  const cv = crossValidate(all);
  const seen = new Set<number>();
  for (const f of cv.folds) {
    for (const e of f.entries) {
      assert.ok(!seen.has(e), `entry ${e} in two folds`);
      seen.add(e);
    }
  }
  assert.equal(seen.size, 50);
  assert.equal(cv.pooled.learned.n, 1068);
  assert.equal(cv.pooled.heuristic.n, 1068);
});

test('the learned tier is not better than the heuristic across folds, so none is shipped; the README states the figures', () => {
  const cv = crossValidate(devRows());
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const [name, a] of Object.entries(cv.pooled)) assert.ok(readme.includes(`κ ${(a.kappa ?? 0).toFixed(3)}`), `the README states the ${name} κ ${(a.kappa ?? 0).toFixed(3)}`);
  assert.ok(readme.includes(`better in ${cv.learnedWins} of 5 folds`), `the README states ${cv.learnedWins} of 5 folds`);
  // The decision rule: ship coefficients only when the model wins in most folds and pooled.
  const better = cv.learnedWins >= 4 && (cv.pooled.learned.kappa ?? 0) > (cv.pooled.heuristic.kappa ?? 0);
  assert.equal(better, false, 'if this starts failing, the model has become better: ship its coefficients and update the README');
});
