/**
 * Content-addressed response cache: the key is a sha256 of everything that determines the
 * answer (the messages sent, hence the record content and the filled template; the template
 * text; the model; the sampling parameters). Asking the same question twice costs nothing.
 */
import { createHash } from 'node:crypto';
import type { Infer } from '../schema/schema';
import { check, nullable, obj, optional, str } from '../schema/schema';
import type { KeyedSpec } from '../io/keyedStore';
import { KeyedJsonlStore } from '../io/keyedStore';
import type { LlmRole } from './profile';
import { scrubSecrets } from './profile';

/** Bump when the key recipe changes so old entries stop matching. */
const CACHE_KEY_VERSION = 1;

/** A cached answer as the cache file keeps it (older lines may lack all but `content`). */
const cachedResponse = obj(
  {
    content: str(),
    reasoning: optional(str()),
    finishReason: optional(nullable(str())),
    model: optional(str()),
    createdAt: optional(str()),
  },
  { extra: 'allow' },
);
export type CachedResponse = Readonly<Required<Infer<typeof cachedResponse>>>;
const cacheLine = obj({ key: str(), value: cachedResponse }, { extra: 'allow' });

export interface CacheStore {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
  close(): Promise<void>;
}

/** JSON with object keys sorted, so equal values always hash equally. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => stableStringify(x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

export interface CacheKeyParts {
  /** The call's purpose: a GenRM or fidelity request, the LLM aligner's checklist, or a failure theme's title. */
  readonly kind: LlmRole | 'aligner' | 'theme-title';
  readonly model: string;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly extraBody: Readonly<Record<string, unknown>>;
  /** The template text as written (before filling). */
  readonly template: string;
  /** The exact messages sent (record content, filled template, images as data URLs). */
  readonly messages: unknown;
  /** A numbered sample of a record (re-query ×k) and the order it was shown in: each sample is its own request. */
  readonly sample?: number;
  readonly order?: 'original' | 'swapped';
  /** The fidelity judge's verdict on one sample: that sample's GenRM key. */
  readonly of?: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  const { messages, template, ...small } = parts;
  const h = createHash('sha256');
  h.update(stableStringify({ v: CACHE_KEY_VERSION, ...small }));
  h.update('\u0000');
  h.update(template);
  h.update('\u0000');
  // Messages are built by our prompt builders with a fixed key order: plain JSON is stable and fast.
  h.update(JSON.stringify(messages));
  return h.digest('hex');
}

export class MemoryCacheStore implements CacheStore {
  private readonly map = new Map<string, CachedResponse>();
  get size(): number {
    return this.map.size;
  }
  get(key: string): Promise<CachedResponse | undefined> {
    return Promise.resolve(this.map.get(key));
  }
  set(key: string, value: CachedResponse): Promise<void> {
    this.map.set(key, value);
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface CacheLine {
  readonly key: string;
  readonly value: CachedResponse;
}

function asCacheLine(v: unknown): CacheLine | undefined {
  if (!check(cacheLine, v, 'line').ok) return undefined;
  const { key, value } = v as Infer<typeof cacheLine>;
  return { key, value: { content: value.content, reasoning: value.reasoning ?? '', finishReason: value.finishReason ?? null, model: value.model ?? '', createdAt: value.createdAt ?? '' } };
}

export interface FileCacheOptions {
  /** Strings scrubbed from every line written (the API keys). */
  readonly secrets?: readonly string[];
  /** datasync each batch (default false: a lost cache line only costs a repeated call). */
  readonly sync?: boolean;
}

/** The cache file: `{"key", "value"}` lines, keyed by the request key (store: io/keyedStore.ts). */
const CACHE_FILE: KeyedSpec<CacheLine> = {
  what: 'cache',
  parse: asCacheLine,
  key: (line) => line.key,
  looksLikeEntry: (t) => t.startsWith('{"key":"'),
  ours: (t) => /^\{"key":"[^"]*","value":\{/.test(t),
};

/**
 * Append-only JSONL cache file. Only an index (key → byte range) is kept in memory; answers are
 * read back from the file on a hit, so memory stays flat however large the answers are. A torn
 * last line is dropped and cut off on open.
 */
export class FileCacheStore implements CacheStore {
  private constructor(
    readonly path: string,
    private readonly store: KeyedJsonlStore<CacheLine>,
    /** What opening found: a torn tail that was cut, corrupt lines skipped. */
    readonly report: { readonly entries: number; readonly torn: { line: number; bytes: number } | null; readonly corruptLines: readonly number[]; readonly tooLongLines: readonly number[] },
  ) {}

  static async open(path: string, opts: FileCacheOptions = {}): Promise<FileCacheStore> {
    const secrets = opts.secrets ?? [];
    const store = await KeyedJsonlStore.open(path, CACHE_FILE, { sync: opts.sync ?? false, scrub: (text) => scrubSecrets(text, secrets) });
    const { torn, corruptLines, tooLongLines } = store.scan;
    return new FileCacheStore(path, store, { entries: store.size, torn, corruptLines, tooLongLines });
  }

  get size(): number {
    return this.store.size;
  }

  has(key: string): boolean {
    return this.store.has(key);
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    return (await this.store.get(key))?.value;
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    await this.store.append({ key, value });
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
