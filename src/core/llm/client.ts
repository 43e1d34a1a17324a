/**
 * One OpenAI-compatible chat endpoint: streaming with separate reasoning, our own retries
 * (the openai client's are disabled), a whole-request timeout, cancellation and a concurrency limit.
 */
import type { OpenAI } from 'openai/client';
import type * as OpenAIErrors from 'openai/error';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { AttemptWatch, guardedFetch } from './answerGuard';
import { AnswerShapeError, checkChatAnswer, checkStreamEvent, vectorsFromAnswer } from './answerShapes';
import { removeThinking } from './context';
import { Limiter } from './pool';
import type { LlmProfile } from './profile';
import { scrubSecrets } from './profile';
import { AbortedError, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, retryDelay, sleep } from './retry';
import type { RetryOptions } from './retry';
import type { TokenUsage, UsageNote } from './usage';
import { readUsage } from './usage';

export type ChatMessage = ChatCompletionMessageParam;

/** An increment of streamed text. `reset` means: discard what was shown so far (a retry starts over). */
export interface LlmDelta {
  readonly content: string;
  readonly reasoning: string;
  readonly reset?: boolean;
}

export interface Completion {
  /** The answer text (`content`), exactly as received. */
  readonly content: string;
  /** Separate reasoning (`reasoning_content` / `reasoning` fields); '' when the server sent none. */
  readonly reasoning: string;
  readonly finishReason: string | null;
  /** Attempts made, including the successful one. */
  readonly attempts: number;
  readonly durationMs: number;
  /** Tokens the server says the answer took; null or absent when it said nothing (or from the cache). */
  readonly usage?: TokenUsage | null;
  /** What was wrong with the server's usage: counts dropped, or kept as sent but implausible. */
  readonly usageNotes?: readonly UsageNote[];
}

export type LlmErrorKind = 'http' | 'connection' | 'timeout' | 'empty' | 'stream' | 'config' | 'too-large';



/** A call that failed for good (non-retryable, or retries exhausted). Its message never contains the API key. */
export class LlmCallError extends Error {
  override readonly name = 'LlmCallError';
  constructor(
    message: string,
    readonly kind: LlmErrorKind,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    public attempts = 1,
  ) {
    super(message);
  }
}

export interface RetryEvent {
  /** The retry about to happen (1 = second attempt). */
  readonly retry: number;
  readonly delayMs: number;
  readonly error: LlmCallError;
}

export interface LlmClientOptions {
  readonly retry?: Partial<RetryOptions>;
  /** Called before each retry's wait (for logs and status bars). */
  readonly onRetry?: (e: RetryEvent) => void;
  /** Share a limiter between clients (defaults to a new one sized by profile.concurrency). */
  readonly limiter?: Limiter;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onDelta?: (d: LlmDelta) => void;
  /** Called before each retry's wait, in addition to the client-wide onRetry. */
  readonly onRetry?: (e: RetryEvent) => void;
  /** Structured output (`response_format`), for callers that parse JSON answers. */
  readonly responseFormat?: Readonly<Record<string, unknown>>;
}

interface StreamDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

function errText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const c = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
    return c && !e.message.includes(c) ? `${e.message} (${c})` : e.message;
  }
  return String(e);
}

interface OpenAISdk {
  readonly OpenAI: typeof OpenAI;
  readonly errors: typeof OpenAIErrors;
}
let sdk: OpenAISdk | null = null;
let sdkLoading: Promise<OpenAISdk> | null = null;

/**
 * The openai package is loaded by the first model call, not when the extension or the CLI starts;
 * only its client and errors (not the Azure and Bedrock clients of its root module).
 */
function loadSdk(): Promise<OpenAISdk> {
  return (sdkLoading ??= Promise.all([import('openai/client'), import('openai/error')]).then(([client, errors]) => (sdk = { OpenAI: client.OpenAI, errors })));
}

