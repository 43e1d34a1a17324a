/**
 * A synthesis over parallel trajectories (issue 24; STEP3-VL's Parallel Coordinated Reasoning,
 * PaCoRe): several rationales of one comparison, then one that combines them.
 *
 * On disk: an R-Align row (conversations, response_A/B, gt_label, gt_judgment) that carries PaCoRe's
 * inference output as its batch runner writes it (`process_single` in stepfun-ai/PaCoRe's
 * `pacore/batch_inference/base_exp.py`):
 *
 *     "round_responses": [[{"content": …, "reasoning_content": …}, …],   // round 1: the trajectories
 *                         …,                                              // middle rounds, if any
 *                         [{"content": …, "reasoning_content": …}]],      // the last round: the synthesis
 *     "final_response": …, "final_reasoning_content": …                   // the synthesis again
 *
 * Read as named parts:
 * - the trajectories are round 1's responses, in order: each is one sample of the record, its verdict
 *   read from its `content` by the parser (original order), its thinking from `reasoning_content`, and
 *   its fidelity verdict from a `metarm_verdict` beside them when a judge has written one;
 * - the synthesis is the record's final judgment (`judgments[0]`, so L-Acc, S-Corr and F-Score are the
 *   synthesis's): R-Align's `model_judgment`/`model_pred` when the row has them, else `final_response`
 *   (else the last round's first `content`); its fidelity verdict is the row's `metarm_verdict`;
 * - middle rounds (multi-round PaCoRe) are counted but are not samples.
 * A shape that is not this is a warning on `round_responses`, and the row is read as before.
 */
import type { Fidelity, FidelityVerdict, Judgment, RowSample } from '../record/record';
import { FIDELITY_VERDICTS } from '../record/record';
import type { EntryContext, FieldReader } from './adapter';
import { describe, isObject, makeJudgment } from './adapter';

export interface Trajectories {
  readonly samples: RowSample[];
  /** The synthesis from PaCoRe's fields; null when the row's R-Align judgment is the synthesis, or none was written. */
  readonly synthesis: Judgment | null;
  readonly rounds: number;
}

function fidelityOf(value: unknown): Fidelity | null {
  return typeof value === 'string' && (FIDELITY_VERDICTS as readonly string[]).includes(value) ? { verdict: value as FidelityVerdict, origin: 'file' } : null;
}

/** The row's trajectories and synthesis, or null when it has no `round_responses` (or a shape that is not PaCoRe's, with a warning). */
export function readTrajectories(fields: FieldReader, ctx: EntryContext, hasRAlignJudgment: boolean): Trajectories | null {
  const rounds = fields.obj.round_responses;
  if (rounds === undefined || rounds === null) return null;
  const bad = (what: string) => {
    fields.warn('round_responses', `round_responses ${what}; expected PaCoRe's [[{content, reasoning_content}, …], …, [{content, …}]] (trajectories, then the synthesis): the row is read without its trajectories`);
    return null;
  };
  if (!Array.isArray(rounds)) return bad(`is ${describe(rounds)}`);
  if (rounds.length < 2) return bad(`has ${rounds.length} round${rounds.length === 1 ? '' : 's'}: no synthesis follows the trajectories`);
  const first: unknown = rounds[0];
  const last: unknown = rounds[rounds.length - 1];
  if (!Array.isArray(first) || first.length === 0 || !Array.isArray(last)) return bad('does not start with a list of trajectories and end with a list holding the synthesis');
  const samples: RowSample[] = [];
  for (let i = 0; i < first.length; i++) {
    const t: unknown = first[i];
    if (!isObject(t) || (t.content !== undefined && typeof t.content !== 'string')) return bad(`[0][${i}] is ${describe(t)}, not {content, reasoning_content}`);
    const reasoning = typeof t.reasoning_content === 'string' && t.reasoning_content ? t.reasoning_content : null;
    const judgment = makeJudgment({ raw: typeof t.content === 'string' ? t.content : '', field: `round_responses[0][${i}].content`, order: 'original', ctx, reasoning });
    if (t.metarm_verdict !== undefined && t.metarm_verdict !== null && fidelityOf(t.metarm_verdict) === null) fields.warn(`round_responses[0][${i}].metarm_verdict`, `metarm_verdict ${describe(t.metarm_verdict)} is not one of ${FIDELITY_VERDICTS.join(', ')}; not counted`);
    samples.push({ judgment, fidelity: fidelityOf(t.metarm_verdict) });
  }
  let synthesis: Judgment | null = null;
  if (!hasRAlignJudgment) {
    const obj = fields.obj;
    const lastFirst: unknown = last[0];
    const [raw, reasoning, field] =
      typeof obj.final_response === 'string'
        ? [obj.final_response, obj.final_reasoning_content, 'final_response']
        : isObject(lastFirst) && typeof lastFirst.content === 'string'
          ? [lastFirst.content, lastFirst.reasoning_content, `round_responses[${rounds.length - 1}][0].content`]
          : [null, null, ''];
    if (raw !== null) synthesis = makeJudgment({ raw, field, order: 'original', ctx, reasoning: typeof reasoning === 'string' && reasoning ? reasoning : null });
  }
  return { samples, synthesis, rounds: rounds.length };
}
