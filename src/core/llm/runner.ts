/**
 * Batch runners: fidelity judging (R-Align's meta-judge step) and GenRM generation, with
 * selection, cache, journal (resume), progress, cancellation and bounded concurrency.
 */
import { setMaxListeners } from 'node:events';
import type { EvalRecord } from '../record/record';
import type { FidelityResult, GenrmResult, LlmResult, RunOptions, RunProgress, RunSummary } from './runTypes';
import type { CacheStore } from './cache';
import { LlmCallError, LlmClient } from './client';
import type { Completion, LlmDelta, RetryEvent } from './client';
import { ImageError } from './images';
import { isFinished, Journal, journalPathFor } from './journal';
import type { JournalEntry } from './journal';
import { parseBoxedVerdict, parseFidelityOutput } from './parse';
import { Limiter } from './pool';
import type { LlmRole } from './profile';
import { fidelitySkipReason, prepareFidelityRequest, prepareGenrmRequest, promptCharsOf } from './prompts';
import type { TokenUsage, UsageNote } from './usage';
import { addUsage, NO_USAGE_NOTES, tallyUsageNotes, ZERO_USAGE } from './usage';
import type { PreparedRequest } from './prompts';
import { AbortedError } from './retry';
import { rationaleFingerprint } from '../record/rationaleFingerprint';
import { acquireRunLock } from '../io/runLock';
import type { BatchAnswer } from './batch';

/** Said of a record a batch import had no answer for (not journaled: nothing was asked). */
export const UNANSWERED = 'no answer for this request in the batch output';

export type { FidelityResult, GenrmResult, LlmResult, RunOptions, RunProgress, RunSummary } from './runTypes';

interface Ctx {
  readonly client: LlmClient;
  readonly journal: Journal | null;
  readonly cache: CacheStore | null;
  readonly opts: RunOptions;
  readonly signal: AbortSignal;
}

function records2async(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>): AsyncIterable<EvalRecord> {
  if (Symbol.asyncIterator in records) return records;
  const it = records[Symbol.iterator]();
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve(it.next()),
      return: () => Promise.resolve({ done: true as const, value: undefined }),
    }),
  };
}

/** Ask (or answer from journal/cache) one prepared request. */
async function obtain(
  ctx: Ctx,
  record: EvalRecord,
  kind: LlmRole,
  req: PreparedRequest,
): Promise<{ from: 'journal'; entry: JournalEntry } | { from: 'cache' | 'call'; completion: Completion } | { from: 'fail'; error: LlmCallError } | { from: 'unanswered' }> {
  const { opts, client } = ctx;
  if (!opts.refresh) {
    if (ctx.journal?.hasFinished(req.key)) {
      const j = await ctx.journal.get(req.key);
      if (j && j.kind === kind && isFinished(j)) return { from: 'journal', entry: j };
    }
  }
  if (opts.answers) return fromBatch(ctx, kind, req, opts.answers.get(req.key));
  if (!opts.refresh) {
    const c = await ctx.cache?.get(req.key);
    if (c) return { from: 'cache', completion: { content: c.content, reasoning: c.reasoning, finishReason: c.finishReason, attempts: 0, durationMs: 0 } };
  }
  try {
    const completion = await client.complete(req.messages, {
      signal: ctx.signal,
      ...(opts.onDelta ? { onDelta: (d: LlmDelta) => opts.onDelta?.(record, d) } : {}),
      ...(opts.onRetry ? { onRetry: (e: RetryEvent) => opts.onRetry?.(record, e) } : {}),
    });
    await ctx.cache?.set(req.key, {
      content: completion.content,
      reasoning: completion.reasoning,
      finishReason: completion.finishReason,
      model: client.profile.model,
      createdAt: new Date().toISOString(),
    });
    return { from: 'call', completion };
  } catch (e) {
    if (e instanceof LlmCallError) return { from: 'fail', error: e };
    throw e;
  }
}

/** A batch engine's answer stands in for the call; a failure already journaled is not journaled twice. */
async function fromBatch(ctx: Ctx, kind: LlmRole, req: PreparedRequest, answer: BatchAnswer | undefined): Promise<Awaited<ReturnType<typeof obtain>>> {
  if (!answer) return { from: 'unanswered' };
  if (answer.ok) return { from: 'call', completion: answer.completion };
  const j = await ctx.journal?.get(req.key);
  if (j && j.kind === kind && j.error === ctx.client.scrub(answer.error)) return { from: 'journal', entry: j };
  return { from: 'fail', error: new LlmCallError(answer.error, 'http', false, answer.status ?? undefined) };
}

