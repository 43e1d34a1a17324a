/**
 * Batch runners: fidelity judging (R-Align's meta-judge step) and GenRM generation, with
 * selection, cache, journal (resume), progress, cancellation and bounded concurrency.
 */
import type { EvalRecord } from '../record/record';
import type { FidelityResult, GenrmResult, LlmResult, RunOptions, RunSummary } from './runTypes';
import { LlmClient } from './client';
import type { Completion } from './client';
import { ImageError } from './images';
import type { JournalEntry } from './journal';
import { parseBoxedVerdict, parseFidelityOutput } from './parse';
import type { LlmRole } from './profile';
import { fidelitySkipReason, prepareFidelityRequest, prepareGenrmRequest } from './prompts';
import type { PreparedRequest } from './prompts';
import { rationaleFingerprint } from '../record/rationaleFingerprint';
import type { Ctx, WorkItem } from './runSteps';
import { cutHint, journalResult, obtain, scrubbed, spent, toAsync } from './runSteps';
import { sampleVerdict } from './sampling';
import { RunCancellation } from './runCancellation';
import { RunCounters } from './runCounters';
import { RunJournal } from './runJournal';
import { runWindowed, windowFor } from './runWindow';
import type { WindowWork } from './runWindow';

/** Said of a record a batch import had no answer for (not journaled: nothing was asked). */
const UNANSWERED = 'no answer for this request in the batch output';

export type { FidelityResult, GenrmResult, LlmResult, RunOptions, RunProgress, RunSummary } from './runTypes';
export type { WorkItem } from './runSteps';

/** Sampled work keeps its sample (and, for fidelity, the GenRM sample's key) on the result, so it is journaled with it. */
function sampleFields(item: WorkItem): { sample?: WorkItem['slot']; sampleKey?: string } {
  return { ...(item.slot ? { sample: item.slot } : {}), ...(item.sampleKey !== undefined ? { sampleKey: item.sampleKey } : {}) };
}

/** What a role makes of each outcome of a request: its fields of the result. */
interface Outcomes<R extends LlmResult> {
  /** Answered before: the journal's line (a resumed run). */
  resumed(entry: JournalEntry): Partial<R>;
  /** No answer: the call failed, or a batch's output has none for this request (`error` says which). */
  failed(error: string): Partial<R>;
  /** Answered now, by the cache or a call. */
  answered(completion: Completion): Partial<R>;
}

/**
 * The four outcomes of one prepared request, in one place for both roles: resumed from the journal,
 * unanswered by a batch's output, a failed call, an answer. The fields they share (key, cached,
 * resumed, attempts, what it cost, how long it took) are set here; `make` gives the role's own.
 */
async function settle<R extends LlmResult>(ctx: Ctx, item: WorkItem, kind: LlmRole, req: PreparedRequest, started: number, base: object, make: Outcomes<R>): Promise<R> {
  const got = await obtain(ctx, item, kind, req);
  const at = { ...base, key: req.key };
  if (got.from === 'journal') return { ...at, ...make.resumed(got.entry), cached: true, resumed: true, durationMs: Date.now() - started } as R;
  if (got.from === 'unanswered') return { ...at, ...make.failed(UNANSWERED), unanswered: true, durationMs: 0 } as R;
  if (got.from === 'fail') return { ...at, ...make.failed(got.error.message), attempts: got.error.attempts, durationMs: Date.now() - started } as R;
  const c = got.completion;
  return { ...at, ...make.answered(c), cached: got.from === 'cache', attempts: c.attempts, ...spent(got.from, c, req), durationMs: Date.now() - started } as R;
}

