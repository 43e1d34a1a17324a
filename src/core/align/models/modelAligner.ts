/**
 * The two model tiers behind one interface, for the Inspector, the bulk command and the CLI: the LLM
 * aligner's quote-anchored checklist, or the lexical claims matched by embedding similarity. Each
 * answer comes with what the alignment journal keeps of it (the checklist as received, or the claim
 * score matrix), so a journaled alignment is rebuilt later without a request.
 */
import type { CacheStore } from '../../llm/cache';
import { LlmClient } from '../../llm/client';
import type { RetryOptions } from '../../llm/retry';
import type { LlmProfile } from '../../llm/profile';
import { parseChecklist } from './checklist';
import { DEFAULT_EMBEDDING_THRESHOLD, EmbeddingSimilarity } from './embedding';
import { alignRationaleAsync, alignRationaleFromScores } from '../lexical/pipeline';
import type { AnchorWork } from '../lexical/anchor';
import { LlmAligner, alignmentFromChecklistYielding } from './llmAligner';
import type { AlignInput, Alignment } from '../lexical/types';

export type ModelAlignerMethod = 'llm' | 'embedding';

export interface ModelAlignerSetup {
  readonly method: ModelAlignerMethod;
  /** The chat model (llm) or the embedding model (embedding), its endpoint and limits. */
  readonly profile: LlmProfile;
  /** Embedding similarity at or above which two claims match (embedding only; uncalibrated by default). */
  readonly threshold?: number;
}

/** What the journal keeps of one model alignment. */
export type AlignmentPayload = { readonly method: 'llm'; readonly answer: string } | { readonly method: 'embedding'; readonly threshold: number; readonly scores: readonly (readonly number[])[] };

interface ModelAlignment {
  readonly alignment: Alignment & { readonly cached?: boolean };
  /** Points of the answer that could not be used (quotes not in the text, invalid entries). */
  readonly notes: readonly string[];
  readonly payload: AlignmentPayload;
}

export interface ModelAligner {
  readonly method: ModelAlignerMethod;
  readonly model: string;
  align(input: AlignInput, signal?: AbortSignal): Promise<ModelAlignment>;
}

/** `retry`: the client's retry policy (its default when absent). */
export function modelAligner(setup: ModelAlignerSetup, cache: CacheStore | null, retry?: Partial<RetryOptions>): ModelAligner {
  const client = new LlmClient(setup.profile, retry ? { retry } : {});
  const model = setup.profile.model;
  if (setup.method === 'embedding') {
    const similarity = new EmbeddingSimilarity(client, setup.threshold ?? DEFAULT_EMBEDDING_THRESHOLD, cache);
    return {
      method: 'embedding',
      model,
      async align(input) {
        const a = await alignRationaleAsync(input, { similarity });
        return { alignment: a, notes: [], payload: { method: 'embedding', threshold: similarity.threshold, scores: a.scores } };
      },
    };
  }
  const llm = new LlmAligner(client, cache);
  return {
    method: 'llm',
    model,
    async align(input, signal) {
      const a = await llm.align(input.gold, input.rationale, signal);
      return { alignment: a, notes: [...a.dropped.map((d) => `a ${d.side} quote ${d.reason}`), ...a.problems], payload: { method: 'llm', answer: a.answer } };
    },
  };
}

/**
 * A journaled alignment rebuilt from its payload (rejects when an LLM answer is no longer a
 * checklist). The checklist is re-anchored as on the live path, giving the event loop turns (this
 * runs on the extension host's thread when the Inspector shows a record); `work` counts its steps.
 */
export async function rebuildAlignment(input: AlignInput, model: string, payload: AlignmentPayload, work?: AnchorWork & { turns?: number }): Promise<Alignment> {
  if (payload.method === 'embedding') return alignRationaleFromScores(input, payload.scores, { threshold: payload.threshold, tier: { kind: 'embedding', model } });
  return alignmentFromChecklistYielding(input.gold, input.rationale, parseChecklist(payload.answer), model, undefined, work);
}
