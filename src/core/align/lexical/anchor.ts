/**
 * Anchoring a model's quote to UTF-16 offsets in the original text. Models re-space, re-case, drop
 * Markdown emphasis, straighten quotes and elide with "…"; the anchor tolerates exactly that and
 * small word-level slips, and returns null for a quote that is not in the text, so an invented quote
 * can never become a highlight. Linear in the text and the quote (see anchorQuote), with a step count.
 */

export interface Anchor {
  start: number;
  end: number;
  /** 'exact' after normalisation; 'fuzzy' when a few words differ. */
  how: 'exact' | 'fuzzy';
}

/** Quotes longer than this are refused (a point is a sentence or two, not the text). */
const MAX_QUOTE_CHARS = 4000;
/** Share of the quote's words that must be found, in order, for a fuzzy anchor. */
const FUZZY_MIN_SHARE = 0.85;
const FUZZY_MIN_WORDS = 4;

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

/**
 * The first index of `piece` in `text` at or after `from`, or -1: Knuth–Morris–Pratt, so at most
 * 2 × (text + piece) steps whatever the two hold (String.indexOf can take text × piece on
 * repetitive input).
 */
function findFrom(text: string, piece: string, from: number, work: AnchorWork): number {
  const m = piece.length;
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && piece.charCodeAt(i) !== piece.charCodeAt(k)) k = fail[k - 1] as number;
    if (piece.charCodeAt(i) === piece.charCodeAt(k)) k++;
    fail[i] = k;
  }
  let k = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    while (k > 0 && c !== piece.charCodeAt(k)) k = fail[k - 1] as number;
    if (c === piece.charCodeAt(k)) k++;
    if (k === m) break;
  }
  work.steps += 2 * (i - from + m);
  return k === m ? i - m + 1 : -1;
}

/** A text folded once for many quotes; its words (and their ids) are found on first need. */
export interface AnchorText extends Folded {
  words?: { list: Word[]; ids: Int32Array; vocabulary: Map<string, number> };
}

/**
 * Work done by anchoring, in elementary steps (characters scanned, words visited), so its growth with
 * the input is measured by count, not by clock.
 */
export interface AnchorWork {
  steps: number;
}

function textWords(f: AnchorText, work: AnchorWork): NonNullable<AnchorText['words']> {
  if (f.words) return f.words;
  const list = words(f);
  const vocabulary = new Map<string, number>();
  const ids = new Int32Array(list.length);
  list.forEach((w, i) => {
    let id = vocabulary.get(w.text);
    if (id === undefined) vocabulary.set(w.text, (id = vocabulary.size));
    ids[i] = id;
  });
  work.steps += f.text.length;
  return (f.words = { list, ids, vocabulary });
}

/** Candidate windows are evaluated within this many steps per text and quote word. */
const FUZZY_WORK_PER_WORD = 2;

/**
 * Best in-order match of the quote's words in a window after each plausible start, in time linear in
 * the text and the quote: a window can only score as many words as it shares with the quote (counted
 * for every window in one sliding pass), so only windows that could reach the required share are
 * walked, the most promising first, within a budget proportional to the text and the quote.
 */
