/** JudgeBench outputs (ScalerLab/JudgeBench `outputs/*.jsonl`): two judgments, the second in swapped order. */
import type { Judgment } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, idOf, isObject, labelFromToken, makeJudgment, notAnObject, recordResult } from './adapter';

export const judgeBenchAdapter: FormatAdapter = {
  name: 'judgebench',
  description: 'JudgeBench outputs: pair_id, question, response_A/B, label "A>B"/"B>A", judgments[2] (second one swapped)',
  bothOrders: true,
  detect: (o) => hasKeys(o, 'judgments', 'label') && ('pair_id' in o || 'question' in o),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const question = fields.text('question', false);
    const goldLabel = labelFromToken(value.label);
    if (goldLabel === null) fields.warn('label', `label is ${describe(value.label)}, expected "A>B" or "B>A": the record can never be label-correct`);
    const judgments: Judgment[] = [];
    const list = value.judgments;
    if (!Array.isArray(list)) {
      fields.fail('judgments', `field "judgments" should be a list of {judgment, decision}, found ${describe(list)}`);
    } else {
      list.slice(0, 2).forEach((item, i) => {
        const order = i === 0 ? 'original' : 'swapped';
        if (!isObject(item)) {
          fields.warn(`judgments[${i}]`, `judgments[${i}] should be an object, found ${describe(item)}`);
          return;
        }
        const inner = isObject(item.judgment) ? item.judgment : {};
        const raw = typeof inner.response === 'string' ? inner.response : '';
        const decision = item.decision;
        if (decision !== null && decision !== undefined && labelFromToken(decision) === null) {
          fields.warn(`judgments[${i}].decision`, `decision ${describe(decision)} is not A>B, B>A or A=B: counted as unparseable`);
        }
        judgments.push(
          makeJudgment({
            raw,
            field: `judgments[${i}].judgment.response`,
            order,
            ctx,
            fileVerdict: { verdict: labelFromToken(decision), frame: 'judge' },
            model: typeof inner.judge_model === 'string' ? inner.judge_model : null,
          }),
        );
      });
      if (list.length < 2) fields.warn('judgments', `expected two judgments (original and swapped order), found ${list.length}`);
    }
    return recordResult(fields, ctx, value, {
      id: idOf(value.pair_id, ctx),
      conversation: [{ role: 'user', content: question }],
      responseA: fields.text('response_A', false),
      responseB: fields.text('response_B', false),
      goldLabel,
      goldRationales: [],
      judgments,
      fidelity: null,
      subset: typeof value.source === 'string' ? value.source : null,
    });
  },
};
