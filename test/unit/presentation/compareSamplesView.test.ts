/** The Compare view's samples section (issue 24): the core's figures with their denominators, schema-checked; null for single-sample files. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRuns, readRun } from '../../../src/core/research/compare';
import { sampledComparisonOf } from '../../../src/core/research/sampledCompare';
import { renderSampledLines } from '../../../src/core/reports/sampledCompareReport';
import { compareView } from '../../../src/presentation/reportViews';
import { checkToCompare } from '../../../src/protocol/reports';
import { tempFile } from '../paths';
import { rAlignRunRows } from '../core/samples/sampleFiles';

const write = (name: string, rows: Record<string, unknown>[]) => tempFile(name, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

async function viewOf(a: string, b: string) {
  const [ra, rb] = await Promise.all([readRun(a), readRun(b)]);
  const single = compareRuns(ra, rb, { seed: 5, resamples: 300 });
  const samples = await sampledComparisonOf({ a: ra, b: rb }, {}, { seed: 5, resamples: 300 });
  return { samples, view: compareView(samples ? { ...single, samples } : single) };
}

test('two sampled runs: the view carries each figure with its count and denominator and the CLI sentences, and passes the protocol check', async () => {
  const { samples, view } = await viewOf(write('a.jsonl', rAlignRunRows(1, 30, 5, 4)), write('b.jsonl', rAlignRunRows(2, 28, 6, 4)));
  assert.ok(samples && view.samples);
  assert.equal(checkToCompare({ type: 'compare', view }).ok, true);
  const [majority, sCorr] = view.samples.figures;
  assert.equal(majority?.a, samples.majority.a.value);
  assert.equal(majority?.b, samples.majority.b.value);
  assert.equal(majority?.aCounted, `${samples.majority.a.count}/${samples.majority.a.denominator} paired records with a gold label in both runs`);
  assert.equal(majority?.aRatio, `${samples.majority.a.count}/${samples.majority.a.denominator}`);
  assert.equal(sCorr?.b, samples.sCorrPerSample.b.value);
  assert.match(sCorr?.bCounted ?? '', /^\d+\/\d+ label-correct samples with a fidelity verdict/);
  const lines = renderSampledLines(samples);
  assert.equal(view.samples.mcnemar, lines.mcnemar);
  assert.equal(view.samples.sCorrDelta, lines.sCorrDelta);
  // b has two records fewer: they are left out, and the view says how many.
  assert.equal(samples.join.onlyInA, 2);
  assert.match(view.samples.join, /28 paired · 2 left out \(2 only in a, 0 only in b\)/);
  assert.match(view.samples.sCorrDelta, /300 resamples, \d+ with both figures defined, seed 5/);
});

test('two single-sample runs: no samples section', async () => {
  const { samples, view } = await viewOf(write('a.jsonl', rAlignRunRows(1, 30, 1, 4)), write('b.jsonl', rAlignRunRows(2, 30, 1, 4)));
  assert.equal(samples, null);
  assert.equal(view.samples, null);
  assert.equal(checkToCompare({ type: 'compare', view }).ok, true);
});
