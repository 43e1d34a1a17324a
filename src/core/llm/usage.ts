/**
 * Token usage and cost: what the server says each answer took (`usage`, streamed with
 * `stream_options.include_usage`), totals over a run, a price per million tokens, and the estimate
 * a bulk run states before it starts.
 */
import { int, obj, optional, nullable } from '../schema';
import type { Infer } from '../schema';

export interface TokenUsage {
  readonly prompt: number;
  readonly completion: number;
  /** Part of `completion` spent on reasoning (`completion_tokens_details.reasoning_tokens`). */
  readonly reasoning: number;
}

export const ZERO_USAGE: TokenUsage = { prompt: 0, completion: 0, reasoning: 0 };

/** The wire shape, as OpenAI, vLLM and the Batch API send it. */
export const wireUsage = obj(
  {
    prompt_tokens: optional(nullable(int())),
    completion_tokens: optional(nullable(int())),
    completion_tokens_details: optional(nullable(obj({ reasoning_tokens: optional(nullable(int())) }, { extra: 'allow' }))),
  },
  { extra: 'allow' },
);
type WireUsage = Infer<typeof wireUsage>;

/** Reads a server's `usage` object; anything that is not one (a hostile or odd server) is no usage. */
export function usageFrom(raw: unknown): TokenUsage | null {
  if (raw === null || typeof raw !== 'object') return null;
  const u = raw as WireUsage;
  const n = (x: unknown): number => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
  const usage = { prompt: n(u.prompt_tokens), completion: n(u.completion_tokens), reasoning: n(u.completion_tokens_details?.reasoning_tokens) };
  return usage.prompt + usage.completion > 0 ? usage : null;
}

export function addUsage(a: TokenUsage, b: TokenUsage | null | undefined): TokenUsage {
  return b ? { prompt: a.prompt + b.prompt, completion: a.completion + b.completion, reasoning: a.reasoning + b.reasoning } : a;
}

/** Prices in a currency of the user's choosing (USD by default in the wording) per million tokens. */
export interface Prices {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

export function costOf(u: TokenUsage, prices: Prices | null): number | null {
  return prices ? (u.prompt * prices.inputPerMillion + u.completion * prices.outputPerMillion) / 1e6 : null;
}

const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatCost(cost: number): string {
  return `$${cost < 0.01 && cost > 0 ? cost.toPrecision(2) : cost.toFixed(2)}`;
}

/** "tokens 1,200 in · 3,400 out (2,000 reasoning) · $0.05" */
export function formatUsage(u: TokenUsage, prices: Prices | null): string {
  const cost = costOf(u, prices);
  return `tokens ${grouped(u.prompt)} in · ${grouped(u.completion)} out${u.reasoning ? ` (${grouped(u.reasoning)} reasoning)` : ''}${cost === null ? '' : ` · ${formatCost(cost)}`}`;
}

/** Characters per prompt token before any call has been measured (English text, common tokenizers). */
export const CHARS_PER_TOKEN = 4;

export interface RunEstimate {
  readonly requests: number;
  readonly promptTokens: number;
  /** Average completion tokens: measured on earlier answers, else null (unknown until calls finish). */
  readonly completionTokens: number | null;
  /** Every answer at its max tokens: the ceiling. */
  readonly completionCeiling: number;
  readonly basis: string;
  readonly cost: number | null;
  readonly costCeiling: number | null;
}

/**
 * Prompt tokens from the prompts' sizes (measured tokens per character when earlier calls give
 * one), completion tokens from earlier answers' average; the ceiling assumes every answer runs to
 * max tokens.
 */
export function estimateRun(input: { requests: number; promptChars: number; maxTokens: number; measured: { answers: number; usage: TokenUsage; promptChars: number } | null; prices: Prices | null }): RunEstimate {
  const m = input.measured && input.measured.answers > 0 ? input.measured : null;
  const tokensPerChar = m && m.promptChars > 0 && m.usage.prompt > 0 ? m.usage.prompt / m.promptChars : 1 / CHARS_PER_TOKEN;
  const promptTokens = Math.round(input.promptChars * tokensPerChar);
  const completionTokens = m ? Math.round((m.usage.completion / m.answers) * input.requests) : null;
  const completionCeiling = input.maxTokens * input.requests;
  const price = (completion: number) => costOf({ prompt: promptTokens, completion, reasoning: 0 }, input.prices);
  const basis = m ? `measured on ${m.answers} earlier answer${m.answers === 1 ? '' : 's'}` : `prompt size ÷ ${CHARS_PER_TOKEN} characters a token; answers not measured yet`;
  return { requests: input.requests, promptTokens, completionTokens, completionCeiling, basis, cost: completionTokens === null ? null : price(completionTokens), costCeiling: price(completionCeiling) };
}

export function formatEstimate(e: RunEstimate): string {
  const out = e.completionTokens === null ? `up to ${grouped(e.completionCeiling)} out` : `~${grouped(e.completionTokens)} out`;
  const cost = e.cost !== null ? ` · ~${formatCost(e.cost)}` : e.costCeiling !== null ? ` · at most ${formatCost(e.costCeiling)}` : '';
  return `${grouped(e.requests)} requests · ~${grouped(e.promptTokens)} tokens in · ${out}${cost} (${e.basis})`;
}
