/** Multimodal RewardBench outputs (facebookresearch/multimodal_rewardbench): image path, label, judge text. */
import type { ContentPart } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, idOf, isObject, labelFromToken, makeJudgment, notAnObject, recordResult } from './adapter';

export const mmRewardBenchAdapter: FormatAdapter = {
  name: 'mm-rewardbench',
  description: 'Multimodal RewardBench: ID, Image (path relative to the dataset), Label, output (judge text), Meta.Category',
  bothOrders: false,
  detect: (o) => hasKeys(o, 'ID', 'Label', 'output'),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const goldLabel = labelFromToken(value.Label);
    if (goldLabel === null) fields.warn('Label', `Label is ${describe(value.Label)}, expected "A" or "B"`);
    const parts: ContentPart[] = [];
    const image = fields.optionalText('Image');
    if (image) parts.push(/^(https?|data):/.test(image) ? { type: 'image', url: image } : { type: 'image', path: image });
    const text = fields.optionalText('Text') ?? fields.optionalText('Question');
    if (text) parts.push({ type: 'text', text });
    const meta = isObject(value.Meta) ? value.Meta : {};
    const raw = fields.text('output', true);
    return recordResult(fields, ctx, value, {
      id: idOf(value.ID, ctx),
      conversation: parts.length ? [{ role: 'user', content: parts }] : [],
      responseA: fields.optionalText('Output1') ?? '',
      responseB: fields.optionalText('Output2') ?? '',
      goldLabel,
      goldRationales: [],
      judgments: [makeJudgment({ raw, field: 'output', order: 'original', ctx })],
      fidelity: null,
      subset: typeof meta.Category === 'string' ? meta.Category : null,
    });
  },
};
