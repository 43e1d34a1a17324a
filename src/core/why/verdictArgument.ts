/**
 * Which response does a judgment's rationale argue for, and does its verdict pick the other one?
 *
 * A HEURISTIC on top of the aligner's own readings, never a verdict: every sentence's response
 * mentions (mentions.ts, mapped to the original frame through the judgment's order) and their
 * polarity (polarity.ts) give it a lean; a sentence praising A or blaming B leans to A. Leans are
 * weighed by where the judge puts its point:
 *  - concessions count little ("Although B is longer, A answers the question": the B clause is
 *    conceded; "B is detailed, but A is correct": what precedes "but" is conceded);
 *  - a stated preference ("Response B is clearly better", "A is more accurate than B", "Output (b)
 *    stands out") counts most, and when stated preferences take a side, that side is the argument;
 *    a concluding sentence ("Overall, …", "Therefore, …") and the last one that takes a side count
 *    more than the rest; someone else's preference ("Assistant (a) argues that …") and advice
 *    ("could be more concise") count nothing; quoted text is the responses' words and is skipped;
 *  - sentences that take both sides ("A is correct but verbose; B is concise but wrong") cancel.
 * The verdict's own text (the span the verdict parser read, "[[A]]", "Output (a) is better") is
 * the verdict, not the argument, and is left out. A rationale whose leans do not clearly favour
 * one response is "unclear" and never flagged: a balanced review is not a contradiction.
 *
 * Linear in the text: one segmentation, one mention scan, one polarity pass per sentence; texts
 * past MAX_ARGUMENT_CHARS are read from their last MAX_ARGUMENT_CHARS characters (the conclusion).
 */
import { findMentions, segment } from '../align';
import { foldWord } from '../align/lexical/lexicon';
import { resolveMentions, type ResolvedMention } from '../align/lexical/mentions';
import { readPolarity } from '../align/lexical/polarity';
import { tokenize, type Token } from '../align/lexical/tokens';
import type { Judgment, PresentationOrder, Verdict } from '../record/record';
import { parseVerdict } from '../record/verdict';
import { maskQuotes, readStatement } from './statements';
import { cjkComparison, maskTruthReferences, truthReferences, type TruthReference } from './phrases';

type ArguedFor = 'A' | 'B' | null;

/** One sentence that takes a side, as UTF-16 offsets into the text given. */
interface ArgumentEvidence {
  readonly start: number;
  readonly end: number;
  /** The response this sentence argues for, in the ORIGINAL frame. */
  readonly argues: 'A' | 'B';
  /** Its weighed lean (stated preferences and concluding sentences weigh more, concessions less). */
  readonly weight: number;
  /** States a preference outright ("Response B is clearly better"). */
  readonly explicit: boolean;
}

export interface VerdictArgument {
  /** The response the rationale argues for (original frame); null: unclear. */
  readonly argues: ArguedFor;
  /** The verdict it was compared with (original frame). */
  readonly verdict: Verdict;
  /** True: argues for the other response than its verdict; null: unclear, a tie or no verdict. */
  readonly contradicts: boolean | null;
  /** Weighed leans: > 0 favours A, < 0 favours B. */
  readonly balance: number;
  /** The sentences behind `argues` (when it contradicts: the ones arguing against the verdict), strongest first, at most MAX_EVIDENCE. */
  readonly evidence: readonly ArgumentEvidence[];
}

export const ARGUMENT_HEURISTIC_NOTE =
  'Heuristic: which response the rationale argues for is read from its sentences\u2019 praise and blame, concessions and conclusion; a reading, not a verdict.';

