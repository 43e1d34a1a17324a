/**
 * Semantic similarity from an embedding model behind `/v1/embeddings`: the cosine of the claims'
 * vectors (response mentions blanked, so "A errs" and "Response 1 errs" embed alike). Batched, and
 * cached by content (model + text), so aligning a record again costs no request. Its threshold is a
 * setting; the default is uncalibrated until measured with `rationale-lens agreement`.
 */
import { createHash } from 'node:crypto';
import type { CacheStore } from '../../llm/cache';
import type { LlmClient } from '../../llm/client';
import type { BatchClaimSimilarity, ClaimFeatures } from '../lexical/similarity';

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
  if (!na || !nb) return 0;
  // Square roots taken apart only when na * nb overflows (apart, 1/(√2·√2) is not exactly 0.5).
  const norm = Number.isFinite(na * nb) ? Math.sqrt(na * nb) : Math.sqrt(na) * Math.sqrt(nb);
  return Math.min(1, Math.max(-1, dot / norm));
}

/**
 * Bumped when cached vectors must not be reused. 2: vectors are asked for as floats; before, a server
 * answering with float lists was decoded as base64 into short, nearly all-zero vectors.
 */
const VECTOR_CACHE_VERSION = 2;

/** A cached vector as stored: a non-empty list of finite numbers of the expected length, not all zero (else it is asked for again). */
function usableVector(v: unknown, dimension: number | null): v is number[] {
  if (!Array.isArray(v) || v.length === 0 || (dimension !== null && v.length !== dimension)) return false;
  let squares = 0;
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
    squares += x * x;
  }
  return squares > 0 && Number.isFinite(squares);
}

export class EmbeddingSimilarity implements BatchClaimSimilarity {
  /** Requests made (a cached repeat makes none). */
  requests = 0;
  /** The length of this model's vectors, from the first one seen: every later vector must match it. */
  private dimension: number | null = null;

  get tier(): { kind: 'embedding'; model: string } {
    return { kind: 'embedding', model: this.client.profile.model };
  }

  constructor(
    private readonly client: LlmClient,
    readonly threshold = DEFAULT_EMBEDDING_THRESHOLD,
    private readonly cache: CacheStore | null = null,
  ) {}

  private key(text: string): string {
    return createHash('sha256').update(`embedding v${VECTOR_CACHE_VERSION}\u0000${this.client.profile.model}\u0000${text}`).digest('hex');
  }

  private async cached(text: string): Promise<number[] | undefined> {
    const hit = await this.cache?.get(this.key(text));
    if (!hit) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(hit.content);
    } catch {
      return undefined; // a damaged cached vector: asked for again
    }
    if (!usableVector(v, this.dimension)) return undefined;
    this.dimension ??= v.length;
    return v;
  }

  /** Vectors of the texts, from the cache where it has them; each finite, non-zero and of the model's one length. */
  async vectors(texts: readonly string[]): Promise<number[][]> {
    const out: (number[] | undefined)[] = [];
    for (const t of texts) out.push(await this.cached(t));
    const missing = [...new Set(texts.filter((_, i) => out[i] === undefined))];
    if (missing.length) {
      this.requests++;
      const got = await this.client.embed(missing, undefined, 64, this.dimension);
      this.dimension ??= got[0]?.length ?? null;
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
