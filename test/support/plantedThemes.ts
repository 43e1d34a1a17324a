/**
 * A seeded R-Align file with planted failure kinds, to measure whether failure themes recover them.
 *
 * Every record's gold judgment gives two background-free reasons: one the rationale will share (a
 * common strength of the winner, which the rationale repeats in its own words) and one of N planted
 * decisive-claim kinds (a unit slip, an off-by-one loop, an invented citation, …), each written in
 * one of several phrasings with varying figures and names. Spurious records (label-correct,
 * `metarm_verdict` Incorrect) miss exactly their planted claim; aligned records state it in a
 * paraphrase; label-wrong records argue for the loser. So the planted kind of each spurious record is
 * the truth its failure claim should be themed by.
 */
import { mulberry32 } from '../../src/core/statistics/pairedTests';

interface PlantedKind {
  readonly name: string;
  /** Phrasings of the gold's decisive claim about the loser (`{L}`: the loser's letter, `{n}`: a figure, `{w}`: a name). */
  readonly gold: readonly string[];
  /** How an aligned rationale states it. */
  readonly stated: string;
}

const PLANTED_KINDS: readonly PlantedKind[] = [
  {
    name: 'unit conversion',
    gold: [
      'Response {L} converts grams to kilograms wrongly, dividing by {n} instead of 1000.',
      'The decisive flaw is that Response {L} botches the gram to kilogram conversion and reports {n} kilograms.',
      'Response {L} gets the kilogram conversion wrong because it treats 1 kilogram as {n} grams.',
    ],
    stated: 'Response {L} divides grams by the wrong factor when converting to kilograms.',
  },
  {
    name: 'off-by-one loop',
    gold: [
      'Response {L} has an off-by-one error: its loop stops one index early and skips the last element of the array.',
      'The loop in Response {L} runs to length minus {n}, so the final array element is never visited.',
      "Response {L}'s loop bound is off by one, leaving the last element of the array unprocessed.",
    ],
    stated: 'The loop of Response {L} misses the last array element (off by one).',
  },
  {
    name: 'invented citation',
    gold: [
      'Response {L} cites a {n} study by {w} that does not exist; the citation is fabricated.',
      'Response {L} invents a reference to a journal paper by {w} ({n}), a hallucinated citation.',
      'The citation in Response {L} to {w} et al. ({n}) is fabricated: no such paper was published.',
    ],
    stated: 'Response {L} relies on a fabricated citation to {w}.',
  },
  {
    name: 'ignored word limit',
    gold: [
      'Response {L} ignores the {n}-word limit the user set and runs far past it.',
      'The user asked for at most {n} words, and Response {L} disregards that length limit.',
      'Response {L} violates the word limit of {n} words stated in the prompt.',
    ],
    stated: 'Response {L} breaks the user\'s word limit.',
  },
  {
    name: 'date arithmetic',
    gold: [
      'Response {L} miscounts the days between the two dates, answering {n} days.',
      'Response {L} makes a calendar mistake: the number of days between March and April is not {n}.',
      'The day count in Response {L} is wrong; it forgets that March has 31 days and gets {n}.',
    ],
    stated: 'Response {L} counts the days between the dates incorrectly.',
  },
];

/** Reasons the rationale shares with the gold (so they are not failures), each with the rationale's wording. */
const SHARED: readonly (readonly [string, string])[] = [
  ['Response {W} explains each step of the solution in order.', 'Response {W} explains each step of the solution in order.'],
  ['Response {W} includes a short worked example that makes the method easy to follow.', 'Response {W} includes a worked example that makes the method easy to follow.'],
  ['Response {W} states its final answer clearly at the end.', 'Response {W} states its final answer clearly at the end.'],
];
const VAGUE = ['Response {W} is more detailed and more helpful overall.', 'Response {W} is better written and more thorough.', 'Response {W} feels more complete and polished.'];
const NAMES = ['Smith', 'Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Ivanova', 'Haddad', 'Costa'];

interface PlantedRecord {
  readonly index: number;
  readonly id: string;
  /** Which PLANTED_KINDS entry its gold's decisive claim is. */
  readonly kind: number;
  readonly role: 'spurious' | 'aligned' | 'label-wrong';
  /** The planted sentence as it appears in the gold judgment. */
  readonly planted: string;
}

export interface PlantedFile {
  readonly jsonl: string;
  readonly records: readonly PlantedRecord[];
}

/**
 * `perKind` spurious records of each kind, plus `alignedPerKind` aligned and `wrongPerKind`
 * label-wrong ones; records shuffled by the seed.
 */
export function plantedFile(seed: number, opts: { kinds?: number; perKind?: number; alignedPerKind?: number; wrongPerKind?: number } = {}): PlantedFile {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const kinds = PLANTED_KINDS.slice(0, opts.kinds ?? PLANTED_KINDS.length);
  const plan: { kind: number; role: PlantedRecord['role'] }[] = [];
  kinds.forEach((_, k) => {
    for (let i = 0; i < (opts.perKind ?? 12); i++) plan.push({ kind: k, role: 'spurious' });
    for (let i = 0; i < (opts.alignedPerKind ?? 4); i++) plan.push({ kind: k, role: 'aligned' });
    for (let i = 0; i < (opts.wrongPerKind ?? 2); i++) plan.push({ kind: k, role: 'label-wrong' });
  });
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j] as (typeof plan)[number], plan[i] as (typeof plan)[number]];
  }
  const lines: string[] = [];
  const records: PlantedRecord[] = plan.map((p, index) => {
    const winner = random() < 0.5 ? 'A' : 'B';
    const loser = winner === 'A' ? 'B' : 'A';
    const fill = (t: string) => t.replaceAll('{L}', loser).replaceAll('{W}', winner).replaceAll('{n}', String(2 + Math.floor(random() * 900))).replaceAll('{w}', pick(NAMES));
    const kind = kinds[p.kind] as PlantedKind;
    const [sharedGold, sharedRationale] = pick(SHARED);
    const planted = fill(pick(kind.gold));
    const gold = `${fill(sharedGold)} ${planted} Overall, Response ${winner} is better.`;
    let rationale: string;
    let pred: string;
    let verdict: string;
    if (p.role === 'spurious') {
      rationale = `${fill(sharedRationale)} ${fill(pick(VAGUE))}`;
      pred = winner;
      verdict = 'Incorrect';
    } else if (p.role === 'aligned') {
      rationale = `${fill(sharedRationale)} ${fill(kind.stated)}`;
      pred = winner;
      verdict = 'Correct';
    } else {
      rationale = `Response ${loser} is more detailed and more helpful overall.`;
      pred = loser;
      verdict = 'SkippedLabelMismatch';
    }
    const id = `planted-${index}`;
    lines.push(
      JSON.stringify({
        id,
        conversations: [{ role: 'user', content: `Task ${index}: answer the question.` }],
        response_A: `Answer A for task ${index}.`,
        response_B: `Answer B for task ${index}.`,
        gt_label: winner,
        gt_judgment: gold,
        model_judgment: `${rationale}\n\n\\boxed{${pred}}`,
        model_pred: pred,
        metarm_verdict: verdict,
      }),
    );
    return { index, id, kind: p.kind, role: p.role, planted };
  });
  return { jsonl: lines.join('\n') + '\n', records };
}
