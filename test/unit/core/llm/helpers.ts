/** Shared bits for the LLM layer's unit tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvalRecord, Judgment, Turn } from '../../../../src/core/record/record';
import { LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import type { LlmProfileInput } from '../../../../src/core/llm/profile';
import type { RetryOptions } from '../../../../src/core/llm/retry';
import type { FakeOpenAIServer } from '../../../support/fake-openai-server';

export const API_KEY = 'sk-test-SECRET-0123456789abcdef';

/** Small backoff so retry tests stay fast. */
export const FAST_RETRY: Partial<RetryOptions> = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };

export function profileFor(server: FakeOpenAIServer, over: LlmProfileInput = {}): ReturnType<typeof resolveProfile> {
  return resolveProfile({ baseUrl: server.baseUrl, model: 'fake-judge', apiKey: API_KEY, timeoutMs: 5000, ...over });
}

export function clientFor(server: FakeOpenAIServer, over: LlmProfileInput = {}, retry: Partial<RetryOptions> = FAST_RETRY): LlmClient {
  return new LlmClient(profileFor(server, over), { retry });
}

function judgment(raw: string, verdict: 'A' | 'B' | null, rationale = raw): Judgment {
  return {
    raw,
    thinking: null,
    rationale,
    rationaleOffset: 0,
    verdict,
    verdictSource: 'file',
    parsedVerdict: verdict,
    order: 'original',
    field: 'model_judgment',
  };
}

export interface RecOpts {
  readonly conversation?: readonly Turn[];
  readonly gold?: 'A' | 'B' | null;
  readonly pred?: 'A' | 'B' | null;
  readonly genrm?: string;
  readonly goldRationale?: string;
  readonly responseA?: string;
  readonly responseB?: string;
}

export function makeRecord(index: number, o: RecOpts = {}): EvalRecord {
  const gold = o.gold === undefined ? 'A' : o.gold;
  const pred = o.pred === undefined ? gold : o.pred;
  return {
    index,
    id: `rec-${index}`,
    line: index + 1,
    byteStart: 0,
    byteEnd: 0,
    conversation: o.conversation ?? [{ role: 'user', content: `What is ${index} + ${index}?` }],
    responseA: o.responseA ?? `${index * 2}`,
    responseB: o.responseB ?? `${index * 2 + 1}`,
    goldLabel: gold,
    goldRationales: [o.goldRationale ?? `A is right: ${index} + ${index} = ${index * 2}; B is off by one.`],
    judgments: [judgment(o.genrm ?? `B miscounts by one, A gives ${index * 2}. \\boxed{${pred ?? 'A'}}`, pred)],
    fidelity: null,
    subset: null,
    source: {},
  };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-llm-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
