/**
 * VL-RewardBench's verdict rule (`inference_hf.py`, re-applied by `cal.py` with `reparse=True`):
 * with newlines and `*` removed, the pattern
 *   (?:Overall Judgment|Therefore)\s*.*\s*-*\s*Answer\s*(\d+)\s*is\s*(?:the\s*)?(?:slightly\s*)?better
 * searched case-insensitively; its number is the presented answer chosen, else -1 ("doesntMatch").
 * The pattern's greedy `.*` backtracks in quadratic time or worse on hostile text, so it is read
 * here in one linear scan with the same result: the search starts at the first keyword (a later
 * keyword only has fewer candidates after it), and the greedy `.*` makes the number the one of the
 * LAST "Answer N is … better" starting after that keyword's end. Python's character classes are
 * spelled out: its `\s` (which has U+001C–U+001F and U+0085, not U+FEFF), its `\d` (every decimal
 * digit, Nd), and its case-insensitive matches (ſ for s; İ and ı for i).
 */
const WS = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const FOLD: Readonly<Record<string, string>> = { s: '[Ss\\u017f]', i: '[Ii\\u0130\\u0131]' };

/** A literal matched as Python's IGNORECASE matches it (letters of the patterns here only). */
function caseless(literal: string): string {
  return [...literal].map((c) => FOLD[c] ?? (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : c === ' ' ? ' ' : c)).join('');
}

const KEYWORD = new RegExp(`${caseless('overall judgment')}|${caseless('therefore')}`, 'u');
const ANSWER = new RegExp(`${caseless('answer')}${WS}*(\\p{Nd}+)${WS}*${caseless('is')}${WS}*(?:${caseless('the')}${WS}*)?(?:${caseless('slightly')}${WS}*)?${caseless('better')}`, 'gu');
const ND = /\p{Nd}/u;

/** The value of a decimal digit: Unicode encodes every Nd digit in runs of ten from zero. */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

/** Python's int() of a run of decimal digits, as far as it matters here: 1, 2 or another number. */
function numberOf(digits: string): number {
  let value = 0;
  for (const ch of digits) {
    value = value * 10 + digitValue(ch.codePointAt(0) as number);
    if (value > 1e6) return value; // only 1 and 2 are ever compared
  }
  return value;
}

/** The presented answer the rationale chooses by VL-RewardBench's rule, or -1 when the pattern does not match. */
export function vlrbChoice(rationale: string): number {
  const text = rationale.replace(/[\n*]/g, '');
  const keyword = KEYWORD.exec(text);
  if (!keyword) return -1;
  ANSWER.lastIndex = keyword.index + keyword[0].length;
  let last: string | undefined;
  for (let m = ANSWER.exec(text); m; m = ANSWER.exec(text)) last = m[1];
  return last === undefined ? -1 : numberOf(last);
}