function fuzzy(f: AnchorText, q: Folded, work: AnchorWork): { start: number; end: number } | null {
  const qw = words(q).map((w) => w.text);
  if (qw.length < FUZZY_MIN_WORDS) return null;
  const { list: tw, ids, vocabulary } = textWords(f, work);
  const n = tw.length;
  const m = qw.length;
  const window = Math.ceil(m * 1.25) + 1;
  const need = Math.ceil(FUZZY_MIN_SHARE * m - 1e-9);
  // How often each text word occurs in the quote (words not in the text can never match).
  const want = new Map<number, number>();
  // The quote's words as text word ids (-1: not in the text), so the walk compares numbers.
  const qid = new Int32Array(m);
  qw.forEach((w, i) => {
    const id = vocabulary.get(w) ?? -1;
    qid[i] = id;
    if (id >= 0) want.set(id, (want.get(id) ?? 0) + 1);
  });
  const heads = new Set(qid.subarray(0, 3));
  const have = new Map<number, number>();
  let shared = 0;
  const enter = (t: number): void => {
    const id = ids[t] as number;
    const w = want.get(id);
    if (w === undefined) return;
    const h = have.get(id) ?? 0;
    if (h < w) shared++;
    have.set(id, h + 1);
  };
  const leave = (t: number): void => {
    const id = ids[t] as number;
    const w = want.get(id);
    if (w === undefined) return;
    const h = (have.get(id) as number) - 1;
    have.set(id, h);
    if (h < w) shared--;
  };
  // Windows [s, s + window) that start on one of the quote's first words and share enough words, by how many.
  const byShared: number[][] = [];
  for (let t = 0; t < Math.min(window, n); t++) enter(t);
  for (let s = 0; s < n; s++) {
    if (shared >= need && heads.has(ids[s] as number)) (byShared[shared] ??= []).push(s);
    leave(s);
    if (s + window < n) enter(s + window);
  }
  work.steps += n + m;
  // The most promising windows first, as many as the budget walks; then in text order, so ties go to the first.
  const budget = Math.max(1, Math.floor((FUZZY_WORK_PER_WORD * (n + m)) / window));
  const chosen: number[] = [];
  for (let k = byShared.length - 1; k >= need && chosen.length < budget; k--) for (const s of byShared[k] ?? []) if (chosen.length < budget) chosen.push(s);
  chosen.sort((a, b) => a - b);
  let best: { score: number; from: number; to: number } | null = null;
  for (const s of chosen) {
    let qi = qid.indexOf(ids[s] as number);
    let matched = 1;
    let last = s;
    for (let t = s + 1; t < n && t < s + window && qi < m - 1; t++) {
      work.steps++;
      const id = ids[t] as number;
      // Look a couple of quote words ahead so one changed or dropped word does not end the run.
      for (let k = 1; k <= 3 && qi + k < m; k++) {
        if (qid[qi + k] === id) {
          qi += k;
          matched++;
          last = t;
          break;
        }
      }
    }
    const score = matched / m;
    if (!best || score > best.score) best = { score, from: s, to: last };
  }
  if (!best || best.score < FUZZY_MIN_SHARE) return null;
  return span(f, (tw[best.from] as Word).start, (tw[best.to] as Word).end);
}

/**
 * Where `quote` sits in `text`, or null. A quote elided with "..." or "…" must have every piece in
 * order; the anchor then spans from the first piece to the last. Linear in the text and the quote:
 * the pieces are found left to right (each search starts where the last ended), and the fuzzy
 * fallback is linear (above). `work` counts the steps.
 */
export function anchorQuote(text: string, quote: string, folded: AnchorText = fold(text), work: AnchorWork = { steps: 0 }): Anchor | null {
  const trimmed = trimQuote(quote);
  if (!trimmed || trimmed.length > MAX_QUOTE_CHARS) return null;
  work.steps += trimmed.length;
  // Folding keeps every elision mark, so the quote is folded once and cut at them.
  const foldedQuote = fold(trimmed);
  const pieces = foldedQuote.text
    .split(/\.{3,}|\u2026|\[\.\.\.\]/)
    .map((p) => p.trim().replace(/[.,;:!?]+$/, ''))
    .filter((p) => p.length > 0);
  if (pieces.length === 0) return null;
  let from = 0;
  let first = -1;
  let end = -1;
  for (const p of pieces) {
    const i = findFrom(folded.text, p, from, work);
    if (i < 0) {
      first = -1;
      break;
    }
    if (first < 0) first = i;
    end = i + p.length;
    from = end;
  }
  if (first >= 0 && end > first) return { ...span(folded, first, end), how: 'exact' };
  const f = fuzzy(folded, foldedQuote, work);
  return f ? { ...f, how: 'fuzzy' } : null;
}

/** Folds a text once for many quotes. */
export function foldForAnchors(text: string): AnchorText {
  return fold(text);
}
