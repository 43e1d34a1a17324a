/**
 * Claim-to-claim similarity by meaning, with a pluggable interface.
 *
 * The built-in `LexicalSimilarity` is a weighted cosine over claim terms, blended with a character
 * n-gram overlap:
 *  - terms are folded words minus stop-words, mapped to a paraphrase concept (lexicon.ts) or else
 *    Porter-stemmed; numbers are kept whole and count extra (a judgment citing "42" vs "41" is
 *    specific evidence); no-space scripts (Chinese, Japanese, Thai) contribute character bigrams;
 *  - response mentions are REMOVED before featurizing, so "A has a math error" and "Response 1
 *    contains a calculation mistake" compare on "math"+"error" alone; mentions drive conflict
 *    detection instead (classify.ts);
 *  - weights are (1 + ln tf) · idf · prior, idf computed over the claims of BOTH texts, so a term
 *    every claim shares says little and a rare shared term says a lot;
 *  - the character trigram Dice overlap (on the same neutralized content) rescues inflections the
 *    stemmer does not know (French, typos, identifiers) and is blended in at 25 %.
 *
 * An embedding model can replace it: implement `ClaimSimilarity` (sync, pairwise) or
 * `BatchClaimSimilarity` (async, one call for the whole matrix) and give its own threshold.
 */
import { CJK_CONCEPTS, CJK_GLUE, CONCEPT_PRIOR, STOP_WORDS, foldWord, termOf } from './lexicon';
import type { Token } from './tokens';

export interface ClaimFeatures {
  readonly side: 'gold' | 'rationale';
  /** Index of the claim in its side's claim list. */
  readonly index: number;
  /** The claim verbatim. */
  readonly text: string;
  /** The claim with response mentions blanked out: what an embedding model should see. */
  readonly neutralText: string;
  /** Term → weight, L2-normalized (empty when the claim has no content terms). */
  readonly terms: ReadonlyMap<string, number>;
  /** Sorted distinct hashes of character trigrams of the neutralized content. */
  readonly grams: Uint32Array;
}

/** Pairwise similarity in [0, 1]; a pair at or above `threshold` may be matched. */
export interface ClaimSimilarity {
  readonly threshold: number;
  score(gold: ClaimFeatures, rationale: ClaimFeatures): number;
  /**
   * Optional fast path returning the pairs that reach the threshold, with the same scores as
   * `score`. It may skip pairs that cannot matter to one-to-one matching (pairs sharing only terms
   * common to most claims; beyond a claim's best dozen partners). Without it the caller scores all
   * pairs (bounded by its work budget).
   */
  candidates?(gold: readonly ClaimFeatures[], rationale: readonly ClaimFeatures[], budget: WorkBudget): ScoredPair[];
}

/** Async similarity for remote models: one call returns the gold × rationale score matrix. */
export interface BatchClaimSimilarity {
  readonly threshold: number;
  /** Shown as the alignment's origin. */
  readonly tier?: { kind: 'embedding'; model: string };
  scoreBatch(gold: readonly ClaimFeatures[], rationale: readonly ClaimFeatures[]): Promise<readonly (readonly number[])[]>;
}

export interface ScoredPair {
  gold: number;
  rationale: number;
  score: number;
}

/** Counts work units and wall time so no input can keep matching busy for long. */
export class WorkBudget {
  private spent = 0;
  exhausted = false;
  constructor(
    private readonly maxUnits: number,
    private readonly deadline: number,
  ) {}
  /** Adds work; returns false (and stays false) once the budget or the deadline is exceeded. */
  spend(units: number): boolean {
    if (this.exhausted) return false;
    this.spent += units;
    // Checking the clock is itself not free: only every ~4k units.
    if (this.spent > this.maxUnits || ((this.spent & 0xfff) < units && Date.now() > this.deadline)) this.exhausted = true;
    return !this.exhausted;
  }
}

