/**
 * How far the aligner agrees with people. MetaCritique's annotators split a reference critique into
 * atomic claims and marked, for each, whether another critique states it (`recall_labels`). Each
 * claim the aligner calls `shared` is "covered"; the figures compare that with the human labels:
 * accuracy, precision, recall and Cohen's κ, beside the word-containment baseline with its best
 * threshold measured on the same items (an optimistic floor to beat).
 */
import type { Alignment } from './lexical/types';

/** One human judgment: is the reference claim `claim` stated in the critique `candidate`? */
export interface CoverageItem {
  readonly entry: number;
  readonly critic: string;
  /** The reference critique's atomic claims, in order (the gold judgment). */
  readonly claims: readonly string[];
  readonly candidate: string;
  /** One label per claim. */
  readonly labels: readonly boolean[];
}

export class AnnotationError extends Error {}

const CRITICS = ['human_critique', 'llm1_critique', 'llm2_critique'] as const;

/** Reads MetaCritique annotation data (`annotation_data.json`: a list of entries); names the entry and field at fault. */
export function readMetaCritique(value: unknown, where: string): CoverageItem[] {
  if (!Array.isArray(value)) throw new AnnotationError(`${where}: expected a JSON list of MetaCritique entries`);
  const items: CoverageItem[] = [];
  value.forEach((entry: unknown, i) => {
    const e = entry as Record<string, { aius?: unknown; critique?: unknown; recall_labels?: unknown } | undefined>;
    const claims = e?.gpt4_critique?.aius;
    if (!Array.isArray(claims) || !claims.every((c) => typeof c === 'string')) throw new AnnotationError(`${where}: entry ${i}: gpt4_critique.aius should be a list of claims`);
    for (const critic of CRITICS) {
      const c = e[critic];
      if (!c) continue;
      const labels = c.recall_labels;
      if (typeof c.critique !== 'string' || !Array.isArray(labels) || labels.length !== claims.length || !labels.every((l) => typeof l === 'boolean')) {
        throw new AnnotationError(`${where}: entry ${i}: ${critic} needs a critique and one boolean recall label per reference claim (${claims.length})`);
      }
      items.push({ entry: i, critic, claims: claims, candidate: c.critique, labels: labels });
    }
  });
  return items;
}

/** The reference claims joined into one gold text, with where each claim sits. */
export function goldText(claims: readonly string[]): { text: string; ranges: [number, number][] } {
  const ranges: [number, number][] = [];
  let text = '';
  for (const c of claims) {
    if (text) text += '\n\n';
    ranges.push([text.length, text.length + c.length]);
    text += c;
  }
  return { text, ranges };
}

/** Per reference claim: covered when any aligner claim inside it is `shared`. */
export function coveredClaims(alignment: Alignment, ranges: readonly [number, number][]): boolean[] {
  return ranges.map(([s, e]) => alignment.gold.some((c) => c.class === 'shared' && c.start < e && c.end > s));
}

export interface Agreement {
  readonly n: number;
  readonly accuracy: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly kappa: number | null;
  readonly table: { readonly tp: number; readonly fp: number; readonly fn: number; readonly tn: number };
}

/** Accuracy, precision, recall of "covered" and Cohen's κ against the labels. */
export function agreement(predicted: readonly boolean[], labels: readonly boolean[]): Agreement {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  predicted.forEach((p, i) => {
    const l = labels[i] === true;
    if (p && l) tp++;
    else if (p) fp++;
    else if (l) fn++;
    else tn++;
  });
  const n = tp + fp + fn + tn;
  const po = n ? (tp + tn) / n : 0;
  const pe = n ? ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n) : 0;
  return {
    n,
    accuracy: po,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
    kappa: n && pe < 1 ? (po - pe) / (1 - pe) : null,
    table: { tp, fp, fn, tn },
  };
}

const WORD = /[\p{L}\p{N}]+/gu;
const STOP = new Set('a an and are as at be by for from has have in is it its of on or that the this to was were which with not no'.split(' '));

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(WORD) ?? []).filter((w) => !STOP.has(w)));
}

/** Share of a claim's content words that the candidate contains (the word-overlap baseline). */
export function containment(claim: string, candidate: Set<string>): number {
  const w = words(claim);
  if (w.size === 0) return 0;
  let hit = 0;
  for (const x of w) if (candidate.has(x)) hit++;
  return hit / w.size;
}

/** The containment baseline at the threshold with the best κ on these items (so: an optimistic floor). */
export function containmentBaseline(items: readonly CoverageItem[]): { threshold: number; agreement: Agreement } {
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (const item of items) {
    const cand = words(item.candidate);
    item.claims.forEach((c, i) => {
      scores.push(containment(c, cand));
      labels.push(item.labels[i] === true);
    });
  }
  let best = { threshold: 0.5, agreement: agreement(scores.map((s) => s >= 0.5), labels) };
  for (let t = 0.05; t <= 0.951; t += 0.05) {
    const a = agreement(scores.map((s) => s >= t), labels);
    if ((a.kappa ?? -1) > (best.agreement.kappa ?? -1)) best = { threshold: Math.round(t * 100) / 100, agreement: a };
  }
  return best;
}
