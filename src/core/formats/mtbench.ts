/**
 * FastChat MT-Bench pairwise judgments (`model_judgment/gpt-4_pair.jsonl`). g2 is the swapped run,
 * its winner already mapped back. Gold labels live in a separate human-judgment file, so records
 * carry no gold label unless one is merged in by a field mapping.
 */
import type { Judgment, Label } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, isObject, makeJudgment, notAnObject, recordResult } from './adapter';

function winnerToLabel(winner: unknown, model1: string, model2: string): Label | null | undefined {
  if (typeof winner !== 'string') return undefined;
  if (winner === 'model_1' || winner === model1) return 'A';
  if (winner === 'model_2' || winner === model2) return 'B';
  if (winner.startsWith('tie')) return 'tie';
  if (winner === 'error') return null;
  return undefined;
}

export const mtBenchAdapter: FormatAdapter = {
  name: 'mtbench-pair',
  description: 'FastChat MT-Bench pairwise judgments: question_id, model_1/2, g1_winner, g2_winner, g1/g2_judgment',
  bothOrders: true,
  detect: (o) => hasKeys(o, 'g1_winner', 'g2_winner', 'model_1', 'model_2'),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const model1 = fields.text('model_1', true);
    const model2 = fields.text('model_2', true);
    const judgments: Judgment[] = [];
    for (const [prefix, order] of [['g1', 'original'], ['g2', 'swapped']] as const) {
      const winner = value[`${prefix}_winner`];
      const label = winnerToLabel(winner, model1, model2);
      if (label === undefined) fields.warn(`${prefix}_winner`, `${prefix}_winner is ${describe(winner)}, expected model_1, model_2, tie or error: counted as unparseable`);
      judgments.push(
        makeJudgment({
          raw: fields.text(`${prefix}_judgment`, false),
          field: `${prefix}_judgment`,
          order,
          ctx,
          // A model's name is the same in either order.
          fileVerdict: { verdict: label ?? null, frame: 'original' },
          model: typeof value.judge === 'string' ? value.judge : Array.isArray(value.judge) ? value.judge.join('/') : null,
        }),
      );
    }
    const turn = typeof value.turn === 'number' ? value.turn : 1;
    const gold = value.gold_winner ?? value.human_winner;
    const goldLabel = gold === undefined ? null : winnerToLabel(gold, model1, model2) ?? null;
    return recordResult(fields, ctx, value, {
      id: `${typeof value.question_id === 'string' || typeof value.question_id === 'number' ? value.question_id : ctx.line}:${model1}-vs-${model2}:turn${turn}`,
      conversation: [{ role: 'user', content: fields.text('g1_user_prompt', false) }],
      responseA: '',
      responseB: '',
      goldLabel,
      goldRationales: [],
      judgments,
      fidelity: null,
      subset: typeof value.category === 'string' ? value.category : `turn ${turn}`,
    });
  },
};
