/**
 * The offline tier of failure themes: failure claims grouped by the key terms they share (the
 * aligner's normalisation: concepts and stems), with no endpoint.
 *
 * Greedy cover: the term shared by the most ungrouped claims seeds a theme; its signature is the
 * seed and the terms at least half of the seed's claims share, and every ungrouped claim with two
 * signature terms joins it (the seed's claims that share nothing else with it stay in the pool, and
 * so does a paraphrase with one term only); its claims leave the pool and the counts of their terms
 * drop; repeat while a term is shared by two claims. Deterministic (ties: the term
 * that sorts first), and bounded: each claim keeps at most MAX_TERMS_PER_CLAIM terms, each posting
 * is visited a constant number of times, the heap holds one entry per count change: O(P log P)
 * for P postings.
 */
import type { FailureClaim } from './failureClaims';
import { MAX_TERMS_PER_CLAIM } from './failureClaims';

/** A term in more than this share of all failure claims says nothing about which failure it is. */
const GENERIC_TERM_SHARE = 0.6;
const GENERIC_MIN_CLAIMS = 20;
/** Terms in a signature: those in at least half of the seed's claims, at most this many. */
const MAX_SIGNATURE_TERMS = 5;

export interface ClaimGroup {
  /** `t:<seed term>+<next signature term>`: stable while the file's failures are. */
  readonly id: string;
  /** Readable words of the signature, most shared first. */
  readonly words: readonly string[];
  /** Indexes into the claims given. */
  readonly members: readonly number[];
}

/** A max-heap of (count, term) with lazy deletion: an entry whose count is stale is skipped or re-queued. */
class CountHeap {
  private readonly items: { count: number; term: string }[] = [];

  private before(a: { count: number; term: string }, b: { count: number; term: string }): boolean {
    return a.count > b.count || (a.count === b.count && a.term < b.term);
  }

  push(item: { count: number; term: string }): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i] as typeof item, h[p] as typeof item)) break;
      [h[i], h[p]] = [h[p] as typeof item, h[i] as typeof item];
      i = p;
    }
  }

  pop(): { count: number; term: string } | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l] as typeof last, h[m] as typeof last)) m = l;
        if (r < h.length && this.before(h[r] as typeof last, h[m] as typeof last)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as typeof last, h[i] as typeof last];
        i = m;
      }
    }
    return top;
  }
}

/** Each claim's usable terms: shared by another claim, not generic, at most MAX_TERMS_PER_CLAIM (the most shared first). */
function usableTerms(claims: readonly FailureClaim[]): string[][] {
  const df = new Map<string, number>();
  for (const c of claims) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
  // In a small file one failure may well be most of the claims: the cut applies from GENERIC_MIN_CLAIMS on.
  const maxDf = claims.length < GENERIC_MIN_CLAIMS ? claims.length : Math.floor(GENERIC_TERM_SHARE * claims.length);
  return claims.map((c) =>
    c.terms
      .filter((t) => {
        const n = df.get(t) ?? 0;
        return n >= 2 && n <= maxDf;
      })
      .sort((a, b) => (df.get(b) ?? 0) - (df.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, MAX_TERMS_PER_CLAIM),
  );
}

export function groupByTerms(claims: readonly FailureClaim[]): ClaimGroup[] {
  const terms = usableTerms(claims);
  const postings = new Map<string, number[]>();
  terms.forEach((ts, i) => {
    for (const t of ts) {
      let p = postings.get(t);
      if (!p) postings.set(t, (p = []));
      p.push(i);
    }
  });
  const count = new Map<string, number>();
  const heap = new CountHeap();
  for (const [t, p] of postings) {
    count.set(t, p.length);
    heap.push({ count: p.length, term: t });
  }
  const grouped = new Uint8Array(claims.length);
  const groups: ClaimGroup[] = [];
  const ids = new Set<string>();
  const take = (i: number, members: number[]): void => {
    grouped[i] = 1;
    members.push(i);
    for (const t of terms[i] as string[]) count.set(t, (count.get(t) ?? 1) - 1);
  };
  const deferred: string[] = [];
  /** One greedy pass; `final`: the second, where a seed with no co-term may seed a theme. */
  const pass = (final: boolean): void => {
    for (let top = heap.pop(); top; top = heap.pop()) {
      const seed = top.term;
      const current = count.get(seed) ?? 0;
      if (current !== top.count) {
        if (current >= 2) heap.push({ count: current, term: seed });
        continue;
      }
      if (current < 2) return;
      const core = (postings.get(seed) as number[]).filter((i) => !grouped[i]);
      postings.set(seed, core);
      // The signature: the seed and the terms in at least half of the seed's claims, most shared first.
      const within = new Map<string, number>();
      for (const i of core) for (const t of terms[i] as string[]) within.set(t, (within.get(t) ?? 0) + 1);
      const signature = [...within]
        .filter(([t, n]) => t === seed || 2 * n >= core.length)
        .sort((a, b) => (a[0] === seed ? -1 : b[0] === seed ? 1 : b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
        .slice(0, MAX_SIGNATURE_TERMS)
        .map(([t]) => t);
      const members: number[] = [];
      if (signature.length === 1) {
        // A seed whose claims share nothing else may be two failures under one word ("the length"
        // of an array, a length limit): it seeds only after every two-term theme took its claims.
        if (!final) {
          deferred.push(seed);
          continue;
        }
        for (const i of core) take(i, members);
      } else {
        // The seed's claims join with a second signature term, and so does a paraphrase with two.
        const hits = new Map<number, number>();
        for (const t of signature) {
          // Grouped claims leave a posting list as it is walked, so each leaves it once.
          const live = (postings.get(t) as number[]).filter((i) => !grouped[i]);
          postings.set(t, live);
          for (const i of live) hits.set(i, (hits.get(i) ?? 0) + 1);
        }
        for (const [i, n] of [...hits].sort((a, b) => a[0] - b[0])) if (n >= 2) take(i, members);
      }
      members.sort((a, b) => a - b);
      let id = `t:${signature.slice(0, 2).join('+')}`;
      for (let k = 2; ids.has(id); k++) id = `t:${signature.slice(0, 2).join('+')}#${k}`;
      ids.add(id);
      groups.push({ id, words: signature.map((t) => surfaceOf(t, members, claims)), members });
      const left = count.get(seed) ?? 0;
      if (left >= 2) heap.push({ count: left, term: seed });
    }
  };
  pass(false);
  // What is left after the two-term themes, for the deferred seeds (the heap may still hold stale entries).
  for (let rest = heap.pop(); rest; rest = heap.pop());
  for (const t of deferred) if ((count.get(t) ?? 0) >= 2) heap.push({ count: count.get(t) as number, term: t });
  pass(true);
  return groups;
}

/** The surface form most members use for a term (ties: the one that sorts first). */
function surfaceOf(term: string, members: readonly number[], claims: readonly FailureClaim[]): string {
  const seen = new Map<string, number>();
  for (const i of members) {
    const s = (claims[i] as FailureClaim).surface[term];
    if (s !== undefined) seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  let best = term.replace(/^[~#]/, '');
  let bestN = 0;
  for (const [s, n] of seen) if (n > bestN || (n === bestN && s < best)) [best, bestN] = [s, n];
  return best;
}
