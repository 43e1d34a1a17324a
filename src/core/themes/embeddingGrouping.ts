/**
 * The embedding tier of failure themes: each failure CLAIM is embedded (response mentions blanked),
 * not whole rationales, which would fragment identical failures into singletons; the vectors are
 * clustered agglomeratively (ml-hclust's AGNES, average linkage on cosine distance, cut at a
 * distance), and each cluster of two records or more is a theme.
 *
 * AGNES costs O(n³) time and O(n²) memory, so at most MAX_CLUSTERED distinct claim texts are
 * clustered (spurious records' claims first, then in file order); every other claim joins the
 * cluster whose centroid is nearest if it is within the cut, else stays unthemed: linear in the
 * claims beyond the cap.
 */
import { agnes } from 'ml-hclust';
import type { Cluster } from 'ml-hclust';
import type { Failures } from './collect';
import type { FailureClaim } from './failureClaims';
import type { ThemeGroup } from './themeSet';

/** Distinct claim texts clustered at most (AGNES is cubic: a few seconds at this size). */
const MAX_CLUSTERED = 600;
/** Cosine distance at which the tree is cut: claims in one theme are on average at least this similar (1 − cut). */
export const DEFAULT_CUT = 0.5;

/** Vectors of texts (the embedding tier's cached client: EmbeddingSimilarity.vectors). */
export type Embed = (texts: readonly string[]) => Promise<number[][]>;

function normalized(v: readonly number[]): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  return Float64Array.from(v, (x) => x * s);
}

function dot(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length && i < b.length; i++) d += (a[i] as number) * (b[i] as number);
  return d;
}

export interface EmbeddingGroups {
  readonly groups: ThemeGroup[];
  /** Distinct claim texts embedded. */
  readonly texts: number;
  readonly notes: string[];
}

/** The texts embedding would ask for: each distinct neutral claim text once. */
export function claimTexts(claims: readonly FailureClaim[]): string[] {
  return [...new Set(claims.map((c) => c.neutralText || c.text))];
}

export async function embeddingGroups(failures: Failures, embed: Embed, cut = DEFAULT_CUT): Promise<EmbeddingGroups> {
  const claims = failures.claims;
  const texts = claimTexts(claims);
  const notes: string[] = [];
  if (texts.length === 0) return { groups: [], texts: 0, notes };
  const vectors = (await embed(texts)).map(normalized);
  const textIndex = new Map(texts.map((t, i) => [t, i]));
  const spurious = new Set<number>();
  claims.forEach((c) => {
    if (failures.records.get(`${c.run}:${c.recordIndex}`)?.kind === 'spurious') spurious.add(textIndex.get(c.neutralText || c.text) as number);
  });
  // Which texts are clustered: spurious records' first, then the rest in order, up to the cap.
  const order = [...new Set([...spurious, ...texts.keys()])];
  const clustered = order.slice(0, MAX_CLUSTERED);
  if (order.length > MAX_CLUSTERED) notes.push(`${texts.length.toLocaleString('en-US')} distinct failure claims: ${MAX_CLUSTERED} clustered (spurious records' first), the others joined to the nearest cluster within the cut`);
  const distances = clustered.map((a) => clustered.map((b) => (a === b ? 0 : Math.max(0, 1 - dot(vectors[a] as Float64Array, vectors[b] as Float64Array)))));
  const clusterOf = new Map<number, number>();
  let clusters: number[][] = [];
  if (clustered.length === 1) clusters = [[clustered[0] as number]];
  else {
    const tree = agnes(distances, { isDistanceMatrix: true, method: 'average' });
    clusters = tree.cut(cut).map((c: Cluster) => c.indices().map((k) => clustered[k] as number));
  }
  clusters.forEach((members, k) => members.forEach((t) => clusterOf.set(t, k)));
  // The rest: the nearest centroid within the cut.
  if (order.length > clustered.length) {
    const centroids = clusters.map((members) => {
      const c = new Float64Array(vectors[0]?.length ?? 0);
      for (const t of members) (vectors[t] as Float64Array).forEach((x, i) => (c[i] = (c[i] as number) + x));
      return normalized(Array.from(c));
    });
    for (const t of order.slice(MAX_CLUSTERED)) {
      let best = -1;
      let bestSim = 1 - cut;
      centroids.forEach((c, k) => {
        const s = dot(vectors[t] as Float64Array, c);
        if (s >= bestSim) [best, bestSim] = [k, s];
      });
      if (best >= 0) clusterOf.set(t, best);
    }
  }
  const members: number[][] = clusters.map(() => []);
  claims.forEach((c, i) => {
    const k = clusterOf.get(textIndex.get(c.neutralText || c.text) as number);
    if (k !== undefined) members[k]?.push(i);
  });
  const groups = members
    .filter((m) => new Set(m.map((i) => `${(claims[i] as FailureClaim).run}:${(claims[i] as FailureClaim).recordIndex}`)).size >= 2)
    .map((m): ThemeGroup => {
      const words = sharedWords(m, claims);
      return { id: `e:${(claims[m[0] as number] as FailureClaim).id}`, title: words.slice(0, 3).join(', ') || 'untitled', titleSource: 'terms', words, members: m };
    });
  return { groups, texts: texts.length, notes };
}

/** The cluster's most shared key words (surface forms), for a title before (or without) the model's. */
function sharedWords(members: readonly number[], claims: readonly FailureClaim[]): string[] {
  const n = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const i of members) {
    const c = claims[i] as FailureClaim;
    for (const t of c.terms) {
      n.set(t, (n.get(t) ?? 0) + 1);
      if (!surface.has(t)) surface.set(t, c.surface[t] ?? t);
    }
  }
  return [...n]
    .filter(([, k]) => k >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([t]) => surface.get(t) as string);
}
