/**
 * Agreement of the aligner with human labels of claim coverage (MetaCritique's dev half in
 * ../shared/fixtures/metacritique), against the word-containment baseline at its best threshold,
 * both measured in this run; with the time per critique of each. With RLENS_BENCH_BASE_URL and
 * RLENS_BENCH_EMBED_MODEL set, the embedding tier is measured on the same labels (your endpoint).
 * Run standalone after `npx tsc -p tsconfig.json`: `node out/bench/agreement.bench.js`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alignRationale, alignRationaleAsync } from '../src/core/align';
import type { Alignment } from '../src/core/align';
import { agreement, containmentBaseline, coveredClaims, goldText, readMetaCritique } from '../src/core/align/agreement';
import type { CoverageItem } from '../src/core/align/agreement';
import { EmbeddingSimilarity } from '../src/core/align/models/embedding';
import { crossValidate, labelledRows } from '../src/core/align/learned/crossValidate';
import { LlmClient } from '../src/core/llm/client';
import { resolveProfile } from '../src/core/llm/profile';

const file = join(resolve(__dirname, '..', '..'), '..', 'shared', 'fixtures', 'metacritique', 'annotation_dev.json');

async function measure(name: string, items: readonly CoverageItem[], align: (gold: string, rationale: string) => Alignment | Promise<Alignment>): Promise<void> {
  const predicted: boolean[] = [];
  const labels: boolean[] = [];
  const started = performance.now();
  for (const item of items) {
    const { text, ranges } = goldText(item.claims);
    predicted.push(...coveredClaims(await align(text, item.candidate), ranges));
    labels.push(...item.labels);
  }
  const ms = (performance.now() - started) / items.length;
  const a = agreement(predicted, labels);
  console.log(`${name.padEnd(34)} accuracy ${(a.accuracy * 100).toFixed(1)}%  κ ${a.kappa?.toFixed(3) ?? 'n/a'}  ${ms.toFixed(2)} ms per critique`);
}

async function main(): Promise<void> {
  const items = readMetaCritique(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
  console.log(`${items.length} critiques, ${items.reduce((n, i) => n + i.labels.length, 0)} human labels`);
  const t0 = performance.now();
  const base = containmentBaseline(items);
  const baseMs = (performance.now() - t0) / items.length;
  console.log(`${`word containment ≥ ${base.threshold} (best)`.padEnd(34)} accuracy ${(base.agreement.accuracy * 100).toFixed(1)}%  κ ${base.agreement.kappa?.toFixed(3) ?? 'n/a'}  ${baseMs.toFixed(2)} ms per critique (all thresholds)`);
  await measure('lexical aligner (heuristic)', items, (gold, rationale) => alignRationale({ gold, rationale }));
  // The learned instant tier (issue 26): 5-fold cross-validation by entry, thresholds fitted on the training folds.
  const cv = crossValidate(labelledRows(items));
  const fmt = (a: { accuracy: number; kappa: number | null }) => `accuracy ${(a.accuracy * 100).toFixed(1)}%  κ ${a.kappa?.toFixed(3) ?? 'n/a'}`;
  console.log('\n5-fold cross-validation by entry (no critique of an entry in two folds):');
  console.log(`  ${'untrained heuristic'.padEnd(32)} ${fmt(cv.pooled.heuristic)}`);
  console.log(`  ${'word containment (train-fold t)'.padEnd(32)} ${fmt(cv.pooled.containment)}`);
  console.log(`  ${'learned logistic regression'.padEnd(32)} ${fmt(cv.pooled.learned)}  (better than the heuristic in ${cv.learnedWins} of 5 folds)`);
  for (const f of cv.folds) console.log(`    fold ${f.fold}: heuristic κ ${f.heuristic.kappa?.toFixed(3)} · containment κ ${f.containment.kappa?.toFixed(3)} · learned κ ${f.learned.kappa?.toFixed(3)}`);
  const baseUrl = process.env.RLENS_BENCH_BASE_URL;
  const model = process.env.RLENS_BENCH_EMBED_MODEL;
  if (baseUrl && model) {
    const similarity = new EmbeddingSimilarity(new LlmClient(resolveProfile({ baseUrl, model, apiKey: process.env.OPENAI_API_KEY ?? '' })), Number(process.env.RLENS_BENCH_EMBED_THRESHOLD ?? 0.75));
    await measure(`embedding ${model}`, items, (gold, rationale) => alignRationaleAsync({ gold, rationale }, { similarity }));
  } else {
    console.log('(set RLENS_BENCH_BASE_URL and RLENS_BENCH_EMBED_MODEL to measure the embedding tier on your endpoint)');
  }
}

void main();