/** The body of a chat completion request (without `stream`): one builder for live calls and batch files. */
export function chatRequestBody(p: LlmProfile, messages: readonly ChatMessage[], responseFormat?: Readonly<Record<string, unknown>>) {
  return {
    model: p.model,
    messages: messages as ChatMessage[],
    temperature: p.temperature,
    max_tokens: p.maxTokens,
    ...(responseFormat ? { response_format: responseFormat as never } : {}),
    ...p.extraBody,
  };
}

export class LlmClient {
  readonly profile: LlmProfile;
  readonly limiter: Limiter;
  private readonly retry: RetryOptions;
  private openai: Promise<OpenAI> | null = null;
  private readonly onRetry: ((e: RetryEvent) => void) | undefined;

  constructor(profile: LlmProfile, opts: LlmClientOptions = {}) {
    this.profile = profile;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.limiter = opts.limiter ?? new Limiter(profile.concurrency);
    this.onRetry = opts.onRetry;
  }

  /** The openai client, made (and the package loaded) by the first call. */
  private api(): Promise<OpenAI> {
    const profile = this.profile;
    const make = (m: OpenAISdk): OpenAI =>
      new m.OpenAI({
        baseURL: profile.baseUrl,
        // The client refuses an empty key; servers without auth (vLLM) accept any.
        apiKey: profile.apiKey || 'EMPTY',
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
        maxRetries: 0,
        timeout: profile.timeoutMs,
        logLevel: 'off',
        fetch: guardedFetch,
      });
    return (this.openai ??= loadSdk().then(make));
  }

  /** Remove the API key from any text before it leaves this module. */
  scrub(text: string): string {
    return scrubSecrets(text, [this.profile.apiKey]);
  }