/** Past this, only the last MAX_ARGUMENT_CHARS characters are read (a judge concludes at the end). */
export const MAX_ARGUMENT_CHARS = 60_000;
const MAX_EVIDENCE = 3;
const CONCESSION_WEIGHT = 0.25;
const BEFORE_CONTRAST_WEIGHT = 0.5;
const AFTER_CONTRAST_WEIGHT = 1.5;
/** A sentence that states a preference ("A is more accurate than B", "Output (b) stands out"). */
const EXPLICIT_WEIGHT = 3;
/** A sentence opening with "Overall", "Therefore", "In conclusion", or comparing on one criterion ("more accurate"), that states no preference outright. */
const CONCLUDING_WEIGHT = 1.5;
const LAST_SIDE_WEIGHT = 1.5;
const HEDGE_WEIGHT = 0.5;
/** Least weighed lean for a side, and how far it must outweigh the other side. */
const MIN_LEAN = 2;
const DOMINANCE = 2;

/** Words that open a concluding sentence (folded; the first few words of a sentence are looked at). */
const CONCLUDING = new Set(
  `overall therefore thus hence ultimately consequently accordingly altogether conclude
  donc ainsi globalement finalement bref
  consiguiente
  insgesamt daher deshalb somit fazit zusammenfassend folglich`.split(/\s+/).filter(Boolean),
);
const CJK_CONCLUDING = ['因此', '所以', '综上', '总之', '总的来说', '总体', '总体而言', '结论', '最终', 'したがって', '結論', '総合'];
/** Concession markers: the clause they open is conceded. */
const CONCEDING = new Set(`although though despite granted admittedly albeit notwithstanding whilst while quoique malgre aunque pese obwohl obgleich wenngleich zwar trotz`.split(/\s+/));
/** Two-word concession markers: "even though", "even if", "bien que", "même si", "a pesar", "si bien", "in spite". */
const CONCEDING_PAIRS = new Set(['even though', 'even if', 'bien que', 'meme si', 'a pesar', 'si bien', 'in spite', 'it is true', "it's true", 'while it']);
/** Markers mid-sentence that concede what follows them ("A is correct, although B is longer"). */
const CONCEDING_MID = new Set(`although though despite albeit notwithstanding quoique malgre aunque obwohl obgleich wenngleich trotz`.split(/\s+/));
const CJK_CONCEDING = ['虽然', '尽管', '虽', '雖然', '儘管'];
/** A contrast mid-sentence: what precedes it is the lesser point ("B is detailed, but A is correct"). */
const CONTRAST = new Set(`but however nevertheless nonetheless mais cependant pourtant pero embargo aber jedoch`.split(/\s+/));
const CJK_CONTRAST = ['但是', '但', '然而', '不过', '可是'];
/** A sentence that opens with one of these makes its point against the previous one. */
const OPENING_CONTRAST = new Set(`however but nevertheless nonetheless still yet that said mais cependant pourtant pero embargo aber jedoch`.split(/\s+/));
/** Sentences that cannot carry an argument about the responses. */
const NO_ARGUMENT_KINDS = new Set(['code', 'quote', 'rule']);

interface Lean {
  readonly start: number;
  readonly end: number;
  /** Signed weighed lean, > 0 for A. */
  readonly value: number;
  /** States a preference outright. */
  readonly explicit: boolean;
}

function startsWithAny(text: string, words: readonly string[]): boolean {
  const t = text.trimStart();
  return words.some((w) => t.startsWith(w));
}

/** The folded words among `tokens`, in order. */
function words(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (t.kind === 'word') out.push(foldWord(t.text));
  return out;
}

