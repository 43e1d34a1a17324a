/**
 * Hand-labelled judgments for the "rationale argues for the other response" check. Written for this
 * project (no dataset text), in the styles judges write in (R-Align \boxed{}, Arena-Hard [[A>B]],
 * LLMBar "Output (a)", Prometheus [RESULT], JSON verdicts, section labels), in English, French,
 * Spanish, German and Chinese — the languages the aligner's lexicon knows.
 *
 * Each case gives the judge's text (in the frame the judge saw: a `swapped` judge's "A" is the
 * original B), the verdict it is scored by and the response it argues for (both in the ORIGINAL
 * frame; `argues` null: a balanced review or no argument), so `contradicts` is argues ≠ verdict.
 * Kinds: contradiction, consistent, concession ("Although B is longer, A …"), balanced, swapped.
 * All were written before the check was tuned; `dev` cases informed the tuning, `holdout` cases
 * (every third) were only measured.
 */
import type { Label, PresentationOrder } from '../../../../src/core/record/record';
import casesJson from './argument-cases.json';

export interface ArgumentCase {
  id: string;
  split: 'dev' | 'holdout';
  kind: 'contradiction' | 'consistent' | 'concession' | 'balanced' | 'swapped';
  lang: 'en' | 'fr' | 'es' | 'de' | 'zh';
  order: PresentationOrder;
  verdict: Label;
  argues: 'A' | 'B' | null;
  contradicts: boolean | null;
  note?: string;
  text: string;
}

export const ARGUMENT_CASES = casesJson as ArgumentCase[];
