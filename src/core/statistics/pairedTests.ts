/**
 * Paired tests for two runs on the same records: the exact McNemar test (two-sided binomial on the
 * discordant pairs) and a seeded paired bootstrap of an S-Corr difference. The generator is
 * mulberry32, so `test/oracle/compare.py` reproduces every resample.
 */

/** A small, fast, seedable generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two-sided exact McNemar p: twice the binomial(n, ½) tail at min(b, c), capped at 1. Summed in
 * log space, so a million discordant pairs neither overflow nor underflow to a wrong 0.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  const ln2n = n * Math.LN2;
  let logTerm = -ln2n; // log(C(n, 0) / 2^n)
  let max = logTerm;
  const logs: number[] = [logTerm];
  for (let i = 0; i < k; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logs.push(logTerm);
    if (logTerm > max) max = logTerm;
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return Math.min(1, 2 * Math.exp(max + Math.log(sum)));
}

export interface BootstrapResult {
  /** S-Corr of a and of b on the records given (null when neither verdict is there). */
  readonly a: number | null;
  readonly b: number | null;
  readonly delta: number | null;
  /** The resampled differences (b − a), sorted; resamples where either S-Corr is undefined are left out. */
  readonly deltas: Float64Array;
}

/** S-Corr from counts of [none, aligned, misaligned]. */
function sCorr(aligned: number, misaligned: number): number | null {
  const judged = aligned + misaligned;
  return judged ? 1 - aligned / judged : null;
}

/**
 * Each record is coded 3 × a's fidelity + b's (0 unjudged, 1 aligned, 2 misaligned). Resampling
 * whole records keeps the pairing: the interval is for the difference, not two separate ones.
 */
export function pairedBootstrap(codes: Uint8Array, resamples: number, seed: number): BootstrapResult {
  const figures = (counts: readonly number[]) => {
    const at = (i: number) => counts[i] as number;
    const a = sCorr(at(3) + at(4) + at(5), at(6) + at(7) + at(8));
    const b = sCorr(at(1) + at(4) + at(7), at(2) + at(5) + at(8));
    return { a, b, delta: a === null || b === null ? null : b - a };
  };
  const all = new Array<number>(9).fill(0);
  for (const c of codes) all[c]!++;
  const observed = figures(all);
  const deltas = codes.length > 0 && observed.delta !== null ? bootstrapCounts(codes, 9, resamples, seed, (counts) => figures(counts).delta) : new Float64Array(0);
  return { ...observed, deltas };
}

/**
 * The bootstrap both intervals use: each resample draws `codes.length` codes with replacement
 * (mulberry32 from `seed`, one draw per code, as test/oracle/compare.py replays) and counts them
 * into `categories` cells; returns the statistic of every resample where it is defined, sorted.
 */
export function bootstrapCounts(codes: Uint8Array, categories: number, resamples: number, seed: number, statistic: (counts: readonly number[]) => number | null): Float64Array {
  const n = codes.length;
  const random = mulberry32(seed);
  const counts = new Array<number>(categories);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[codes[Math.floor(random() * n)] as number]!++;
    const v = statistic(counts);
    if (v !== null) values.push(v);
  }
  return Float64Array.from(values).sort();
}

/** Linear interpolation between order statistics (numpy's default), on sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}
