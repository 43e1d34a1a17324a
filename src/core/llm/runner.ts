/**
 * Batch runners: fidelity judging (R-Align's meta-judge step) and GenRM generation, with
 * selection, cache, journal (resume), progress, cancellation and bounded concurrency.
 */
import { setMaxListeners } from 'node:events';
import type { EvalRecord } from '../record/record';
import type { FidelityResult, GenrmResult, LlmResult, RunOptions, RunProgress, RunSummary } from './runTypes';
import { LlmClient } from './client';
import { ImageError } from './images';
import { Journal, journalPathFor } from './journal';
import { parseBoxedVerdict, parseFidelityOutput } from './parse';
import { Limiter } from './pool';
import type { LlmRole } from './profile';
import { fidelitySkipReason, prepareFidelityRequest, prepareGenrmRequest } from './prompts';
import { addUsage, NO_USAGE_NOTES, tallyUsageNotes, ZERO_USAGE } from './usage';
import type { PreparedRequest } from './prompts';
import { AbortedError } from './retry';
import { rationaleFingerprint } from '../record/rationaleFingerprint';
import { acquireRunLock } from '../io/runLock';
import type { Ctx, WorkItem } from './runSteps';
import type { Completion } from './client';
import type { JournalEntry } from './journal';
import { cutHint, journalResult, obtain, scrubbed, spent, toAsync } from './runSteps';
import { sampleVerdict } from './sampling';

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

function isFailure(r: LlmResult): boolean {
  return r.kind === 'fidelity' ? r.verdict === 'CallFail' || r.verdict === 'ParseFail' : r.pred === null;
}

async function runAll<R extends LlmResult>(
  items: AsyncIterable<WorkItem> | Iterable<WorkItem>,
  opts: RunOptions,
  one: (ctx: Ctx, item: WorkItem) => Promise<R>,
  role: LlmRole,
): Promise<RunSummary<R>> {
  const started = Date.now();
  const profile = opts.client?.profile ?? opts.profile;
  if (!profile) throw new Error(`run ${role}: pass a profile or a client`);
  const client =
    opts.client ??
    new LlmClient(profile, {
      ...(opts.retry ? { retry: opts.retry } : {}),
    });
  const secrets = [profile.apiKey];

  let journal: Journal | null = null;
  let ownJournal = false;
  let releaseLock: (() => Promise<void>) | null = null;
  const jOpt = opts.journal ?? (opts.datasetPath ? journalPathFor(opts.datasetPath) : false);
  if (jOpt instanceof Journal) journal = jOpt;
  else if (typeof jOpt === 'string') {
    // One writing process per journal (a second run on the same file is refused, saying who holds it).
    releaseLock = await acquireRunLock(jOpt);
    try {
      journal = await Journal.open(jOpt, { secrets });
    } catch (err) {
      await releaseLock();
      throw err;
    }
    ownJournal = true;
  }

  // Our own controller: cancelled by the caller's signal, or by a fatal error (e.g. the journal cannot be written).
  const ctrl = new AbortController();
  // Every in-flight request listens to it.
  setMaxListeners(0, ctrl.signal);
  const onAbort = (): void => ctrl.abort();
  if (opts.signal?.aborted) ctrl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const ctx: Ctx = { client, journal, cache: opts.cache || null, opts, signal: ctrl.signal };
  const collect = opts.collectResults ?? true;
  const slots: (R | undefined)[] = [];
  let seen = 0;
  let done = 0;
  let failed = 0;
  let cached = 0;
  let skipped = 0;
  let inFlight = 0;
  let tokens = ZERO_USAGE;
  let usageNotes = NO_USAGE_NOTES;
  let total: number | null = opts.total ?? (Array.isArray(items) ? items.length : null);
  let fatal: unknown = null;

  const progress = (): RunProgress => {
    const elapsedMs = Date.now() - started;
    const etaMs = total !== null && done > 0 ? Math.max(0, Math.round((elapsedMs / done) * (total - done))) : null;
    return { done, total, failed, cached, skipped, inFlight, tokens, elapsedMs, etaMs };
  };
  opts.onProgress?.(progress());

  // Enough records in flight to keep every request slot busy while others journal or hit the cache.
  const window = new Limiter(Math.max(client.limiter.concurrency * 2, client.limiter.concurrency + 4));
  const tasks = new Set<Promise<void>>();

  const finish = (r: R, record: EvalRecord, seq: number): void => {
    done++;
    if (isFailure(r)) failed++;
    if (r.cached) cached++;
    if (!r.cached) tokens = addUsage(tokens, r.usage);
    if (!r.cached) usageNotes = tallyUsageNotes(usageNotes, r.usageNotes, r.recordIndex + 1);
    if (r.kind === 'fidelity' && r.verdict === 'SkippedLabelMismatch') skipped++;
    if (collect) slots[seq] = r;
    opts.onResult?.(r, record);
    opts.onProgress?.(progress());
  };

  try {
    for await (const item of toAsync(items)) {
      const record = item.record;
      if (ctrl.signal.aborted) break;
      try {
        await window.acquire(ctrl.signal);
      } catch {
        break; // the window rejects only when the run is cancelled
      }
      const seq = seen++;
      inFlight++;
      const task = (async () => {
        let r: R | null = null;
        try {
          // The key is scrubbed from every field before any of it is kept, journaled or handed on
          // (a server can echo it back, split across stream chunks).
          r = scrubbed(ctx.client, await one(ctx, item));
          await journalResult(ctx, r);
        } catch (e) {
          r = null;
          // A cancelled call leaves no result; anything else (a journal that cannot be written,
          // a bug) stops the run and is rethrown at the end.
          if (!(e instanceof AbortedError) && !ctrl.signal.aborted) {
            fatal ??= e;
            ctrl.abort();
          }
        } finally {
          inFlight--;
          window.release();
        }
        if (r) {
          try {
            finish(r, record, seq);
          } catch (e) {
            fatal ??= e;
            ctrl.abort();
          }
        }
      })();
      tasks.add(task);
      void task.finally(() => tasks.delete(task));
    }
    if (!ctrl.signal.aborted && opts.total === undefined) total = seen;
  } finally {
    await Promise.all([...tasks]);
    opts.signal?.removeEventListener('abort', onAbort);
    if (ownJournal) await journal?.close();
    await releaseLock?.();
  }
  if (fatal) throw fatal instanceof Error ? fatal : new Error('run failed', { cause: fatal });
  const cancelled = ctrl.signal.aborted;
  const final = progress();
  if (!cancelled) opts.onProgress?.(final);
  return { results: slots.filter((r): r is R => r !== undefined), cancelled, progress: final, journal: journal?.report ?? null, usageNotes };
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