function scrubbed<R extends LlmResult>(client: LlmClient, r: R): R {
  const s = (x: string | null): string | null => (x === null ? null : client.scrub(x));
  return r.kind === 'fidelity' ? { ...r, raw: s(r.raw), reasoning: s(r.reasoning), analysis: s(r.analysis), keyPoints: s(r.keyPoints), error: s(r.error) } : { ...r, raw: s(r.raw), reasoning: s(r.reasoning), error: s(r.error) };
}

async function journalResult(ctx: Ctx, r: LlmResult): Promise<void> {
  if (!ctx.journal || r.key === null || r.resumed || r.unanswered) return;
  const s = (x: string | null): string | null => (x === null ? null : ctx.client.scrub(x));
  const entry: JournalEntry = {
    key: r.key,
    recordId: r.recordId,
    recordIndex: r.recordIndex,
    kind: r.kind,
    model: r.model,
    ...(r.kind === 'fidelity' ? { verdict: r.verdict, rationaleSha: r.rationaleSha } : { pred: r.pred }),
    raw: s(r.raw),
    reasoning: s(r.reasoning),
    analysis: r.kind === 'fidelity' ? s(r.analysis) : null,
    error: s(r.error),
    cached: r.cached,
    attempts: r.attempts,
    finishedAt: new Date().toISOString(),
    ...(r.usage ? { usage: r.usage } : {}),
    ...(r.usageNotes?.length ? { usageNotes: r.usageNotes.map((n) => n.text) } : {}),
    ...(r.promptChars !== undefined ? { promptChars: r.promptChars } : {}),
  };
  try {
    await ctx.journal.append(entry);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'the disk quota is exceeded' : (err as Error).message;
    throw new JournalWriteError(`cannot write the journal ${ctx.journal.path} (${why}): the run stopped; every call that finished before is in the journal. Free some space and rerun the same command to resume`, { cause: err });
  }
}

