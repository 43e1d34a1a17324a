/**
 * Reads the verdict a judge wrote. Every known pattern is searched and the LAST verdict in the
 * answer wins (a rationale may quote `[[A]]` before concluding `[[B]]`). Thinking is removed first.
 */
import type { PresentationOrder, Verdict } from './record';
import { RE2JS } from 're2js';
import { splitThinking } from './thinking';

export interface VerdictPattern {
  readonly name: string;
  /** Global regex; the verdict token is the named group `verdict`, else the first group. */
  readonly regex: RegExp;
  /** Optional custom reading of a match (for multi-group patterns such as two scores). */
  readonly read?: (match: RegExpExecArray) => Verdict | undefined;
  /** Lowercase substrings of which at least one must occur for the regex to be worth running. */
  readonly anchors?: readonly string[];
  /**
   * Run with the linear-time engine (RE2JS) instead of V8's backtracking one: user patterns, which
   * nobody has checked for catastrophic backtracking. `regex` keeps the source and flags.
   */
  readonly linear?: boolean;
}

export interface ParsedVerdict {
  /** Verdict in the frame the judge saw (its own "A"). */
  readonly frameVerdict: Verdict;
  /** Verdict mapped to the record's original order. */
  readonly verdict: Verdict;
  readonly pattern: string | null;
  /** UTF-16 range of the verdict text within the original text. */
  readonly start: number;
  readonly end: number;
  readonly thinking: string | null;
  readonly answer: string;
  readonly answerOffset: number;
}

/**
 * `s` without leading characters from `head` and trailing ones from `tail`: index loops, linear
 * where the equivalent `/[…]+$/` regex is quadratic on a long run that does not reach the end.
 */
