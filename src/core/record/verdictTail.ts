/**
 * The verdict cross-check's fast path: reads the verdict of a judgment's common ending (`\boxed{A}`,
 * `[[B]]`, `[[A>>B]]`, then nothing but spaces, newlines and punctuation) straight from the JSON
 * bytes, and answers exactly what `parseVerdict` answers on the decoded tail, or `undefined` when
 * it cannot prove that (the caller then decodes and runs `parseVerdict`).
 *
 * Why equal. Let the candidate be the match found at the end, [s, e) in the decoded tail, and the
 * rest of the tail after it only characters in INERT (space, \n, \r, \t, `.`, `*`, `!`, `,`, `;`,
 * `:`, `?`, `$`, backtick, `~`).
 * 1. It is in the answer `parseVerdict` searches: `splitThinking` cuts at the last `</think>`, and
 *    none can start at or after s (neither the candidate nor INERT holds `<`) nor end inside the
 *    candidate (its only `>` follows a verdict letter, never `k`).
 * 2. No built-in pattern has a match ending after e: every one ends with a character outside
 *    INERT: double-bracket `]`, boxed `}`, answer-tag and answer-scores `>`, json-key `"`,
 *    result-tag, bold-result and final-verdict-line a verdict letter (a, b, c, `tie`'s e) or `)`,
 *    output-ab `better`/`preferred`/`superior`'s r or d (case-insensitive; without the `u` flag no
 *    non-ASCII character folds onto an ASCII letter). The output-ab-mention fallback runs only
 *    when nothing matched.
 * 3. No other pattern has a match ending exactly at e (no other one can end with `]` or `}`), so
 *    the candidate's pattern wins whatever the list order.
 * 4. The candidate is its pattern's last match in the global scan: a match starting before s and
 *    ending after s would end at e (the candidate's only `]]`/`}` is its last) and so contain the
 *    candidate's `[` (double-bracket) or `o` (boxed) between its own brackets, where neither
 *    pattern admits that character; so the scan reaches s, matches exactly the candidate there
 *    (no inner whitespace, one token), and nothing after e can match.
 * The token is read by `normalizeVerdictToken`, as `parseVerdict` reads it. User patterns (any
 * last character) always take the full path. test/unit/core/record/verdictTail.test.ts compares
 * this with `parseVerdict` on generated and adversarial tails and on the real fixtures.
 */
import type { Verdict } from './record';
import type { VerdictPattern } from './verdict';
import { normalizeVerdictToken } from './verdict';

export interface TailVerdict {
  readonly verdict: Verdict;
  readonly pattern: 'double-bracket' | 'boxed';
  /**
   * UTF-16 index of the match within the decoded tail (what `parseVerdict(tail).start` is), counted
   * up to the caller's `startCap`: min(start, startCap).
   */
  readonly start: number;
  /** The tail is the whole string (as `decodeStringTail`'s `complete`). */
  readonly complete: boolean;
}

const BACKSLASH = 0x5c;
const U = 0x75;
const QUOTE = 0x22;

/** Bytes that stand for themselves and can end no built-in pattern's match (see point 2 above). */
const INERT = new Uint8Array(128);
for (const c of ' .*!,;:?$`~') INERT[c.charCodeAt(0)] = 1;
/** Escape letters whose character is whitespace: `\n`, `\r`, `\t`. */
const WHITESPACE_ESCAPE = new Uint8Array(128);
for (const c of 'nrt') WHITESPACE_ESCAPE[c.charCodeAt(0)] = 1;

/** Backslashes immediately before `at`, not reaching `floor`. */
function backslashRun(buf: Uint8Array, at: number, floor: number): number {
  let k = 0;
  while (at - k - 1 >= floor && buf[at - k - 1] === BACKSLASH) k++;
  return k;
}

/**
 * Where `decodeStringTail(buf, [open, close], maxBytes)` starts decoding: the first plain ASCII
 * byte from `close - 1 - maxBytes` on that is neither escaped nor inside `\uXXXX` (kept in step
 * with io/jsonScan.ts; the tests compare the two on every tail).
 */
function tailStart(buf: Uint8Array, open: number, close: number, maxBytes: number): number {
  let start = Math.max(open + 1, close - 1 - maxBytes);
  if (start === open + 1) return start;
  for (; start < close - 1; start++) {
    const b = buf[start] as number;
    if (b >= 0x80 || b === BACKSLASH) continue;
    if (backslashRun(buf, start, open + 1) % 2 === 1) continue;
    let inUnicode = false;
    for (let k = start - 1; k >= Math.max(open + 1, start - 5); k--) {
      if (buf[k] === U && buf[k - 1] === BACKSLASH) {
        inUnicode = start - k <= 4;
        break;
      }
    }
    if (!inUnicode) break;
  }
  return start;
}

/**
 * UTF-16 units decoded from valid JSON string bytes [from, to) (`from` and `to` on character
 * starts), counted no further than `cap`: min(units, cap).
 */
