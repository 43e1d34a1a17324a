/**
 * Finds where a text refers to one of the two responses and maps each reference to A or B in the
 * ORIGINAL frame.
 *
 * Judges name the responses in many ways ("Assistant A", "@Response 2", "Output (a)", "model_1",
 * "the second answer", "B's", "回答A", "la première réponse"). Each is read as a presentation
 * SLOT (1 = shown first, 2 = shown second) and then mapped through the text's presentation order:
 * in a swapped-order judgment slot 1 is the original B.
 *
 * Bare letters are the risky case: "A" is also the English article and "B" is also an answer
 * option in multiple-choice prompts. A bare letter counts only in contexts that make it a
 * response (a possessive, a following verb like "is"/"fails", a preceding "than"/"and"/"both",
 * or adjacent Chinese text), and never after "option"/"choice" or inside "(B)".
 */
import type { PresentationOrder } from '../../record/record';
import type { Segment } from './segment';

type Slot = 1 | 2;
export type ResponseId = 'A' | 'B';

export interface RawMention {
  start: number;
  end: number;
  slot: Slot;
}

const NOUNS =
  'assistants?|responses?|outputs?|models?|candidates?|completions?|repl(?:y|ies)|generations?|solutions?|summar(?:y|ies)|systems?|chatbots?|bots?|agents?|versions?|submissions?|samples?|translations?|r[ée]ponses?|sorties?|mod[èe]les?|respuestas?|antwort(?:en)?';
// Label after a noun: "A", "1", "(a)", "[B]", "one"; lower-case bare a/b only after "_" or "-" (model_a).
const NOUN_LABEL = new RegExp(
  `(?<![\\p{L}\\p{N}_])@?(?:${NOUNS})(\\s*[-_]\\s*|\\s+|(?=[(\\[]))(\\(\\s*[AaBb12]\\s*\\)|\\[\\s*[AaBb12]\\s*\\]|[AaBb12]|one|two)(?![\\p{L}\\p{N}_])((?:['\u2019]s)?(?:\\s+(?:answer|response|output|reply|completion)(?![\\p{L}]))?)`,
  'giu',
);
// "Assistants A and B", "Responses 1 & 2": the second label after a first NOUN_LABEL match.
const SECOND_LABEL = /\s*(?:,|and|&|or|vs\.?|versus|\/)\s*(\(\s*[AaBb12]\s*\)|\[\s*[AaBb12]\s*\]|[AB12])(?![\p{L}\p{N}_])/uy;
// "Answer A" (capitalised only: lower-case "answer a question" is the article).
const ANSWER_LABEL = /(?<![\p{L}\p{N}_])@?Answer\s+(\(?[AB12]\)?)(?![\p{L}\p{N}_])/gu;
const ORDINAL =
  /(?<![\p{L}])(?:the\s+)?(first|second|1st|2nd)\s+(?:response|answer|assistant|output|model|one|candidate|completion|reply|summary|solution|translation|version|submission)(?![\p{L}])/giu;
