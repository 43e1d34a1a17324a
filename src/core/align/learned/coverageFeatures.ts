/**
 * The lexical signals the aligner already computes, per reference claim of a MetaCritique item:
 * what a small model learns "is this claim stated in the critique?" from. `shared` is the untrained
 * heuristic's own answer; the rest are what it decides from (the best claim similarity, a conflict,
 * how many of the claim's terms or words the critique contains, and the lengths).
 */
import { STOP_WORDS, foldWord, termOf } from '../lexical/lexicon';
import { alignRationale } from '../index';
import { LexicalSimilarity, type ClaimFeatures, type ClaimSimilarity } from '../lexical/similarity';
import { containment, goldText, type CoverageItem } from '../agreement';
import { tokenize } from '../lexical/tokens';

export const COVERAGE_FEATURES = ['shared', 'bestSimilarity', 'conflict', 'termContainment', 'wordContainment', 'claimTerms', 'candidateTerms'] as const;

/** The lexical similarity, remembering each gold claim's best score against any rationale claim. */
class RecordingSimilarity implements ClaimSimilarity {
  readonly best = new Map<number, number>();
  private readonly inner = new LexicalSimilarity();
  readonly threshold = this.inner.threshold;

  score(gold: ClaimFeatures, rationale: ClaimFeatures): number {
    const s = this.inner.score(gold, rationale);
    if (s > (this.best.get(gold.index) ?? 0)) this.best.set(gold.index, s);
    return s;
  }
}

function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    if (t.kind === 'punct') continue;
    const w = foldWord(t.text);
    if (t.kind === 'word' && STOP_WORDS.has(w)) continue;
    out.add(t.kind === 'number' ? `#${w}` : termOf(w));
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** One row of COVERAGE_FEATURES per reference claim of `item`, in order. */
export function coverageFeatures(item: CoverageItem): number[][] {
  const { text, ranges } = goldText(item.claims);
  const input = { gold: text, rationale: item.candidate };
  const heuristic = alignRationale(input);
  const recording = new RecordingSimilarity();
  const scored = alignRationale(input, { similarity: recording });
  const candidateTerms = terms(item.candidate);
  const candidateWords = new Set((item.candidate.toLowerCase().match(WORD) ?? []));
  return ranges.map(([s, e], i) => {
    const inside = (c: { start: number; end: number }): boolean => c.start < e && c.end > s;
    const shared = heuristic.gold.some((c) => inside(c) && c.class === 'shared');
    const conflict = heuristic.gold.some((c) => inside(c) && c.class === 'conflict');
    let best = 0;
    scored.gold.forEach((c, k) => {
      if (inside(c)) best = Math.max(best, recording.best.get(k) ?? 0);
    });
    const claimTerms = terms(item.claims[i] ?? '');
    let hit = 0;
    for (const t of claimTerms) if (candidateTerms.has(t)) hit++;
    return [
      shared ? 1 : 0,
      best,
      conflict ? 1 : 0,
      claimTerms.size ? hit / claimTerms.size : 0,
      containment(item.claims[i] ?? '', candidateWords),
      Math.log1p(claimTerms.size),
      Math.log1p(candidateTerms.size),
    ];
  });
}
