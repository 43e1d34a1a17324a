/**
 * From scored claim pairs to classes, weights and the coverage estimate.
 *
 * Matching is one-to-one greedy by descending score (ties: earlier claims first), which is what a
 * reader expects from a side-by-side view. A claim left without a partner but scoring above the
 * threshold against an already-matched one is attached as a SECONDARY match: a gold reason the
 * rationale states inside a longer sentence that already matched another gold reason is still
 * stated, and should not be reported missing.
 */
import type { Label } from '../../record/record';
import type { ResponseId } from './mentions';
import type { Polarity } from './polarity';
import type { ClaimKind } from './segment';
import type { ScoredPair } from './similarity';

export interface MentionLike {
  response: ResponseId;
  polarity: Polarity;
}

export interface MatchedPair extends ScoredPair {
  /** False for secondary matches (see above). */
  primary: boolean;
}

export function matchGreedy(pairs: readonly ScoredPair[], goldCount: number, rationaleCount: number): MatchedPair[] {
  const sorted = [...pairs].sort((a, b) => b.score - a.score || a.gold - b.gold || a.rationale - b.rationale);
  const goldUsed = new Uint8Array(goldCount);
  const rationaleUsed = new Uint8Array(rationaleCount);
  const out: MatchedPair[] = [];
  for (const p of sorted) {
    if (goldUsed[p.gold] || rationaleUsed[p.rationale]) continue;
    goldUsed[p.gold] = 1;
    rationaleUsed[p.rationale] = 1;
    out.push({ ...p, primary: true });
  }
  // Secondary: the best remaining pair of each still-unmatched claim (sorted order = best first).
  for (const p of sorted) {
    if (goldUsed[p.gold] && rationaleUsed[p.rationale]) continue;
    if (!goldUsed[p.gold] || !rationaleUsed[p.rationale]) {
      goldUsed[p.gold] = 1;
      rationaleUsed[p.rationale] = 1;
      out.push({ ...p, primary: false });
    }
  }
  return out;
}

/**
 * Which way a claim leans: +1 per praise of A or criticism of B, −1 per praise of B or criticism of
 * A. "A is wrong" and "B is right" lean the same way; "A is wrong" and "B is wrong" do not.
 */
function direction(mentions: readonly MentionLike[]): number {
  let d = 0;
  for (const m of mentions) {
    const s = m.polarity === 'positive' ? 1 : m.polarity === 'negative' ? -1 : 0;
    d += m.response === 'A' ? s : -s;
  }
  return d;
}

/**
 * Same content, different attribution: both claims take a side and take opposite ones ("A has a
 * math error" vs "B has a calculation mistake"; "A is correct" vs "A is incorrect"), or neither
 * takes a side and they name disjoint responses ("A uses recursion" vs "B uses recursion").
 *
 * A neutral mention is usually a cue the lexicon missed ("B checks for an empty list first").
 * With a gold label it is read as leaning the way judgments usually lean — a neutral statement
 * about the winner as praise, about the loser as criticism — so "B checks for an empty list"
 * (winner B) conflicts with "A handles the empty list correctly". Without a label, one side
 * neutral and the other polar is not called a conflict.
 */
export function isConflict(gold: readonly MentionLike[], rationale: readonly MentionLike[], goldLabel?: Label | null): boolean {
  const impute = (ms: readonly MentionLike[]): readonly MentionLike[] =>
    goldLabel === 'A' || goldLabel === 'B'
      ? ms.map((m) => (m.polarity !== 'neutral' ? m : { response: m.response, polarity: m.response === goldLabel ? 'positive' : 'negative' }))
      : ms;
  const dg = direction(impute(gold));
  const dr = direction(impute(rationale));
  if (dg !== 0 && dr !== 0) return Math.sign(dg) !== Math.sign(dr);
  if (dg === 0 && dr === 0 && gold.length > 0 && rationale.length > 0) {
    const g = new Set(gold.map((m) => m.response));
    return !rationale.some((m) => g.has(m.response));
  }
  return false;
}

/**
 * Decisiveness weight of a claim, used for coverage. The meta-judge question is whether the
 * rationale gives the gold judgment's DECISIVE reasons, so:
 *   1.0  the claim judges a response (a mention with a polarity): "A miscounts the overlap";
 *   0.8  it names a response and uses evaluative words without a clear sign;
 *   0.6  it names a response neutrally ("B uses recursion"), or evaluates without naming one;
 *   0.3  background (restating the task, the judge's own worked answer);
 *   0.25 code blocks and quotations (evidence, not reasons).
 * With a gold label, a claim leaning AGAINST the winner is a concession ("A is nicely formatted,
 * but …") and counts half. Finally the writer's own salience words scale it: "the decisive /
 * main / critical problem" ×1.5, "also somewhat / a minor issue / slightly" ×0.6.
 */
export function decisiveness(
  kind: ClaimKind,
  mentions: readonly MentionLike[],
  evaluative: number,
  goldLabel: Label | null | undefined,
  text = '',
): number {
  if (kind === 'code' || kind === 'quote') return 0.25;
  const polar = mentions.some((m) => m.polarity !== 'neutral');
  let w = polar ? 1 : mentions.length > 0 ? (evaluative > 0 ? 0.8 : 0.6) : evaluative > 0 ? 0.6 : 0.3;
  const d = direction(mentions);
  if ((goldLabel === 'A' || goldLabel === 'B') && d !== 0 && Math.sign(d) !== (goldLabel === 'A' ? 1 : -1)) w *= 0.5;
  if (BOOSTERS.test(text)) w *= 1.5;
  else if (HEDGES.test(text)) w *= 0.6;
  return Math.round(w * 1000) / 1000;
}

const BOOSTERS =
  /\b(?:decisive(?:ly)?|crucial(?:ly)?|critical(?:ly)?|key (?:issue|problem|difference|error|flaw|point|factor|reason)|main (?:issue|problem|difference|error|flaw|reason)|major (?:issue|problem|error|flaw)|most importantly|fundamental(?:ly)?|fatal|serious(?:ly)?|primary (?:issue|problem|reason))\b|关键|主要问题|致命|décisi(?:f|ve)|principal(?:e)? (?:problème|erreur|défaut)/iu;
const HEDGES =
  /\b(?:also somewhat|somewhat|slightly|minor|a bit|a little|small (?:issue|problem|nit)|nitpick|trivial|cosmetic|in addition|additionally)\b|略微|稍微|次要|mineur(?:e)?|légèrement/iu;

/**
 * Default threshold of the estimate (on coverage − conflictShare). Gold judgments usually state a
 * decisive reason from both sides ("A miscounts …; B counts correctly"), and rationales the cases
 * label aligned often give only one side of it, so aligned rationales sit at 0.37–1.0 while
 * misaligned ones (vague, a different reason, the wrong response) sit at 0–0.27 on
 * test/unit/core/align/cases.ts (dev + first held-out batch); 0.35 lies in that gap. It is a heuristic
 * cut-off, reported with every estimate, not a calibrated probability.
 */
export const DEFAULT_COVERAGE_THRESHOLD = 0.35;