function isConcluding(tokens: readonly Token[], text: string): boolean {
  const first = words(tokens.slice(0, 8)).slice(0, 5);
  if (first.slice(0, 3).some((w) => CONCLUDING.has(w))) return true;
  // "In conclusion", "In summary", "All in all", "To sum up", "Final verdict", "En résumé", "Por lo tanto", "Alles in allem".
  const head = first.join(' ').replace(/'/g, ' ');
  if (/^(?:in (?:conclusion|summary|sum|short|the end)|all in all|on balance|to (?:sum up|summarize|summarise|conclude)|final|my final|en (?:conclusion|resume|somme|fin|definitiva|resumen|general)|au final|dans l ensemble|por lo tanto|en conclusion|alles in allem|im ganzen)\b/.test(head)) return true;
  return startsWithAny(text, CJK_CONCLUDING);
}

/** The conceded part of a sentence as [start, end) offsets, or null. */
function concession(tokens: readonly Token[], text: string, segStart: number, segEnd: number): [number, number] | null {
  const seg = text.slice(segStart, segEnd);
  const cjk = CJK_CONCEDING.find((w) => seg.trimStart().startsWith(w));
  if (cjk !== undefined) {
    const lead = seg.length - seg.trimStart().length;
    let cut = seg.length;
    for (const c of ['，', ',', '；', ...CJK_CONTRAST]) {
      const at = seg.indexOf(c, lead + cjk.length);
      if (at !== -1 && at < cut) cut = at;
    }
    return [segStart, segStart + cut];
  }
  const w: { word: string; tok: Token }[] = [];
  for (const t of tokens) if (t.kind === 'word') w.push({ word: foldWord(t.text), tok: t });
  for (let i = 0; i < w.length; i++) {
    const cur = w[i] as { word: string; tok: Token };
    const pair = i + 1 < w.length ? `${cur.word} ${(w[i + 1] as { word: string }).word}` : '';
    const opening = i <= 2;
    const marker = CONCEDING_PAIRS.has(pair) || (opening ? CONCEDING.has(cur.word) : CONCEDING_MID.has(cur.word));
    if (!marker) continue;
    // An opening concession runs to the first clause break; a later one to the sentence's end or next break.
    let end = segEnd;
    for (const t of tokens) {
      if (t.start <= cur.tok.start || t.kind !== 'punct') continue;
      if (t.text === ',' || t.text === ';' || t.text === '\u2014' || t.text === ':') {
        end = t.start;
        break;
      }
    }
    // "Although …" with no clause break concedes nothing we can place: the whole sentence is one clause.
    if (opening && end === segEnd) return null;
    return [cur.tok.start, end];
  }
  return null;
}

/** Offset of a mid-sentence contrast ("…, but …"), or -1. */
function contrastAt(tokens: readonly Token[]): number {
  let seen = 0;
  for (const t of tokens) {
    if (t.kind === 'word') {
      seen++;
      if (seen > 1 && CONTRAST.has(foldWord(t.text))) return t.start;
    } else if (t.kind === 'run') {
      for (const c of CJK_CONTRAST) {
        const at = t.text.indexOf(c);
        if (at > 0) return t.start + at;
      }
    }
  }
  return -1;
}

function openingContrast(tokens: readonly Token[]): boolean {
  const first = words(tokens.slice(0, 4))[0];
  return first !== undefined && OPENING_CONTRAST.has(first);
}

function clamp(v: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, v));
}

interface Part {
  readonly start: number;
  readonly end: number;
  readonly factor: number;
}

/** A sentence cut around its conceded clause: the conceded part counts CONCESSION_WEIGHT, the rest fully. */
function parts(start: number, end: number, conceded: [number, number] | null): Part[] {
  if (!conceded) return [{ start, end, factor: 1 }];
  return [
    { start, end: conceded[0], factor: 1 },
    { start: conceded[0], end: conceded[1], factor: CONCESSION_WEIGHT },
    { start: conceded[1], end, factor: 1 },
  ].filter((p) => p.end > p.start);
}

