/**
 * Semantic alignment of a GenRM rationale against a gold judgment.
 *
 * Pipeline: segment each text into claims (segment.ts) → find response mentions and map them to the
 * original frame (mentions.ts) → read each mention's polarity (polarity.ts) → featurize claims with
 * mentions neutralized (similarity.ts) → score pairs and match them one-to-one (classify.ts) →
 * classify shared / missing / extra / conflict → word-diff each matched pair (worddiff.ts) →
 * coverage of the gold's decisive claims and a heuristic aligned/misaligned estimate.
 *
 * The estimate is a HEURISTIC: lexical overlap cannot judge fidelity the way the meta-judge does.
 * It is labelled as such and must never be counted into S-Corr.
 */
import type { PresentationOrder } from '../../record/record';
import { DEFAULT_COVERAGE_THRESHOLD, decisiveness, isConflict, matchGreedy, type MatchedPair } from './classify';
import { STOP_WORDS, cueScore, foldWord } from './lexicon';
import { VERDICT_TOKEN, findMentions, resolveMentions, type RawMention, type ResolvedMention } from './mentions';
import { readPolarity } from './polarity';
import { contrastCuts, segment, type ClaimKind, type Segment } from './segment';
import {
  LexicalSimilarity,
  WorkBudget,
  claimGrams,
  claimTerms,
  weighTerms,
  type BatchClaimSimilarity,
  type ClaimFeatures,
  type ClaimSimilarity,
  type ScoredPair,
} from './similarity';
import { tokenize, type Token } from './tokens';
import { DEFAULT_DIFF_LIMITS, wordDiff } from './worddiff';

import { ESTIMATE_DISCLAIMER, type AlignInput, type AlignOptions, type AlignedPair, type AlignerTier, type Alignment, type Claim, type ClaimClass, type Mention, type SkippedSegment } from './types';

const DEFAULT_DEADLINE_MS = 250;
/** Upper bound on similarity work units (postings visited, grams compared): roughly 50–100 ms. */
const MAX_MATCH_UNITS = 30_000_000;

const VERDICT_WORDS = new Set(
  `final verdict verdicts therefore conclusion conclude concluded decision decide winner win wins tie tied draw
  equal equally similar comparable prefer preferred preference choose chose select selected pick judge judgment rate
  rating score considered consider say think believe overall better best superior inferior worse significantly
  slightly marginally clearly far somewhat evaluation analysis comparison based above my output answer result
  results thus hence so same quality choice winning clear clearly obvious obviously
  donc meilleure meilleur finale ainsi mejor final`.split(/\s+/),
);
const VERDICT_CJK = /因此|所以|更好|最终|结论|判断|获胜|平局|总之|综上|较好|胜出|[的是为了我认]/gu;

interface PreparedClaim {
  start: number;
  end: number;
  kind: ClaimKind;
  mentions: Mention[];
  evaluative: number;
  terms: Map<string, number>;
  grams: Uint32Array;
  neutralText: string;
}

interface PreparedSide {
  text: string;
  claims: PreparedClaim[];
  skipped: SkippedSegment[];
}

/**
 * Procedural sentences of judge templates ("To evaluate the responses, I will first provide my own
 * answer", "Let's compare the two answers"): they announce a reason, they do not give one.
 */
const PROCEDURAL =
  /^[\s*_]*(?:(?:to\s+\w+[^,.]{0,80},|first,|now,|next,|then,|finally,)\s*)?(?:i\s+will|i'll|let\s+me|let's|let\s+us|i\s+am\s+going\s+to|i'm\s+going\s+to|we\s+will|here\s+is|here's|i\s+need\s+to|i\s+should)\b/i;

function hasCue(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'word' && cueScore(foldWord(t.text)) !== 0);
}