const NUMBER_PRIOR = 1.3;
const CHAR_WEIGHT = 0.25;
const MAX_GRAMS = 400;
/** Candidates kept per rationale claim (by word score) before the trigram pass. */
const MAX_PARTNERS = 12;

/** Raw (un-normalized) term counts of a claim's neutralized tokens. */
export function claimTerms(tokens: readonly Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (t: string): void => {
    counts.set(t, (counts.get(t) ?? 0) + 1);
  };
  for (const tok of tokens) {
    if (tok.kind === 'punct') continue;
    if (tok.kind === 'number') {
      // "1,000" and "1000" are the same figure; a trailing ".0" is not worth a mismatch.
      add('#' + tok.text.replace(/,(?=\d{3}\b)/g, '').replace(/\.0+$/, ''));
      continue;
    }
    if (tok.kind === 'run') {
      for (const [word, concept] of CJK_CONCEPTS) if (tok.text.includes(word)) add(concept);
      for (const piece of tok.text.split(CJK_GLUE)) {
        const chars = Array.from(piece);
        if (chars.length === 1) add(chars[0] as string);
        for (let i = 0; i + 1 < chars.length; i++) add((chars[i] as string) + (chars[i + 1] as string));
      }
      continue;
    }
    let w = foldWord(tok.text);
    if (w.endsWith("'s")) w = w.slice(0, -2);
    if (w.length < 2 || STOP_WORDS.has(w)) continue;
    // Compounds and identifiers ("gram-to-kilogram", "snake_case") count by their parts, and
    // identifiers also whole (a function name is a strong, specific term).
    if (w.includes('-')) {
      for (const part of w.split('-')) if (part.length > 1 && !STOP_WORDS.has(part)) add(termOf(part));
      continue;
    }
    if (w.includes('_')) for (const part of w.split('_')) if (part.length > 1 && !STOP_WORDS.has(part)) add(termOf(part));
    add(termOf(w));
  }
  return counts;
}

/** FNV-1a over the three UTF-16 units s[i..i+2], without allocating the substring. */
function trigramHash(s: string, i: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ s.charCodeAt(i + 1), 0x01000193);
  h = Math.imul(h ^ s.charCodeAt(i + 2), 0x01000193);
  return h >>> 0;
}

/** Character trigrams of the content words (stop-words out), hashed, sorted, distinct, capped. */
export function claimGrams(tokens: readonly Token[]): Uint32Array {
  const set = new Set<number>();
  for (const tok of tokens) {
    if (tok.kind === 'punct') continue;
    const w = foldWord(tok.text);
    if (tok.kind === 'word' && STOP_WORDS.has(w)) continue;
    // Word boundaries count: " ab" and "ab " distinguish prefixes and suffixes.
    const padded = tok.kind === 'run' ? w : ` ${w} `;
    for (let i = 0; i + 3 <= padded.length && set.size < MAX_GRAMS; i++) set.add(trigramHash(padded, i));
    if (set.size >= MAX_GRAMS) break;
  }
  return Uint32Array.from(set).sort();
}

/** Turns raw counts into L2-normalized tf-idf weights, idf over all claims of both texts. */
export function weighTerms(all: readonly Map<string, number>[]): Map<string, number>[] {
  const df = new Map<string, number>();
  for (const counts of all) for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = all.length;
  return all.map((counts) => {
    const weights = new Map<string, number>();
    let norm = 0;
    for (const [t, tf] of counts) {
      const prior = t.startsWith('#') ? NUMBER_PRIOR : t.startsWith('~') ? (CONCEPT_PRIOR[t] ?? 1) : 1;
      const w = (1 + Math.log(tf)) * Math.log(1 + n / (df.get(t) ?? 1)) * prior;
      weights.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of weights) weights.set(t, w / norm);
    return weights;
  });
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) dot += w * v;
  }
  return dot;
}

