/**
 * Semantic similarity from an embedding model behind `/v1/embeddings`: the cosine of the claims'
 * vectors (response mentions blanked, so "A errs" and "Response 1 errs" embed alike). Batched, and
 * cached by content (model + text), so aligning a record again costs no request. Its threshold is a
 * setting; the default is uncalibrated until measured with `rationale-lens agreement`.
 */
import { createHash } from 'node:crypto';
import type { CacheStore } from '../llm/cache';
import type { LlmClient } from '../llm/client';
import type { BatchClaimSimilarity, ClaimFeatures } from './similarity';

/** Uncalibrated: a common cut-off for sentence embeddings; measure it on your model with `agreement`. */
export const DEFAULT_EMBEDDING_THRESHOLD = 0.75;

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class EmbeddingSimilarity implements BatchClaimSimilarity {
  /** Requests made (a cached repeat makes none). */
  requests = 0;

  get tier(): { kind: 'embedding'; model: string } {
    return { kind: 'embedding', model: this.client.profile.model };
  }

  constructor(
    private readonly client: LlmClient,
    readonly threshold = DEFAULT_EMBEDDING_THRESHOLD,
    private readonly cache: CacheStore | null = null,
  ) {}

  private key(text: string): string {
    return createHash('sha256').update(`embedding\u0000${this.client.profile.model}\u0000${text}`).digest('hex');
  }

  /** Vectors of the texts, from the cache where it has them. */
  async vectors(texts: readonly string[]): Promise<number[][]> {
    const out: (number[] | undefined)[] = await Promise.all(
      texts.map(async (t) => {
        const hit = await this.cache?.get(this.key(t));
        return hit ? (JSON.parse(hit.content) as number[]) : undefined;
      }),
    );
    const missing = [...new Set(texts.filter((_, i) => out[i] === undefined))];
    if (missing.length) {
      this.requests++;
      const got = await this.client.embed(missing);
      const byText = new Map(missing.map((t, i) => [t, got[i] as number[]]));
      for (const [t, v] of byText) await this.cache?.set(this.key(t), { content: JSON.stringify(v), reasoning: '', finishReason: null, model: this.client.profile.model, createdAt: new Date().toISOString() });
      texts.forEach((t, i) => (out[i] ??= byText.get(t)));
    }
    return out as number[][];
  }

  async scoreBatch(gold: readonly ClaimFeatures[], rationale: readonly ClaimFeatures[]): Promise<number[][]> {
    const texts = [...gold, ...rationale].map((f) => f.neutralText || f.text);
    const v = await this.vectors(texts);
    return gold.map((_, gi) => rationale.map((_, ri) => Math.max(0, cosine(v[gi] as number[], v[gold.length + ri] as number[]))));
  }
}
