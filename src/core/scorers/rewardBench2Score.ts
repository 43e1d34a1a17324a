/**
 * RewardBench 2's own scoring, as `scripts/run_generative_v2.py` prints it (allenai/reward-bench):
 * per subset `sum(results) / len(results)`, where a prompt's result is 1 (the chosen answer won),
 * 0 (a rejected one won), 0.25 (no verdict: "error", "effectively a tie") or, with ratings, the
 * share of a tie for first that includes the chosen answer; and the Ties subset's weighted score of
 * `rewardbench.utils.process_single_model` (60% accuracy, 40% margins) over every Ties row's ratings.
 */
import type { ConventionFigure, ConventionFigures } from './conventions';
import { pythonFloat } from './pythonFormat';

export const RB2_CONVENTION = 'rewardbench-2';
export const RB2_SCORER = "RewardBench 2's run_generative_v2.py";

interface TiesRow {
  readonly sampleType: string;
  readonly promptId: number;
  /** (is the answer correct, its rating) for each answer. */
  readonly samples: readonly (readonly [boolean, number])[];
}

interface PromptStats {
  readonly accurate: boolean;
  readonly differentCorrectMargin: number | null;
  readonly correctIncorrectMargin: number;
}

/** `_compute_prompt_stats`: every correct answer must outscore the best wrong one. */
function promptStats(samples: readonly (readonly [boolean, number])[]): PromptStats {
  const correct = samples.filter((s) => s[0]).map((s) => s[1]);
  const incorrect = samples.filter((s) => !s[0]).map((s) => s[1]);
  const bestCorrect = Math.max(...correct);
  const worstCorrect = Math.min(...correct);
  const bestIncorrect = Math.max(...incorrect);
  const correctIncorrectMargin = worstCorrect - bestIncorrect;
  return { accurate: correctIncorrectMargin > 0, differentCorrectMargin: correct.length > 1 ? bestCorrect - worstCorrect : null, correctIncorrectMargin };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** `process_single_model`'s overall score; NaN where numpy's mean of nothing is NaN. */
function tiesScore(rows: readonly TiesRow[]): number {
  const grouped = new Map<string, { type: string; id: number; samples: (readonly [boolean, number])[] }>();
  for (const r of rows) {
    const key = `${r.sampleType}:${r.promptId}`;
    const g = grouped.get(key) ?? { type: r.sampleType, id: r.promptId, samples: [] };
    g.samples.push(...r.samples);
    grouped.set(key, g);
  }
  const ref = new Map<number, PromptStats>();
  const tied = new Map<number, PromptStats>();
  for (const g of grouped.values()) (g.type === 'ref' ? ref : tied).set(g.id, promptStats(g.samples));
  const accuracy = (m: Map<number, PromptStats>) => (m.size ? [...m.values()].filter((s) => s.accurate).length / m.size : 0);
  const both = [...ref.keys()].filter((id) => tied.has(id)).sort((a, b) => a - b);
  const diff = both.map((id) => (tied.get(id) as PromptStats).differentCorrectMargin ?? Number.NaN);
  const ties = both.map((id) => (tied.get(id) as PromptStats).correctIncorrectMargin);
  const refs = both.map((id) => (ref.get(id) as PromptStats).correctIncorrectMargin);
  const hard = both.map((_, i) => Math.min(refs[i] as number, ties[i] as number));
  const preferred = mean(ties.map((t, i) => (t > (diff[i] as number) ? 1 : 0)));
  const preferredHard = mean(hard.map((h, i) => (h > (diff[i] as number) ? 1 : 0)));
  const margins = hard.map((h, i) => {
    const m = Math.tanh(h / (diff[i] as number) - 1);
    return Number.isNaN(m) ? 0 : m;
  });
  return 0.3 * accuracy(tied) + 0.3 * accuracy(ref) + 0.2 * preferred + 0.2 * preferredHard + 0.01 * mean(margins);
}

/** Accumulates a file's rows the way the script's final loop reads them. */
export class RewardBench2Tally {
  private readonly subsets = new Map<string, { sum: number; n: number; fractional: boolean }>();
  private readonly ties: TiesRow[] = [];
  private readonly problems: string[] = [];

  add(subset: string, result: unknown, id: unknown, scores: unknown, numCorrect: unknown): void {
    if (subset.toLowerCase() === 'ties') {
      const match = typeof id === 'string' ? /^([^:]*):(\d+)$/.exec(id) : null;
      if (!match || !Array.isArray(scores) || typeof numCorrect !== 'number') {
        if (this.problems.length < 3) this.problems.push(`a Ties row without an id "ref:<n>"/"tied:<n>", scores and num_correct (${JSON.stringify(id)}) is left out of the Ties score; the script would stop on it`);
        return;
      }
      const samples = scores.map((raw, i) => [i < numCorrect, Number(Array.isArray(raw) ? raw[0] : raw)] as const);
      this.ties.push({ sampleType: match[1] as string, promptId: Number(match[2]), samples });
      return;
    }
    const s = this.subsets.get(subset) ?? { sum: 0, n: 0, fractional: false };
    const value = typeof result === 'number' ? result : 0;
    s.sum += value;
    s.n++;
    if (!Number.isInteger(value)) s.fractional = true;
    this.subsets.set(subset, s);
  }

  figures(): ConventionFigures {
    const figures: ConventionFigure[] = [];
    const printed: string[] = [];
    // np.unique sorts the subset names (by code point); the Ties subset prints its own score.
    const names = [...this.subsets.keys(), ...(this.ties.length ? ['Ties'] : [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const s = this.subsets.get(name);
      if (!s) {
        const score = tiesScore(this.ties);
        figures.push({ metric: `${name} score`, value: Number.isNaN(score) ? null : score, numerator: null, denominator: this.ties.length, over: `${this.ties.length} Ties rows, weighted: 0.3 tied accuracy + 0.3 ref accuracy + 0.2 + 0.2 margin shares + 0.01 margin score` });
        printed.push(`${name}: Ties score: ${pythonFloat(score)}`);
        continue;
      }
      const value = s.sum / s.n;
      figures.push({ metric: `${name} accuracy`, value, numerator: s.sum, denominator: s.n, over: `all ${s.n} ${name} prompts (1 win, 0.25 no verdict, 1/k a k-way tie for first)` });
      printed.push(`${name}: ${s.fractional ? pythonFloat(s.sum) : String(s.sum)}/${s.n} (${pythonFloat(value)})`);
    }
    return { convention: RB2_CONVENTION, scorer: RB2_SCORER, figures, printed: printed.join('\n'), notes: [...this.problems] };
  }
}
