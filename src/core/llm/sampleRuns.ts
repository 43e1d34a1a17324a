/**
 * Re-query ×k: asks the GenRM for numbered samples of each record (in parallel, through the same
 * runner, journal, cache and limits as every run), then the fidelity judge on the samples that are
 * label-correct. Each sample is its own request key, so a run killed mid-way resumes with the
 * samples it had not finished and never journals one twice.
 */
import type { EvalRecord } from '../record/record';
import type { FidelityResult, GenrmResult, RunOptions, RunSummary } from './runTypes';
import { runSampleItems } from './runner';
import type { WorkItem } from './runSteps';
import { toAsync } from './runSteps';
import type { SamplePlan } from './sampling';
import { samplePlanProblem, sampleSlots } from './sampling';
import type { SampleJournal } from './sampleJournal';
import { sampleFidelityItems, samplesOfRecord } from './sampleJournal';

/** Each record's samples, record by record (sample 1 … k of the first record, then the next). */
export async function* sampleItems(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, plan: SamplePlan): AsyncGenerator<WorkItem> {
  const slots = sampleSlots(plan);
  for await (const record of toAsync(records)) for (const slot of slots) yield { record, slot };
}

/** The fidelity work on the journaled samples of these records (those not label-correct end SkippedLabelMismatch, unsent). */
export async function* sampleFidelityWork(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, journal: SampleJournal): AsyncGenerator<WorkItem> {
  for await (const record of toAsync(records)) yield* sampleFidelityItems(record, samplesOfRecord(journal, record));
}

/**
 * Samples `plan.first` … `first + count − 1` of every record. `opts.total`, when given, counts
 * records; progress counts samples. Refuses a plan out of bounds before anything is sent.
 */
export function runGenrmSamples(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, opts: RunOptions & { readonly plan: SamplePlan }): Promise<RunSummary<GenrmResult>> {
  const problem = samplePlanProblem(opts.plan);
  if (problem) return Promise.reject(new RangeError(problem));
  const total = opts.total ?? (Array.isArray(records) ? records.length : undefined);
  return runSampleItems(sampleItems(records, opts.plan), { ...opts, ...(total !== undefined ? { total: total * opts.plan.count } : {}) }, 'genrm');
}

/** The fidelity judge on the journaled samples of these records; `opts.total`, when given, counts the samples. */
export function runSampleFidelity(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, journal: SampleJournal, opts: RunOptions): Promise<RunSummary<FidelityResult>> {
  return runSampleItems(sampleFidelityWork(records, journal), opts, 'fidelity');
}