  /**
   * Embeddings of `texts` from `/v1/embeddings` (vLLM, Ollama, llama.cpp, OpenAI), in batches, with
   * the same retries, failures, time limit, answer cap and idle timeout as chat calls. Vectors come
   * back in input order, each checked (answerShapes.ts): finite, non-zero, and `dimension` long
   * (the length this model's earlier vectors had; null: as long as the answer's first).
   */
  async embed(texts: readonly string[], signal?: AbortSignal, batchSize = 64, dimension: number | null = null): Promise<number[][]> {
    const out: number[][] = [];
    let dim = dimension;
    for (let i = 0; i < texts.length; i += batchSize) {
      const batch = texts.slice(i, i + batchSize);
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) throw new AbortedError();
        try {
          await this.limiter.acquire(signal);
          let vectors: number[][];
          try {
            vectors = await this.embedOnce(batch, signal, dim);
          } finally {
            this.limiter.release();
          }
          dim ??= vectors[0]?.length ?? null;
          out.push(...vectors);
          break;
        } catch (e) {
          if (e instanceof AbortedError || signal?.aborted) throw e instanceof AbortedError ? e : new AbortedError();
          const err = e instanceof LlmCallError ? e : this.classify(e);
          err.attempts = attempt + 1;
          if (!err.retryable || attempt >= this.retry.maxRetries) throw err;
          await sleep(retryDelay(attempt, err.retryAfterMs, this.retry), signal);
        }
      }
    }
    return out;
  }

  private async embedOnce(batch: readonly string[], signal: AbortSignal | undefined, dimension: number | null): Promise<number[][]> {
    const p = this.profile;
    const watch = new AttemptWatch(p.timeoutMs, p.maxAnswerBytes, p.idleTimeoutMs, signal);
    try {
      // Floats asked for explicitly: left out, the openai client asks for base64 and decodes whatever
      // comes back, so a server answering with float lists gave short, nearly all-zero vectors.
      const res: unknown = await (await this.api()).embeddings.create({ model: p.model, input: batch as string[], encoding_format: 'float' }, watch.requestOptions);
      return vectorsFromAnswer(res, batch.length, watch.guard.bytes, dimension);
    } catch (e) {
      throw this.explain(e, watch);
    } finally {
      watch.end();
    }
  }

  /** The model ids the server lists (a connection test). */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const m of (await this.api()).models.list({ signal: signal ?? null, maxRetries: 0 })) ids.push(m.id);
      return ids;
    } catch (e) {
      if (signal?.aborted) throw new AbortedError();
      throw this.classify(e);
    }
  }

  /**
   * One chat completion with retries. Resolves with non-empty content; rejects with
   * LlmCallError when it fails for good, or AbortedError when `signal` fires.
   */
  async complete(messages: readonly ChatMessage[], opts: CallOptions = {}): Promise<Completion> {
    const started = Date.now();
    const deadline = started + this.profile.deadlineMs;
    const { signal } = opts;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AbortedError();
      let emitted = false;
      const onDelta = opts.onDelta
        ? (d: LlmDelta): void => {
            emitted = true;
            opts.onDelta?.(d);
          }
        : undefined;
      try {
        await this.limiter.acquire(signal);
        let r: { content: string; reasoning: string; finishReason: string | null; usage: TokenUsage | null; usageNotes: readonly UsageNote[] };
        try {
          r = await this.attempt(messages, signal, onDelta, deadline, opts.responseFormat);
        } finally {
          this.limiter.release();
        }
        if (removeThinking(r.content) === '') {
          throw new LlmCallError(
            r.reasoning ? 'empty_response: the answer was empty (the model only produced reasoning)' : 'empty_response: the answer was empty',
            'empty',
            true,
          );
        }
        return { ...r, attempts: attempt + 1, durationMs: Date.now() - started };
      } catch (e) {
        if (e instanceof AbortedError || signal?.aborted) throw e instanceof AbortedError ? e : new AbortedError();
        const err = e instanceof LlmCallError ? e : this.classify(e);
        err.attempts = attempt + 1;
        if (!err.retryable || attempt >= this.retry.maxRetries) throw err;
        if (emitted) opts.onDelta?.({ content: '', reasoning: '', reset: true });
        const delayMs = retryDelay(attempt, err.retryAfterMs, this.retry);
        // The record's deadline covers every attempt and wait: no retry that would end after it.
        if (Date.now() + delayMs >= deadline) {
          throw new LlmCallError(`${err.message} (no more retries: the record's deadline of ${Math.round(this.profile.deadlineMs / 1000)} s would pass)`, err.kind, false, err.status, err.retryAfterMs, attempt + 1);
        }
        const ev: RetryEvent = { retry: attempt + 1, delayMs, error: err };
        this.onRetry?.(ev);
        opts.onRetry?.(ev);
        await sleep(delayMs, signal);
      }
    }
  }

  private async attempt(
    messages: readonly ChatMessage[],
    signal: AbortSignal | undefined,
    onDelta: ((d: LlmDelta) => void) | undefined,
    deadline: number,
    responseFormat?: Readonly<Record<string, unknown>>,
  ): Promise<{ content: string; reasoning: string; finishReason: string | null; usage: TokenUsage | null; usageNotes: readonly UsageNote[] }> {
    const p = this.profile;
    const watch = new AttemptWatch(Math.max(1, Math.min(p.timeoutMs, deadline - Date.now())), p.maxAnswerBytes, p.idleTimeoutMs, signal);
    const body = chatRequestBody(p, messages, responseFormat);
    try {
      if (!p.stream) {
        const res: unknown = await (await this.api()).chat.completions.create({ ...body, stream: false }, watch.requestOptions);
        checkChatAnswer(res, watch.guard.bytes);
        const choice = (res as { choices: { message?: unknown; finish_reason?: unknown }[] }).choices[0];
        const msg = (typeof choice?.message === 'object' && choice.message !== null ? choice.message : {}) as StreamDelta;
        const { usage, notes } = readUsage((res as { usage?: unknown }).usage);
        return {
          content: typeof msg.content === 'string' ? msg.content : '',
          reasoning: msg.reasoning_content ?? msg.reasoning ?? '',
          finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
          usage,
          usageNotes: notes,
        };
      }
      // include_usage: the last chunk (with no choices) carries the answer's token counts.
      const stream = await (await this.api()).chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, watch.requestOptions);
      let content = '';
      let reasoning = '';
      let finishReason: string | null = null;
      let usage: TokenUsage | null = null;
      let usageNotes: readonly UsageNote[] = [];
      let events = 0;
      for await (const chunk of stream) {
        checkStreamEvent(chunk);
        events++;
        if (chunk.usage) ({ usage, notes: usageNotes } = readUsage(chunk.usage));
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const d = (choice.delta ?? {}) as StreamDelta;
        const c = typeof d.content === 'string' ? d.content : '';
        const r = d.reasoning_content ?? d.reasoning ?? '';
        if (c || r) {
          content += c;
          reasoning += r;
          onDelta?.({ content: c, reasoning: r });
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      // The openai stream ends quietly when aborted: find out why it ended.
      const why = this.stopError(watch);
      if (why) throw why;
      if (events === 0) {
        throw new LlmCallError(`empty answer: the server answered HTTP 200 with ${watch.guard.bytes === 0 ? 'an empty body' : `${watch.guard.bytes} bytes holding no stream event`}`, 'empty', true);
      }
      if (finishReason === null) {
        throw new LlmCallError('stream ended before the answer was complete (no finish_reason)', 'stream', true);
      }
      return { content, reasoning, finishReason, usage, usageNotes };
    } catch (e) {
      throw this.explain(e, watch);
    } finally {
      watch.end();
    }
  }

  /** The error an attempt's watch ended it with (cancelled, too large, idle, timed out), or null. */
  private stopError(watch: AttemptWatch): Error | null {
    const p = this.profile;
    switch (watch.stopped()) {
      case 'aborted':
        return new AbortedError();
      case 'too-large':
        return new LlmCallError(`answer too large: the server sent more than ${(p.maxAnswerBytes / 1048576).toFixed(0)} MB for one answer; the call was ended (raise the answer cap if real answers are this long)`, 'too-large', false);
      case 'idle':
        return new LlmCallError(`idle timeout: the server sent nothing for ${Math.round(p.idleTimeoutMs / 1000)} s; the call was ended`, 'timeout', true);
      case 'timeout':
        return new LlmCallError(`timeout: no complete answer within ${watch.limitMs} ms`, 'timeout', true);
      default:
        return null;
    }
  }

  /** What ended an attempt, in terms of what the server did: the watch first, then the answer's shape, then the client's error. */
  private explain(e: unknown, watch: AttemptWatch): Error {
    const why = this.stopError(watch);
    if (why) return why;
    if (e instanceof AnswerShapeError) return new LlmCallError(this.scrub(e.message), e.message.startsWith('empty') ? 'empty' : 'stream', e.retryable);
    // An empty 200 body the openai client tried to parse as JSON.
    if (e instanceof SyntaxError && watch.guard.answered && watch.guard.bytes === 0) return new LlmCallError('empty answer: the server answered HTTP 200 with an empty body', 'empty', true);
    return e as Error;
  }

  /** Turn anything thrown by the openai client or fetch into a scrubbed LlmCallError. */
  private classify(e: unknown): LlmCallError {
    if (e instanceof LlmCallError) return e;
    if (sdk && e instanceof sdk.errors.APIConnectionTimeoutError) return new LlmCallError(this.scrub(`timeout: ${errText(e)}`), 'timeout', true);
    if (sdk && e instanceof sdk.errors.APIUserAbortError) return new LlmCallError('request aborted', 'connection', true);
    if (sdk && e instanceof sdk.errors.APIConnectionError) return new LlmCallError(this.scrub(`connection error: ${errText(e)}`), 'connection', true);
    if (sdk && e instanceof sdk.errors.APIError) {
      if (typeof e.status === 'number') {
        const retryAfterMs = parseRetryAfter((e.headers as Headers | undefined) ?? null);
        const retryable = isRetryableStatus(e.status);
        return new LlmCallError(this.scrub(`http ${e.status}: ${errText(e)}`), 'http', retryable, e.status, retryAfterMs);
      }
      return new LlmCallError(this.scrub(`server error in stream: ${errText(e)}`), 'stream', true);
    }
    if (e instanceof SyntaxError) return new LlmCallError(this.scrub(`malformed stream data: ${errText(e)}`), 'stream', true);
    return new LlmCallError(this.scrub(`connection error: ${errText(e)}`), 'connection', true);
  }
}
