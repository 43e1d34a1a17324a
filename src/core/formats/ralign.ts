/** R-Align input and output files (lyn22333/R-Align): the format Rationale Lens is fully compatible with. */
import type { Label } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, idOf, isObject, notAnObject, readConversation, readRAlignJudging, recordResult } from './adapter';
import { readTrajectories } from './trajectories';

/** The reference scorer strips gt_label and compares it with "A"/"B". */
export function rAlignGold(raw: unknown): Label | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  return t === 'A' || t === 'B' ? t : null;
}

/** `source.subset` as R-Align writes it, else a top-level `subset`. */
export function rAlignSubset(source: unknown, subset: unknown): string | null {
  if (isObject(source) && typeof source.subset === 'string') return source.subset;
  return typeof subset === 'string' ? subset : null;
}

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
    const rawGold = value.gt_label;
    const goldLabel = rAlignGold(rawGold);
    if (goldLabel === null && (rawGold === undefined || rawGold === null)) fields.warn('gt_label', 'missing gt_label: the record is counted but can never be label-correct');
    else if (goldLabel === null) fields.warn('gt_label', `gt_label is ${describe(rawGold)}, not "A" or "B": the record is counted but can never be label-correct`);
    const gold = fields.optionalText('gt_judgment');
    const { judgments, fidelity } = readRAlignJudging(fields, ctx);
    // A PaCoRe-style row: its trajectories are its samples, the synthesis its judgment (trajectories.ts).
    const parts = readTrajectories(fields, ctx, judgments.length > 0);
    if (parts?.synthesis) judgments.push(parts.synthesis);
    const subset = rAlignSubset(value.source, value.subset);
    return recordResult(fields, ctx, value, {
      id: idOf(value.id, ctx),
      conversation,
      responseA,
      responseB,
      goldLabel,
      goldRationales: gold ? [gold] : [],
      judgments,
      fidelity,
      subset,
      ...(parts ? { samples: parts.samples, samplesAre: 'trajectories' as const } : {}),
    });
  },
};
