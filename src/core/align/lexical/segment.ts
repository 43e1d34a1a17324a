/**
 * Cuts a judgment into claims: sentences and list items, with code blocks, block quotes and quoted
 * strings kept whole, and markdown scaffolding (headings, rules, "Label:" lines) kept apart.
 *
 * Every range is a UTF-16 range of the ORIGINAL text and `text.slice(start, end)` is the claim
 * verbatim (whitespace trimmed at the edges only), so the UI can highlight in place.
 *
 * Line structure is trusted: LLM judges do not hard-wrap, so each line is its own unit; only fenced
 * code, block quotes and tables span several lines.
 */

export type ClaimKind = 'sentence' | 'item' | 'code' | 'quote' | 'table-row';
/** Segments that are never reasons. `verdict` and `filler` are decided later, with mentions known. */
export type SkipKind = 'heading' | 'label' | 'rule' | 'verdict' | 'filler';

export interface Segment {
  start: number;
  end: number;
  kind: ClaimKind | SkipKind;
  /** Increments at blank lines and block boundaries: pronouns do not reach across paragraphs. */
  paragraph: number;
}

/** Longer runs without a sentence break are chunked; keeps one pathological line from becoming one claim. */
export const MAX_CLAIM_CHARS = 1500;
/** Quote pairs further apart than this are treated as stray quote marks, not a quoted string. */
const MAX_QUOTE_SPAN = 3000;

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const BLOCKQUOTE = /^[ \t]{0,3}>/;
const HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/;
const RULE = /^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const TABLE_ROW = /^[ \t]*\|.*\|[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-{2,}/;
// "- ", "* ", "+ ", "• ", "1. ", "1) ", "a) ", "(ii) ": the marker is excluded from the claim.
const LIST_MARKER = /^[ \t]*(?:[-*+•‣◦]|\d{1,3}[.)]|[A-Za-z][.)]|\([A-Za-z0-9]{1,4}\))[ \t]+/;
const BOLD_ONLY = /^[ \t]*(\*\*|__)[^*_\n]{1,80}\1[ \t]*:?[ \t]*$/;

const ABBREVIATIONS = new Set(
  'e.g i.e etc vs cf approx incl resp mr mrs ms dr prof st jr sr fig figs no nos eq eqs al ca viz ex p pp vol ch sec et seq n.b'.split(' '),
);

interface Line {
  start: number;
  /** End of the line's content, excluding "\r\n" / "\n". */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const contentEnd = lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    lines.push({ start: pos, end: contentEnd });
    if (nl === -1) break;
    pos = nl + 1;
  }
  return lines;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000;

/** Shrinks [start, end) past surrounding whitespace; returns null when nothing is left. */
function trimRange(text: string, start: number, end: number): [number, number] | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? [start, end] : null;
}

/**
 * Ranges inside which no sentence break is taken: "…" quoted strings (straight quotes paired in
 * order, typographic and CJK brackets paired by kind) and `inline code`. Unpaired marks are ignored.
 */