/** Signed lean of one sentence (> 0 for A), before weighing by its place. */
function sentenceLean(text: string, start: number, end: number, mentions: readonly ResolvedMention[], tokens: readonly Token[], favoursSubjectAt: number): number {
  const conceded = concession(tokens, text, start, end);
  const contrast = conceded ? -1 : contrastAt(tokens);
  let a = 0;
  let b = 0;
  let evaluative = 0;
  // Each part is read on its own, so the cues of a conceded clause ("even though it had a minor
  // mistake") do not reach the subject of the main one.
  for (const part of parts(start, end, conceded)) {
    const inPart = mentions.filter((m) => m.start >= part.start && m.start < part.end);
    if (inPart.length === 0) continue;
    // "回答B比回答A更准确": the response before 比 is favoured, the other is not (phrases.ts).
    const compared = cjkComparison(text, part.start, part.end, inPart);
    if (compared !== 0) {
      const at = (inPart.find((m) => !m.implicit) ?? inPart[0])?.start ?? part.start;
      const s = part.factor * (contrast !== -1 ? (at < contrast ? BEFORE_CONTRAST_WEIGHT : AFTER_CONTRAST_WEIGHT) : 1);
      a += compared * s;
      b -= compared * s;
      evaluative += part.factor;
      continue;
    }
    const read = readPolarity(text, part.start, part.end, inPart, tokens.filter((t) => t.start >= part.start && t.end <= part.end));
    evaluative += read.evaluative * part.factor;
    inPart.forEach((m, k) => {
      const p = read.polarities[k];
      if (p === undefined || p === 'neutral') return;
      let s = (p === 'positive' ? 1 : -1) * part.factor;
      if (contrast !== -1) s *= m.start < contrast ? BEFORE_CONTRAST_WEIGHT : AFTER_CONTRAST_WEIGHT;
      if (m.implicit) s *= 0.8;
      if (m.response === 'A') a += s;
      else b += s;
    });
  }
  // "Both responses are correct" names both at one span: equal leans cancel. Weak praise ("clear",
  // "detailed") or a bare negation ("no museums") leans less than "correct" or "wrong".
  const lean = (clamp(a, 1.5) - clamp(b, 1.5)) * Math.min(1, evaluative);
  if (lean !== 0 || favoursSubjectAt === -1) return lean;
  // "Output (b) stands out", "A excels": a preference the cue lexicon does not score.
  const before = mentions.filter((m) => m.start < favoursSubjectAt);
  const subject = before[before.length - 1];
  const both = subject !== undefined && before.some((m) => m !== subject && m.start === subject.start);
  return subject && !both ? (subject.response === 'A' ? 1 : -1) : 0;
}

/** "Response A says 1912, when the correct answer is 1915": the response named before a contrasted truth reference is blamed (> 0 for A). */
function truthBlame(truths: readonly TruthReference[], start: number, end: number, mentions: readonly ResolvedMention[]): number {
  let blame = 0;
  for (const t of truths) {
    if (!t.contrast || t.start < start || t.start >= end) continue;
    const before = mentions.filter((m) => m.end <= t.start);
    const subject = before[before.length - 1];
    if (subject && !before.some((m) => m !== subject && m.start === subject.start)) blame += subject.response === 'A' ? -1 : 1;
  }
  return clamp(blame, 1);
}

/** Each sentence's lean, in text order (exported for tests and the Inspector's evidence). */
function leans(original: string, order: PresentationOrder, exclude: readonly [number, number] | null): Lean[] {
  // Quoted strings are the responses' words, not the judge's: blanked, offsets kept. So is a
  // statement of the truth ("when the correct answer is 15"): its "correct" praises nobody.
  const quoted = maskQuotes(original);
  const truths = truthReferences(quoted);
  const text = maskTruthReferences(quoted, truths);
  const segs = segment(text);
  const resolved = resolveMentions(text, segs, findMentions(text), order);
  const out: Lean[] = [];
  segs.forEach((seg, i) => {
    if (NO_ARGUMENT_KINDS.has(seg.kind)) return;
    if (exclude && seg.start < exclude[1] && exclude[0] < seg.end) return;
    const mentions: ResolvedMention[] = resolved[i] ?? [];
    if (mentions.length === 0) return;
    const tokens = tokenize(text, seg.start, seg.end);
    const statement = readStatement(tokens, mentions);
    // "Assistant (a) argues that Output (a) is better" is somebody else's preference; "could be more
    // concise" is advice, not praise.
    if ((statement.reported && (statement.explicit || statement.comparative)) || statement.suggestion) return;
    const blame = truthBlame(truths, seg.start, seg.end, mentions);
    const lean = sentenceLean(text, seg.start, seg.end, mentions, tokens, statement.explicit ? statement.favoursSubjectAt : -1) + blame;
    if (lean === 0) return;
    // Setting a response's words against the truth states a factual error: it weighs as a comparison does.
    let weight = statement.explicit ? EXPLICIT_WEIGHT : statement.comparative || blame !== 0 || isConcluding(tokens, text.slice(seg.start, seg.end)) ? CONCLUDING_WEIGHT : 1;
    if (openingContrast(tokens)) weight *= AFTER_CONTRAST_WEIGHT;
    if (statement.hedged) weight *= HEDGE_WEIGHT;
    out.push({ start: seg.start, end: seg.end, value: lean * weight, explicit: statement.explicit });
  });
  return out;
}

