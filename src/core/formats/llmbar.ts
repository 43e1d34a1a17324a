/**
 * LLMBar evaluator results (princeton-nlp/LLMBar `result.json`): a JSON array; the LAST `results`
 * entry holds both orders' verdicts, whose `winner` is already mapped back to the original order.
 */
import type { Judgment, Label, Verdict } from '../record/record';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, isObject, makeJudgment, notAnObject, recordResult } from './adapter';

function winnerLabel(value: unknown): Label | null {
  const t = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return t === '1' ? 'A' : t === '2' ? 'B' : null;
}

// LLMBar's evaluator configs, in their order; `.` is a regex wildcard there too.
const OUTPUT_A_BETTER = /Output \(a\) is better./;
const OUTPUT_B_BETTER = /Output \(b\) is better./;

/**
 * LLMBar's own reading (`completion_with_parsing`): the first of its patterns found ANYWHERE in the
 * stripped completion wins, "Output (a) is better." before "Output (b) is better.", in the frame
 * the judge saw.
 */
function llmBarVerdict(completion: string): Verdict {
  const text = completion.trim();
  if (OUTPUT_A_BETTER.test(text)) return 'A';
  if (OUTPUT_B_BETTER.test(text)) return 'B';
  return null;
}

export const llmBarAdapter: FormatAdapter = {
  name: 'llmbar',
  description: 'LLMBar result.json (JSON array): input, output_1/2, label 1|2, results[-1]["swap = False"/"swap = True"]',
  bothOrders: true,
  agreeRule: 'values',
  detect: (o) => hasKeys(o, 'output_1', 'output_2', 'results'),
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const goldLabel = winnerLabel(value.label);
    if (goldLabel === null) fields.warn('label', `label is ${describe(value.label)}, expected 1 or 2`);
    const judgments: Judgment[] = [];
    const results = value.results;
    const last: unknown = Array.isArray(results) ? results[results.length - 1] : undefined;
    if (!isObject(last)) {
      fields.fail('results', `the last entry of "results" should be an object with "swap = False" and "swap = True", found ${describe(last)}`);
    } else {
      for (const [key, order] of [['swap = False', 'original'], ['swap = True', 'swapped']] as const) {
        const run = last[key];
        if (!isObject(run)) {
          fields.warn(`results[-1]["${key}"]`, `missing "${key}" run`);
          continue;
        }
        const completion = run.completion;
        const raw = Array.isArray(completion) && typeof completion[0] === 'string' ? completion[0] : typeof completion === 'string' ? completion : '';
        const fileVerdict = winnerLabel(run.winner);
        if (fileVerdict === null) fields.warn(`results[-1]["${key}"].winner`, `winner is ${describe(run.winner)}, expected "1" or "2": counted as unparseable`);
        judgments.push(makeJudgment({ raw, field: `results[-1]["${key}"].completion[0]`, order, ctx, fileVerdict: { verdict: fileVerdict, frame: 'original' }, formatRule: llmBarVerdict }));
      }
    }
    return recordResult(fields, ctx, value, {
      id: String(ctx.index + 1),
      conversation: [{ role: 'user', content: fields.text('input', false) }],
      responseA: fields.text('output_1', false),
      responseB: fields.text('output_2', false),
      goldLabel,
      goldRationales: [],
      judgments,
      fidelity: null,
      subset: null,
    });
  },
};
