/**
 * Token usage and cost: what the server says each answer took (`usage`, streamed with
 * `stream_options.include_usage`), totals over a run, a price per million tokens, and the estimate
 * a bulk run states before it starts.
 */
import { check, int, nullable, obj, optional } from '../schema/schema';
import type { Infer } from '../schema/schema';

export interface TokenUsage {
  readonly prompt: number;
  readonly completion: number;
  /** Part of `completion` spent on reasoning (`completion_tokens_details.reasoning_tokens`). */
  readonly reasoning: number;
}

export const ZERO_USAGE: TokenUsage = { prompt: 0, completion: 0, reasoning: 0 };

/**
 * The largest token count one answer's usage may state: ten times the longest context window
 * offered today (10 M tokens). A larger count is a server's bug, not a measurement; and a million
 * answers at this bound still total exactly (1e8 × 1e6 < 2^53).
 */
export const MAX_TOKEN_COUNT = 100_000_000;

const tokenCount = optional(nullable(int(0, MAX_TOKEN_COUNT)));
const usageDetails = obj({ reasoning_tokens: tokenCount }, { extra: 'allow' });
/** The wire shape, as OpenAI, vLLM and the Batch API send it. Each count is checked on its own (readUsage). */
const wireUsage = obj({ prompt_tokens: tokenCount, completion_tokens: tokenCount, completion_tokens_details: optional(nullable(usageDetails)) }, { extra: 'allow' });
type WireUsage = Infer<typeof wireUsage>;

/** Something wrong with an answer's usage: a count left out, or counts kept as sent that contradict each other. */
export interface UsageNote {
  readonly kind: 'dropped' | 'implausible';
  readonly text: string;
}

export interface UsageReading {
  /** The valid counts (a dropped one counts 0); null when no count is left. */
  readonly usage: TokenUsage | null;
  readonly notes: readonly UsageNote[];
}

/** The valid counts of an object that is not a valid usage as a whole, each dropped one noted. */
function validCounts(raw: object, notes: UsageNote[]): WireUsage {
  const o = raw as Record<string, unknown>;
  const count = (value: unknown, path: string): number | undefined => {
    const c = check(tokenCount, value, path);
    if (c.ok) return c.message ?? undefined;
    notes.push({ kind: 'dropped', text: `${c.error}: dropped` });
    return undefined;
  };
  const details = check(optional(nullable(obj({}, { extra: 'allow' }))), o.completion_tokens_details, 'usage.completion_tokens_details');
  if (!details.ok) notes.push({ kind: 'dropped', text: `${details.error}: dropped` });
  const d = details.ok ? (details.message as Record<string, unknown> | null | undefined) : undefined;
  const reasoning = d ? count(d.reasoning_tokens, 'usage.completion_tokens_details.reasoning_tokens') : undefined;
  return { prompt_tokens: count(o.prompt_tokens, 'usage.prompt_tokens'), completion_tokens: count(o.completion_tokens, 'usage.completion_tokens'), ...(reasoning !== undefined ? { completion_tokens_details: { reasoning_tokens: reasoning } } : {}) };
}

/**
 * Reads a server's `usage` (live answers and batch output alike): valid counts are kept; a count
 * that is no count (negative, fractional, a string, over MAX_TOKEN_COUNT) is dropped and noted,
 * never the answer it came with; reasoning tokens over the completion tokens are kept as sent and
 * noted as implausible (reasoning is part of the completion).
 */
export function readUsage(raw: unknown): UsageReading {
  if (raw === undefined || raw === null) return { usage: null, notes: [] };
  const notes: UsageNote[] = [];
  const whole = check(wireUsage, raw, 'usage');
  let w: WireUsage | null = whole.ok ? whole.message : null;
  if (!w) {
    if (typeof raw !== 'object' || Array.isArray(raw)) return { usage: null, notes: [{ kind: 'dropped', text: `${whole.ok ? '' : whole.error}: dropped` }] };
    w = validCounts(raw, notes);
  }
  const prompt = w.prompt_tokens ?? 0;
  const completion = w.completion_tokens ?? 0;
  const reasoning = w.completion_tokens_details?.reasoning_tokens ?? 0;
  if (typeof w.completion_tokens === 'number' && reasoning > completion) {
    notes.push({ kind: 'implausible', text: `usage: ${reasoning} reasoning tokens exceed the ${completion} completion tokens they are part of: kept as sent` });
  }
  return { usage: prompt + completion > 0 ? { prompt, completion, reasoning } : null, notes };
}

/** Answers of a run whose usage had notes: how many of each kind, and the first few notes with their record. */
export interface UsageNoteTally {
  /** Answers with at least one count dropped. */
  readonly dropped: number;
  /** Answers whose reasoning tokens exceed their completion tokens. */
  readonly implausible: number;
  readonly first: readonly { readonly record: number; readonly note: UsageNote }[];
}

export const NO_USAGE_NOTES: UsageNoteTally = { dropped: 0, implausible: 0, first: [] };

const FIRST_NOTES = 5;

/**
 * The tally with one more answer's notes (`record` 1-based, as printed). The notes kept are those of
 * the lowest records, so the same run says the same whatever order its calls finished in.
 */
export function tallyUsageNotes(t: UsageNoteTally, notes: readonly UsageNote[] | undefined, record: number): UsageNoteTally {
  if (!notes?.length) return t;
  const full = t.first.length >= FIRST_NOTES && (t.first[t.first.length - 1]?.record ?? 0) < record;
  return {
    dropped: t.dropped + (notes.some((n) => n.kind === 'dropped') ? 1 : 0),
    implausible: t.implausible + (notes.some((n) => n.kind === 'implausible') ? 1 : 0),
    first: full ? t.first : [...t.first, ...notes.map((note) => ({ record, note }))].sort((a, b) => a.record - b.record).slice(0, FIRST_NOTES),
  };
}

/** "usage of 3 answers dropped: …", "reasoning tokens of 1 answer …": the lines a run's summary prints. */
export function formatUsageNotes(t: UsageNoteTally): string[] {
  const answers = (n: number) => `${n} answer${n === 1 ? '' : 's'}`;
  const examples = (kind: UsageNote['kind']) =>
    t.first
      .filter((f) => f.note.kind === kind)
      .map((f) => `record ${f.record}: ${f.note.text}`)
      .join('; ');
  const out: string[] = [];
  if (t.dropped) out.push(`usage of ${answers(t.dropped)} dropped in part (the totals count those as 0): ${examples('dropped')}`);
  if (t.implausible) out.push(`usage of ${answers(t.implausible)} implausible (more reasoning than completion tokens, kept as sent): ${examples('implausible')}`);
  return out;
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

function formatCost(cost: number): string {
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
