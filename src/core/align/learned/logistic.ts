/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least
 * squares): a handful of features, a few thousand rows, deterministic, no dependency. Features are
 * standardised with the training rows' mean and deviation, which are kept in the model so it
 * applies to new rows unchanged; the coefficients are on that scale (comparable with each other).
 */

export interface LogisticModel {
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  /** Intercept first, then one weight per feature (on the standardised scale). */
  readonly weights: readonly number[];
  /** Probability at or above which the model says yes. */
  readonly threshold: number;
}

const MAX_ITERATIONS = 50;

function standardise(rows: readonly (readonly number[])[], width: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const r of rows) for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) + (r[j] as number) / rows.length;
  for (const r of rows) for (let j = 0; j < width; j++) scale[j] = (scale[j] as number) + ((r[j] as number) - (mean[j] as number)) ** 2 / rows.length;
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Solves a·x = b (a small, symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const p = (m[c] as number[])[c] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => ((row[n] as number) / ((row[i] as number) || 1)));
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Fits weights to `rows` (one number per feature) and boolean labels; `l2` penalises weights, not the intercept. */
export function fitLogistic(features: readonly string[], rows: readonly (readonly number[])[], labels: readonly boolean[], l2 = 1, threshold = 0.5): LogisticModel {
  const width = features.length;
  const { mean, scale } = standardise(rows, width);
  const x = rows.map((r) => [1, ...r.map((v, j) => (v - (mean[j] as number)) / (scale[j] as number))]);
  const w = new Array<number>(width + 1).fill(0);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const grad = new Array<number>(width + 1).fill(0);
    const hess = Array.from({ length: width + 1 }, () => new Array<number>(width + 1).fill(0));
    x.forEach((xi, i) => {
      const p = sigmoid(xi.reduce((s, v, j) => s + v * (w[j] as number), 0));
      const err = p - (labels[i] ? 1 : 0);
      const h = p * (1 - p);
      for (let j = 0; j <= width; j++) {
        grad[j] = (grad[j] as number) + err * (xi[j] as number);
        const row = hess[j] as number[];
        for (let k = 0; k <= width; k++) row[k] = (row[k] as number) + h * (xi[j] as number) * (xi[k] as number);
      }
    });
    for (let j = 1; j <= width; j++) {
      grad[j] = (grad[j] as number) + l2 * (w[j] as number);
      (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + l2;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let j = 0; j <= width; j++) {
      w[j] = (w[j] as number) - (step[j] as number);
      moved = Math.max(moved, Math.abs(step[j] as number));
    }
    if (moved < 1e-9) break;
  }
  return { features: [...features], mean, scale, weights: w, threshold };
}

/** Probability that the row is a yes. */
export function predictProbability(model: LogisticModel, row: readonly number[]): number {
  let z = model.weights[0] ?? 0;
  for (let j = 0; j < model.features.length; j++) z += (model.weights[j + 1] ?? 0) * (((row[j] ?? 0) - (model.mean[j] ?? 0)) / (model.scale[j] || 1));
  return sigmoid(z);
}

export function predict(model: LogisticModel, row: readonly number[]): boolean {
  return predictProbability(model, row) >= model.threshold;
}