function utf16Length(buf: Uint8Array, from: number, to: number, cap: number): number {
  let n = 0;
  for (let i = from; i < to && n < cap; n++) {
    const b = buf[i] as number;
    if (b < 0x80) i += b === BACKSLASH ? (buf[i + 1] === U ? 6 : 2) : 1;
    else if (b >= 0xf0) {
      i += 4;
      n++;
    } else i += b >= 0xe0 ? 3 : 2;
  }
  return Math.min(n, cap);
}

const lower = (b: number): number => b | 0x20;
const isAB = (b: number): boolean => lower(b) === 0x61 || lower(b) === 0x62;
const isABC = (b: number): boolean => isAB(b) || lower(b) === 0x63;
const isOp = (b: number): boolean => b === 0x3e || b === 0x3c || b === 0x3d;

/**
 * The double-bracket candidate ending with the `]]` at [end - 2, end): `[[X]]`, `[[XopY]]`; its
 * start and token, or -1.
 */
function doubleBracketStart(buf: Uint8Array, end: number, floor: number): number {
  if (buf[end - 1] !== 0x5d || buf[end - 2] !== 0x5d) return -1;
  const last = end - 3;
  if (last - 2 >= floor && isABC(buf[last] as number) && buf[last - 1] === 0x5b && buf[last - 2] === 0x5b) return last - 2;
  // X op Y: op is >, <, =, >> or <<
  if (!isAB(buf[last] as number)) return -1;
  let i = last - 1;
  if (!isOp(buf[i] as number)) return -1;
  const op = buf[i] as number;
  if (op !== 0x3d && buf[i - 1] === op) i--;
  i--;
  if (i - 2 < floor || !isAB(buf[i] as number) || buf[i - 1] !== 0x5b || buf[i - 2] !== 0x5b) return -1;
  return i - 2;
}

/** `boxed{X}` ending at `end` (case-insensitive, one A/B/C, nothing inside the braces): where its `b` is, or -1. */
function boxedLetter(buf: Uint8Array, end: number, floor: number): number {
  const b = end - 8;
  if (b < floor || buf[end - 1] !== 0x7d || !isABC(buf[end - 2] as number) || buf[end - 3] !== 0x7b) return -1;
  if (lower(buf[b] as number) !== 0x62 || lower(buf[b + 1] as number) !== 0x6f || lower(buf[b + 2] as number) !== 0x78) return -1;
  if (lower(buf[b + 3] as number) !== 0x65 || lower(buf[b + 4] as number) !== 0x64) return -1;
  return b;
}

/** A one-letter token as `normalizeVerdictToken` reads it (a, b, c in either case). */
function letterVerdict(b: number): Verdict {
  const l = lower(b);
  return l === 0x61 ? 'A' : l === 0x62 ? 'B' : 'tie';
}

function decodeAscii(buf: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}

/**
 * What `parseVerdict(decodeStringTail(buf, [open, close], maxBytes).text, { extraPatterns })`
 * returns (verdict, pattern, start), read from the bytes of the JSON string `buf[open, close)`
 * (both quotes included; the line is valid JSON), or undefined when this cannot be proved. `start`
 * is counted up to `startCap` only (a caller that compares it with a threshold passes that).
 */
export function tailVerdict(buf: Uint8Array, open: number, close: number, maxBytes: number, extraPatterns?: readonly VerdictPattern[], startCap = Infinity): TailVerdict | undefined {
  if (extraPatterns?.length || buf[open] !== QUOTE || buf[close - 1] !== QUOTE) return undefined;
  const from = tailStart(buf, open, close, maxBytes);
  // Step back over the inert ending.
  let end = close - 1;
  while (end > from) {
    const b = buf[end - 1] as number;
    if (b < 0x80 && INERT[b] === 1) {
      if (backslashRun(buf, end - 1, open + 1) % 2 === 1) return undefined; // not valid JSON
      end--;
    } else if (b < 0x80 && WHITESPACE_ESCAPE[b] === 1 && backslashRun(buf, end - 1, open + 1) % 2 === 1) end -= 2;
    else break;
  }
  let start = doubleBracketStart(buf, end, from);
  let pattern: TailVerdict['pattern'] = 'double-bracket';
  let verdict: Verdict;
  if (start !== -1) verdict = end - start === 5 ? letterVerdict(buf[start + 2] as number) : normalizeVerdictToken(decodeAscii(buf, start + 2, end - 2));
  else {
    const b = boxedLetter(buf, end, from);
    if (b === -1) return undefined;
    pattern = 'boxed';
    verdict = letterVerdict(buf[end - 2] as number);
    const run = b > from ? backslashRun(buf, b, open + 1) : 0;
    if (run % 2 === 1) return undefined; // `\b` is a backspace
    if (run >= 2) start = b - 2; // the match takes the decoded `\` before `boxed`
    else if (b > from && ((buf[b - 5] === BACKSLASH && buf[b - 4] === U) || (buf[b - 6] === BACKSLASH && buf[b - 5] === U))) return undefined; // `\uXXXb`, or a `\` written `\u005c`
    else start = b;
  }
  return { verdict, pattern, start: utf16Length(buf, from, start, startCap), complete: from === open + 1 };
}
