/** The shapes of LLM runs: per-record results, progress, options and the summary (runner.ts runs them). */
import type { EvalRecord, FidelityVerdict } from '../record/record';
import type { CacheStore } from './cache';
import type { LlmClient, LlmDelta, RetryEvent } from './client';
import type { Journal, JournalReport } from './journal';
import type { LlmProfile } from './profile';
import type { RetryOptions } from './retry';
import type { PromptTemplate } from './template';
import type { BatchAnswer } from './batch';
import type { TokenUsage, UsageNote, UsageNoteTally } from './usage';
import type { SampleSlot } from './sampling';

interface ResultBase {
  readonly recordIndex: number;
  readonly recordId: string;
  /** The request's content-addressed key; null when no request was built (skipped, or preparation failed). */
  readonly key: string | null;
  readonly model: string;
  /** The answer text (content) as received; null when there was no answer. */
  readonly raw: string | null;
  /** Separate reasoning (reasoning_content); null when none. */
  readonly reasoning: string | null;
  /** Why the call failed or the answer could not be parsed (API key scrubbed). */
  readonly error: string | null;
  /** Answered without a request: from the cache, or from the journal of an earlier run. */
  readonly cached: boolean;
  /** Taken from the journal of an earlier run. */
  readonly resumed: boolean;
  /** Tokens the server says this answer took (a call made now or journaled with it); null when unknown. */
  readonly usage?: TokenUsage | null;
  /** What was wrong with that usage (counts dropped, or implausible ones kept as sent); journaled with it. */
  readonly usageNotes?: readonly UsageNote[];
  /** Characters of the prompt sent (for the next run's estimate); absent when nothing was sent. */
  readonly promptChars?: number;
  /** A batch import had no answer for the request: nothing is journaled for it. */
  readonly unanswered?: true;
  /** Re-query ×k: which sample of the record this is (GenRM), or whose fidelity was judged; absent for a record's single run. */
  readonly sample?: SampleSlot;
  /** HTTP attempts made by this run (0 when cached/skipped). */
  readonly attempts: number;
  readonly durationMs: number;
}

export interface FidelityResult extends ResultBase {
  readonly kind: 'fidelity';
  readonly verdict: FidelityVerdict;
  /** `<genrm_analysis>` text, when parsed. */
  readonly analysis: string | null;
  /** `<golden_key_points>` text, when present. */
  readonly keyPoints: string | null;
  /** Fingerprint of the rationale judged (journaled, so the verdict is dropped if the rationale changes). */
  readonly rationaleSha: string;
  /** The fidelity of a journaled sample: that sample's GenRM request key. */
  readonly sampleKey?: string;
}

export interface GenrmResult extends ResultBase {
  readonly kind: 'genrm';
  /** The last `\boxed{A|B}` after thinking removal, in the original frame (a swapped sample's "A" is B); null when the call failed or none was found. */
  readonly pred: 'A' | 'B' | null;
}

export type LlmResult = FidelityResult | GenrmResult;

export interface RunProgress {
  /** Records finished (called, cached, resumed, skipped or failed). */
  readonly done: number;
  /** Records in the input; null while an async input has not been read to its end (unless `total` was given). */
  readonly total: number | null;
  /** CallFail + ParseFail (fidelity); failed calls + unparsable verdicts (GenRM). */
  readonly failed: number;
  /** Answered from the cache or the journal. */
  readonly cached: number;
  /** Not sent (fidelity: label mismatch). */
  readonly skipped: number;
  readonly inFlight: number;
  /** Tokens of the answers this run obtained (calls and batch answers; not the cache or an earlier journal). */
  readonly tokens: TokenUsage;
  readonly elapsedMs: number;
  /** Estimated time left; null when unknown. */
  readonly etaMs: number | null;
}

export interface RunOptions {
  /** The endpoint (a client is made from it), unless `client` is given. */
  readonly profile?: LlmProfile;
  /** A ready client (shares its limiter across runs). */
  readonly client?: LlmClient;
  /** Defaults to the built-in template of the run's kind. */
  readonly template?: PromptTemplate;
  /** The dataset file: image paths are relative to it, and the journal defaults to `<dataset>.rlens-journal.jsonl`. */
  readonly datasetPath?: string;
  /** A Journal, a journal file path, or false for none. Default: beside `datasetPath` when given, else none. */
  readonly journal?: Journal | string | false;
  readonly cache?: CacheStore | false;
  /** Ignore cache and journal hits: ask again (results are still written to both). */
  readonly refresh?: boolean;
  readonly signal?: AbortSignal;
  /** Record count when the input is an async iterable of known size (for progress and ETA). */
  readonly total?: number;
  /** Retry policy for a client made from `profile`. */
  readonly retry?: Partial<RetryOptions>;
  readonly onRetry?: (record: EvalRecord, e: RetryEvent) => void;
  readonly onProgress?: (p: RunProgress) => void;
  readonly onResult?: (r: LlmResult, record: EvalRecord) => void;
  /** Streamed text of each in-flight record (and which sample, in a run of samples). */
  readonly onDelta?: (record: EvalRecord, d: LlmDelta, sample?: SampleSlot) => void;
  /**
   * Answers from a batch engine, by request key: used instead of calls, none of which is made; a
   * request with no answer ends `unanswered`. The journal still comes first (imports are idempotent).
   */
  readonly answers?: { get(key: string): BatchAnswer | undefined };
  /** Keep per-record results in the summary (default true; turn off for huge runs that use onResult). */
  readonly collectResults?: boolean;
}

export interface RunSummary<R extends LlmResult> {
  /** Per-record results in input order (records cancelled before finishing are absent). */
  readonly results: R[];
  readonly cancelled: boolean;
  readonly progress: RunProgress;
  /** What opening the journal found (torn last line repaired, corrupt lines). */
  readonly journal: JournalReport | null;
  /** Answers obtained now whose usage had counts dropped or implausible (printed by the CLI's summary). */
  readonly usageNotes: UsageNoteTally;
}