/** Cuts compound sentences whose halves are about different responses ("A does X, while B does Y"). */
function splitContrasts(text: string, segs: Segment[], raw: readonly RawMention[]): Segment[] {
  const out: Segment[] = [];
  let r = 0;
  for (const seg of segs) {
    while (r < raw.length && (raw[r] as RawMention).start < seg.start) r++;
    if (seg.kind !== 'sentence' && seg.kind !== 'item') {
      out.push(seg);
      continue;
    }
    let rEnd = r;
    while (rEnd < raw.length && (raw[rEnd] as RawMention).start < seg.end) rEnd++;
    const inSeg = raw.slice(r, rEnd);
    if (inSeg.length < 2) {
      out.push(seg);
      continue;
    }
    let from = seg.start;
    for (const cut of contrastCuts(text, seg.start, seg.end)) {
      const left = new Set(inSeg.filter((m) => m.start >= from && m.end <= cut).map((m) => m.slot));
      // The right half must open on its own subject ("…, while Response A …"), not merely compare
      // with the other response later on ("…, but less accurate than Assistant A's").
      const opener = inSeg.find((m) => m.start > cut && m.end <= seg.end);
      const opensWithMention = opener !== undefined && text.slice(cut, opener.start).split(/\s+/).filter(Boolean).length <= 4;
      if (!opensWithMention || left.size === 0 || left.has(opener.slot)) continue;
      let leftEnd = cut;
      while (leftEnd > from && /\s/.test(text[leftEnd - 1] ?? '')) leftEnd--;
      out.push({ ...seg, start: from, end: leftEnd });
      from = cut + 1;
      while (from < seg.end && /\s/.test(text[from] ?? '')) from++;
    }
    out.push({ ...seg, start: from });
  }
  return out;
}

function insideAny(tok: Token, spans: readonly { start: number; end: number }[]): boolean {
  return spans.some((s) => s.start <= tok.start && tok.end <= s.end && s.end > s.start);
}

/** Is what remains, once mentions, verdict tokens and verdict vocabulary are gone, nothing at all? */
function contentFree(tokens: readonly Token[], mentions: readonly ResolvedMention[], verdictSpans: readonly { start: number; end: number }[]): boolean {
  for (const tok of tokens) {
    if (tok.kind === 'punct' || insideAny(tok, mentions) || insideAny(tok, verdictSpans)) continue;
    if (tok.kind === 'number') return false;
    if (tok.kind === 'run') {
      if (tok.text.replace(VERDICT_CJK, '').length > 0) return false;
      continue;
    }
    const w = foldWord(tok.text);
    if (!STOP_WORDS.has(w) && !VERDICT_WORDS.has(w)) return false;
  }
  return true;
}

function neutralize(text: string, start: number, end: number, mentions: readonly ResolvedMention[]): string {
  let out = '';
  let pos = start;
  for (const m of mentions) {
    if (m.end <= m.start || m.start < pos) continue;
    out += text.slice(pos, m.start) + 'the response';
    pos = m.end;
  }
  return out + text.slice(pos, end);
}

function prepareSide(text: string, order: PresentationOrder): PreparedSide {
  const raw = findMentions(text);
  const segs = splitContrasts(
    text,
    // A "label" that evaluates ("Assistant A's answer is incorrect:") is a claim after all.
    segment(text).map((s) => (s.kind === 'label' && hasCue(tokenize(text, s.start, s.end)) ? { ...s, kind: 'sentence' } : s)),
    raw,
  );
  const resolved = resolveMentions(text, segs, raw, order);
  const verdictSpans: { start: number; end: number }[] = [];
  VERDICT_TOKEN.lastIndex = 0;
  for (let m = VERDICT_TOKEN.exec(text); m !== null; m = VERDICT_TOKEN.exec(text)) verdictSpans.push({ start: m.index, end: m.index + m[0].length });

  const claims: PreparedClaim[] = [];
  const skipped: SkippedSegment[] = [];
  let v = 0;
  segs.forEach((seg, i) => {
    // Segments and verdict tokens are both in text order: walk them together.
    while (v < verdictSpans.length && (verdictSpans[v] as { end: number }).end <= seg.start) v++;
    if (seg.kind === 'heading' || seg.kind === 'label' || seg.kind === 'rule' || seg.kind === 'verdict' || seg.kind === 'filler') {
      skipped.push({ start: seg.start, end: seg.end, kind: seg.kind });
      return;
    }
    const kind = seg.kind;
    const mentions = resolved[i] ?? [];
    const tokens = tokenize(text, seg.start, seg.end);
    const localVerdicts: { start: number; end: number }[] = [];
    for (let k = v; k < verdictSpans.length && (verdictSpans[k] as { start: number }).start < seg.end; k++) localVerdicts.push(verdictSpans[k] as { start: number; end: number });
    if (kind !== 'code' && kind !== 'quote' && contentFree(tokens, mentions, localVerdicts)) {
      const verdictish = mentions.length > 0 || localVerdicts.length > 0 || tokens.some((t) => VERDICT_WORDS.has(foldWord(t.text)));
      skipped.push({ start: seg.start, end: seg.end, kind: verdictish ? 'verdict' : 'filler' });
      return;
    }
    if ((kind === 'sentence' || kind === 'item') && PROCEDURAL.test(text.slice(seg.start, seg.end)) && !hasCue(tokens)) {
      skipped.push({ start: seg.start, end: seg.end, kind: 'filler' });
      return;
    }
    const neutralTokens = tokens.filter((t) => !insideAny(t, mentions) && !insideAny(t, localVerdicts));
    const terms = claimTerms(neutralTokens);
    if (terms.size === 0 && kind !== 'code' && kind !== 'quote') {
      skipped.push({ start: seg.start, end: seg.end, kind: 'filler' });
      return;
    }
    const { polarities, evaluative } = readPolarity(text, seg.start, seg.end, mentions, tokens);
    claims.push({
      start: seg.start,
      end: seg.end,
      kind,
      mentions: mentions.map((m, k) => ({ response: m.response, polarity: polarities[k] ?? 'neutral', start: m.start, end: m.end, implicit: m.implicit })),
      evaluative,
      terms,
      grams: claimGrams(neutralTokens),
      neutralText: neutralize(text, seg.start, seg.end, mentions),
    });
  });
  return { text, claims, skipped };
}