async function fidelityOne(ctx: Ctx, item: WorkItem): Promise<FidelityResult> {
  const { record } = item;
  const started = Date.now();
  const model = ctx.client.profile.model;
  const base = { kind: 'fidelity' as const, recordIndex: record.index, recordId: record.id, model, resumed: false, cached: false, attempts: 0, rationaleSha: rationaleFingerprint(record), ...sampleFields(item) };
  const empty = { raw: null, reasoning: null, analysis: null, keyPoints: null };
  if (fidelitySkipReason(record)) {
    return { ...base, ...empty, key: null, verdict: 'SkippedLabelMismatch', error: null, durationMs: 0 };
  }
  if (record.goldRationales.length === 0) {
    return { ...base, ...empty, key: null, verdict: 'CallFail', error: 'the record has no gold rationale to compare with', durationMs: 0 };
  }
  let req: PreparedRequest;
  try {
    req = await prepareFidelityRequest(record, ctx.client.profile, { ...(ctx.opts.template ? { template: ctx.opts.template } : {}), ...(ctx.opts.datasetPath ? { datasetPath: ctx.opts.datasetPath } : {}), ...(item.sampleKey !== undefined ? { sampleKey: item.sampleKey } : {}) });
  } catch (e) {
    if (e instanceof ImageError) return { ...base, ...empty, key: null, verdict: 'CallFail', error: e.message, durationMs: Date.now() - started };
    throw e;
  }
  return settle<FidelityResult>(ctx, item, 'fidelity', req, started, base, {
    resumed: (j) => {
      const parsed = j.raw !== null ? parseFidelityOutput(j.raw) : null;
      return { verdict: j.verdict ?? 'CallFail', raw: j.raw, reasoning: j.reasoning, analysis: j.analysis, keyPoints: parsed && parsed.verdict !== 'ParseFail' ? parsed.keyPoints : null, error: j.error };
    },
    failed: (error) => ({ ...empty, verdict: 'CallFail', error }),
    answered: (c) => {
      const parsed = parseFidelityOutput(c.content);
      return { verdict: parsed.verdict, raw: c.content, reasoning: c.reasoning || null, analysis: parsed.analysis, keyPoints: parsed.keyPoints, error: parsed.verdict === 'ParseFail' ? parsed.reason + cutHint(c) : null };
    },
  });
}

async function genrmOne(ctx: Ctx, item: WorkItem): Promise<GenrmResult> {
  const { record, slot } = item;
  const started = Date.now();
  const model = ctx.client.profile.model;
  const base = { kind: 'genrm' as const, recordIndex: record.index, recordId: record.id, model, resumed: false, cached: false, attempts: 0, ...sampleFields(item) };
  let req: PreparedRequest;
  try {
    req = await prepareGenrmRequest(record, ctx.client.profile, { ...(ctx.opts.template ? { template: ctx.opts.template } : {}), ...(ctx.opts.datasetPath ? { datasetPath: ctx.opts.datasetPath } : {}), ...(slot ? { slot } : {}) });
  } catch (e) {
    if (e instanceof ImageError) return { ...base, key: null, pred: null, raw: null, reasoning: null, error: e.message, durationMs: Date.now() - started };
    throw e;
  }
  return settle<GenrmResult>(ctx, item, 'genrm', req, started, base, {
    resumed: (j) => ({ pred: j.pred ?? null, raw: j.raw, reasoning: j.reasoning, error: j.error }),
    failed: (error) => ({ pred: null, raw: null, reasoning: null, error }),
    answered: (c) => {
      const shown = parseBoxedVerdict(c.content);
      // A swapped sample's letters name the responses as it was shown them: kept in the original frame.
      const pred = slot ? (sampleVerdict(shown, slot.order) as 'A' | 'B' | null) : shown;
      return { pred, raw: c.content, reasoning: c.reasoning || null, error: pred === null ? 'no \\boxed{A} or \\boxed{B} verdict in the answer' + cutHint(c) : null };
    },
  });
}

/** The run's client: the caller's, or one made from its profile. */
function clientFor(opts: RunOptions, role: LlmRole): LlmClient {
  if (opts.client) return opts.client;
  if (!opts.profile) throw new Error(`run ${role}: pass a profile or a client`);
  return new LlmClient(opts.profile, { ...(opts.retry ? { retry: opts.retry } : {}) });
}

/**
 * Each item of a run: asked (or answered by the journal or cache), scrubbed of the API key before
 * any of it is kept, journaled or handed on (a server can echo it back, split across stream chunks),
 * journaled, then counted and handed on. A cancelled call leaves no result; any other error stops
 * the run (rethrown at its end).
 */
