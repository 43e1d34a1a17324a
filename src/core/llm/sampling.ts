/**
 * Re-querying a record k times: which samples a run asks for (numbered from 1, each with the order
 * it is shown in), and the judgment a journaled sample is, in the original frame. A sample's number
 * is part of its request key, so sample 3 is never answered by sample 2's cache entry and a run
 * killed mid-way resumes with exactly the samples it had not finished.
 */
import type { Judgment, PresentationOrder, Verdict } from '../record/record';
import { toOriginalFrame } from '../record/verdict';
import { splitThinking } from '../record/thinking';

/** One sample of a record: its number (1-based, stable across runs) and the order the GenRM sees. */
export interface SampleSlot {
  readonly sample: number;
  readonly order: PresentationOrder;
}

/** What a sampling run asks for: samples `first` … `first + count − 1` of every record. */
export interface SamplePlan {
  readonly count: number;
  /** The first sample number (default 1): the editor's "k more" starts after the record's last one. */
  readonly first?: number;
  /** Half the samples with the responses swapped: even-numbered samples are shown B first. */
  readonly bothOrders?: boolean;
}

/** The most samples one run asks for per record (a typo such as 1000 must not send a thousand calls a record). */
export const MAX_SAMPLES_PER_RUN = 64;

/** The order of sample `n`: even numbers are swapped when both orders are asked for, so the split never depends on where a run starts. */
function orderOfSample(n: number, bothOrders: boolean): PresentationOrder {
  return bothOrders && n % 2 === 0 ? 'swapped' : 'original';
}

export function sampleSlots(plan: SamplePlan): SampleSlot[] {
  const first = plan.first ?? 1;
  const out: SampleSlot[] = [];
  for (let n = first; n < first + plan.count; n++) out.push({ sample: n, order: orderOfSample(n, plan.bothOrders === true) });
  return out;
}

/** Why a plan cannot run, or null. */
export function samplePlanProblem(plan: SamplePlan): string | null {
  if (!Number.isInteger(plan.count) || plan.count < 1) return `the number of samples must be a whole number from 1 to ${MAX_SAMPLES_PER_RUN}, got ${plan.count}`;
  if (plan.count > MAX_SAMPLES_PER_RUN) return `at most ${MAX_SAMPLES_PER_RUN} samples a record in one run (asked ${plan.count}); run again to add more`;
  if (plan.first !== undefined && (!Number.isInteger(plan.first) || plan.first < 1)) return `the first sample number must be a whole number ≥ 1, got ${plan.first}`;
  return null;
}

/** The letter the GenRM wrote, read in the original frame: a swapped sample's "A" is response B. */
export function sampleVerdict(pred: 'A' | 'B' | null, order: PresentationOrder): Verdict {
  return toOriginalFrame(pred, order);
}

/** A journaled sample as a judgment (`pred` as journaled: in the original frame), so alignment and the fidelity judge read it as any other. */
export function sampleJudgment(s: { readonly raw: string; readonly reasoning: string | null; readonly pred: 'A' | 'B' | null; readonly order: PresentationOrder; readonly model: string; readonly sample: number }): Judgment {
  const split = splitThinking(s.raw, s.reasoning);
  // Journaled verdicts are already in the original frame (the runner maps a swapped sample's letter once).
  const verdict = s.pred;
  return {
    raw: s.raw,
    thinking: split.thinking,
    rationale: split.answer,
    rationaleOffset: split.answerOffset,
    verdict,
    verdictSource: 'parser',
    parsedVerdict: verdict,
    order: s.order,
    field: `journal sample ${s.sample}`,
    ...(s.model ? { model: s.model } : {}),
  };
}
