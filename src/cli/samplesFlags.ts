/** `generate --samples k [--both-orders]` and `judge --samples`: the flags of re-query ×k, checked before anything is read or sent. */
import { journalPathFor } from '../core/llm/journal';
import type { LlmRole } from '../core/llm/profile';
import type { SampleJournal } from '../core/llm/sampleJournal';
import { readSampleJournal } from '../core/llm/sampleJournal';
import type { SamplePlan } from '../core/llm/sampling';
import { MAX_SAMPLES_PER_RUN, samplePlanProblem } from '../core/llm/sampling';
import { UsageError } from './options';

/** The plan `generate --samples k` asks for (samples 1 … k of every record), or undefined without the flag. */
export function samplePlanOf(kind: LlmRole, samples: string | boolean | undefined, bothOrders: boolean, out: boolean): SamplePlan | undefined {
  if (kind !== 'genrm') {
    if (bothOrders) throw new UsageError('--both-orders is a flag of `generate --samples k` (the order the GenRM is shown the responses in)');
    return undefined;
  }
  if (samples === undefined || typeof samples === 'boolean') {
    if (bothOrders) throw new UsageError('--both-orders needs --samples k: even-numbered samples are the ones shown with the responses swapped');
    return undefined;
  }
  const count = /^\d{1,6}$/.test(samples) ? Number(samples) : Number.NaN;
  const plan: SamplePlan = { count, bothOrders };
  const problem = samplePlanProblem(plan);
  if (problem) throw new UsageError(`--samples: ${Number.isNaN(count) ? `needs a whole number from 1 to ${MAX_SAMPLES_PER_RUN}, got "${samples}"` : problem}`);
  if (out && bothOrders) {
    throw new UsageError('--out cannot hold --both-orders samples: an R-Align row has no field for the order the GenRM saw, so a swapped sample\'s text would contradict its verdict. Run without --out (the samples are in the journal, read by the Inspector and `judge --samples`), or without --both-orders');
  }
  return plan;
}

/** The samples journaled beside `file` for `judge --samples`; refused when there are none. */
export async function journaledSamples(file: string, out: boolean): Promise<{ journal: SampleJournal; answered: number }> {
  if (out) throw new UsageError('judge --samples writes its verdicts to the journal only (--out writes one row per record): leave out --out; the Inspector and `stats` read the journal');
  const journal = await readSampleJournal(journalPathFor(file));
  let answered = 0;
  for (const list of journal.byRecord.values()) for (const s of list) if (s.raw !== null) answered++;
  if (answered === 0) throw new UsageError(`${journalPathFor(file)} holds no answered GenRM sample: run \`rationale-lens generate ${file} --samples k\` first. Nothing was sent.`);
  return { journal, answered };
}
