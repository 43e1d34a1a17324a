/**
 * RewardBench-style chosen/rejected records. They carry no positions, so the order shown to the
 * GenRM must be recorded: `chosen_position` ("A"/"B") or `swapped` (true: chosen shown as B).
 * Without either, chosen is taken as A and a warning says so.
 */
import type { Label } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, hasKeys, idOf, isObject, notAnObject, readRAlignJudging, recordResult } from './adapter';

export const rewardBenchAdapter: FormatAdapter = {
  name: 'rewardbench',
  description: 'RewardBench-style: prompt, chosen, rejected, subset, id (+ chosen_position or swapped; model_judgment/model_pred)',
  bothOrders: false,
  detect: (o) => hasKeys(o, 'chosen', 'rejected'),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const chosen = fields.text('chosen', true);
    const rejected = fields.text('rejected', true);
    let chosenAt: Label = 'A';
    if (value.chosen_position === 'A' || value.chosen_position === 'B') chosenAt = value.chosen_position;
    else if (typeof value.swapped === 'boolean') chosenAt = value.swapped ? 'B' : 'A';
    else if ('model_pred' in value || 'model_judgment' in value) {
      fields.warn('chosen_position', 'no chosen_position or swapped field: assumed the GenRM saw chosen as A');
    }
    const { judgments, fidelity } = readRAlignJudging(fields, ctx);
    return recordResult(fields, ctx, value, {
      id: idOf(value.id, ctx),
      conversation: [{ role: 'user', content: fields.text('prompt', false) }],
      responseA: chosenAt === 'A' ? chosen : rejected,
      responseB: chosenAt === 'A' ? rejected : chosen,
      goldLabel: chosenAt,
      goldRationales: typeof value.gt_judgment === 'string' ? [value.gt_judgment] : [],
      judgments,
      fidelity,
      subset: typeof value.subset === 'string' ? value.subset : null,
    });
  },
};