interface Prepared {
  input: AlignInput;
  gold: PreparedSide;
  rationale: PreparedSide;
  goldFeatures: ClaimFeatures[];
  rationaleFeatures: ClaimFeatures[];
}

function prepare(input: AlignInput): Prepared {
  const gold = prepareSide(input.gold, input.goldOrder ?? 'original');
  const rationale = prepareSide(input.rationale, input.rationaleOrder ?? 'original');
  const weighted = weighTerms([...gold.claims, ...rationale.claims].map((c) => c.terms));
  const features = (side: PreparedSide, name: 'gold' | 'rationale', offset: number): ClaimFeatures[] =>
    side.claims.map((c, index) => ({
      side: name,
      index,
      text: side.text.slice(c.start, c.end),
      neutralText: c.neutralText,
      terms: weighted[offset + index] ?? new Map<string, number>(),
      grams: c.grams,
    }));
  return {
    input,
    gold,
    rationale,
    goldFeatures: features(gold, 'gold', 0),
    rationaleFeatures: features(rationale, 'rationale', gold.claims.length),
  };
}

function scoreAllPairs(p: Prepared, similarity: ClaimSimilarity, budget: WorkBudget): ScoredPair[] {
  if (similarity.candidates) return similarity.candidates(p.goldFeatures, p.rationaleFeatures, budget);
  const out: ScoredPair[] = [];
  for (const g of p.goldFeatures) {
    for (const r of p.rationaleFeatures) {
      if (!budget.spend(g.terms.size + r.terms.size + 1)) return out;
      const score = similarity.score(g, r);
      if (score >= similarity.threshold) out.push({ gold: g.index, rationale: r.index, score });
    }
  }
  return out;
}

function finish(p: Prepared, scored: readonly ScoredPair[], matchThreshold: number, deadline: number, coverageThreshold: number, budgetHit: boolean, tier: AlignerTier): Alignment {
  const { input, gold, rationale } = p;
  const goldLabel = input.goldLabel ?? null;
  const matched: MatchedPair[] = matchGreedy(scored, gold.claims.length, rationale.claims.length);

  const toClaim = (c: PreparedClaim, text: string, cls: ClaimClass): Claim => ({
    text: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    kind: c.kind,
    class: cls,
    match: null,
    mentions: c.mentions,
    weight: decisiveness(c.kind, c.mentions, c.evaluative, goldLabel, text.slice(c.start, c.end)),
    score: null,
  });
  const goldClaims = gold.claims.map((c) => toClaim(c, gold.text, 'missing'));
  const rationaleClaims = rationale.claims.map((c) => toClaim(c, rationale.text, 'extra'));

  let truncated = budgetHit;
  const pairs: AlignedPair[] = [];
  // Primary pairs first so their diffs get the time budget before secondary ones.
  const ordered = [...matched].sort((a, b) => Number(b.primary) - Number(a.primary) || a.gold - b.gold || a.rationale - b.rationale);
  for (const m of ordered) {
    const g = gold.claims[m.gold] as PreparedClaim;
    const r = rationale.claims[m.rationale] as PreparedClaim;
    const conflict = isConflict(g.mentions, r.mentions, goldLabel);
    const remaining = deadline - Date.now();
    const diff = wordDiff(
      { text: gold.text, start: g.start, end: g.end, mentions: g.mentions },
      { text: rationale.text, start: r.start, end: r.end, mentions: r.mentions },
      { ...DEFAULT_DIFF_LIMITS, timeoutMs: Math.min(DEFAULT_DIFF_LIMITS.timeoutMs, remaining) },
    );
    if (diff.truncated) truncated = true;
    pairs.push({ gold: m.gold, rationale: m.rationale, score: m.score, primary: m.primary, conflict, diff: diff.spans, truncated: diff.truncated });

    const cls: ClaimClass = conflict ? 'conflict' : 'shared';
    const gc = goldClaims[m.gold] as Claim;
    const rc = rationaleClaims[m.rationale] as Claim;
    // A claim keeps its primary match; a secondary pair only fills a claim that had none.
    if (m.primary || gc.match === null) Object.assign(gc, { class: cls, match: m.rationale, score: m.score });
    if (m.primary || rc.match === null) Object.assign(rc, { class: cls, match: m.gold, score: m.score });
  }
  pairs.sort((a, b) => a.gold - b.gold || a.rationale - b.rationale);

  let total = 0;
  let covered = 0;
  let conflicted = 0;
  for (const c of goldClaims) {
    total += c.weight;
    if (c.class === 'shared') covered += c.weight;
    if (c.class === 'conflict') conflicted += c.weight;
  }
  const coverage = goldClaims.length === 0 || total === 0 ? null : covered / total;
  // A gold reason pinned on the wrong response is worse than a missing one (R-Align counts "right
  // reason, wrong response" as misaligned), so conflicts are subtracted, not merely not added.
  const conflictShare = total === 0 ? 0 : conflicted / total;
  const estimateScore = coverage === null ? null : coverage - conflictShare;
  return {
    coverage,
    conflictShare: coverage === null ? null : conflictShare,
    estimate: estimateScore === null ? null : estimateScore >= coverageThreshold ? 'aligned' : 'misaligned',
    threshold: coverageThreshold,
    matchThreshold,
    gold: goldClaims,
    rationale: rationaleClaims,
    pairs,
    skipped: { gold: gold.skipped, rationale: rationale.skipped },
    truncated,
    disclaimer: ESTIMATE_DISCLAIMER,
    tier,
  };
}

