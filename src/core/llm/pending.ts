/**
 * The requests a run still has to make, decided as a live run decides (label-correct records with a
 * gold rationale for the fidelity judge; every record for the GenRM; nothing already answered in the
 * journal), shared by the batch export and the estimate a run states before it starts.
 */
import type { EvalRecord } from '../record/record';
import { ImageError } from './images';
import { isFinished, readJournal } from './journal';
import type { LlmProfile, LlmRole } from './profile';
import { fidelitySkipReason, prepareFidelityRequest, prepareGenrmRequest, promptCharsOf } from './prompts';
import type { PreparedRequest } from './prompts';
import type { PromptTemplate } from './template';
import type { Prices, RunEstimate, TokenUsage } from './usage';
import { addUsage, estimateRun, ZERO_USAGE } from './usage';
import type { WorkItem } from './runSteps';
import type { SamplePlan } from './sampling';
import type { SampleJournal } from './sampleJournal';
import { sampleFidelityWork, sampleItems } from './sampleRuns';

export interface RunInputs {
  readonly kind: LlmRole;
  readonly profile: LlmProfile;
  readonly template?: PromptTemplate;
  readonly datasetPath: string;
  readonly journalPath: string;
  /** Read the dataset's records (called more than once). */
  readonly records: () => AsyncIterable<EvalRecord>;
  /** GenRM re-query ×k: the samples asked of every record. */
  readonly plan?: SamplePlan;
  /** Fidelity of the journaled samples (instead of the records' own rationales). */
  readonly samples?: SampleJournal;
  /** The work itself, when it is neither of those (the editor's re-query ×k asks each record its own missing samples). */
  readonly items?: () => AsyncIterable<WorkItem>;
}

/** What a run of these inputs works through: the records, each record's samples, or the journaled samples' fidelity. */
export async function* workItems(o: RunInputs): AsyncGenerator<WorkItem> {
  if (o.items) yield* o.items();
  else if (o.kind === 'genrm' && o.plan) yield* sampleItems(o.records(), o.plan);
  else if (o.kind === 'fidelity' && o.samples) yield* sampleFidelityWork(o.records(), o.samples);
  else for await (const record of o.records()) yield { record };
}

/** The request for a record (or one sample of it), or why none is sent (as a live run decides). */
export async function requestFor(o: Pick<RunInputs, 'kind' | 'profile' | 'template' | 'datasetPath'>, record: EvalRecord, item: Omit<WorkItem, 'record'> = {}): Promise<PreparedRequest | 'skipped' | 'no gold' | { imageError: string }> {
  if (o.kind === 'fidelity' && fidelitySkipReason(record)) return 'skipped';
  if (o.kind === 'fidelity' && record.goldRationales.length === 0) return 'no gold';
  const prepare = o.kind === 'fidelity' ? prepareFidelityRequest : prepareGenrmRequest;
  try {
    const sample = o.kind === 'genrm' ? (item.slot ? { slot: item.slot } : {}) : item.sampleKey !== undefined ? { sampleKey: item.sampleKey } : {};
    return await prepare(record, o.profile, { ...(o.template ? { template: o.template } : {}), datasetPath: o.datasetPath, ...sample });
  } catch (err) {
    if (err instanceof ImageError) return { imageError: `record ${record.index + 1} (line ${record.line}): ${err.message}` };
    throw err;
  }
}

export interface PendingCounts {
  /** Already answered in the journal (not asked again unless refresh). */
  alreadyDone: number;
  /** Not label-correct (fidelity): nothing to ask. */
  skipped: number;
  noGold: number;
  imageErrors: string[];
}

export function newPendingCounts(): PendingCounts {
  return { alreadyDone: 0, skipped: 0, noGold: 0, imageErrors: [] };
}

/** What the journal says about earlier answers of this kind: finished keys and measured usage. */
async function journalFacts(o: RunInputs): Promise<{ finished: Set<string>; measured: { answers: number; usage: TokenUsage; promptChars: number } }> {
  const finished = new Set<string>();
  let usage = ZERO_USAGE;
  let answers = 0;
  let promptChars = 0;
  for (const e of (await readJournal(o.journalPath)).entries) {
    if (e.kind !== o.kind) continue;
    if (isFinished(e)) finished.add(e.key);
    // An answer whose usage had counts dropped or implausible does not measure tokens per character.
    if (e.usage && e.promptChars !== undefined && !e.usageNotes?.length) {
      usage = addUsage(usage, e.usage);
      promptChars += e.promptChars;
      answers++;
    }
  }
  return { finished, measured: { answers, usage, promptChars } };
}

export async function* pendingRequests(o: RunInputs, refresh: boolean, counts: PendingCounts, finished?: ReadonlySet<string>): AsyncGenerator<{ record: EvalRecord; req: PreparedRequest }> {
  const done = refresh ? new Set<string>() : (finished ?? (await journalFacts(o)).finished);
  for await (const { record, ...item } of workItems(o)) {
    const req = await requestFor(o, record, item);
    if (req === 'skipped') counts.skipped++;
    else if (req === 'no gold') counts.noGold++;
    else if ('imageError' in req) counts.imageErrors.push(req.imageError);
    else if (done.has(req.key)) counts.alreadyDone++;
    else yield { record, req };
  }
}

/** The tokens and cost of the requests still to make, before any is made (the journal read once for both). */
export async function estimatePending(o: RunInputs, refresh: boolean, prices: Prices | null): Promise<RunEstimate & PendingCounts> {
  const counts = newPendingCounts();
  const { finished, measured } = await journalFacts(o);
  let requests = 0;
  let promptChars = 0;
  for await (const { req } of pendingRequests(o, refresh, counts, finished)) {
    requests++;
    promptChars += promptCharsOf(req.messages);
  }
  return { ...estimateRun({ requests, promptChars, maxTokens: o.profile.maxTokens, measured, prices }), ...counts };
}
