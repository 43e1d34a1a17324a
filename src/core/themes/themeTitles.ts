/**
 * One chat call titles each embedding cluster: it is shown a few of the cluster's failure claims
 * (the gold's decisive reasons the rationales missed or contradicted) and answers with a short
 * title. Like every model call the answer is cached by content (llm/cache.ts) and journaled: the
 * themes side file keeps each title with its request key, so a cluster titled once is never asked
 * again, with or without the cache. `estimateTitles` states the cost before any call.
 */
import type { CacheStore } from '../llm/cache';
import { cacheKey } from '../llm/cache';
import type { ChatMessage } from '../llm/client';
import { LlmClient } from '../llm/client';
import type { LlmProfile } from '../llm/profile';
import type { RetryOptions } from '../llm/retry';
import type { Prices, RunEstimate } from '../llm/usage';
import { estimateRun } from '../llm/usage';
import type { Failures } from './collect';
import type { FailureClaim } from './failureClaims';
import type { ThemeGroup } from './themeSet';
import type { TitleEntry } from './themesFile';
import { MAX_TITLE_LENGTH } from './themesFile';

const TITLE_PROMPT_VERSION = 1;
/** Claims shown per cluster. */
const TITLE_EXAMPLES = 8;
/** A title is a few words: answers are capped here whatever the profile's max tokens. */
const TITLE_MAX_TOKENS = 512;

const SYSTEM = `You name failure themes in evaluations of LLM judges. A judge picked the right response for the wrong reason: its rationale missed or contradicted these decisive reasons that the reference judgment gives. Name what the reasons have in common, as a title of at most eight words (for example "Unit conversion errors" or "Ignored length limits"). Answer with the title only.`;

/** The claims a cluster is titled from: distinct texts, spurious records' first. */
function examplesOf(g: ThemeGroup, failures: Failures): string[] {
  const claims = g.members.map((i) => failures.claims[i] as FailureClaim);
  const rank = (c: FailureClaim) => (failures.records.get(`${c.run}:${c.recordIndex}`)?.kind === 'spurious' ? 0 : 1);
  const sorted = [...claims].sort((a, b) => rank(a) - rank(b));
  return [...new Set(sorted.map((c) => (c.neutralText || c.text).replace(/\s+/g, ' ').trim().slice(0, 500)))].slice(0, TITLE_EXAMPLES);
}

/** The titling model's client: the profile with answers capped at TITLE_MAX_TOKENS. */
export function titlingClient(profile: LlmProfile, retry?: Partial<RetryOptions>): LlmClient {
  return new LlmClient({ ...profile, maxTokens: Math.min(profile.maxTokens, TITLE_MAX_TOKENS) }, retry ? { retry } : {});
}

function titleMessages(examples: readonly string[]): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Reasons the rationales missed or contradicted:\n${examples.map((e) => `- ${e}`).join('\n')}\n\nTitle:` },
  ];
}

/** The answer's first line as a title: quotes, Markdown emphasis and a "Title:" label removed; null when nothing is left. */
function parseTitle(answer: string): string | null {
  const line = answer
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  const t = line
    .replace(/^(?:#+\s*|[-*]\s+)/, '')
    .replace(/^title\s*:\s*/i, '')
    .replace(/^[*_"'“”‘’`]+|[*_"'“”‘’`.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t ? t.slice(0, MAX_TITLE_LENGTH) : null;
}

export interface TitleRequest {
  readonly group: ThemeGroup;
  readonly key: string;
  readonly messages: ChatMessage[];
  readonly promptChars: number;
}

export function titleRequests(groups: readonly ThemeGroup[], failures: Failures, client: Pick<LlmClient, 'profile'>): TitleRequest[] {
  const p = client.profile;
  return groups.map((group) => {
    const messages = titleMessages(examplesOf(group, failures));
    const key = cacheKey({ kind: 'theme-title', model: p.model, temperature: p.temperature, maxTokens: p.maxTokens, extraBody: p.extraBody, template: `theme title v${TITLE_PROMPT_VERSION}`, messages });
    return { group, key, messages, promptChars: messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0) };
  });
}

/** The cost of titling the clusters the journal has no title for; `maxClusters` bounds it before clustering. */
export function estimateTitles(requests: number, promptChars: number, maxTokens: number, prices: Prices | null): RunEstimate {
  return estimateRun({ requests, promptChars, maxTokens: Math.min(maxTokens, TITLE_MAX_TOKENS), measured: null, prices });
}

export interface TitlingResult {
  readonly groups: ThemeGroup[];
  /** Titles to journal (new answers only). */
  readonly journal: TitleEntry[];
  readonly requests: number;
  readonly fromJournal: number;
  readonly fromCache: number;
  readonly notes: string[];
}

/** Titles each group: from the journal, else the cache, else one call; a failed call or empty answer keeps the terms' title and says so. */
export async function titleGroups(requests: readonly TitleRequest[], client: LlmClient, cache: CacheStore | null, journaled: ReadonlyMap<string, TitleEntry>, signal?: AbortSignal): Promise<TitlingResult> {
  const out: ThemeGroup[] = [];
  const journal: TitleEntry[] = [];
  const notes: string[] = [];
  let calls = 0;
  let fromJournal = 0;
  let fromCache = 0;
  const model = client.profile.model;
  for (const r of requests) {
    const known = journaled.get(r.key);
    if (known) {
      fromJournal++;
      out.push({ ...r.group, title: known.title, titleSource: 'model' });
      continue;
    }
    let answer: string | undefined = (await cache?.get(r.key))?.content;
    let completionTokens: number | undefined;
    if (answer !== undefined) fromCache++;
    else {
      calls++;
      try {
        const done = await client.complete(r.messages, signal ? { signal } : {});
        answer = done.content;
        completionTokens = done.usage?.completion;
      } catch (err) {
        notes.push(`theme "${r.group.title}" kept its key words as title: the titling call failed (${(err as Error).message})`);
        out.push(r.group);
        continue;
      }
    }
    const title = parseTitle(answer);
    if (!title) {
      notes.push(`theme "${r.group.title}" kept its key words as title: the model's answer had no title`);
      out.push(r.group);
      continue;
    }
    if (!(await cache?.get(r.key))) await cache?.set(r.key, { content: answer, reasoning: '', finishReason: null, model, createdAt: new Date().toISOString() });
    journal.push({ kind: 'title', key: r.key, model, title, at: new Date().toISOString(), promptChars: r.promptChars, ...(completionTokens !== undefined ? { completionTokens } : {}) });
    out.push({ ...r.group, title, titleSource: 'model' });
  }
  return { groups: out, journal, requests: calls, fromJournal, fromCache, notes };
}
