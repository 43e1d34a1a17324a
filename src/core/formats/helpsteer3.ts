/**
 * HelpSteer3-Preference (NVIDIA): the sign of overall_preference gives the label (negative:
 * response1 better) and the annotators' reasoning is the human gold rationale.
 */
import type { Label } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, idOf, isObject, notAnObject, readConversation, readRAlignJudging, recordResult } from './adapter';

export const helpSteer3Adapter: FormatAdapter = {
  name: 'helpsteer3',
  description: 'HelpSteer3-Preference: context, response1/2, overall_preference (-3..3), individual_preference[].reasoning',
  bothOrders: false,
  detect: (o) => hasKeys(o, 'response1', 'response2', 'overall_preference'),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const conversation = readConversation(fields, 'context', false);
    const pref = value.overall_preference;
    let goldLabel: Label | null = null;
    if (typeof pref === 'number' && Number.isFinite(pref)) goldLabel = pref < 0 ? 'A' : pref > 0 ? 'B' : 'tie';
    else fields.warn('overall_preference', `overall_preference is ${describe(pref)}, expected a number from -3 to 3`);
    const goldRationales: string[] = [];
    const individual = value.individual_preference;
    if (Array.isArray(individual)) {
      individual.forEach((entry, i) => {
        if (isObject(entry) && typeof entry.reasoning === 'string' && entry.reasoning.trim()) goldRationales.push(entry.reasoning);
        else fields.warn(`individual_preference[${i}].reasoning`, 'annotator entry without reasoning text; ignored');
      });
    }
    const { judgments, fidelity } = readRAlignJudging(fields, ctx);
    return recordResult(fields, ctx, value, {
      id: idOf(value.id, ctx),
      conversation,
      responseA: fields.text('response1', true),
      responseB: fields.text('response2', true),
      goldLabel,
      goldRationales,
      judgments,
      fidelity,
      subset: typeof value.domain === 'string' ? value.domain : null,
    });
  },
};
