/**
 * The model-backed aligner: one chat call per (gold, rationale) pair returns a quote-anchored
 * checklist (checklist.ts); each quote is anchored to UTF-16 offsets in the original text
 * (anchor.ts) and a quote that is not there is dropped and reported, never highlighted. The result
 * keeps the lexical aligner's claim contract (shared / missing / extra / conflict, offsets,
 * matches), so every view shows it the same way, and says which model produced it. Answers are
 * cached by content, so aligning the same pair again costs no request.
 */
import type { CacheStore } from '../../llm/cache';
import { cacheKey } from '../../llm/cache';
import type { LlmClient } from '../../llm/client';
import { LlmCallError } from '../../llm/client';
import { DEFAULT_COVERAGE_THRESHOLD } from '../lexical/classify';
import type { Anchor, AnchorWork } from '../lexical/anchor';
import { anchorQuote, foldForAnchors } from '../lexical/anchor';
import type { Checklist } from './checklist';
import { CHECKLIST_PROMPT_VERSION, CHECKLIST_RESPONSE_FORMAT, ChecklistError, checklistMessages, parseChecklist } from './checklist';
import type { AlignedPair, Alignment, Claim, ClaimClass } from '../lexical/types';
import { DEFAULT_DIFF_LIMITS, wordDiff } from '../lexical/worddiff';

const LLM_ESTIMATE_DISCLAIMER =
  "Estimate from a model's claim checklist; not a fidelity verdict and never counted into S-Corr.";

/** A quote of the model's answer that could not be placed in the text it claims to quote. */
export interface DroppedQuote {
  side: 'gold' | 'rationale';
  quote: string;
  reason: string;
}

export interface LlmAlignment extends Alignment {
  /** Quotes dropped (not in the text, or overlapping a point already placed). */
  dropped: DroppedQuote[];
  /** Entries of the answer that were not valid points. */
  problems: string[];
  /** True when the answer came from the cache (no request made). */
  cached: boolean;
  /** The model's answer as received (what the alignment journal keeps). */
  answer: string;
}

interface Placed {
  start: number;
  end: number;
}

function overlaps(a: Placed, placed: readonly Placed[]): number {
  return placed.findIndex((p) => a.start < p.end && p.start < a.end);
}

const claimOf = (text: string, a: Placed, cls: ClaimClass): Claim => ({ text: text.slice(a.start, a.end), start: a.start, end: a.end, kind: 'sentence', class: cls, match: null, mentions: [], weight: 1, score: null });

/** Builds the claim contract from a parsed checklist and the two original texts. */
/** Anchoring steps between two turns given back to the event loop (a few milliseconds of work). */
export const ANCHOR_STEPS_PER_TURN = 1_000_000;

type ChecklistAlignment = Omit<LlmAlignment, 'cached' | 'answer'>;

/** `work` counts the anchoring's steps (linear in the texts and the quotes; see anchor.ts). */
export function alignmentFromChecklist(gold: string, rationale: string, list: Checklist, model: string, coverageThreshold = DEFAULT_COVERAGE_THRESHOLD, work: AnchorWork = { steps: 0 }): ChecklistAlignment {
  const steps = placing(gold, rationale, list, model, coverageThreshold, work);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same, giving the event loop a turn after every ANCHOR_STEPS_PER_TURN steps of anchoring, so a
 * hostile checklist against a long text never holds the extension host's thread for long. `turns`
 * counts the turns given.
 */
export async function alignmentFromChecklistYielding(gold: string, rationale: string, list: Checklist, model: string, coverageThreshold = DEFAULT_COVERAGE_THRESHOLD, work: AnchorWork & { turns?: number } = { steps: 0 }): Promise<ChecklistAlignment> {
  const steps = placing(gold, rationale, list, model, coverageThreshold, work);
  let next = work.steps + ANCHOR_STEPS_PER_TURN;
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    if (work.steps >= next) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      work.turns = (work.turns ?? 0) + 1;
      next = work.steps + ANCHOR_STEPS_PER_TURN;
    }
  }
}

