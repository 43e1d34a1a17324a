/**
 * How well a grouping recovers known classes: the adjusted Rand index (Hubert & Arabie 1985: 1 is
 * the same partition, 0 what chance gives) and purity (each group counted by its majority class).
 * Items a grouping leaves out should be given singleton labels by the caller, so leaving them out
 * costs what it should.
 */

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

export function adjustedRandIndex(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length !== predicted.length) throw new Error('adjustedRandIndex: the two labelings differ in length');
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  truth.forEach((t, i) => {
    const p = predicted[i] as string;
    cells.set(`${t}\u0000${p}`, (cells.get(`${t}\u0000${p}`) ?? 0) + 1);
    rows.set(t, (rows.get(t) ?? 0) + 1);
    cols.set(p, (cols.get(p) ?? 0) + 1);
  });
  let index = 0;
  for (const n of cells.values()) index += pairs(n);
  let a = 0;
  for (const n of rows.values()) a += pairs(n);
  let b = 0;
  for (const n of cols.values()) b += pairs(n);
  const expected = (a * b) / pairs(truth.length);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export function purity(truth: readonly string[], predicted: readonly string[]): number {
  const byGroup = new Map<string, Map<string, number>>();
  predicted.forEach((p, i) => {
    const m = byGroup.get(p) ?? new Map<string, number>();
    m.set(truth[i] as string, (m.get(truth[i] as string) ?? 0) + 1);
    byGroup.set(p, m);
  });
  let majority = 0;
  for (const m of byGroup.values()) majority += Math.max(...m.values());
  return truth.length ? majority / truth.length : 1;
}
