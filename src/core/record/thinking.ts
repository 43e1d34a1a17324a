/**
 * Separates a model's thinking from its answer. Follows the R-Align reference: everything up to and
 * including the LAST `</think>` is thinking; the rest, stripped as Python's `str.strip()` does, is
 * the rationale (so prompts built from it are byte-identical to the reference's).
 */
export interface SplitThinking {
  readonly thinking: string | null;
  readonly answer: string;
  /** UTF-16 offset of `answer` within the original text. */
  readonly answerOffset: number;
}

const CLOSE = '</think>';
const OPEN = '<think>';

/** Python's whitespace (str.isspace): unlike JS `\s` it includes \x1c-\x1f and \x85, and excludes U+FEFF. */
function isPyWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isPyWhitespace(s.charCodeAt(i))) i++;
  return i;
}

function trailingEnd(s: string, from: number): number {
  let j = s.length;
  while (j > from && isPyWhitespace(s.charCodeAt(j - 1))) j--;
  return j;
}

/** Python's `str.strip()` (a loop: an anchored `\s+$` regex is quadratic on long runs of spaces). */
export function pyStrip(s: string): string {
  const i = leadingSpace(s);
  return s.slice(i, trailingEnd(s, i));
}

export function splitThinking(text: string, reasoning?: string | null): SplitThinking {
  const close = text.lastIndexOf(CLOSE);
  let thinking: string | null = reasoning && reasoning.length ? reasoning : null;
  let start = 0;
  if (close !== -1) {
    const inline = text.slice(0, close);
    const openAt = inline.indexOf(OPEN);
    const inner = pyStrip(openAt === -1 ? inline : inline.slice(openAt + OPEN.length));
    thinking = thinking ? `${thinking}\n\n${inner}` : inner;
    start = close + CLOSE.length;
  }
  let from = start;
  while (from < text.length && isPyWhitespace(text.charCodeAt(from))) from++;
  const to = trailingEnd(text, from);
  return { thinking, answer: text.slice(from, to), answerOffset: from < to ? from : start };
}

/** The R-Align `remove_thinking_content` rule: what prompts and alignment read. */
export function removeThinking(text: string | null | undefined): string {
  return splitThinking(text ?? '').answer;
}
