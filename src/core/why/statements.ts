/**
 * What kind of statement a sentence of a rationale is, for verdictArgument.ts: quoted text is the
 * responses' content, not the judge's opinion ("a synonym, 'misleading'"); a sentence that states a
 * preference ("Output (b) stands out", "A is more accurate than B", "Response B est meilleure") is
 * an explicit comparison; one that reports somebody else's ("Assistant (a) argues that Output (a)
 * is better") is nobody's argument here; "more accurate" compares on one criterion. Token scans and bounded look-ahead only: linear.
 */
import { REPORT_VERBS, cueScore, foldWord } from '../align/lexical/lexicon';
import type { Token } from '../align/lexical/tokens';

/** Longest quoted string masked; a lone quote mark further from its partner is a stray. */
const MAX_QUOTE_CHARS = 300;
const PAIRS: Readonly<Record<string, string>> = { '"': '"', '\u201c': '\u201d', "'": "'", '\u2018': '\u2019', '\u00ab': '\u00bb', '\u300c': '\u300d', '\u300e': '\u300f' };

function isWordChar(c: string): boolean {
  return c !== '' && /[\p{L}\p{N}]/u.test(c);
}

/**
 * `text` with the inside of every quoted string blanked to spaces (same length, so offsets hold).
 * An apostrophe opens a quote only after a space or bracket and closes one only before a non-letter,
 * so "A's" and "doesn't" are no quotes. Each opener looks at most MAX_QUOTE_CHARS ahead: linear.
 */