function itemWork<R extends LlmResult>(ctx: Ctx, one: (ctx: Ctx, item: WorkItem) => Promise<R>, counters: RunCounters, cancel: RunCancellation, slots: (R | undefined)[]): WindowWork<WorkItem, R | null> {
  const { opts } = ctx;
  return {
    run: async (item) => {
      counters.begin();
      try {
        const r = scrubbed(ctx.client, await one(ctx, item));
        await journalResult(ctx, r);
        return r;
      } catch (e) {
        cancel.failUnlessCancelled(e);
        return null;
      } finally {
        counters.end();
      }
    },
    ended: (r, item, seq) => {
      if (!r) return;
      try {
        counters.count(r);
        if (opts.collectResults ?? true) slots[seq] = r;
        opts.onResult?.(r, item.record);
        opts.onProgress?.(counters.progress());
      } catch (e) {
        cancel.fail(e);
      }
    },
    inputEnded: (n) => {
      if (opts.total === undefined) counters.inputEnded(n);
    },
  };
}

/** One run: its counters (runCounters.ts), journal (runJournal.ts), cancellation (runCancellation.ts) and window of items in flight (runWindow.ts). */
async function runAll<R extends LlmResult>(items: AsyncIterable<WorkItem> | Iterable<WorkItem>, opts: RunOptions, one: (ctx: Ctx, item: WorkItem) => Promise<R>, role: LlmRole): Promise<RunSummary<R>> {
  const counters = new RunCounters(opts.total ?? (Array.isArray(items) ? items.length : null));
  const client = clientFor(opts, role);
  const held = await RunJournal.open(opts, [client.profile.apiKey]);
  const cancel = new RunCancellation(opts.signal);
  const ctx: Ctx = { client, journal: held.journal, cache: opts.cache || null, opts, signal: cancel.signal };
  const slots: (R | undefined)[] = [];
  opts.onProgress?.(counters.progress());
  try {
    await runWindowed(items, windowFor(client.limiter.concurrency), cancel.signal, itemWork(ctx, one, counters, cancel, slots));
  } finally {
    cancel.dispose();
    await held.close();
  }
  cancel.throwIfFailed();
  const final = counters.progress();
  if (!cancel.cancelled) opts.onProgress?.(final);
  return { results: slots.filter((r): r is R => r !== undefined), cancelled: cancel.cancelled, progress: final, journal: held.journal?.report ?? null, usageNotes: counters.usageNotes };
}

/** Records as work items (an array stays an array, so its length is the run's total). */
function itemsOf(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>): AsyncIterable<WorkItem> | Iterable<WorkItem> {
  if (Array.isArray(records)) return (records as readonly EvalRecord[]).map((record) => ({ record }));
  return (async function* () {
    for await (const record of toAsync(records)) yield { record };
  })();
}

/**
 * R-Align's fidelity (meta-judge) step over records: label-correct records (primary judgment's
 * verdict in {A, B} and equal to the gold label) are judged; the others get
 * SkippedLabelMismatch without a call.
 */
export function runFidelityJudging(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, opts: RunOptions): Promise<RunSummary<FidelityResult>> {
  return runAll(itemsOf(records), opts, fidelityOne, 'fidelity');
}

/** R-Align's GenRM step: a rationale and a \boxed{A|B} verdict for every record. */
export function runGenrmGeneration(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, opts: RunOptions): Promise<RunSummary<GenrmResult>> {
  return runAll(itemsOf(records), opts, genrmOne, 'genrm');
}

/** Runs numbered samples (GenRM) or the fidelity of journaled samples: one result per item (sampleRuns.ts builds the items). */
export function runSampleItems<K extends LlmRole>(items: AsyncIterable<WorkItem> | Iterable<WorkItem>, opts: RunOptions, role: K): Promise<RunSummary<K extends 'genrm' ? GenrmResult : FidelityResult>> {
  type R = K extends 'genrm' ? GenrmResult : FidelityResult;
  const one = (role === 'genrm' ? genrmOne : fidelityOne) as (ctx: Ctx, item: WorkItem) => Promise<R>;
  return runAll<R>(items, opts, one, role);
}