/** The journal could not be written (a full disk): the run stops, keeping what was journaled. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}

async function fidelityOne(ctx: Ctx, record: EvalRecord): Promise<FidelityResult> {
  const started = Date.now();
  const model = ctx.client.profile.model;
  const base = { kind: 'fidelity' as const, recordIndex: record.index, recordId: record.id, model, resumed: false, cached: false, attempts: 0, rationaleSha: rationaleFingerprint(record) };
  const empty = { raw: null, reasoning: null, analysis: null, keyPoints: null };
  if (fidelitySkipReason(record)) {
    return { ...base, ...empty, key: null, verdict: 'SkippedLabelMismatch', error: null, durationMs: 0 };
  }
  if (record.goldRationales.length === 0) {
    return { ...base, ...empty, key: null, verdict: 'CallFail', error: 'the record has no gold rationale to compare with', durationMs: 0 };
  }
  let req: PreparedRequest;
  try {
    req = await prepareFidelityRequest(record, ctx.client.profile, { ...(ctx.opts.template ? { template: ctx.opts.template } : {}), ...(ctx.opts.datasetPath ? { datasetPath: ctx.opts.datasetPath } : {}) });
  } catch (e) {
    if (e instanceof ImageError) return { ...base, ...empty, key: null, verdict: 'CallFail', error: e.message, durationMs: Date.now() - started };
    throw e;
  }
  const got = await obtain(ctx, record, 'fidelity', req);
  if (got.from === 'journal') {
    const j = got.entry;
    const parsed = j.raw !== null ? parseFidelityOutput(j.raw) : null;
    return {
      ...base,
      key: req.key,
      verdict: j.verdict ?? 'CallFail',
      raw: j.raw,
      reasoning: j.reasoning,
      analysis: j.analysis,
      keyPoints: parsed && parsed.verdict !== 'ParseFail' ? parsed.keyPoints : null,
      error: j.error,
      cached: true,
      resumed: true,
      durationMs: Date.now() - started,
    };
  }
  if (got.from === 'unanswered') return { ...base, ...empty, key: req.key, verdict: 'CallFail', error: UNANSWERED, unanswered: true, durationMs: 0 };
  if (got.from === 'fail') {
    return { ...base, ...empty, key: req.key, verdict: 'CallFail', error: got.error.message, attempts: got.error.attempts, durationMs: Date.now() - started };
  }
  const c = got.completion;
  const parsed = parseFidelityOutput(c.content);
  return {
    ...base,
    key: req.key,
    verdict: parsed.verdict,
    raw: c.content,
    reasoning: c.reasoning || null,
    analysis: parsed.analysis,
    keyPoints: parsed.keyPoints,
    error: parsed.verdict === 'ParseFail' ? parsed.reason + cutHint(c) : null,
    cached: got.from === 'cache',
    attempts: c.attempts,
    ...spent(got.from, c, req),
    durationMs: Date.now() - started,
  };
}

async function genrmOne(ctx: Ctx, record: EvalRecord): Promise<GenrmResult> {
  const started = Date.now();
  const model = ctx.client.profile.model;
  const base = { kind: 'genrm' as const, recordIndex: record.index, recordId: record.id, model, resumed: false, cached: false, attempts: 0 };
  let req: PreparedRequest;
  try {
    req = await prepareGenrmRequest(record, ctx.client.profile, { ...(ctx.opts.template ? { template: ctx.opts.template } : {}), ...(ctx.opts.datasetPath ? { datasetPath: ctx.opts.datasetPath } : {}) });
  } catch (e) {
    if (e instanceof ImageError) return { ...base, key: null, pred: null, raw: null, reasoning: null, error: e.message, durationMs: Date.now() - started };
    throw e;
  }
  const got = await obtain(ctx, record, 'genrm', req);
  if (got.from === 'journal') {
    const j = got.entry;
    return { ...base, key: req.key, pred: j.pred ?? null, raw: j.raw, reasoning: j.reasoning, error: j.error, cached: true, resumed: true, durationMs: Date.now() - started };
  }
  if (got.from === 'unanswered') return { ...base, key: req.key, pred: null, raw: null, reasoning: null, error: UNANSWERED, unanswered: true, durationMs: 0 };
  if (got.from === 'fail') {
    return { ...base, key: req.key, pred: null, raw: null, reasoning: null, error: got.error.message, attempts: got.error.attempts, durationMs: Date.now() - started };
  }
  const c = got.completion;
  const pred = parseBoxedVerdict(c.content);
  return {
    ...base,
    key: req.key,
    pred,
    raw: c.content,
    reasoning: c.reasoning || null,
    error: pred === null ? 'no \\boxed{A} or \\boxed{B} verdict in the answer' + cutHint(c) : null,
    cached: got.from === 'cache',
    attempts: c.attempts,
    ...spent(got.from, c, req),
    durationMs: Date.now() - started,
  };
}

/** What an answer obtained now cost: its usage and the prompt's size (a cache hit cost nothing now). */
function spent(from: 'cache' | 'call', c: Completion, req: PreparedRequest): { usage: TokenUsage | null; usageNotes?: readonly UsageNote[]; promptChars: number } | Record<string, never> {
  return from === 'call' ? { usage: c.usage ?? null, ...(c.usageNotes?.length ? { usageNotes: c.usageNotes } : {}), promptChars: promptCharsOf(req.messages) } : {};
}

function cutHint(c: Completion): string {
  return c.finishReason === 'length' ? ' (the answer was cut off at maxTokens)' : '';
}

function isFailure(r: LlmResult): boolean {
  return r.kind === 'fidelity' ? r.verdict === 'CallFail' || r.verdict === 'ParseFail' : r.pred === null;
}

async function runAll<R extends LlmResult>(
  records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>,
  opts: RunOptions,
  one: (ctx: Ctx, record: EvalRecord) => Promise<R>,
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
  let total: number | null = opts.total ?? (Array.isArray(records) ? records.length : null);
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
    for await (const record of records2async(records)) {
      if (ctrl.signal.aborted) break;
      try {
        await window.acquire(ctrl.signal);
      } catch {
        break;
      }
      const seq = seen++;
      inFlight++;
      const task = (async () => {
        let r: R | null = null;
        try {
          // The key is scrubbed from every field before any of it is kept, journaled or handed on
          // (a server can echo it back, split across stream chunks).
          r = scrubbed(ctx.client, await one(ctx, record));
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

/**
 * R-Align's fidelity (meta-judge) step over records: label-correct records (primary judgment's
 * verdict in {A, B} and equal to the gold label) are judged; the others get
 * SkippedLabelMismatch without a call.
 */
export function runFidelityJudging(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, opts: RunOptions): Promise<RunSummary<FidelityResult>> {
  return runAll(records, opts, fidelityOne, 'fidelity');
}

/** R-Align's GenRM step: a rationale and a \boxed{A|B} verdict for every record. */
export function runGenrmGeneration(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, opts: RunOptions): Promise<RunSummary<GenrmResult>> {
  return runAll(records, opts, genrmOne, 'genrm');
}
