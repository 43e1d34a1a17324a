/**
 * Anchoring a model's quote to UTF-16 offsets in the original text. Models re-space, re-case, drop
 * Markdown emphasis, straighten quotes and elide with "…"; the anchor tolerates exactly that and
 * small word-level slips, and returns null for a quote that is not in the text, so an invented quote
 * can never become a highlight. Linear in the text per quote (bounded candidate windows).
 */

export interface Anchor {
  start: number;
  end: number;
  /** 'exact' after normalisation; 'fuzzy' when a few words differ. */
  how: 'exact' | 'fuzzy';
}

/** Quotes longer than this are refused (a point is a sentence or two, not the text). */
export const MAX_QUOTE_CHARS = 4000;
/** Share of the quote's words that must be found, in order, for a fuzzy anchor. */
const FUZZY_MIN_SHARE = 0.85;
const FUZZY_MIN_WORDS = 4;
const MAX_CANDIDATES = 2000;

const FOLD: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"', '\u2013': '-', '\u2014': '-', '\u00A0': ' ' };
const DROPPED = new Set(['*', '_', '`', '#', '>']);

interface Folded {
  text: string;
  /** Original index of each folded character. */
  at: number[];
}

/** Lower-cased, whitespace runs as one space, emphasis marks dropped, typographic quotes straightened. */
function fold(s: string): Folded {
  let text = '';
  const at: number[] = [];
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const raw = s[i] as string;
    if (DROPPED.has(raw)) continue;
    const ch = FOLD[raw] ?? raw;
    if (/\s/.test(ch)) {
      if (!space) {
        text += ' ';
        at.push(i);
        space = true;
      }
      continue;
    }
    text += ch.toLowerCase();
    at.push(i);
    space = false;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    at.pop();
  }
  return { text, at };
}

function trimQuote(q: string): string {
  return q.trim().replace(/^["'\u201C\u2018«]+|["'\u201D\u2019»]+$/g, '').trim();
}

function span(f: Folded, from: number, to: number): { start: number; end: number } {
  return { start: f.at[from] as number, end: (f.at[to - 1] as number) + 1 };
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function words(f: Folded): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(f.text); m; m = re.exec(f.text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Best in-order match of the quote's words in a window after each plausible start. */
function fuzzy(f: Folded, q: Folded): { start: number; end: number } | null {
  const qw = words(q).map((w) => w.text);
  if (qw.length < FUZZY_MIN_WORDS) return null;
  const tw = words(f);
  const heads = new Set(qw.slice(0, 3));
  const window = Math.ceil(qw.length * 1.25) + 1;
  let best: { score: number; from: number; to: number } | null = null;
  let candidates = 0;
  for (let s = 0; s < tw.length && candidates < MAX_CANDIDATES; s++) {
    if (!heads.has((tw[s] as Word).text)) continue;
    candidates++;
    let qi = qw.indexOf((tw[s] as Word).text);
    let matched = 1;
    let last = s;
    for (let t = s + 1; t < tw.length && t < s + window && qi < qw.length - 1; t++) {
      // Look a couple of quote words ahead so one changed or dropped word does not end the run.
      for (let k = 1; k <= 3 && qi + k < qw.length; k++) {
        if (qw[qi + k] === (tw[t] as Word).text) {
          qi += k;
          matched++;
          last = t;
          break;
        }
      }
    }
    const score = matched / qw.length;
    if (!best || score > best.score) best = { score, from: s, to: last };
  }
  if (!best || best.score < FUZZY_MIN_SHARE) return null;
  return span(f, (tw[best.from] as Word).start, (tw[best.to] as Word).end);
}

/**
 * Where `quote` sits in `text`, or null. A quote elided with "..." or "…" must have every piece in
 * order; the anchor then spans from the first piece to the last.
 */
export function anchorQuote(text: string, quote: string, folded: { text: string; at: number[] } = fold(text)): Anchor | null {
  const trimmed = trimQuote(quote);
  if (!trimmed || trimmed.length > MAX_QUOTE_CHARS) return null;
  const pieces = trimmed
    .split(/\.{3,}|\u2026|\[\.\.\.\]/)
    .map((p) => fold(p).text.trim().replace(/[.,;:!?]+$/, ''))
    .filter((p) => p.length > 0);
  if (pieces.length === 0) return null;
  let from = 0;
  let first = -1;
  let end = -1;
  for (const p of pieces) {
    const i = folded.text.indexOf(p, from);
    if (i < 0) {
      first = -1;
      break;
    }
    if (first < 0) first = i;
    end = i + p.length;
    from = end;
  }
  if (first >= 0 && end > first) return { ...span(folded, first, end), how: 'exact' };
  const f = fuzzy(folded, fold(trimmed));
  return f ? { ...f, how: 'fuzzy' } : null;
}

/** Folds a text once for many quotes. */
export function foldForAnchors(text: string): { text: string; at: number[] } {
  return fold(text);
}
