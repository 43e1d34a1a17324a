/**
 * The steps every run takes for one request, whatever it is for (a record, or one numbered sample of
 * it): answer it from the journal, a batch engine's output, the cache or a call; scrub the API key
 * from the result; journal it. runner.ts runs them over records, sampleRuns.ts over samples.
 */
import type { EvalRecord } from '../record/record';
import type { LlmResult, RunOptions } from './runTypes';
import type { CacheStore } from './cache';
import { LlmCallError } from './client';
import type { Completion, LlmClient, LlmDelta, RetryEvent } from './client';
import { isFinished } from './journal';
import type { Journal, JournalEntry } from './journal';
import type { LlmRole } from './profile';
import { promptCharsOf } from './prompts';
import type { PreparedRequest } from './prompts';
import type { TokenUsage, UsageNote } from './usage';
import type { BatchAnswer } from './batch';
import type { SampleSlot } from './sampling';

/** One unit of a run: a record, or one numbered sample of it (GenRM), or the fidelity of one journaled sample. */
export interface WorkItem {
  readonly record: EvalRecord;
  /** GenRM: the sample asked for. Fidelity: the sample whose rationale (the record's first judgment here) is judged. */
  readonly slot?: SampleSlot;
  /** Fidelity of a sample: the key of the GenRM sample judged. */
  readonly sampleKey?: string;
}

export interface Ctx {
  readonly client: LlmClient;
  readonly journal: Journal | null;
  readonly cache: CacheStore | null;
  readonly opts: RunOptions;
  readonly signal: AbortSignal;
}

export function toAsync<T>(records: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> {
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
export async function obtain(
  ctx: Ctx,
  item: WorkItem,
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
      ...(opts.onDelta ? { onDelta: (d: LlmDelta) => opts.onDelta?.(item.record, d, item.slot) } : {}),
      ...(opts.onRetry ? { onRetry: (e: RetryEvent) => opts.onRetry?.(item.record, e) } : {}),
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

export function scrubbed<R extends LlmResult>(client: LlmClient, r: R): R {
  const s = (x: string | null): string | null => (x === null ? null : client.scrub(x));
  return r.kind === 'fidelity' ? { ...r, raw: s(r.raw), reasoning: s(r.reasoning), analysis: s(r.analysis), keyPoints: s(r.keyPoints), error: s(r.error) } : { ...r, raw: s(r.raw), reasoning: s(r.reasoning), error: s(r.error) };
}

export async function journalResult(ctx: Ctx, r: LlmResult): Promise<void> {
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
    ...(r.sample !== undefined ? { sample: r.sample.sample, order: r.sample.order } : {}),
    ...(r.kind === 'fidelity' && r.sampleKey !== undefined ? { of: r.sampleKey } : {}),
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
class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}

/** What an answer obtained now cost: its usage and the prompt's size (a cache hit cost nothing now). */
export function spent(from: 'cache' | 'call', c: Completion, req: PreparedRequest): { usage: TokenUsage | null; usageNotes?: readonly UsageNote[]; promptChars: number } | Record<string, never> {
  return from === 'call' ? { usage: c.usage ?? null, ...(c.usageNotes?.length ? { usageNotes: c.usageNotes } : {}), promptChars: promptCharsOf(req.messages) } : {};
}

export function cutHint(c: Completion): string {
  return c.finishReason === 'length' ? ' (the answer was cut off at maxTokens)' : '';
}

