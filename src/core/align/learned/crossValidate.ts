/**
 * Does the learned instant tier agree with people better than the untrained heuristic and plain
 * word containment, on critiques it was not fitted on? K-fold cross-validation BY ENTRY: every
 * critique of one MetaCritique entry (its reference claims and the three critiques of it) falls in
 * one fold, so no claim is ever in both a training and a test fold. Thresholds (the model's and
 * containment's) are chosen on the training folds only.
 */
import { agreement, type Agreement, type CoverageItem } from '../agreement';
import { COVERAGE_FEATURES, coverageFeatures } from './coverageFeatures';
import { fitLogistic, predict, predictProbability, type LogisticModel } from './logistic';

export interface LabelledRow {
  readonly entry: number;
  readonly features: readonly number[];
  readonly label: boolean;
}

interface FoldResult {
  readonly fold: number;
  readonly entries: readonly number[];
  readonly heuristic: Agreement;
  readonly containment: Agreement;
  readonly learned: Agreement;
}

export interface CrossValidation {
  readonly folds: readonly FoldResult[];
  /** Every test prediction pooled across folds. */
  readonly pooled: { readonly heuristic: Agreement; readonly containment: Agreement; readonly learned: Agreement };
  /** Folds where the learned model's κ beats the heuristic's. */
  readonly learnedWins: number;
}

const WORD_CONTAINMENT = COVERAGE_FEATURES.indexOf('wordContainment');
const SHARED = COVERAGE_FEATURES.indexOf('shared');
const GRID = Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05);

export function labelledRows(items: readonly CoverageItem[]): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const item of items) coverageFeatures(item).forEach((features, i) => rows.push({ entry: item.entry, features, label: item.labels[i] === true }));
  return rows;
}

/** The threshold on `score` with the best κ on `rows` (ties: the lower threshold). */
function bestThreshold(rows: readonly LabelledRow[], score: (r: LabelledRow) => number): number {
  let best = { t: 0.5, kappa: -Infinity };
  const labels = rows.map((r) => r.label);
  const scores = rows.map(score);
  for (const t of GRID) {
    const kappa = agreement(scores.map((s) => s >= t), labels).kappa ?? -Infinity;
    if (kappa > best.kappa + 1e-12) best = { t, kappa };
  }
  return best.t;
}

/** Fits the model on `rows`, its threshold chosen on them too. */
function fitCoverageModel(rows: readonly LabelledRow[], l2 = 1): LogisticModel {
  const model = fitLogistic(COVERAGE_FEATURES, rows.map((r) => r.features), rows.map((r) => r.label), l2);
  return { ...model, threshold: bestThreshold(rows, (r) => predictProbability(model, r.features)) };
}

export function crossValidate(rows: readonly LabelledRow[], folds = 5, l2 = 1): CrossValidation {
  const results: FoldResult[] = [];
  const pooled = { heuristic: [] as boolean[], containment: [] as boolean[], learned: [] as boolean[], labels: [] as boolean[] };
  for (let k = 0; k < folds; k++) {
    const test = rows.filter((r) => r.entry % folds === k);
    const train = rows.filter((r) => r.entry % folds !== k);
    const model = fitCoverageModel(train, l2);
    const t = bestThreshold(train, (r) => r.features[WORD_CONTAINMENT] as number);
    const labels = test.map((r) => r.label);
    const heuristic = test.map((r) => r.features[SHARED] === 1);
    const contained = test.map((r) => (r.features[WORD_CONTAINMENT] as number) >= t);
    const learned = test.map((r) => predict(model, r.features));
    pooled.heuristic.push(...heuristic);
    pooled.containment.push(...contained);
    pooled.learned.push(...learned);
    pooled.labels.push(...labels);
    results.push({
      fold: k,
      entries: [...new Set(test.map((r) => r.entry))],
      heuristic: agreement(heuristic, labels),
      containment: agreement(contained, labels),
      learned: agreement(learned, labels),
    });
  }
  return {
    folds: results,
    pooled: { heuristic: agreement(pooled.heuristic, pooled.labels), containment: agreement(pooled.containment, pooled.labels), learned: agreement(pooled.learned, pooled.labels) },
    learnedWins: results.filter((f) => (f.learned.kappa ?? -1) > (f.heuristic.kappa ?? -1)).length,
  };
}
