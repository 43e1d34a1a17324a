/** Parsing of GenRM and fidelity-judge outputs. */
import { pyStrip, removeThinking } from './context';

export type FidelityParse =
  | { readonly verdict: 'Correct' | 'Incorrect'; readonly analysis: string; readonly keyPoints: string | null; readonly verdictText: string }
  | { readonly verdict: 'ParseFail'; readonly analysis: null; readonly keyPoints: null; readonly reason: string };

/**
 * Text after the LAST `<tag>` up to the next `</tag>` (or the end when the close tag is missing,
 * as the reference parser tolerates), or null when the open tag is absent.
 */
function lastTagged(text: string, tag: string): string | null {
  const open = `<${tag}>`;
  const at = text.lastIndexOf(open);
  if (at < 0) return null;
  const start = at + open.length;
  const end = text.indexOf(`</${tag}>`, start);
  return text.slice(start, end < 0 ? undefined : end);
}

function firstTagged(text: string, tag: string): string | null {
  const open = `<${tag}>`;
  const at = text.indexOf(open);
  if (at < 0) return null;
  const start = at + open.length;
  const end = text.indexOf(`</${tag}>`, start);
  return text.slice(start, end < 0 ? undefined : end);
}

/**
 * Parse a fidelity judge's answer (its `content`; separate reasoning is not part of it). Inline
 * thinking is removed first. `<genrm_analysis>` and `<final_verdict>` must both be present
 * (otherwise ParseFail); the verdict is Correct when the trimmed, lower-cased tag text is
 * exactly `correct`, and Incorrect for anything else, as in the reference.
 */
export function parseFidelityOutput(content: string): FidelityParse {
  const text = removeThinking(content);
  const verdictText = lastTagged(text, 'final_verdict');
  const analysis = firstTagged(text, 'genrm_analysis');
  if (verdictText === null || analysis === null) {
    const missing = [analysis === null ? '<genrm_analysis>' : null, verdictText === null ? '<final_verdict>' : null].filter(Boolean).join(' and ');
    return { verdict: 'ParseFail', analysis: null, keyPoints: null, reason: text ? `judge output has no ${missing}` : 'judge output is empty after removing thinking' };
  }
  const keyPoints = firstTagged(text, 'golden_key_points');
  const v = pyStrip(verdictText);
  return {
    verdict: v.toLowerCase() === 'correct' ? 'Correct' : 'Incorrect',
    analysis: pyStrip(analysis),
    keyPoints: keyPoints === null ? null : pyStrip(keyPoints),
    verdictText: v,
  };
}

/** The final `\boxed{A}` / `\boxed{B}` of a GenRM output after its thinking is removed; null if none. */
export function parseBoxedVerdict(content: string): 'A' | 'B' | null {
  const text = removeThinking(content);
  let last: 'A' | 'B' | null = null;
  for (const m of text.matchAll(/\\?boxed\{\s*([AB])\s*\}/g)) last = m[1] === 'A' ? 'A' : 'B';
  return last;
}

/** The text R-Align stores in `model_judgment` / `metarm_raw`: reasoning + `\n\n</think>\n\n` + answer. */
export function joinReasoning(content: string, reasoning: string | null | undefined): string {
  return reasoning ? `${reasoning}\n\n</think>\n\n${content}` : content;
}