export function maskQuotes(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const open = text[i] as string;
    const close = PAIRS[open];
    if (close === undefined) continue;
    const apostrophe = open === "'" || open === '\u2018';
    if (apostrophe && isWordChar(text[i - 1] ?? '')) continue;
    if (!isWordChar(text[i + 1] ?? '') && !/["'\u201c\u2018(]/.test(text[i + 1] ?? '')) continue;
    let j = i + 1;
    const limit = Math.min(text.length, i + 1 + MAX_QUOTE_CHARS);
    let found = -1;
    for (; j < limit; j++) {
      const c = text[j] as string;
      if (c === '\n') break;
      if (c === close && (!apostrophe || !isWordChar(text[j + 1] ?? ''))) {
        found = j;
        break;
      }
    }
    if (found === -1) continue;
    out += text.slice(copied, i + 1) + ' '.repeat(found - i - 1);
    copied = found;
    i = found;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Words that state a preference between the responses (folded). */
const PREFERENCE = new Set(
  `better best superior preferable preferred prefer prefers winner wins win outperforms excels stronger worse worst inferior weaker
  meilleur meilleure mieux superieur superieure pire mejor superior peor besser schlechter uberlegen`.split(/\s+/),
);
const CJK_PREFERENCE = ['更好', '较好', '胜出', '更优', '更佳', '更准确', '更差', '不如', '优于', '劣于'];
/** "more/less" + a positive cue is a comparison too ("more accurate", "less helpful"). */
const COMPARATIVE = new Set(['more', 'less', 'plus', 'moins', 'mas', 'menos', 'mehr', 'weniger']);
const JUDGE = new Set(['i', 'we', 'je', 'nous', 'yo', 'ich', 'wir']);

export interface Statement {
  /** States a preference between the responses. */
  readonly explicit: boolean;
  /** Reports what someone else (another assistant, the response itself) argues: not the judge's argument. */
  readonly reported: boolean;
  /**
   * Offset of a preference word that praises its subject without being a polarity cue ("stands
   * out", "excels", "wins"), or -1: the subject is the response named last before it.
   */
  readonly favoursSubjectAt: number;
  /** Advice rather than judgment: "could be more concise", "should have included". */
  readonly suggestion: boolean;
  /**
   * Compares on one criterion ("more accurate", "less concise") without a preference word: it
   * weighs more than a plain sentence but does not decide ("A is more detailed, but B is correct").
   */
  readonly comparative: boolean;
  /** Hedged ("mostly correct", "a minor mistake"): leans half. */
  readonly hedged: boolean;
}

const MODALS = new Set(['could', 'should', 'would', 'might', 'pourrait', 'devrait', 'podria', 'deberia', 'konnte', 'sollte', 'wurde']);
const ADVICE = new Set(['be', 'have', 'benefit', 'use', 'include', 'improve', 'add', 'mention', 'provide', 'etre', 'ser', 'sein']);

const SUBJECT_WINS = new Set(['excels', 'outperforms', 'winner', 'wins', 'win', 'prevails', 'gagne', 'gana', 'gewinnt']);

/** Hedges: "mostly correct", "a minor mistake", "slightly less detailed" lean less. */
const HEDGES = new Set(`mostly minor slight slightly small somewhat largely generally fairly partly partially marginally plutot legerement mayormente ligeramente etwas leicht`.split(/\s+/));
/** Reporting verbs in forms REPORT_VERBS lacks ("suggesting that …", "stating that …"). */
const REPORTING = new Set(`argue contends insists suggesting stating claiming saying arguing noting mentioning asserting believing noting notes mentions`.split(/\s+/));
/** Preference verbs that come before the response they prefer ("I prefer B", "I would choose A"). */
const PREFER_VERBS = new Set(['prefer', 'prefers', 'choose', 'chose', 'pick', 'favor', 'favour', 'prefiero', 'prefere', 'bevorzuge']);
/** Most words between a response's name and its preference word ("Response B is clearly the better one"). */
const PREFERENCE_REACH = 6;

/**
 * Reads one sentence's tokens (from the quote-masked text); `mentionEnds`: where each named response
 * mention in it ends, sorted. A preference word counts only close after a named response ("Output
 * (b) is better", not "for better job prospects") or a preference verb close before one.
 */
export function readStatement(tokens: readonly Token[], mentions: readonly { start: number; end: number; implicit: boolean }[] = []): Statement {
  let explicit = false;
  let reported = false;
  let favoursSubjectAt = -1;
  let suggestion = false;
  let comparative = false;
  let hedged = false;
  let previous = '';
  const named = mentions.filter((m) => !m.implicit && m.end > m.start);
  let m = 0;
  // Word tokens since the last named mention ended (Infinity: none yet).
  let sinceMention = Infinity;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t] as Token;
    while (m < named.length && (named[m] as { end: number }).end <= tok.start) {
      m++;
      sinceMention = 0;
    }
    if (m < named.length && (named[m] as { start: number }).start <= tok.start) continue; // inside a mention
    if (tok.kind === 'run') {
      if (CJK_PREFERENCE.some((w) => tok.text.includes(w))) explicit = true;
      continue;
    }
    if (tok.kind !== 'word') continue;
    sinceMention++;
    const w = foldWord(tok.text);
    if (MODALS.has(previous) && ADVICE.has(w)) suggestion = true;
    if (HEDGES.has(w)) hedged = true;
    if (REPORT_VERBS.has(w) || REPORTING.has(w)) {
      // "I believe", "we think" are the judge's own; "Assistant (a) argues that …" is not.
      if (!JUDGE.has(previous) && !explicit) reported = true;
    } else if ((PREFERENCE.has(w) || SUBJECT_WINS.has(w)) && sinceMention <= PREFERENCE_REACH) {
      explicit = true;
      if (SUBJECT_WINS.has(w) && favoursSubjectAt === -1) favoursSubjectAt = tok.start;
    } else if (PREFER_VERBS.has(w) && m < named.length && (named[m] as { start: number }).start - tok.end < 40) explicit = true;
    else if (COMPARATIVE.has(w) && t + 1 < tokens.length && cueScore(foldWord((tokens[t + 1] as Token).text)) > 0) comparative = true;
    else if (w === 'stands' && t + 1 < tokens.length && foldWord((tokens[t + 1] as Token).text) === 'out' && sinceMention <= PREFERENCE_REACH) {
      explicit = true;
      if (favoursSubjectAt === -1) favoursSubjectAt = tok.start;
    }
    previous = w;
  }
  return { explicit, reported, favoursSubjectAt, suggestion, comparative, hedged };
}
