/**
 * Connection and sampling settings for one LLM role (the GenRM or the fidelity judge).
 * A profile is plain data: the CLI and the editor build it from settings/flags and pass it in.
 */

import type { Prices } from './usage';

export type LlmRole = 'genrm' | 'fidelity';

export interface LlmProfile {
  /** OpenAI-compatible base URL, e.g. `http://127.0.0.1:8000/v1` (vLLM) or `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly temperature: number;
  readonly maxTokens: number;
  /** Per-attempt timeout covering the whole request, streamed body included. */
  readonly timeoutMs: number;
  /** Maximum number of requests in flight at once for this profile. */
  readonly concurrency: number;
  /** Extra JSON fields merged into the request body, e.g. vLLM's `{ chat_template_kwargs: { enable_thinking: false } }`. */
  readonly extraBody: Readonly<Record<string, unknown>>;
  /** Secret: never written to the journal, the cache, logs or error messages. Empty for servers that need none. */
  readonly apiKey: string;
  /** Use SSE streaming (default true). Turn off only for servers that cannot stream. */
  readonly stream: boolean;
  /** Bytes one answer may take on the wire (streamed or plain); beyond it the call ends as a failure. */
  readonly maxAnswerBytes: number;
  /** A call that receives nothing for this long is ended (a server that trickles or stalls). */
  readonly idleTimeoutMs: number;
  /** All attempts at one record together, retries and their waits included, end by this. */
  readonly deadlineMs: number;
  /** Prices per million tokens, for the cost of a run and its estimate; null when not given. */
  readonly prices: Prices | null;
}

/** R-Align's defaults: temperature 0.4, 16k max tokens; 8 parallel requests. */
const DEFAULT_PROFILE: Omit<LlmProfile, 'baseUrl' | 'model'> = {
  temperature: 0.4,
  maxTokens: 16 * 1024,
  timeoutMs: 20 * 60 * 1000,
  concurrency: 8,
  extraBody: {},
  apiKey: '',
  stream: true,
  maxAnswerBytes: 32 * 1024 * 1024,
  idleTimeoutMs: 120_000,
  deadlineMs: 60 * 60 * 1000,
  prices: null,
};

export type LlmProfileInput = Partial<LlmProfile> & { readonly baseUrl?: string; readonly model?: string };

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/**
 * Fill defaults and validate. `role` only appears in error messages so the user knows which
 * profile (GenRM or fidelity judge) is misconfigured.
 */
export function resolveProfile(input: LlmProfileInput, role: LlmRole = 'fidelity'): LlmProfile {
  const label = role === 'genrm' ? 'GenRM' : 'fidelity judge';
  const baseUrl = (input.baseUrl ?? '').trim();
  const model = (input.model ?? '').trim();
  if (!baseUrl) throw new ProfileError(`The ${label} profile has no baseUrl (e.g. http://127.0.0.1:8000/v1).`);
  if (!/^https?:\/\//i.test(baseUrl)) throw new ProfileError(`The ${label} profile's baseUrl must start with http:// or https://, got "${baseUrl}".`);
  if (!model) throw new ProfileError(`The ${label} profile has no model name.`);
  const p: LlmProfile = {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model,
    temperature: input.temperature ?? DEFAULT_PROFILE.temperature,
    maxTokens: input.maxTokens ?? DEFAULT_PROFILE.maxTokens,
    timeoutMs: input.timeoutMs ?? DEFAULT_PROFILE.timeoutMs,
    concurrency: input.concurrency ?? DEFAULT_PROFILE.concurrency,
    extraBody: input.extraBody ?? DEFAULT_PROFILE.extraBody,
    apiKey: input.apiKey ?? DEFAULT_PROFILE.apiKey,
    stream: input.stream ?? DEFAULT_PROFILE.stream,
    maxAnswerBytes: input.maxAnswerBytes ?? DEFAULT_PROFILE.maxAnswerBytes,
    idleTimeoutMs: input.idleTimeoutMs ?? DEFAULT_PROFILE.idleTimeoutMs,
    deadlineMs: input.deadlineMs ?? DEFAULT_PROFILE.deadlineMs,
    prices: input.prices ?? DEFAULT_PROFILE.prices,
  };
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new ProfileError(`The ${label} profile's ${what}.`);
  };
  check(Number.isFinite(p.temperature) && p.temperature >= 0 && p.temperature <= 2, `temperature must be between 0 and 2, got ${p.temperature}`);
  check(Number.isInteger(p.maxTokens) && p.maxTokens > 0, `maxTokens must be a positive integer, got ${p.maxTokens}`);
  check(Number.isFinite(p.timeoutMs) && p.timeoutMs > 0, `timeoutMs must be positive, got ${p.timeoutMs}`);
  check(Number.isFinite(p.maxAnswerBytes) && p.maxAnswerBytes >= 1024, `maxAnswerBytes must be at least 1024, got ${p.maxAnswerBytes}`);
  check(Number.isFinite(p.idleTimeoutMs) && p.idleTimeoutMs > 0, `idleTimeoutMs must be positive, got ${p.idleTimeoutMs}`);
  check(Number.isFinite(p.deadlineMs) && p.deadlineMs > 0, `deadlineMs must be positive, got ${p.deadlineMs}`);
  check(Number.isInteger(p.concurrency) && p.concurrency >= 1, `concurrency must be an integer >= 1, got ${p.concurrency}`);
  check(p.prices === null || [p.prices.inputPerMillion, p.prices.outputPerMillion].every((x) => Number.isFinite(x) && x >= 0), 'prices per million tokens must be numbers ≥ 0');
  check(typeof p.extraBody === 'object' && p.extraBody !== null && !Array.isArray(p.extraBody), 'extraBody must be a JSON object');
  return p;
}

/** Minimum length for a key to be scrubbed from text: placeholders like "EMPTY" or "none" are not secrets. */
const MIN_SECRET_LENGTH = 6;

/**
 * Replace every occurrence of the secrets (raw, JSON-escaped and URL-encoded forms) with `***`.
 * Applied to everything we write or report: journal lines, cache lines, error messages.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < MIN_SECRET_LENGTH) continue;
    const forms = new Set([s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]);
    for (const f of forms) out = out.split(f).join('***');
  }
  return out;
}
