/** A confidence interval, as [low, high]. */
export type Interval = [number, number];

/** Wilson score interval, 95% by default; null when n is 0. */
export function wilson(successes: number, n: number, z = 1.959963984540054): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Exact at the ends: floating point would give 5.55e-17 for 0 successes.
  return [successes <= 0 ? 0 : Math.max(0, centre - half), successes >= n ? 1 : Math.min(1, centre + half)];
}
