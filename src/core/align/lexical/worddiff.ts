/**
 * Word-level diff inside one matched pair of claims, for fine highlighting.
 *
 * Runs jsdiff's Myers implementation (`diffArrays`) over OUR tokens rather than `diffWords` over
 * strings, because we need exact offsets on both sides and want to compare normalized keys:
 * stems ("computes" = "computed"), folded case and accents, and response mentions collapsed to
 * one token per response ("Assistant A" = "Response 1" = "@A"), so that a mention pointing at the
 * other response shows up as a change.
 *
 * Bounded three ways so no input can hang it: an input-size cap (tokens per side), jsdiff's
 * `maxEditLength` and `timeout`. When any bound trips, a linear fallback (common prefix and suffix,
 * the middle as removed + added) is used and the pair is marked `truncated`.
 */
import { diffArrays } from 'diff';
import { foldWord } from './lexicon';
import type { ResolvedMention } from './mentions';
import { stem } from './stem';
import { tokenize } from './tokens';

export interface WordDiffSpan {
  kind: 'same' | 'added' | 'removed';
  goldStart?: number;
  goldEnd?: number;
  rationaleStart?: number;
  rationaleEnd?: number;
}

export interface DiffSide {
  text: string;
  start: number;
  end: number;
  mentions: readonly ResolvedMention[];
}

export interface DiffLimits {
  /** Milliseconds jsdiff may spend on this pair. */
  timeoutMs: number;
  maxEditLength: number;
  /** Sides with more tokens than this skip Myers and use the fallback. */
  maxTokens: number;
}

/**
 * Matched claims are short (a sentence is 10–60 tokens) and similar, so their edit distance is
 * small; Myers costs O((n + m) · D), and these bounds keep one pair under ~1 ms even when it is not.
 */
export const DEFAULT_DIFF_LIMITS: DiffLimits = { timeoutMs: 20, maxEditLength: 120, maxTokens: 250 };

interface KeyedToken {
  key: string;
  start: number;
  end: number;
}

function keyedTokens(side: DiffSide): KeyedToken[] {
  const out: KeyedToken[] = [];
  const spans = side.mentions.filter((m) => m.end > m.start).sort((a, b) => a.start - b.start);
  let m = 0;
  for (const tok of tokenize(side.text, side.start, side.end)) {
    while (m < spans.length && (spans[m] as ResolvedMention).end <= tok.start) m++;
    const mention = spans[m];
    if (mention && mention.start <= tok.start && tok.start < mention.end) {
      const last = out[out.length - 1];
      // One token per mention, however many words it spans.
      if (!last || last.start !== mention.start) out.push({ key: '@' + mention.response, start: mention.start, end: mention.end });
      continue;
    }
    if (tok.kind === 'run') {
      // No spaces to split on: CJK and Thai diff character by character.
      let offset = tok.start;
      for (const ch of tok.text) {
        out.push({ key: ch, start: offset, end: offset + ch.length });
        offset += ch.length;
      }
      continue;
    }
    const key = tok.kind === 'word' ? stem(foldWord(tok.text)) : tok.text;
    out.push({ key, start: tok.start, end: tok.end });
  }
  return out;
}

function spanOf(tokens: readonly KeyedToken[], from: number, count: number): [number, number] {
  return [(tokens[from] as KeyedToken).start, (tokens[from + count - 1] as KeyedToken).end];
}

/** Linear fallback: common prefix, common suffix, the rest removed + added. */
function fallback(g: readonly KeyedToken[], r: readonly KeyedToken[]): WordDiffSpan[] {
  let p = 0;
  while (p < g.length && p < r.length && (g[p] as KeyedToken).key === (r[p] as KeyedToken).key) p++;
  let s = 0;
  while (s < g.length - p && s < r.length - p && (g[g.length - 1 - s] as KeyedToken).key === (r[r.length - 1 - s] as KeyedToken).key) s++;
  const spans: WordDiffSpan[] = [];
  const same = (gi: number, ri: number, n: number): void => {
    if (n === 0) return;
    const [goldStart, goldEnd] = spanOf(g, gi, n);
    const [rationaleStart, rationaleEnd] = spanOf(r, ri, n);
    spans.push({ kind: 'same', goldStart, goldEnd, rationaleStart, rationaleEnd });
  };
  same(0, 0, p);
  if (g.length - p - s > 0) {
    const [goldStart, goldEnd] = spanOf(g, p, g.length - p - s);
    spans.push({ kind: 'removed', goldStart, goldEnd });
  }
  if (r.length - p - s > 0) {
    const [rationaleStart, rationaleEnd] = spanOf(r, p, r.length - p - s);
    spans.push({ kind: 'added', rationaleStart, rationaleEnd });
  }
  same(g.length - s, r.length - s, s);
  return spans;
}

/** Diffs a gold claim against a rationale claim; offsets are into each side's original text. */
export function wordDiff(gold: DiffSide, rationale: DiffSide, limits: DiffLimits = DEFAULT_DIFF_LIMITS): { spans: WordDiffSpan[]; truncated: boolean } {
  const g = keyedTokens(gold);
  const r = keyedTokens(rationale);
  if (g.length > limits.maxTokens || r.length > limits.maxTokens || limits.timeoutMs <= 0) {
    return { spans: fallback(g, r), truncated: true };
  }
  const changes = diffArrays(
    g.map((t) => t.key),
    r.map((t) => t.key),
    { timeout: Math.max(1, Math.floor(limits.timeoutMs)), maxEditLength: limits.maxEditLength },
  );
  if (changes === undefined) return { spans: fallback(g, r), truncated: true };

  const spans: WordDiffSpan[] = [];
  let gi = 0;
  let ri = 0;
  for (const c of changes) {
    const n = c.count;
    if (n === 0) continue;
    if (c.removed) {
      const [goldStart, goldEnd] = spanOf(g, gi, n);
      spans.push({ kind: 'removed', goldStart, goldEnd });
      gi += n;
    } else if (c.added) {
      const [rationaleStart, rationaleEnd] = spanOf(r, ri, n);
      spans.push({ kind: 'added', rationaleStart, rationaleEnd });
      ri += n;
    } else {
      const [goldStart, goldEnd] = spanOf(g, gi, n);
      const [rationaleStart, rationaleEnd] = spanOf(r, ri, n);
      spans.push({ kind: 'same', goldStart, goldEnd, rationaleStart, rationaleEnd });
      gi += n;
      ri += n;
    }
  }
  return { spans, truncated: false };
}