function trimChars(s: string, head: string, tail: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && head.includes(s.charAt(a))) a++;
  while (b > a && tail.includes(s.charAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Maps a verdict token such as `A`, `b`, `A>>B`, `B=A`, `C`, `tie`, `1`, `(b)` to a label. */
export function normalizeVerdictToken(token: string): Verdict {
  const t = trimChars(trimChars(token.trim(), '*', '*'), `"'([`, `"')].`)
    .trim()
    .toLowerCase();
  if (t === 'a' || t === '1' || t === 'response a' || t === 'assistant a' || t === 'output (a)' || t === 'response 1') return 'A';
  if (t === 'b' || t === '2' || t === 'response b' || t === 'assistant b' || t === 'output (b)' || t === 'response 2') return 'B';
  if (t === 'c' || t === 'tie' || t === 'draw' || t === 'equal' || t === 'same' || t === 'a=b' || t === 'b=a' || t === '0') return 'tie';
  const cmp = /^([ab])\s*(>>|>|=|<<|<|≈)\s*([ab])$/.exec(t);
  if (cmp) {
    const [, left, op, right] = cmp;
    if (left === right) return null;
    if (op === '=' || op === '≈') return 'tie';
    const leftWins = op === '>' || op === '>>';
    const winner = leftWins ? left : right;
    return winner === 'a' ? 'A' : 'B';
  }
  return null;
}

const JSON_KEYS = '(?:verdict|winner|better_response|better|preference|preferred|choice|final_verdict|answer|decision|label)';

/**
 * Built-in patterns, one per convention listed in docs/ARCHITECTURE.md (case-insensitive). They run
 * in linear time on V8's backtracking engine: no two quantifiers that can match the same characters
 * are ever adjacent (each optional token consumes its own trailing whitespace), which
 * test/unit/core/record/verdict-redos.test.ts checks on 1 MB adversarial texts.
 */
export const BUILTIN_PATTERNS: readonly VerdictPattern[] = [
  { name: 'double-bracket', anchors: ['[['], regex: /\[\[\s*(?<verdict>[ABC]|[AB]\s*(?:>>|>|=|<<|<)\s*[AB])\s*\]\]/gi },
  { name: 'boxed', anchors: ['boxed{'], regex: /\\?boxed\{\s*(?:\\text\{\s*)?(?<verdict>[ABC]|[AB]\s*(?:>>|>|=|<<|<)\s*[AB])\s*(?:\}\s*)?\}/gi },
  { name: 'answer-tag', anchors: ['<answer>'], regex: /<answer>\s*(?:\[\[\s*)?(?<verdict>[ABC]|[AB]\s*(?:>>|>|=|<)\s*[AB])\s*(?:\]\]\s*)?<\/answer>/gi },
  {
    name: 'answer-scores',
    anchors: ['<answer>'],
    regex: /<answer>\s*(-?\d+(?:\.\d+)?)\s*<\/answer>\s*<answer>\s*(-?\d+(?:\.\d+)?)\s*<\/answer>/gi,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return a > b ? 'A' : b > a ? 'B' : 'tie';
    },
  },
  { name: 'result-tag', anchors: ['[result]'], regex: /\[RESULT\]\s*(?::\s*)?\(?(?<verdict>[ABC]|tie)\b\)?/gi },
  { name: 'bold-result', anchors: ['result'], regex: /\*\*\s*Result\s*(?::\s*)?\*\*\s*(?::\s*)?\(?(?<verdict>[ABC]|tie)\b\)?/gi },
  {
    name: 'final-verdict-line',
    anchors: ['verdict', 'answer', 'decision', 'judg', 'winner'],
    regex: /\b(?:final\s+(?:verdict|answer|decision|judg(?:e)?ment)|verdict|winner)\s*(?:is\s*)?[:：]\s*(?:\*+\s*)?(?:(?:response|assistant|output)\s*)?\(?(?<verdict>[AB]|tie)\b\)?(?!\s*(?:>|<|=))/gi,
  },
  {
    name: 'json-key',
    anchors: ['"'],
    regex: new RegExp(`"${JSON_KEYS}"\\s*:\\s*"\\s*(?:response\\s*|assistant\\s*|output\\s*)?\\(?(?<verdict>[ABC12]|tie|[AB]\\s*(?:>>|>|=|<)\\s*[AB])\\)?\\s*"`, 'gi'),
  },
  { name: 'output-ab', anchors: ['output'], regex: /\bOutput\s*\((?<verdict>[ab])\)\s*(?:is|was)\s+(?:better|the better|preferred|superior)/gi },
];

/** Used only when no other pattern matched: LLMBar-style answers that end by naming "Output (a)". */
const OUTPUT_ONLY = /\bOutput\s*\((?<verdict>[ab])\)/gi;

export interface ParseOptions {
  readonly order?: PresentationOrder;
  /** Separate reasoning field (vLLM / DeepSeek `reasoning_content`), never searched for the verdict. */
  readonly reasoning?: string | null;
  readonly extraPatterns?: readonly VerdictPattern[];
}

export function parseVerdict(text: string, options: ParseOptions = {}): ParsedVerdict {
  const split = splitThinking(text, options.reasoning);
  const answer = split.answer;
  let best: { verdict: Verdict; pattern: string; start: number; end: number } | null = null;
  const patterns = options.extraPatterns?.length ? [...options.extraPatterns, ...BUILTIN_PATTERNS] : BUILTIN_PATTERNS;
  for (const pattern of patterns) {
    if (pattern.anchors && !anchorRegex(pattern).test(answer)) continue;
    const found = lastMatch(pattern, answer);
    if (found && (!best || found.end > best.end)) best = { ...found, pattern: pattern.name };
  }
  if (!best) {
    const tail = lastParagraph(answer);
    const kinds = new Set<string>();
    let last: RegExpExecArray | null = null;
    OUTPUT_ONLY.lastIndex = 0;
    for (let m = OUTPUT_ONLY.exec(tail.text); m; m = OUTPUT_ONLY.exec(tail.text)) {
      kinds.add((m.groups?.verdict ?? '').toLowerCase());
      last = m;
    }
    if (last && kinds.size === 1) {
      const start = tail.offset + last.index;
      best = { verdict: normalizeVerdictToken(last.groups?.verdict ?? ''), pattern: 'output-ab-mention', start, end: start + last[0].length };
    }
  }
  const frameVerdict = best?.verdict ?? null;
  return {
    frameVerdict,
    verdict: toOriginalFrame(frameVerdict, options.order ?? 'original'),
    pattern: best?.pattern ?? null,
    start: best ? best.start + split.answerOffset : -1,
    end: best ? best.end + split.answerOffset : -1,
    thinking: split.thinking,
    answer,
    answerOffset: split.answerOffset,
  };
}

const anchorRegexes = new WeakMap<VerdictPattern, RegExp>();

/** One case-insensitive literal alternation per pattern: cheaper than lowercasing every text. */
function anchorRegex(pattern: VerdictPattern): RegExp {
  let re = anchorRegexes.get(pattern);
  if (!re) {
    re = new RegExp((pattern.anchors ?? []).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
    anchorRegexes.set(pattern, re);
  }
  return re;
}

const linearCache = new Map<string, { re: RE2JS; named: boolean }>();

/** The pattern compiled by RE2JS (cached by source, so patterns cloned to a worker thread compile once there). */
function linearRegex(pattern: VerdictPattern): { re: RE2JS; named: boolean } {
  const source = pattern.regex.source;
  let hit = linearCache.get(source);
  if (!hit) {
    const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    hit = { re, named: 'verdict' in re.namedGroups() };
    if (linearCache.size > 256) linearCache.clear();
    linearCache.set(source, hit);
  }
  return hit;
}

function lastLinearMatch(pattern: VerdictPattern, text: string): { verdict: Verdict; start: number; end: number } | null {
  const { re, named } = linearRegex(pattern);
  const m = re.matcher(text);
  let found: { token: string; start: number; end: number } | null = null;
  while (m.find()) found = { token: (named ? m.group('verdict') : m.groupCount() > 0 ? m.group(1) : m.group()) ?? '', start: m.start(), end: m.end() };
  return found ? { verdict: normalizeVerdictToken(found.token), start: found.start, end: found.end } : null;
}

function lastMatch(pattern: VerdictPattern, text: string): { verdict: Verdict; start: number; end: number } | null {
  if (pattern.linear) return lastLinearMatch(pattern, text);
  const regex = pattern.regex.global ? pattern.regex : new RegExp(pattern.regex.source, `${pattern.regex.flags}g`);
  regex.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    last = m;
    if (m[0].length === 0) regex.lastIndex++;
  }
  if (!last) return null;
  const verdict = pattern.read ? pattern.read(last) ?? null : normalizeVerdictToken(last.groups?.verdict ?? last[1] ?? '');
  return { verdict, start: last.index, end: last.index + last[0].length };
}

function lastParagraph(text: string): { text: string; offset: number } {
  const trimmed = text.trimEnd();
  const cut = trimmed.lastIndexOf('\n\n');
  const offset = cut === -1 ? 0 : cut + 2;
  return { text: trimmed.slice(offset), offset };
}

/** A swapped-order judge's "A" is the record's B. */
export function toOriginalFrame(verdict: Verdict, order: PresentationOrder): Verdict {
  if (order === 'original' || verdict === null || verdict === 'tie') return verdict;
  return verdict === 'A' ? 'B' : 'A';
}

/**
 * Compiles user patterns from settings or a config file; returns messages for invalid ones. They run
 * on RE2JS, a linear-time engine, so no pattern can hang the tool on any text; constructs it does not
 * support (lookaround, backreferences) are refused with that reason.
 */
export function compileUserPatterns(sources: readonly string[]): { patterns: VerdictPattern[]; errors: string[] } {
  const patterns: VerdictPattern[] = [];
  const errors: string[] = [];
  sources.forEach((source, i) => {
    const where = `verdict pattern ${i + 1} (${source})`;
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'gi');
    } catch (err) {
      errors.push(`${where} is not a valid regular expression: ${(err as Error).message}`);
      return;
    }
    if (!/\((?!\?[:=!<])|\(\?<verdict>/.test(source)) {
      errors.push(`${where} has no capture group: wrap the verdict letter in ( ) or (?<verdict> )`);
      return;
    }
    try {
      RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    } catch (err) {
      errors.push(`${where} cannot run on the linear-time engine (RE2), which guarantees no pattern hangs on a long text: ${(err as Error).message}; rewrite it without lookaround or backreferences`);
      return;
    }
    patterns.push({ name: `user-${i + 1}`, regex, linear: true });
  });
  return { patterns, errors };
}