function protectedRanges(text: string, start: number, end: number): [number, number][] {
  // Search a slice of the unit only: indexOf on the whole text would rescan it once per line.
  const unit = text.slice(start, end);
  const ranges: [number, number][] = [];
  const pairs: [string, string][] = [['"', '"'], ['\u201c', '\u201d'], ['`', '`'], ['\u300c', '\u300d'], ['\u300e', '\u300f'], ['\u00ab', '\u00bb']];
  for (const [open, close] of pairs) {
    let i = unit.indexOf(open);
    while (i !== -1) {
      const j = unit.indexOf(close, i + 1);
      if (j === -1) break;
      if (j - i <= MAX_QUOTE_SPAN) {
        ranges.push([start + i, start + j + 1]);
        i = unit.indexOf(open, j + 1);
      } else {
        // Too far apart to be one quotation: treat the opening mark as stray and move on.
        i = unit.indexOf(open, i + 1);
      }
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

const SENTENCE_END = new Set(['.', '!', '?']);
const CJK_SENTENCE_END = new Set(['\u3002', '\uff01', '\uff1f']);
const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']', '*', '_', '\u300d', '\u300f', '\u00bb']);

function abbreviationBefore(text: string, dot: number, floor: number): boolean {
  let i = dot;
  while (i > floor && /[A-Za-z.]/.test(text[i - 1] ?? '')) i--;
  const word = text.slice(i, dot).toLowerCase().replace(/^\.+/, '');
  return ABBREVIATIONS.has(word);
}

/** Sentence ranges inside one unit [start, end), already trimmed. */
function splitSentences(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  const guarded = protectedRanges(text, start, end);
  let g = 0;
  let sentenceStart = start;
  let i = start;
  while (i < end) {
    while (g < guarded.length && (guarded[g]?.[1] ?? 0) <= i) g++;
    const guard = guarded[g];
    if (guard !== undefined && guard[0] <= i) {
      i = guard[1];
      continue;
    }
    const ch = text[i] ?? '';
    let breakAt = -1;
    let nextStart = -1;
    if (SENTENCE_END.has(ch) || CJK_SENTENCE_END.has(ch)) {
      let j = i + 1;
      while (j < end && (SENTENCE_END.has(text[j] ?? '') || CJK_SENTENCE_END.has(text[j] ?? ''))) j++;
      while (j < end && CLOSERS.has(text[j] ?? '')) j++;
      if (CJK_SENTENCE_END.has(ch)) {
        breakAt = j;
        nextStart = j;
      } else if (j < end && isSpace(text.charCodeAt(j))) {
        let k = j;
        while (k < end && isSpace(text.charCodeAt(k))) k++;
        const next = text[k] ?? '';
        // "e.g. the", "approx. 5": a lower-case continuation or a known abbreviation is no break.
        const lowerNext = next !== next.toUpperCase() && next === next.toLowerCase();
        if (!lowerNext && !(ch === '.' && abbreviationBefore(text, i, sentenceStart))) {
          breakAt = j;
          nextStart = k;
        }
      }
      if (breakAt === -1) {
        i = j;
        continue;
      }
    }
    if (breakAt !== -1) {
      const r = trimRange(text, sentenceStart, breakAt);
      if (r) out.push(r);
      sentenceStart = nextStart;
      i = nextStart;
      continue;
    }
    i++;
  }
  const r = trimRange(text, sentenceStart, end);
  if (r) out.push(r);
  return out.flatMap(([s, e]) => capLength(text, s, e));
}

/** Chunks an over-long range at a comma, semicolon or space near the cap (hard cut if none). */
function capLength(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  while (end - start > MAX_CLAIM_CHARS) {
    const hardEnd = start + MAX_CLAIM_CHARS;
    let cut = -1;
    for (let k = hardEnd; k > start + MAX_CLAIM_CHARS / 2; k--) {
      const c = text[k - 1] ?? '';
      if (c === ',' || c === ';' || c === ':' || c === '\uff0c' || c === '\u3001') {
        cut = k;
        break;
      }
    }
    if (cut === -1) {
      for (let k = hardEnd; k > start + MAX_CLAIM_CHARS / 2; k--) {
        if (isSpace(text.charCodeAt(k))) {
          cut = k;
          break;
        }
      }
    }
    if (cut === -1) {
      cut = hardEnd;
      // Never cut a surrogate pair in half.
      const c = text.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut--;
    }
    const r = trimRange(text, start, cut);
    if (r) out.push(r);
    start = cut;
  }
  const r = trimRange(text, start, end);
  if (r) out.push(r);
  return out;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** Splits a text into ordered segments (claims and skipped scaffolding). */
export function segment(text: string): Segment[] {
  const lines = splitLines(text);
  const out: Segment[] = [];
  let paragraph = 0;
  const push = (start: number, end: number, kind: Segment['kind']): void => {
    const r = trimRange(text, start, end);
    if (r) out.push({ start: r[0], end: r[1], kind, paragraph });
  };

  let li = 0;
  while (li < lines.length) {
    const line = lines[li] as Line;
    const content = text.slice(line.start, line.end);

    if (content.trim() === '') {
      paragraph++;
      li++;
      continue;
    }

    const fence = FENCE.exec(content);
    if (fence) {
      // A fenced block stays one claim up to its closing fence (or the end of text if unclosed).
      const marker = fence[1] as string;
      const closer = new RegExp(`^[ \\t]{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      let lj = li + 1;
      while (lj < lines.length && !closer.test(text.slice((lines[lj] as Line).start, (lines[lj] as Line).end))) lj++;
      const last = lines[Math.min(lj, lines.length - 1)] as Line;
      paragraph++;
      push(line.start, last.end, 'code');
      paragraph++;
      li = lj + 1;
      continue;
    }

    if (BLOCKQUOTE.test(content)) {
      let lj = li;
      while (lj + 1 < lines.length && BLOCKQUOTE.test(text.slice((lines[lj + 1] as Line).start, (lines[lj + 1] as Line).end))) lj++;
      push(line.start, (lines[lj] as Line).end, 'quote');
      li = lj + 1;
      continue;
    }

    if (HEADING.test(content)) {
      paragraph++;
      push(line.start, line.end, 'heading');
      paragraph++;
      li++;
      continue;
    }

    if (RULE.test(content)) {
      paragraph++;
      push(line.start, line.end, 'rule');
      li++;
      continue;
    }

    if (TABLE_ROW.test(content)) {
      if (!TABLE_SEPARATOR.test(content)) push(line.start, line.end, 'table-row');
      li++;
      continue;
    }

    if (BOLD_ONLY.test(content) || (/:[*_\s]*$/.test(content) && wordCount(content) <= 12 && !/[.!?]\s/.test(content))) {
      // "**Accuracy**", "Assistant A's answer:" — a label introducing what follows, not a reason.
      push(line.start, line.end, 'label');
      li++;
      continue;
    }

    const marker = LIST_MARKER.exec(content);
    const unitStart = marker ? line.start + marker[0].length : line.start;
    const kind: ClaimKind = marker ? 'item' : 'sentence';
    for (const [s, e] of splitSentences(text, unitStart, line.end)) {
      // A list item's first sentence may itself be a label ("- **Accuracy:** ...") — kept: it has content.
      out.push({ start: s, end: e, kind, paragraph });
    }
    li++;
  }
  return out;
}

/**
 * Where a compound sentence may be cut into two claims: before "while", "whereas", "but",
 * "however", "on the other hand", "in contrast" after a comma or semicolon, or at a semicolon.
 * The caller cuts only when the two halves are about different responses.
 */
export function contrastCuts(text: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  const re = /[,;]\s*(?=(?:while|whereas|but|however|on the other hand|in contrast|meanwhile|alors que|tandis que|mais|而|但)(?![\p{L}]))|;\s+|，(?=而|但)/giu;
  const s = text.slice(start, end);
  for (let m = re.exec(s); m !== null; m = re.exec(s)) cuts.push(start + m.index);
  return cuts;
}
