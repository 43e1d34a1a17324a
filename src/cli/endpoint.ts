/**
 * The endpoint flags every model-backed command shares (judge, generate, agreement, align), read into
 * one validated profile, so a flag means the same thing everywhere.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileCacheStore } from '../core/llm/cache';
import { MAX_SIDE_LINE_BYTES } from '../core/io/jsonl';
import type { LlmProfile, LlmRole } from '../core/llm/profile';
import { ProfileError, resolveProfile } from '../core/llm/profile';
import type { Prices } from '../core/llm/usage';
import type { IO } from './options';
import { UsageError } from './options';
import type { ENDPOINT_FLAGS } from './flags';


export type EndpointValues = { [K in keyof typeof ENDPOINT_FLAGS]?: (typeof ENDPOINT_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

export function numberFlag(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${flag} needs a number ≥ ${min}, got "${value}"`);
  return n;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function seconds(value: string | undefined, flag: string): number | undefined {
  const n = numberFlag(value, flag, 0.001);
  return n === undefined ? undefined : n * 1000;
}

/** The profile the flags describe; the key comes from the environment variable they name, never a flag. */
export function endpointProfile(values: EndpointValues, role: LlmRole): LlmProfile {
  const apiKey = process.env[values['api-key-env'] ?? 'OPENAI_API_KEY'] ?? '';
  try {
    return resolveProfile(
      {
        ...(values['base-url'] !== undefined ? { baseUrl: values['base-url'] } : {}),
        ...(values.model !== undefined ? { model: values.model } : {}),
        apiKey,
        ...optional('concurrency', numberFlag(values.concurrency, 'concurrency', 1)),
        ...optional('temperature', numberFlag(values.temperature, 'temperature', 0)),
        ...optional('maxTokens', numberFlag(values['max-tokens'], 'max-tokens', 1)),
        ...optional('timeoutMs', seconds(values.timeout, 'timeout')),
        ...(values['no-stream'] ? { stream: false } : {}),
        ...optional('maxAnswerBytes', numberFlag(values['max-answer-bytes'], 'max-answer-bytes', 1024)),
        ...optional('idleTimeoutMs', seconds(values['idle-timeout'], 'idle-timeout')),
        ...optional('deadlineMs', seconds(values.deadline, 'deadline')),
        ...pricesOf(values),
      },
      role,
    );
  } catch (err) {
    if (err instanceof ProfileError) throw new UsageError(`${err.message} (flags --base-url and --model)`);
    throw err;
  }
}

/** `--price-in`/`--price-out`: per million tokens; one without the other counts the missing one as 0. */
function pricesOf(values: EndpointValues): { prices?: Prices } {
  const input = numberFlag(values['price-in'], 'price-in', 0);
  const output = numberFlag(values['price-out'], 'price-out', 0);
  return input === undefined && output === undefined ? {} : { prices: { inputPerMillion: input ?? 0, outputPerMillion: output ?? 0 } };
}

/** `--retries N` as the client's retry option (absent: the client's default). */
export function retryOption(values: EndpointValues): { retry?: { maxRetries: number } } {
  const n = numberFlag(values.retries, 'retries', 0);
  return n === undefined ? {} : { retry: { maxRetries: n } };
}

/** The cache under $XDG_CACHE_HOME (or ~/.cache); created when missing, skipped (said once) when it cannot be. */
export async function openCache(path: string | undefined, apiKey: string, io: IO): Promise<FileCacheStore | false> {
  const file = path ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rationale-lens', 'llm-cache.jsonl');
  try {
    mkdirSync(dirname(file), { recursive: true });
    const cache = await FileCacheStore.open(file, { secrets: apiKey ? [apiKey] : [] });
    const bad = cache.report.corruptLines;
    if (bad.length) {
      const tooLong = cache.report.tooLongLines.length ? `, ${cache.report.tooLongLines.length} of them over ${MAX_SIDE_LINE_BYTES / 1048576} MB` : '';
      io.err(`note: the response cache ${file} has ${bad.length} unreadable line${bad.length === 1 ? '' : 's'} (line ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ', …' : ''}${tooLong}), skipped: those answers are asked again`);
    }
    return cache;
  } catch (err) {
    io.err(`note: running without the response cache: ${file} cannot be used (${(err as Error).message}); pass --cache <file> or --no-cache`);
    return false;
  }
}