/**
 * Reads which response `text` (a rationale, thinking removed) argues for, in the original frame,
 * and compares it with `verdict` (original frame). `verdictSpan`: the verdict's own text, left out.
 */
export function readArgument(text: string, order: PresentationOrder, verdict: Verdict, verdictSpan: readonly [number, number] | null = null): VerdictArgument {
  const base = text.length > MAX_ARGUMENT_CHARS ? text.length - MAX_ARGUMENT_CHARS : 0;
  const read = base ? text.slice(base) : text;
  const span: [number, number] | null = verdictSpan ? [verdictSpan[0] - base, verdictSpan[1] - base] : null;
  const all = leans(read, order, span);
  // The last sentence that takes a side is the judge's last word, "Overall" or not.
  const last = all[all.length - 1];
  const weighed = all.map((l) => (l === last && !l.explicit ? { ...l, value: l.value * LAST_SIDE_WEIGHT } : l));
  let forA = 0;
  let forB = 0;
  let stated = 0;
  for (const l of weighed) {
    if (l.value > 0) forA += l.value;
    else forB -= l.value;
    if (l.explicit) stated += l.value;
  }
  // Stated preferences decide when they clearly take a side; otherwise the leans must.
  let argues: ArguedFor = null;
  if (Math.abs(stated) >= EXPLICIT_WEIGHT) argues = stated > 0 ? 'A' : 'B';
  else if (forA >= MIN_LEAN && forA >= DOMINANCE * forB) argues = 'A';
  else if (forB >= MIN_LEAN && forB >= DOMINANCE * forA) argues = 'B';
  const contradicts = argues === null || (verdict !== 'A' && verdict !== 'B') ? null : argues !== verdict;
  const sign = argues === 'A' ? 1 : -1;
  const evidence: ArgumentEvidence[] =
    argues === null
      ? []
      : weighed
          .filter((l) => Math.sign(l.value) === sign)
          .sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || x.start - y.start)
          .slice(0, MAX_EVIDENCE)
          .map((l) => ({ start: l.start + base, end: l.end + base, argues: argues, weight: Math.round(Math.abs(l.value) * 100) / 100, explicit: l.explicit }));
  return { argues, verdict, contradicts, balance: Math.round((forA - forB) * 100) / 100, evidence };
}

/**
 * The check on one judgment (one sample): its rationale against the verdict it is scored by, with
 * evidence offsets into `judgment.raw` (thinking included), like every other highlight.
 */
export function checkJudgment(judgment: Judgment): VerdictArgument {
  const parsed = parseVerdict(judgment.rationale, { order: judgment.order });
  const span: [number, number] | null = parsed.start >= 0 ? [parsed.start, parsed.end] : null;
  const result = readArgument(judgment.rationale, judgment.order, judgment.verdict, span);
  const offset = judgment.rationaleOffset;
  return offset ? { ...result, evidence: result.evidence.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) } : result;
}
