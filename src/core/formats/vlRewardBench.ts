/**
 * VL-RewardBench inference outputs (vl-rewardbench/VL_RewardBench, `inference_hf.py`): one row per
 * sample, k rows per `id`, each with its own random order. `ranking` (the benchmark's
 * `human_ranking`) ranks `response` (0 = preferred); `meta.random_number` 0 shows response[0] as
 * "Answer 1", 1 shows them swapped; `meta.filter_choice` is the judge's text, `meta.flag_status` what
 * the authors' rule read from it (agree / reject / doesntMatch). The verdict is re-read with that
 * rule, as cal.py does (reparse=True), and a stored flag_status that disagrees is reported. The task
 * group (general / hallucination / reasoning, cal.py's breakdown) is the subset. The benchmark file
 * itself (`human_ranking`, no judge output yet) reads too: records with a gold label and no judgment.
 * Rows wrapped in a "0" member (which cal.py unwraps) are read through it.
 */
import type { Judgment, Label, Verdict } from '../record/record';
import { GROUP_OF, calDataset } from './vlrbDatasets';
import { vlrbChoice } from './vlrbRule';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, idOf, isObject, makeJudgment, notAnObject, recordResult } from './adapter';


function unwrap(value: unknown): unknown {
  return isObject(value) && !('id' in value) && '0' in value ? value['0'] : value;
}

function looksLikeRow(o: Record<string, unknown>): boolean {
  return 'id' in o && typeof o.query === 'string' && Array.isArray(o.response) && (Array.isArray(o.ranking) || Array.isArray(o.human_ranking));
}

/** Python's `== 0` on the stored random number (False and 0.0 are 0 too). */
function isOriginalOrder(randomNumber: unknown): boolean {
  return randomNumber === 0 || randomNumber === false;
}

function goldOf(ranking: unknown): Label | null {
  if (!Array.isArray(ranking) || ranking.length !== 2) return null;
  const [a, b] = ranking as unknown[];
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  return a < b ? 'A' : a > b ? 'B' : 'tie';
}

/** The rule's choice in the judge's frame: Answer 1 or 2; any other number is no verdict here (cal.py counts it as agree). */
function ruleVerdict(text: string): Verdict {
  const choice = vlrbChoice(text);
  return choice === 1 ? 'A' : choice === 2 ? 'B' : null;
}

export const vlRewardBenchAdapter: FormatAdapter = {
  name: 'vl-rewardbench',
  description: 'VL-RewardBench inference output: id, query, response [2], ranking, meta.filter_choice, meta.random_number, meta.flag_status (k rows per id)',
  bothOrders: false,
  detect: (o) => {
    const row = unwrap(o);
    return isObject(row) && looksLikeRow(row);
  },
  toRecord(value, ctx) {
    const row = unwrap(value);
    if (!isObject(row)) return notAnObject(row);
    const fields = new FieldReader(row);
    const query = fields.text('query', false);
    const response = row.response;
    if (!Array.isArray(response) || response.length !== 2 || !response.every((r) => typeof r === 'string')) {
      fields.fail('response', `field "response" should be a list of two response texts, found ${describe(response)}`);
    }
    const rankingKey = 'ranking' in row ? 'ranking' : 'human_ranking';
    const goldLabel = goldOf(row[rankingKey]);
    if (goldLabel === null) fields.warn(rankingKey, `${rankingKey} is ${describe(row[rankingKey])}, expected two ranks such as [0, 1] (0 = preferred): the record has no gold label`);
    const meta = isObject(row.meta) ? row.meta : {};
    const judgments: Judgment[] = [];
    if ('filter_choice' in meta) {
      const raw = typeof meta.filter_choice === 'string' ? meta.filter_choice : '';
      if (typeof meta.filter_choice !== 'string') fields.warn('meta.filter_choice', `meta.filter_choice is ${describe(meta.filter_choice)}, not the judge's text: counted as unparsed`);
      const order = isOriginalOrder(meta.random_number) ? 'original' : 'swapped';
      if (meta.random_number !== 0 && meta.random_number !== 1) fields.warn('meta.random_number', `meta.random_number is ${describe(meta.random_number)}, expected 0 or 1: read as ${order} order (as inference_hf.py's prompt does)`);
      const model = typeof meta['filtering model'] === 'string' ? meta['filtering model'] : null;
      const judgment = makeJudgment({ raw, field: 'meta.filter_choice', order, ctx, formatRule: ruleVerdict, model });
      judgments.push(judgment);
      const stored = meta.flag_status;
      const choice = vlrbChoice(raw);
      const rejectedPlace = goldLabel === null || goldLabel === 'tie' ? null : (goldLabel === 'A') === (order === 'original') ? 2 : 1;
      const status = choice === -1 ? 'doesntMatch' : rejectedPlace === null ? null : choice === rejectedPlace ? 'reject' : 'agree';
      if (stored !== undefined && status !== null && stored !== status) {
        fields.warn('meta.flag_status', `meta.flag_status is ${describe(stored)} but the authors' rule reads "${status}" from meta.filter_choice; the rule's reading is used (as cal.py does)`);
      }
    }
    const texts = Array.isArray(response) ? response : [];
    const rationale = row.rationale;
    return recordResult(fields, ctx, value, {
      id: idOf(row.id, ctx),
      conversation: query ? [{ role: 'user', content: query }] : [],
      responseA: typeof texts[0] === 'string' ? texts[0] : '',
      responseB: typeof texts[1] === 'string' ? texts[1] : '',
      goldLabel,
      goldRationales: typeof rationale === 'string' && rationale.trim() && rationale !== 'placeholder_rationale' ? [rationale] : [],
      judgments,
      fidelity: null,
      subset: typeof row.id === 'string' ? (GROUP_OF[calDataset(row.id)] ?? null) : null,
    });
  },
};