const ORDINAL_FR =
  /(?<![\p{L}])(?:(?:la|le)\s+|l['\u2019])?(premi[èe]re?|deuxi[èe]me|seconde?)\s+(?:r[ée]ponse|sortie|assistant|mod[èe]le|proposition)(?![\p{L}])/giu;
const CJK_NOUNS = '回答|回复|答案|助手|模型|响应|输出|回應|回覆|应答';
const ORDINAL_ZH = new RegExp(`第\\s*([一二12])\\s*(?:个|個|份|条|條)?\\s*(?:${CJK_NOUNS})`, 'gu');
const NOUN_LABEL_ZH = new RegExp(`(?:${CJK_NOUNS})\\s*([AB12一二])(?![A-Za-z0-9])`, 'gu');
const BOTH =
  /(?<![\p{L}])(?:(?:both|the two|les deux)\s+(?:of the\s+)?(?:responses|assistants|answers|outputs|models|candidates|r[ée]ponses)|neither\s+(?:of the\s+)?(?:responses?|assistants?|answers?|outputs?|models?|candidates?))(?![\p{L}])|两个(?:回答|回复|答案)/giu;
const BARE = /(?<![\p{L}\p{N}_[\](){}<>=\\/.@#$+-])([AB])(?![\p{L}\p{N}_\](){}<>=\\/+-])/gu;

const BARE_NEXT = new Set(
  `is was has had does did doesn't didn't isn't wasn't provides provided gives gave correctly incorrectly
  fails failed makes made uses used offers states stated claims claimed includes included contains
  misses missed lacks also clearly seems appears are and or vs versus wins loses gets got outputs
  returns answers answered explains mentions mentioned hallucinates ignores ignored omits omitted
  follows addresses handles identifies identified computes computed calculates concludes says said
  writes wrote chooses chose selects selected picks would should could can cannot will only goes
  went tries attempts adds suggests needs focuses presents arrives reaches produces breaks crashes
  repeats violates meets satisfies succeeds performs delivers shows demonstrates lists covers
  describes assumes treats interprets misinterprets misreads confuses recommends refuses declines
  accurately properly successfully actually`.split(/\s+/),
);
const BARE_PREV = new Set(
  `than and both between over vs vs. versus unlike nor neither either while whereas but prefer prefers
  preferred favor favors favour favours whereas et que`.split(/\s+/),
);
const BARE_PREV_PAIR = /(?:compared|similar|superior|inferior|relative|contrast|opposed)\s+(?:to|with)\s+$/i;
// "option B", "choice (A)", "the answer is B", "select A": multiple-choice letters, not responses.
const OPTION_CONTEXT = /(?:options?|choices?|letters?|answers?\s+(?:is|are|was|would be)|correct\s+answer\s+is|select(?:s|ed)?|choose|chose|pick(?:s|ed)?|duplicat\w*)\s*[:(]?\s*$/i;
const HAN = /\p{Script=Han}/u;

function slotOf(label: string): Slot | null {
  const l = label.replace(/[()[\]\s]/g, '').toLowerCase();
  if (l === 'a' || l === '1' || l === 'one' || l === '一' || l === 'first' || l === '1st' || l.startsWith('premi')) return 1;
  if (l === 'b' || l === '2' || l === 'two' || l === '二' || l === 'second' || l === '2nd' || l.startsWith('deuxi') || l.startsWith('second')) return 2;
  return null;
}

function acceptBare(text: string, start: number, end: number): { end: number } | null {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 24);
  if (OPTION_CONTEXT.test(before)) return null;
  if (/^\s*\)/.test(after)) return null;
  const possessive = /^['\u2019]s(?![\p{L}])/u.exec(after);
  if (possessive) return { end: end + possessive[0].length };
  const prevChar = /(\S)\s*$/u.exec(before)?.[1] ?? '';
  const nextChar = /^\s*(\S)/u.exec(after)?.[1] ?? '';
  if (HAN.test(prevChar) || HAN.test(nextChar)) return { end };
  const nextWord = /^\s+([\p{L}'\u2019]+)/u.exec(after)?.[1]?.toLowerCase().replace('\u2019', "'");
  if (nextWord !== undefined && BARE_NEXT.has(nextWord)) return { end };
  const prevWord = /([\p{L}.]+)\s+$/u.exec(before)?.[1]?.toLowerCase();
  if (prevWord !== undefined && BARE_PREV.has(prevWord)) return { end };
  if (BARE_PREV_PAIR.test(before)) return { end };
  return null;
}

/** Verdict tokens ("[[A>>B]]", "\boxed{B}", "[RESULT] A"): their letters are not mentions. */
export const VERDICT_TOKEN = /\[\[[^\]\n]{1,12}\]\]|\\boxed\{[^}\n]{0,24}\}|\[RESULT\]\s*\S{1,8}|<answer>[^<\n]{0,24}<\/answer>/g;

/** All explicit mentions in the text, as presentation slots, non-overlapping, sorted. */
export function findMentions(text: string): RawMention[] {
  const found: RawMention[] = [];
  const blocked: [number, number][] = [];
  VERDICT_TOKEN.lastIndex = 0;
  for (let m = VERDICT_TOKEN.exec(text); m !== null; m = VERDICT_TOKEN.exec(text)) blocked.push([m.index, m.index + m[0].length]);

  const add = (start: number, end: number, slot: Slot | null): void => {
    if (slot !== null) found.push({ start, end, slot });
  };

  NOUN_LABEL.lastIndex = 0;
  for (let m = NOUN_LABEL.exec(text); m !== null; m = NOUN_LABEL.exec(text)) {
    const sep = m[1] ?? '';
    const label = m[2] ?? '';
    // Lower-case bare a/b only with a "_"/"-" connector: "response a user" is an article.
    if (/^[ab]$/.test(label) && !/[-_]/.test(sep)) continue;
    add(m.index, m.index + m[0].length, slotOf(label));
    SECOND_LABEL.lastIndex = m.index + m[0].length - (m[3]?.length ?? 0);
    const second = SECOND_LABEL.exec(text);
    if (second) {
      const labelStart = second.index + second[0].length - (second[1]?.length ?? 0);
      add(labelStart, second.index + second[0].length, slotOf(second[1] ?? ''));
      NOUN_LABEL.lastIndex = Math.max(NOUN_LABEL.lastIndex, second.index + second[0].length);
    }
  }
  for (const re of [ANSWER_LABEL, ORDINAL, ORDINAL_FR, ORDINAL_ZH, NOUN_LABEL_ZH]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) add(m.index, m.index + m[0].length, slotOf(m[1] ?? ''));
  }
  BOTH.lastIndex = 0;
  for (let m = BOTH.exec(text); m !== null; m = BOTH.exec(text)) {
    add(m.index, m.index + m[0].length, 1);
    add(m.index, m.index + m[0].length, 2);
  }
  // Bare letters may not overlap anything found so far: merge those spans into sorted, disjoint
  // intervals once, then walk them with a pointer (a per-letter scan would be quadratic).
  const occupied: [number, number][] = [];
  for (const [s, e] of [...found.map((f): [number, number] => [f.start, f.end]), ...blocked].sort((a, b) => a[0] - b[0])) {
    const last = occupied[occupied.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else occupied.push([s, e]);
  }
  let o = 0;
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m !== null; m = BARE.exec(text)) {
    const start = m.index;
    const ok = acceptBare(text, start, start + 1);
    if (!ok) continue;
    while (o < occupied.length && (occupied[o] as [number, number])[1] <= start) o++;
    const next = occupied[o];
    if (next && next[0] < ok.end) continue;
    add(start, ok.end, m[1] === 'A' ? 1 : 2);
  }

  // Resolve overlaps: keep the earliest, then the longest; a "both" pair shares one span on purpose.
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.slot - b.slot);
  const out: RawMention[] = [];
  let b = 0;
  for (const f of found) {
    const prev = out[out.length - 1];
    while (b < blocked.length && (blocked[b] as [number, number])[1] <= f.start) b++;
    const block = blocked[b];
    if (block && block[0] < f.end) continue;
    if (prev && f.start < prev.end && !(f.start === prev.start && f.end === prev.end && f.slot !== prev.slot)) continue;
    out.push(f);
  }
  return out;
}

function responseOf(slot: Slot, order: PresentationOrder): ResponseId {
  const first: ResponseId = order === 'swapped' ? 'B' : 'A';
  const second: ResponseId = order === 'swapped' ? 'A' : 'B';
  return slot === 1 ? first : second;
}

/** A mention in the original frame; `implicit` ones come from a pronoun or a section label. */
export interface ResolvedMention {
  response: ResponseId;
  start: number;
  end: number;
  implicit: boolean;
}

const PRONOUN_START =
  /^[\s*_>"\u201c(]*(?:(?:however|also|additionally|moreover|furthermore|but|and|overall|still|unfortunately|instead|again|then|finally|yet|further|in addition|notably|importantly|in fact|that said|cependant|mais|aussi|de plus)\s*,?\s+)?(it|its|it's|they|their|this response|this answer|this output|the response|this one|he|she|this|il|elle|cette r[ée]ponse|它|该回答|这个回答)(?![\p{L}])/iu;

/**
 * Resolves each claim's mentions, adding implicit ones where the subject is carried over:
 *  - a sentence opening with "It"/"They"/"This response" inherits the last single response named
 *    in the same paragraph ("Assistant B's answer is incorrect. They stated that …");
 *  - a list item under a label or heading naming one response inherits it
 *    ("Assistant A's response:\n- Correctly identifies …").
 * Subjects never carry across a heading or a label naming something else.
 */
export function resolveMentions(
  text: string,
  segments: readonly Segment[],
  raw: readonly RawMention[],
  order: PresentationOrder,
): ResolvedMention[][] {
  const result: ResolvedMention[][] = [];
  let r = 0;
  let sectionSubject: Slot | null = null;
  let lastSubject: Slot | null = null;
  let lastParagraph = -1;
  for (const seg of segments) {
    while (r < raw.length && (raw[r] as RawMention).end <= seg.start) r++;
    const inside: RawMention[] = [];
    for (let k = r; k < raw.length && (raw[k] as RawMention).start < seg.end; k++) {
      const m = raw[k] as RawMention;
      if (m.start >= seg.start && m.end <= seg.end) inside.push(m);
    }
    if (seg.paragraph !== lastParagraph) {
      lastSubject = sectionSubject;
      lastParagraph = seg.paragraph;
    }
    const slots = new Set(inside.map((m) => m.slot));
    const single: Slot | null = slots.size === 1 ? (inside[0] as RawMention).slot : null;

    if (seg.kind === 'heading' || seg.kind === 'label') {
      if (slots.size > 0) sectionSubject = single;
      else if (seg.kind === 'heading') sectionSubject = null;
      lastSubject = sectionSubject;
      result.push(inside.map((m) => ({ response: responseOf(m.slot, order), start: m.start, end: m.end, implicit: false })));
      continue;
    }
    if (seg.kind === 'code') {
      // Letters in code are identifiers, not responses.
      result.push([]);
      continue;
    }

    const resolved: ResolvedMention[] = inside.map((m) => ({ response: responseOf(m.slot, order), start: m.start, end: m.end, implicit: false }));
    if (inside.length === 0) {
      const carried = lastSubject ?? sectionSubject;
      const pronoun = PRONOUN_START.exec(text.slice(seg.start, Math.min(seg.end, seg.start + 80)));
      if (pronoun && carried !== null) {
        const word = pronoun[1] ?? '';
        const at = seg.start + pronoun[0].length - word.length;
        resolved.push({ response: responseOf(carried, order), start: at, end: at + word.length, implicit: true });
      } else if (seg.kind === 'item' && sectionSubject !== null) {
        resolved.push({ response: responseOf(sectionSubject, order), start: seg.start, end: seg.start, implicit: true });
      }
    } else {
      lastSubject = single;
    }
    result.push(resolved);
  }
  return result;
}
