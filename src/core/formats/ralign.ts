/** R-Align input and output files (lyn22333/R-Align): the format Rationale Lens is fully compatible with. */
import type { Label } from '../record';
import type { FormatAdapter } from './adapter';
import { FieldReader, baseRecord, describe, hasKeys, idOf, isObject, notAnObject, readConversation, readRAlignJudging, result } from './adapter';

export const rAlignAdapter: FormatAdapter = {
  name: 'r-align',
  description: 'R-Align input/output JSONL: conversations, response_A/B, gt_label, gt_judgment, model_judgment, model_pred, metarm_*',
  bothOrders: false,
  detect: (o) => hasKeys(o, 'response_A', 'response_B') && ('gt_label' in o || 'conversations' in o || 'gt_judgment' in o),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const conversation = readConversation(fields, 'conversations', false);
    const responseA = fields.text('response_A', false);
    const responseB = fields.text('response_B', false);
    // The reference scorer strips gt_label and compares it with "A"/"B".
    const rawGold = value.gt_label;
    let goldLabel: Label | null = null;
    if (typeof rawGold === 'string' && (rawGold.trim() === 'A' || rawGold.trim() === 'B')) goldLabel = rawGold.trim() as Label;
    else if (rawGold === undefined || rawGold === null) fields.warn('gt_label', 'missing gt_label: the record is counted but can never be label-correct');
    else fields.warn('gt_label', `gt_label is ${describe(rawGold)}, not "A" or "B": the record is counted but can never be label-correct`);
    const gold = fields.optionalText('gt_judgment');
    const { judgments, fidelity } = readRAlignJudging(fields, ctx);
    const source = isObject(value.source) ? value.source : null;
    const subset = source && typeof source.subset === 'string' ? source.subset : typeof value.subset === 'string' ? value.subset : null;
    return result(fields, {
      ...baseRecord(ctx, value),
      id: idOf(value.id, ctx),
      conversation,
      responseA,
      responseB,
      goldLabel,
      goldRationales: gold ? [gold] : [],
      judgments,
      fidelity,
      subset,
    });
  },
};
