/**
 * How `compare` pairs records, of single runs (compare.ts) and of sampled runs (sampledCompare.ts):
 * each key of a with the next unpaired copy of that key in b (the k-th copy to the k-th); with
 * `contents` (when the keys are ids), the pairs whose contents differ are counted.
 */
export function pairByKey(keysA: readonly string[], keysB: readonly string[], contents: readonly [readonly string[], readonly string[]] | null): { pairs: [number, number][]; contentMismatches: number } {
  const waiting = new Map<string, number[]>();
  keysB.forEach((k, j) => {
    const list = waiting.get(k);
    if (list) list.push(j);
    else waiting.set(k, [j]);
  });
  const pairs: [number, number][] = [];
  let contentMismatches = 0;
  keysA.forEach((k, i) => {
    const j = waiting.get(k)?.shift();
    if (j === undefined) return;
    pairs.push([i, j]);
    if (contents && contents[0][i] !== contents[1][j]) contentMismatches++;
  });
  return { pairs, contentMismatches };
}
