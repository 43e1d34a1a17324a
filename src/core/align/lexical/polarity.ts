/**
 * Is a claim praising or criticising each response it mentions?
 *
 * A small clause-level reading, not a sentiment model. Cue words (lexicon.ts) are assigned to the
 * nearest response mention in their clause, or carried to the previous one when the clause has none
 * ("Assistant A's answer is mostly correct, but it incorrectly states …"). On top of that:
 *  - negators flip the next cue ("not correct", "no errors", "less accurate", "pas correcte"), and
 *    a negation no cue consumes is a mild criticism ("never closes the file", "has no comments");
 *  - "fails to"/"lacks" are criticisms that swallow the next cue ("fails to correctly compute");
 *  - what follows a reporting verb is the response's content, not the judge's opinion
 *    ("A states that the answer is correct" is not praise);
 *  - a contrastive clause ("but …") weighs double, an explanatory one ("because …") half: the
 *    point a judge makes after "but" is the one it means ("still relevant, but does not capture
 *    the main mechanism" is a criticism);
 *  - comparatives invert across "than"/"over"/"unlike"/"compared to" ("A is better than B" is
 *    positive about A and negative about B);
 *  - mentions joined by "and"/"or" share their clause's cues ("A and B are both correct").
 */
import { CJK_CUES, CJK_NEGATORS, CRITICAL_NEGATORS, NEGATORS, REPORT_VERBS, SUPPRESSORS, cueScore, foldWord } from './lexicon';
import type { ResolvedMention } from './mentions';
import { tokenize, type Token } from './tokens';

export type Polarity = 'positive' | 'negative' | 'neutral';

const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet', 'whereas', 'while', 'mais', 'cependant', 'tandis', 'pero', 'aber', 'sino']);
const CAUSAL = new Set(['because', 'since', 'as', 'given', 'car', 'puisque', 'parce', 'porque', 'weil', 'so']);
const INVERTERS = new Set(['than', 'over', 'versus', 'vs', 'unlike', 'compared', 'relative', 'contrary', 'que', 'rapport', 'als']);
const CONJUNCTIONS = new Set(['and', 'or', 'nor', '&', 'et', 'ou', 'y', 'und', 'both']);
const CLAUSE_PUNCT = new Set([',', ';', ':', '(', ')', '.', '!', '?', '\uff0c', '\uff1b', '\u3002', '\uff01', '\uff1f', '\u2014', '\u2013']);
const CJK_CONTRAST = /但|而|却|然而/u;
const RIGHT_THING = new Set(['answer', 'answers', 'result', 'total', 'conclusion', 'approach', 'choice', 'track', 'value', 'values', 'output', 'solution', 'option', 'number', 'formula', 'idea']);
/** "Exceeds the word limit" criticises; "exceeds expectations" does not. */
const EXCEED = new Set(['exceeds', 'exceed', 'exceeded', 'exceeding', 'overshoots', 'overruns']);
const LIMITS = new Set(['limit', 'limits', 'length', 'count', 'maximum', 'max', 'cap', 'budget', 'bound', 'allowed', 'constraint', 'requirement']);
const BREAK_NEUTRAL = new Set(['down', 'up', 'into', 'out']);
const WORKS_WITH = new Set(['with', 'on', 'through', 'in', 'for', 'as', 'by', 'around']);
const ERROR_NOUNS = new Set(['error', 'errors', 'bug', 'bugs', 'mistake', 'mistakes', 'failure', 'failures']);
const ERROR_COMPOUNDS = new Set(
  'handling handler handlers checking check checks message messages correction detection reporting report reports case cases code codes rate rates bar bars analysis log logs logging recovery tracking propagation'.split(' '),
);
const JUDGE_PRONOUNS = new Set(['i', 'we', 'je', 'nous', 'yo', 'ich', 'wir']);

type Event =
  | { pos: number; type: 'mention'; index: number }
  | { pos: number; type: 'cue'; score: number }
  | { pos: number; type: 'negate'; critical: boolean }
  | { pos: number; type: 'suppress'; score: number }
  | { pos: number; type: 'report' }
  | { pos: number; type: 'boundary'; weight: number }
  | { pos: number; type: 'invert' }
  | { pos: number; type: 'conj' }
  | { pos: number; type: 'word' };

interface Group {
  mentions: number[];
  score: number;
  invert: boolean;
}

interface Clause {
  groups: Group[];
  pending: number;
  weight: number;
}

export interface PolarityResult {
  /** Polarity per mention, in the order given. */
  polarities: Polarity[];
  /** Sum of absolute cue strength: does the claim evaluate anything at all? */
  evaluative: number;
}

