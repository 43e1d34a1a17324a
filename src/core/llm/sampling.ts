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

/**
 * How many samples a re-query ×k brings each record to: the next multiple of k at or above the
 * highest sample number journaled (at least k). A run cut short (samples 6 and 7 of 6–10 journaled)
 * is asked again for exactly 8–10 (with the same k, temperature and order); a complete set of T
 * samples gets T + k, so the command adds k more. The journal answers the samples already there.
 */
export function sampleTarget(highestJournaled: number, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  const highest = Number.isFinite(highestJournaled) && highestJournaled > 0 ? Math.floor(highestJournaled) : 0;
  return k * Math.max(1, Math.ceil(highest / k));
}

/** The re-query ×k settings as a run uses them: k whole and within 1…MAX_SAMPLES_PER_RUN, temperature within 0…2 (null: the endpoint's own). */
export function requerySettings(raw: { readonly samples: unknown; readonly temperature: unknown; readonly bothOrders: unknown }): { k: number; temperature: number | null; bothOrders: boolean } {
  const n = typeof raw.samples === 'number' && Number.isFinite(raw.samples) ? Math.floor(raw.samples) : 5;
  const t = typeof raw.temperature === 'number' && Number.isFinite(raw.temperature) ? Math.min(2, Math.max(0, raw.temperature)) : null;
  return { k: Math.min(MAX_SAMPLES_PER_RUN, Math.max(1, n)), temperature: t, bothOrders: raw.bothOrders === true };
}

/** What the editor's re-query ×k asks: every record brought to the same target, each asked only the numbers it has no answer for. */
export interface RequeryPlan {
  /** Samples 1…target of every record, once the run is over. */
  readonly target: number;
  /** Per record (in the order given): the samples to ask, numbered, with their order. */
  readonly slots: readonly (readonly SampleSlot[])[];
  /** Requests in all. */
  readonly count: number;
}

/**
 * `records`: each record's journaled samples — the numbers with an answer, and the highest number
 * journaled at all (a failed sample counts there, and is asked again). The target is
 * `sampleTarget` over the highest of them; when every record already has an answer for each of
 * 1…target, k more (target + k).
 */
export function requeryPlan(records: readonly { readonly answered: ReadonlySet<number>; readonly highest: number }[], k: number, bothOrders: boolean): RequeryPlan {
  let target = sampleTarget(records.reduce((m, r) => Math.max(m, r.highest), 0), k);
  const complete = (r: { readonly answered: ReadonlySet<number> }): boolean => {
    for (let n = 1; n <= target; n++) if (!r.answered.has(n)) return false;
    return true;
  };
  if (records.length > 0 && records.every(complete)) target += k;
  let count = 0;
  const slots = records.map((r) => {
    const out: SampleSlot[] = [];
    for (let n = 1; n <= target; n++) if (!r.answered.has(n)) out.push({ sample: n, order: orderOfSample(n, bothOrders) });
    count += out.length;
    return out;
  });
  return { target, slots, count };
}
