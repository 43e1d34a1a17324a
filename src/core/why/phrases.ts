/**
 * Two phrasings the sentence reading of verdictArgument.ts misread (issue 26's known misses):
 *
 * - A statement of the truth is not praise: "Response A says 1912, when the correct answer is 1915"
 *   blames A, yet "correct" sat beside A. `truthReferences` finds "the correct answer is …" (and
 *   its French, Spanish, German and Chinese forms) used as the subject of a statement; the sentence
 *   reading blanks it, and when a contrast introduces it ("when", "whereas", "alors que", "cuando",
 *   "obwohl", "而") the response named before it is blamed. "A gives the correct answer" (an object,
 *   praise) and "the correct answer is Response B" (a stated choice) are not matched.
 * - Chinese 比-comparatives: "回答B比回答A更准确" favours B, the response BEFORE 比, where the cue
 *   reader gave the praise to the response named nearest to it (A). `cjkComparison` reads "X 比 Y …"
 *   (and 不如 / 优于 / 劣于 …) between two named responses.
 *
 * Regular expressions here have no two adjacent quantifiers over the same characters, and each
 * look-behind is a bounded slice: linear in the text.
 */

/** A truth reference as [start, end) offsets; `contrast`: introduced by a contrast, so it blames what precedes it. */
export interface TruthReference {
  readonly start: number;
  readonly end: number;
  readonly contrast: boolean;
}

const NOUNS_EN = 'answer|value|result|solution|number|figure|year|date|amount|total|formula|capital|response|output|one|name|count|price|sum';
/** What a stated choice names after "is": "the correct answer is Response B" stays a preference. */
const CHOICE_AFTER = /^\s*(?:\*\*)?\s*(?:response|assistant|output|answer|option|model|candidate|réponse|respuesta|antwort|\(?[ab12]\)?(?![\p{L}\p{N}]))/iu;
const GERMAN = /\b(?:die|der|das)\s(?:richtige|korrekte|wahre|tatsächliche)\s(?:Antwort|Wert|Ergebnis|Lösung|Zahl|Jahr|Datum|Summe)\b/giu;
const TRUTH_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b(?:the|a)\\s(?:correct|right|true|actual|accurate|expected|proper)\\s(?:${NOUNS_EN})\\s(?:is|was|would be|should be|being|equals)\\b`, 'giu'),
  /\b(?:la|le|l')\s?(?:bonne|vraie|juste|correcte)\s(?:réponse|valeur|solution|année|date|somme)\s(?:est|était|serait)\b/giu,
  /\b(?:la|le)\s(?:réponse|valeur|solution|année|date|somme|résultat)\s(?:correcte?|exacte?|juste)\s(?:est|était|serait)\b/giu,
  /\b(?:la|el)\s(?:respuesta|solución|cifra|fecha|valor|resultado|año|número)\s(?:correct[ao]|exact[ao]|verdader[ao])\s(?:es|era|sería)\b/giu,
  GERMAN,
  /正确(?:的)?(?:答案|结果|数值|值|年份|日期|解)(?:是|为|应为|应该是)/gu,
];
/** Words (folded, lower case) that, just before a truth reference, make it a contrast with what precedes. */
const CONTRAST_BEFORE = /(?:^|[\s,，;；(])(?:when|whereas|while|but|though|although|yet|even though|alors que|tandis que|mais|or|cuando|mientras|pero|aunque|obwohl|während|wobei|aber|doch|而|但|但是|然而|可是|其实)\s*[,，]?\s*$/u;

/** The truth references of `text` (already quote-masked), in order. */
export function truthReferences(text: string): TruthReference[] {
  const out: TruthReference[] = [];
  for (const pattern of TRUTH_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (CHOICE_AFTER.test(text.slice(end, end + 24)) || /^\s*(?:回答|助手|选项|答案)?\s*[AB12](?![\p{L}\p{N}])/u.test(text.slice(end, end + 8))) continue;
      const contrast = CONTRAST_BEFORE.test(text.slice(Math.max(0, start - 16), start).toLowerCase());
      // German puts the verb last ("obwohl die richtige Antwort 15 ist"): without a contrast, only "… ist 15" is a statement of the truth.
      if (pattern === GERMAN && !contrast && !/^\s(?:ist|wäre|war|lautet)\b/u.test(text.slice(end, end + 8))) continue;
      out.push({ start, end, contrast });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** `text` with each truth reference blanked to spaces (offsets kept), so its "correct" praises nobody. */
export function maskTruthReferences(text: string, refs: readonly TruthReference[]): string {
  if (refs.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const r of refs) {
    if (r.start < copied) continue;
    out += text.slice(copied, r.start) + ' '.repeat(r.end - r.start);
    copied = r.end;
  }
  return out + text.slice(copied);
}

const FAVOURS_FIRST = ['优于', '胜过', '好于', '强于', '胜于', '超过'];
const FAVOURS_SECOND = ['不如', '劣于', '逊于', '差于', '比不上'];
/** After "X 比 Y": words that make X the worse one (checked first: 不准确 holds 准确). */
const WORSE = ['差', '糟', '弱', '错', '不准确', '不完整', '不清楚', '不清晰', '逊', '劣', '啰嗦', '冗长', '混乱', '低'];
const BETTER = ['好', '优', '强', '准确', '正确', '清晰', '清楚', '完整', '详细', '全面', '有用', '精确', '可靠', '胜', '高', '简洁', '合理', '贴切'];
/** What may sit between a response's name and the comparison word: "助手B的回答比助手A的回答好". */
const LINK = /^\s*(?:的\s*(?:回答|答案|回复|解答|输出))?\s*$/u;

/**
 * Reads "X 比 Y 更准确" (and 不如, 优于 …) between two named mentions of different responses, in
 * `text` from `start` to `end`: +1 when it favours A, -1 for B, 0 when there is no such comparison or
 * it compares on a neutral criterion ("更长").
 */
export function cjkComparison(text: string, start: number, end: number, mentions: readonly { readonly response: 'A' | 'B'; readonly start: number; readonly end: number; readonly implicit: boolean }[]): number {
  const named = mentions.filter((m) => !m.implicit && m.start >= start && m.end <= end);
  for (let i = 0; i + 1 < named.length; i++) {
    const x = named[i] as (typeof named)[number];
    const y = named[i + 1] as (typeof named)[number];
    if (x.response === y.response) continue;
    const between = text.slice(x.end, y.start);
    const word = ['比', ...FAVOURS_FIRST, ...FAVOURS_SECOND].find((w) => {
      const at = between.lastIndexOf(w);
      // The link is a few characters: longer text between a name and 比 is no comparison of the two (and is never scanned).
      return at !== -1 && at <= 12 && LINK.test(between.slice(0, at)) && between.length - at - w.length <= 4 && between.slice(at + w.length).trim() === '';
    });
    if (word === undefined) continue;
    const sign = (r: 'A' | 'B') => (r === 'A' ? 1 : -1);
    if (FAVOURS_FIRST.includes(word)) return sign(x.response);
    if (FAVOURS_SECOND.includes(word)) return sign(y.response);
    // "X 比 Y" + the criterion, up to the next clause break.
    const rest = /^[^，,。；;！!？?\n]*/u.exec(text.slice(y.end, Math.min(end, y.end + 40)))?.[0] ?? '';
    if (WORSE.some((w) => rest.includes(w))) return sign(y.response);
    if (BETTER.some((w) => rest.includes(w))) return sign(x.response);
  }
  return 0;
}