/** Places the checklist's quotes one by one, pausing (yield) after each. */
function* placing(gold: string, rationale: string, list: Checklist, model: string, coverageThreshold: number, work: AnchorWork): Generator<void, ChecklistAlignment> {
  const dropped: DroppedQuote[] = [];
  const goldFold = foldForAnchors(gold);
  const ratFold = foldForAnchors(rationale);
  const goldClaims: Claim[] = [];
  const ratClaims: Claim[] = [];
  const links: [number, number, boolean][] = [];
  const placeRationale = (quote: string, cls: ClaimClass): number | null => {
    const a: Anchor | null = anchorQuote(rationale, quote, ratFold, work);
    if (!a) {
      dropped.push({ side: 'rationale', quote, reason: 'not in the rationale' });
      return null;
    }
    const at = overlaps(a, ratClaims);
    if (at >= 0) return at;
    ratClaims.push(claimOf(rationale, a, cls));
    return ratClaims.length - 1;
  };
  for (const p of list.goldPoints) {
    yield;
    const a = anchorQuote(gold, p.goldQuote, goldFold, work);
    if (!a) {
      dropped.push({ side: 'gold', quote: p.goldQuote, reason: 'not in the gold judgment' });
      continue;
    }
    if (overlaps(a, goldClaims) >= 0) {
      dropped.push({ side: 'gold', quote: p.goldQuote, reason: 'overlaps a point already placed' });
      continue;
    }
    // A "stated" or "contradicted" without a quote that is really in the rationale is unverified:
    // it counts as missing, so an invented quote can neither highlight nor raise coverage.
    let cls: ClaimClass = 'missing';
    let match: number | null = null;
    if (p.status !== 'missing' && p.rationaleQuote) {
      yield;
      match = placeRationale(p.rationaleQuote, p.status === 'stated' ? 'shared' : 'conflict');
      if (match !== null) cls = p.status === 'stated' ? 'shared' : 'conflict';
    } else if (p.status !== 'missing') {
      dropped.push({ side: 'rationale', quote: '', reason: `"${p.point}" is ${p.status} without a quote from the rationale` });
    }
    goldClaims.push({ ...claimOf(gold, a, cls), match: null });
    if (match !== null) links.push([goldClaims.length - 1, match, cls === 'conflict']);
  }
  for (const e of list.extraPoints) {
    yield;
    placeRationale(e.rationaleQuote, 'extra');
  }

  // Claims in text order, matches renumbered.
  const order = (cs: Claim[]): number[] => cs.map((_, i) => i).sort((x, y) => (cs[x] as Claim).start - (cs[y] as Claim).start);
  const gOrder = order(goldClaims);
  const rOrder = order(ratClaims);
  const gNew = new Map(gOrder.map((old, i) => [old, i]));
  const rNew = new Map(rOrder.map((old, i) => [old, i]));
  const g = gOrder.map((i) => ({ ...(goldClaims[i] as Claim) }));
  const r = rOrder.map((i) => ({ ...(ratClaims[i] as Claim) }));
  const pairs: AlignedPair[] = [];
  for (const [gi0, ri0, conflict] of links) {
    const gi = gNew.get(gi0) as number;
    const ri = rNew.get(ri0) as number;
    const gc = g[gi] as Claim;
    const rc = r[ri] as Claim;
    const primary = rc.match === null;
    gc.match = ri;
    if (primary) Object.assign(rc, { match: gi, class: gc.class });
    const diff = wordDiff({ text: gold, start: gc.start, end: gc.end, mentions: [] }, { text: rationale, start: rc.start, end: rc.end, mentions: [] }, DEFAULT_DIFF_LIMITS);
    pairs.push({ gold: gi, rationale: ri, score: 1, primary, conflict, diff: diff.spans, truncated: diff.truncated });
  }
  pairs.sort((a, b) => a.gold - b.gold || a.rationale - b.rationale);
  const total = g.length;
  const coverage = total === 0 ? null : g.filter((c) => c.class === 'shared').length / total;
  const conflictShare = total === 0 ? null : g.filter((c) => c.class === 'conflict').length / total;
  const score = coverage === null ? null : coverage - (conflictShare ?? 0);
  return {
    coverage,
    conflictShare,
    estimate: score === null ? null : score >= coverageThreshold ? 'aligned' : 'misaligned',
    threshold: coverageThreshold,
    matchThreshold: 1,
    gold: g,
    rationale: r,
    pairs,
    skipped: { gold: [], rationale: [] },
    truncated: pairs.some((p) => p.truncated),
    disclaimer: LLM_ESTIMATE_DISCLAIMER,
    tier: { kind: 'llm', model },
    dropped,
    problems: list.problems,
  };
}

export class LlmAligner {
  /** Requests made (a cached repeat makes none). */
  requests = 0;
  /** Whether to send `response_format`; turned off after a server refuses it with a 400. */
  private structured = true;

  constructor(
    private readonly client: LlmClient,
    private readonly cache: CacheStore | null = null,
    private readonly coverageThreshold = DEFAULT_COVERAGE_THRESHOLD,
  ) {}

  private key(gold: string, rationale: string): string {
    const p = this.client.profile;
    return cacheKey({ kind: 'aligner', model: p.model, temperature: p.temperature, maxTokens: p.maxTokens, extraBody: p.extraBody, template: `checklist v${CHECKLIST_PROMPT_VERSION}`, messages: checklistMessages(gold, rationale) });
  }

  private async answer(gold: string, rationale: string, signal?: AbortSignal): Promise<{ content: string; cached: boolean }> {
    const key = this.key(gold, rationale);
    const hit = await this.cache?.get(key);
    if (hit) return { content: hit.content, cached: true };
    const messages = checklistMessages(gold, rationale);
    this.requests++;
    let done;
    try {
      done = await this.client.complete(messages, { ...(signal ? { signal } : {}), ...(this.structured ? { responseFormat: CHECKLIST_RESPONSE_FORMAT } : {}) });
    } catch (err) {
      if (!(this.structured && err instanceof LlmCallError && err.status === 400)) throw err;
      // Servers without structured output refuse the field: ask again in plain JSON, and from now on.
      this.structured = false;
      this.requests++;
      done = await this.client.complete(messages, signal ? { signal } : {});
    }
    return { content: done.content, cached: false };
  }

  /**
   * Aligns one pair. Rejects with LlmCallError when the call fails and ChecklistError when the answer
   * is not a checklist; a malformed answer is not cached, so asking again makes a new request.
   */
  async align(gold: string, rationale: string, signal?: AbortSignal): Promise<LlmAlignment> {
    const { content, cached } = await this.answer(gold, rationale, signal);
    const list = parseChecklist(content);
    if (!cached) await this.cache?.set(this.key(gold, rationale), { content, reasoning: '', finishReason: null, model: this.client.profile.model, createdAt: new Date().toISOString() });
    // Anchoring gives the event loop turns: this runs on the extension host's thread.
    return { ...(await alignmentFromChecklistYielding(gold, rationale, list, this.client.profile.model, this.coverageThreshold)), cached, answer: content };
  }
}

export { ChecklistError };
