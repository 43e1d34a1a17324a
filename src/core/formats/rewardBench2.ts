/**
 * RewardBench 2 generative results: `results/eval-set-scores/<model>.json` as `run_generative_v2.py`
 * saves it, a column-oriented JSON object (read as rows by io/containers/columnJson.ts) with, per
 * prompt, `id`, `subset`, `num_correct`, `texts_chosen`, `texts_rejected`, `results` and, for the
 * Ties subset, `scores`; `model` and `model_type` once.
 *
 * What the file holds decides what can be read. A prompt was judged 4-way (the chosen answer
 * shuffled among three rejected ones, `np.random.randint(0, 4)`), its votes (several models,
 * reduced with `max(set(votes), key=votes.count)`) and the shuffle position are NOT saved: only the
 * prompt's score. So the record shows the chosen answer as A and the first rejected one as B, gold A;
 * the verdict is A for a win (1), B for a loss (0), unreadable for the script's "error" (0.25) and a
 * tie for a shared first place (a fraction, ratings mode). A Ties row is A when every correct answer
 * outscores the best wrong one (the script's per-prompt accuracy), else B.
 */
import type { Label, Turn } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, idOf, isObject, makeJudgment, notAnObject, recordResult } from './adapter';
import { RB2_CONVENTION, RB2_SCORER, RewardBench2Tally } from '../scorers/rewardBench2Score';

function turnsOf(value: unknown): Turn[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t) => (isObject(t) && typeof t.content === 'string' ? [{ role: typeof t.role === 'string' ? t.role : 'user', content: t.content }] : []));
}

/** The last turn's text of a conversation (a list of turns), or ''. */
function answerOf(conversation: unknown): string {
  const turns = turnsOf(conversation);
  const last = turns[turns.length - 1];
  return last && typeof last.content === 'string' ? last.content : '';
}

function tiesVerdict(scores: unknown, numCorrect: unknown): Label | null {
  if (!Array.isArray(scores) || typeof numCorrect !== 'number' || numCorrect < 1 || numCorrect >= scores.length) return null;
  const ratings = scores.map((r) => Number(Array.isArray(r) ? r[0] : r));
  const worstCorrect = Math.min(...ratings.slice(0, numCorrect));
  const bestWrong = Math.max(...ratings.slice(numCorrect));
  return worstCorrect - bestWrong > 0 ? 'A' : 'B';
}

function resultVerdict(fields: FieldReader, result: unknown): Label | null {
  if (result === 1) return 'A';
  if (result === 0) return 'B';
  if (typeof result === 'number' && result > 0 && result < 1 && result !== 0.25) return 'tie';
  if (result !== 0.25) fields.warn('results', `results is ${describe(result)}, not 1, 0, 0.25 or a share of a tie: counted as unreadable`);
  return null;
}

export const rewardBench2Adapter: FormatAdapter = {
  name: 'rewardbench2-generative',
  description: "RewardBench 2 run_generative_v2.py per-prompt results (eval-set-scores/<model>.json, column-oriented): id, subset, texts_chosen, texts_rejected, results, scores",
  bothOrders: false,
  detect: (o) => hasKeys(o, 'texts_chosen', 'texts_rejected', 'results', 'subset'),
  recordScorer: {
    convention: RB2_CONVENTION,
    scorer: RB2_SCORER,
    start() {
      const tally = new RewardBench2Tally();
      return {
        add: (record) => {
          const o = record.source as Record<string, unknown>;
          tally.add(typeof o.subset === 'string' ? o.subset : String(o.subset), o.results, o.id, o.scores, o.num_correct);
        },
        figures: () => tally.figures(),
      };
    },
  },
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const chosen: unknown = Array.isArray(value.texts_chosen) ? (value.texts_chosen as unknown[])[0] : undefined;
    const rejected: unknown = Array.isArray(value.texts_rejected) ? (value.texts_rejected as unknown[])[0] : undefined;
    if (chosen === undefined) fields.warn('texts_chosen', `texts_chosen should be a list of conversations, found ${describe(value.texts_chosen)}`);
    const conversation = turnsOf(chosen).slice(0, -1);
    const subset = typeof value.subset === 'string' ? value.subset : null;
    const isTies = subset?.toLowerCase() === 'ties';
    const verdict = isTies ? tiesVerdict(value.scores, value.num_correct) : resultVerdict(fields, value.results);
    if (isTies && verdict === null) fields.warn('scores', `a Ties row needs scores (one rating per answer) and num_correct, found ${describe(value.scores)} and ${describe(value.num_correct)}`);
    const judgment = makeJudgment({ raw: '', field: isTies ? 'scores' : 'results', order: 'original', ctx, fileVerdict: { verdict, frame: 'original' } });
    return recordResult(fields, ctx, value, {
      id: idOf(value.id, ctx),
      conversation,
      responseA: answerOf(chosen),
      responseB: answerOf(rejected),
      goldLabel: 'A',
      goldRationales: [],
      judgments: [judgment],
      fidelity: null,
      subset,
    });
  },
};
