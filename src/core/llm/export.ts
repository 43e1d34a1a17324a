/**
 * Output objects in the R-Align format: the input object with the step's fields added or
 * replaced and every other field kept, as the reference scripts write them.
 */
import type { EvalRecord, FidelityVerdict, Turn } from '../record/record';
import { joinReasoning } from './parse';

type Json = Record<string, unknown>;

/** What the fidelity export needs (a FidelityResult fits). */
export interface FidelityOutcome {
  readonly verdict: FidelityVerdict;
  readonly raw: string | null;
  readonly reasoning: string | null;
  readonly analysis: string | null;
  readonly error: string | null;
}

/** What the GenRM export needs (a GenrmResult fits). */
export interface GenrmOutcome {
  readonly pred: 'A' | 'B' | null;
  readonly raw: string | null;
  readonly reasoning: string | null;
  readonly error?: string | null;
}

function metaOf(input: Json): Json {
  const m = input['meta'];
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? { ...(m as Json) } : {};
}

/** 1 for Correct, 0 for Incorrect, null otherwise (written as `1`/`0`/`null` in JSON). */
function metarmScore(v: FidelityVerdict): number | null {
  return v === 'Correct' ? 1.0 : v === 'Incorrect' ? 0.0 : null;
}

/**
 * Add `metarm_raw` (reasoning joined as `…\n\n</think>\n\n…` when the server sent it apart),
 * `metarm_analysis` ('' unless parsed), `metarm_verdict`, `metarm_score`,
 * `meta.metarm_model_name`, and `meta.metarm_error` (removed when there is no error).
 */
export function applyFidelityResult(input: Json, r: FidelityOutcome, modelName: string): Json {
  const out: Json = { ...input };
  const parsed = r.verdict === 'Correct' || r.verdict === 'Incorrect';
  out['metarm_raw'] = r.raw === null ? null : joinReasoning(r.raw, r.reasoning);
  out['metarm_analysis'] = parsed ? (r.analysis ?? '') : '';
  out['metarm_verdict'] = r.verdict;
  out['metarm_score'] = metarmScore(r.verdict);
  const meta = metaOf(input);
  if (r.error && r.verdict !== 'SkippedLabelMismatch') meta['metarm_error'] = r.error;
  else delete meta['metarm_error'];
  meta['metarm_model_name'] = modelName;
  out['meta'] = meta;
  return out;
}

/** The fidelity fields a verdict on the previous rationale left: they no longer apply once it is replaced. */
const FIDELITY_FIELDS = ['metarm_raw', 'metarm_analysis', 'metarm_verdict', 'metarm_score'] as const;

/**
 * Add `model_judgment` (reasoning joined as above; null when the call failed), `model_pred` and
 * `meta.model_name`. A fidelity verdict judges one rationale: the old one's `metarm_*` fields (and
 * `meta.metarm_*`) are dropped with it.
 */
export function applyGenrmResult(input: Json, r: GenrmOutcome, modelName: string): Json {
  const out: Json = { ...input };
  for (const f of FIDELITY_FIELDS) delete out[f];
  out['model_judgment'] = r.raw === null ? null : joinReasoning(r.raw, r.reasoning);
  out['model_pred'] = r.pred;
  const meta = metaOf(input);
  delete meta['metarm_model_name'];
  delete meta['metarm_error'];
  meta['model_name'] = modelName;
  out['meta'] = meta;
  return out;
}

function turnJson(t: Turn): Json {
  if (typeof t.content === 'string') return { role: t.role, content: t.content };
  return { role: t.role, content: t.content.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : p.path !== undefined ? { type: 'image', image: p.path } : { type: 'image_url', image_url: { url: p.url ?? '' } })) };
}

/**
 * The R-Align input fields of any record (`id`, `conversations`, `response_A/B`, `gt_label` from
 * the record's gold, `gt_judgment`, `subset`), so a file of another format can be written as
 * R-Align. `gt_label` is null where the gold is a tie or missing (R-Align has no ties).
 */
export function rAlignFields(record: EvalRecord, source: Json): Json {
  const fields: Json = {
    id: record.id,
    conversations: record.conversation.map(turnJson),
    response_A: record.responseA,
    response_B: record.responseB,
    gt_label: record.goldLabel === 'A' || record.goldLabel === 'B' ? record.goldLabel : null,
  };
  if (record.goldRationales.length) fields['gt_judgment'] = record.goldRationales.join('\n\n');
  if (record.subset !== null && !('subset' in source)) fields['subset'] = record.subset;
  return fields;
}
