/**
 * Hand-written (gold judgment, GenRM rationale) pairs labelled aligned / misaligned, for measuring
 * the alignment heuristic's estimate. Synthetic: written for this project in the style of real
 * judgments (R-Align-style gold explanations, HelpSteer3 annotator reasons, Arena-Hard / JudgeBench
 * and LLMBar judge outputs); no text is copied from a dataset.
 *
 * Labels follow the R-Align meta-judge rule: aligned when the rationale explicitly identifies the
 * gold's decisive reason(s); a different reason for the same verdict, vague praise ("B is more
 * detailed") or the right reason pinned on the wrong response is misaligned. Every rationale here
 * is label-correct (it prefers the gold winner), as only those are ever fidelity-judged.
 *
 * `dev` cases were used to tune thresholds and lexicons. `holdout1` was written after that tuning
 * and measured once untouched (14/18) before it too informed three changes (see below).
 * `holdout2` was written after all that tuning: measured untouched at 15/16; its one error exposed
 * two lexicon bugs ("works with" read as praise, "no error handling" read as "no errors"), which
 * were fixed. The accuracy test reports each split.
 */
import type { PresentationOrder } from '../../../../src/core/record/record';
import casesJson from './cases.json';

export interface LabelledCase {
  id: string;
  split: 'dev' | 'holdout1' | 'holdout2';
  /** What the case exercises. */
  note: string;
  gold: string;
  rationale: string;
  goldLabel: 'A' | 'B';
  goldOrder?: PresentationOrder;
  rationaleOrder?: PresentationOrder;
  expected: 'aligned' | 'misaligned';
}

/** The cases, checked on load: a malformed entry fails the suite instead of skewing a figure. */
export const CASES: LabelledCase[] = (casesJson as unknown[]).map((c, i) => {
  const o = c as LabelledCase;
  if (typeof o.id !== 'string' || typeof o.gold !== 'string' || typeof o.rationale !== 'string' || !['dev', 'holdout1', 'holdout2'].includes(o.split) || !['aligned', 'misaligned'].includes(o.expected) || !['A', 'B'].includes(o.goldLabel)) {
    throw new Error(`cases.json entry ${i} is not a labelled case`);
  }
  return o;
});