function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * The default similarity. Threshold 0.22 was chosen on the labelled dev cases in
 * test/unit/core/align/cases.ts: paraphrases of one reason mostly score 0.25–0.8, unrelated reasons of
 * the same judgment 0–0.15.
 */
export class LexicalSimilarity implements ClaimSimilarity {
  /** Below this word score the trigram pass is skipped: shared letters alone never make a match. */
  private readonly minWordForChars: number;

  constructor(readonly threshold = 0.22) {
    this.minWordForChars = threshold / 2;
  }

  private blend(word: number, gold: ClaimFeatures, rationale: ClaimFeatures): number {
    if (word < this.minWordForChars) return (1 - CHAR_WEIGHT) * word;
    return (1 - CHAR_WEIGHT) * word + CHAR_WEIGHT * dice(gold.grams, rationale.grams);
  }

  score(gold: ClaimFeatures, rationale: ClaimFeatures): number {
    return this.blend(cosine(gold.terms, rationale.terms), gold, rationale);
  }

  /**
   * Candidate pairs through an inverted index on gold terms, accumulating exact dot products.
   * Terms carried by more than a quarter of the claims (and at least 50) do not GENERATE
   * candidates — their idf is near zero and on repetitive input they would make the index
   * quadratic — but they still count in the score of pairs that share a rarer term.
   */
  candidates(gold: readonly ClaimFeatures[], rationale: readonly ClaimFeatures[], budget: WorkBudget): ScoredPair[] {
    const postings = new Map<string, { claims: number[]; weights: number[] }>();
    gold.forEach((g, gi) => {
      for (const [t, w] of g.terms) {
        let list = postings.get(t);
        if (!list) postings.set(t, (list = { claims: [], weights: [] }));
        list.claims.push(gi);
        list.weights.push(w);
      }
    });
    const crowded = Math.max(50, (gold.length + rationale.length) / 4);
    const out: ScoredPair[] = [];
    const dot = new Float64Array(gold.length);
    const seen = new Uint8Array(gold.length);
    const touched: number[] = [];
    const crowdedTerms: [string, number][] = [];
    for (let ri = 0; ri < rationale.length; ri++) {
      const r = rationale[ri] as ClaimFeatures;
      crowdedTerms.length = 0;
      for (const [t, w] of r.terms) {
        const list = postings.get(t);
        if (!list) continue;
        if (list.claims.length > crowded) {
          crowdedTerms.push([t, w]);
          continue;
        }
        if (!budget.spend(list.claims.length)) return out;
        for (let k = 0; k < list.claims.length; k++) {
          const gi = list.claims[k] as number;
          if (!seen[gi]) {
            seen[gi] = 1;
            touched.push(gi);
          }
          dot[gi] = (dot[gi] as number) + w * (list.weights[k] as number);
        }
      }
      if (crowdedTerms.length > 0) budget.spend(touched.length * crowdedTerms.length);
      const viable: { gi: number; word: number }[] = [];
      for (const gi of touched) {
        const g = gold[gi] as ClaimFeatures;
        let word = dot[gi] as number;
        for (const [t, w] of crowdedTerms) word += w * (g.terms.get(t) ?? 0);
        dot[gi] = 0;
        seen[gi] = 0;
        if ((1 - CHAR_WEIGHT) * word + CHAR_WEIGHT >= this.threshold) viable.push({ gi, word });
      }
      touched.length = 0;
      // Only the best few partners of a claim can matter to one-to-one matching; on dense,
      // repetitive text this keeps the trigram pass linear instead of quadratic.
      if (viable.length > MAX_PARTNERS) viable.sort((a, b) => b.word - a.word).length = MAX_PARTNERS;
      for (const { gi, word } of viable) {
        const g = gold[gi] as ClaimFeatures;
        budget.spend(word >= this.minWordForChars ? g.grams.length + r.grams.length : 1);
        const score = this.blend(word, g, r);
        if (score >= this.threshold) out.push({ gold: gi, rationale: ri, score });
      }
    }
    return out;
  }
}
