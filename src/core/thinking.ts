/**
 * Separates a model's thinking from its answer. Follows the R-Align reference: everything up to and
 * including the LAST `</think>` is thinking; the rest, trimmed, is the rationale.
 */
export interface SplitThinking {
  readonly thinking: string | null;
  readonly answer: string;
  /** UTF-16 offset of `answer` within the original text. */
  readonly answerOffset: number;
}

const CLOSE = '</think>';
const OPEN = '<think>';

export function splitThinking(text: string, reasoning?: string | null): SplitThinking {
  const close = text.lastIndexOf(CLOSE);
  let thinking: string | null = reasoning && reasoning.length ? reasoning : null;
  let start = 0;
  if (close !== -1) {
    const inline = text.slice(0, close);
    const openAt = inline.indexOf(OPEN);
    const inner = (openAt === -1 ? inline : inline.slice(openAt + OPEN.length)).trim();
    thinking = thinking ? `${thinking}\n\n${inner}` : inner;
    start = close + CLOSE.length;
  }
  const endTrimmed = text.trimEnd().length;
  while (start < endTrimmed && /\s/.test(text[start] ?? '')) start++;
  return { thinking, answer: text.slice(start, Math.max(start, endTrimmed)), answerOffset: start };
}

/** The R-Align `remove_thinking_content` rule, for building prompts identical to the reference. */
export function removeThinking(text: string | null | undefined): string {
  return splitThinking(text ?? '').answer;
}
