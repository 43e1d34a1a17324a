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
const PY_WS = '\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_LEADING = new RegExp(`^[${PY_WS}]+`);
const PY_TRAILING = new RegExp(`[${PY_WS}]+$`);

/** Python's `str.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(PY_LEADING, '').replace(PY_TRAILING, '');
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
  const rest = text.slice(start);
  const lead = PY_LEADING.exec(rest)?.[0].length ?? 0;
  const answer = pyStrip(rest);
  return { thinking, answer, answerOffset: answer ? start + lead : start };
}

/** The R-Align `remove_thinking_content` rule: what prompts and alignment read. */
export function removeThinking(text: string | null | undefined): string {
  return splitThinking(text ?? '').answer;
}