function scanCjkRun(run: string, base: number, events: Event[], isMasked: (pos: number) => boolean): void {
  let i = 0;
  while (i < run.length) {
    let matched = false;
    for (const [word, score] of CJK_CUES) {
      if (!run.startsWith(word, i) || isMasked(base + i)) continue;
      const prev = run[i - 1] ?? '';
      const flipped = score > 0 && CJK_NEGATORS.test(prev);
      events.push({ pos: base + i, type: 'cue', score: flipped ? -score : score });
      i += word.length;
      matched = true;
      break;
    }
    if (matched) continue;
    const ch = run[i] ?? '';
    if (CJK_CONTRAST.test(ch)) events.push({ pos: base + i, type: 'boundary', weight: 2 });
    else if (ch === '比') events.push({ pos: base + i, type: 'invert' });
    else if (ch === '和' || ch === '与') events.push({ pos: base + i, type: 'conj' });
    i++;
  }
}

/** Reads the polarity of every mention of one claim (`mentions` sorted by start, absolute offsets). */
export function readPolarity(
  text: string,
  start: number,
  end: number,
  mentions: readonly ResolvedMention[],
  tokens: readonly Token[] = tokenize(text, start, end),
): PolarityResult {
  const events: Event[] = [];
  mentions.forEach((m, index) => events.push({ pos: m.start, type: 'mention', index }));
  const insideMention = (pos: number): boolean => mentions.some((m) => m.start <= pos && pos < m.end);

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok === undefined) continue;
    if (tok.kind === 'run') {
      scanCjkRun(tok.text, tok.start, events, insideMention);
      continue;
    }
    const w = foldWord(tok.text);
    if (insideMention(tok.start)) {
      // "Neither response is correct": the negator lives inside the mention span.
      if (w === 'neither') events.push({ pos: tok.start + 0.5, type: 'negate', critical: true });
      continue;
    }
    const pos = tok.start;
    if (tok.kind === 'punct') {
      if (CLAUSE_PUNCT.has(w)) events.push({ pos, type: 'boundary', weight: 1 });
      else if (w === '&') events.push({ pos, type: 'conj' });
      continue;
    }
    if (tok.kind === 'number') {
      events.push({ pos, type: 'word' });
      continue;
    }
    const next = tokens[t + 1];
    const nextWord = next ? foldWord(next.text) : '';
    if (CONTRAST.has(w)) events.push({ pos, type: 'boundary', weight: 2 });
    else if (CAUSAL.has(w)) events.push({ pos, type: 'boundary', weight: 0.5 });
    else if (INVERTERS.has(w)) events.push({ pos, type: 'invert' });
    else if (CONJUNCTIONS.has(w)) events.push({ pos, type: 'conj' });
    else if (w === 'not' && nextWord === 'only') events.push({ pos, type: 'word' });
    else if (NEGATORS.has(w) || w.endsWith("n't")) events.push({ pos, type: 'negate', critical: CRITICAL_NEGATORS.has(w) || w.endsWith("n't") });
    else if (SUPPRESSORS.has(w)) events.push({ pos, type: 'suppress', score: cueScore(w) || -1 });
    // "I believe it is less accurate" is the judge's own opinion, not reported content.
    else if (REPORT_VERBS.has(w) && !JUDGE_PRONOUNS.has(t > 0 ? foldWord(tokens[t - 1]?.text ?? '') : '')) events.push({ pos, type: 'report' });
    else if (w === 'too' && next !== undefined && next.kind === 'word') events.push({ pos, type: 'cue', score: -0.5 });
    // "right" praises only as "the right answer/result/…", not in "right lateral pterygoid".
    else if (w === 'right') events.push(RIGHT_THING.has(nextWord) ? { pos, type: 'cue', score: 1 } : { pos, type: 'word' });
    // Phrasal omissions: "leaves out the visa issue", "left out".
    else if ((w === 'leaves' || w === 'leave' || w === 'left' || w === 'leaving') && nextWord === 'out') events.push({ pos, type: 'cue', score: -1 });
    // "works with a Promise" is no praise; "error handling", "error message" are not errors.
    else if ((w === 'works' || w === 'work') && WORKS_WITH.has(nextWord)) events.push({ pos, type: 'word' });
    else if (ERROR_NOUNS.has(w) && ERROR_COMPOUNDS.has(nextWord)) events.push({ pos, type: 'word' });
    // "breaks down the steps", "breaks the proof down", "breaks it into parts" describe, they do not criticise.
    else if ((w === 'breaks' || w === 'break' || w === 'broke' || w === 'breaking') && tokens.slice(t + 1, t + 4).some((x) => BREAK_NEUTRAL.has(foldWord(x.text)))) events.push({ pos, type: 'word' });
    else if (EXCEED.has(w)) events.push(tokens.slice(t + 1, t + 6).some((x) => LIMITS.has(foldWord(x.text))) ? { pos, type: 'cue', score: -1 } : { pos, type: 'word' });
    else {
      const s = cueScore(w);
      events.push(s !== 0 ? { pos, type: 'cue', score: s } : { pos, type: 'word' });
    }
  }
  // Mentions sort before a token at the same offset (a zero-width implicit mention opens the claim).
  events.sort((a, b) => a.pos - b.pos || (a.type === 'mention' ? -1 : b.type === 'mention' ? 1 : 0));

  const groups: Group[] = [];
  let clause: Clause = { groups: [], pending: 0, weight: 1 };
  let leadPending = 0;
  let evaluative = 0;
  let negateIn = 0;
  let suppressIn = 0;
  let reporting = false;
  let invertIn = 0;
  let joinable = false;

  // A critical negation no cue consumed ("never closes the file") counts as a mild criticism.
  let criticalPending = false;
  const addScore = (score: number): void => {
    const target = clause.groups[clause.groups.length - 1];
    if (target) target.score += score;
    else clause.pending += score;
  };
  const flushNegation = (): void => {
    if (criticalPending && !reporting) {
      const score = -0.5 * clause.weight;
      evaluative += 0.5 * clause.weight;
      addScore(score);
    }
    criticalPending = false;
  };

  const closeClause = (): void => {
    flushNegation();
    if (clause.pending !== 0) {
      // Cues before a clause's first mention belong to it ("Only B correctly …"), unless that
      // mention is a comparison target ("… less accurate than A"): then they go to the subject.
      const first = clause.groups.find((g) => !g.invert);
      const carry = groups.filter((g) => !g.invert).pop();
      if (first) first.score += clause.pending;
      else if (carry) carry.score += clause.pending;
      else leadPending += clause.pending;
    }
  };

  for (const ev of events) {
    switch (ev.type) {
      case 'mention': {
        const current = clause.groups[clause.groups.length - 1];
        if (joinable && current) {
          current.mentions.push(ev.index);
        } else {
          const g: Group = { mentions: [ev.index], score: 0, invert: invertIn > 0 };
          if (groups.length === 0 && leadPending !== 0) {
            g.score += leadPending;
            leadPending = 0;
          }
          clause.groups.push(g);
          groups.push(g);
        }
        joinable = true;
        invertIn = 0;
        break;
      }
      case 'conj':
        break;
      case 'boundary':
        closeClause();
        clause = { groups: [], pending: 0, weight: ev.weight };
        negateIn = 0;
        suppressIn = 0;
        reporting = false;
        joinable = false;
        invertIn = 0;
        break;
      case 'invert':
        invertIn = 4;
        joinable = false;
        break;
      case 'negate':
        flushNegation();
        negateIn = 4;
        criticalPending = ev.critical;
        joinable = false;
        break;
      case 'report':
        reporting = true;
        joinable = false;
        break;
      case 'suppress':
      case 'cue': {
        joinable = false;
        if (invertIn > 0) invertIn--;
        if (reporting) break;
        let score = ev.score;
        if (suppressIn > 0) {
          suppressIn = 0;
          break;
        }
        if (negateIn > 0) {
          score = -score;
          negateIn = 0;
          criticalPending = false;
        }
        if (ev.type === 'suppress') suppressIn = 4;
        score *= clause.weight;
        evaluative += Math.abs(score);
        addScore(score);
        break;
      }
      case 'word':
        joinable = false;
        if (negateIn > 0 && --negateIn === 0) flushNegation();
        if (suppressIn > 0) suppressIn--;
        if (invertIn > 0) invertIn--;
        break;
    }
  }
  closeClause();

  // Comparatives: a group introduced by "than"/"unlike" takes the opposite of its neighbour — the
  // previous group ("A is better than B"), or the next one when it opens the claim ("Unlike A, B …").
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as Group;
    if (!group.invert || group.score !== 0) continue;
    const neighbour = g > 0 ? groups[g - 1] : groups[g + 1];
    if (neighbour) group.score = -neighbour.score;
  }

  const polarities: Polarity[] = mentions.map(() => 'neutral');
  for (const group of groups) {
    const p: Polarity = group.score > 1e-9 ? 'positive' : group.score < -1e-9 ? 'negative' : 'neutral';
    for (const i of group.mentions) polarities[i] = p;
  }
  return { polarities, evaluative };
}