/** Aligns a rationale against a gold judgment with a synchronous similarity (lexical by default). */
export function alignRationale(input: AlignInput, options: AlignOptions = {}): Alignment {
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const similarity = options.similarity ?? new LexicalSimilarity();
  const p = prepare(input);
  const budget = new WorkBudget(MAX_MATCH_UNITS, started + 2 * (options.deadlineMs ?? DEFAULT_DEADLINE_MS));
  const scored = scoreAllPairs(p, similarity, budget);
  return finish(p, scored, similarity.threshold, deadline, options.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD, budget.exhausted, { kind: 'lexical' });
}

/** An alignment from a batch similarity, with the gold × rationale claim scores it was matched on. */
export interface ScoredAlignment extends Alignment {
  /** Kept (journaled) so the alignment can be rebuilt with alignRationaleFromScores and no request. */
  scores: number[][];
}

interface ScoresOptions {
  threshold: number;
  tier: AlignerTier;
  deadlineMs?: number;
  coverageThreshold?: number;
}

function fromScores(p: Prepared, scores: readonly (readonly number[])[], options: ScoresOptions): Alignment {
  const scored: ScoredPair[] = [];
  p.goldFeatures.forEach((g, gi) => {
    p.rationaleFeatures.forEach((r, ri) => {
      const s = scores[gi]?.[ri];
      if (typeof s === 'number' && Number.isFinite(s) && s >= options.threshold) scored.push({ gold: g.index, rationale: r.index, score: s });
    });
  });
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  return finish(p, scored, options.threshold, deadline, options.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD, false, options.tier);
}

/**
 * Same, with an asynchronous batch similarity (e.g. an embedding endpoint): one `scoreBatch`
 * call for the whole gold × rationale matrix. The deadline covers only the local work after it.
 */
export async function alignRationaleAsync(
  input: AlignInput,
  options: { similarity: BatchClaimSimilarity; deadlineMs?: number; coverageThreshold?: number },
): Promise<ScoredAlignment> {
  const p = prepare(input);
  const scores = p.goldFeatures.length > 0 && p.rationaleFeatures.length > 0 ? (await options.similarity.scoreBatch(p.goldFeatures, p.rationaleFeatures)).map((row) => [...row]) : [];
  const tier = options.similarity.tier ?? { kind: 'embedding' as const, model: 'unknown' };
  return { ...fromScores(p, scores, { ...options, threshold: options.similarity.threshold, tier }), scores };
}

/** The alignment a batch similarity gave, rebuilt from its journaled scores (the same claims, so the same matrix shape). */
export function alignRationaleFromScores(input: AlignInput, scores: readonly (readonly number[])[], options: ScoresOptions): Alignment {
  return fromScores(prepare(input), scores, options);
}
