/**
 * The run journal: an append-only JSONL file beside the dataset with one durable line per
 * finished call, so an interrupted run (crash, SIGKILL, cancel) resumes where it stopped.
 */
import type { FidelityVerdict } from '../record';
import { JsonlAppender, scanJsonl } from './jsonl';
import type { LlmRole } from './profile';
import { scrubSecrets } from './profile';

export const JOURNAL_SUFFIX = '.rlens-journal.jsonl';

/** `<dataset>.rlens-journal.jsonl`, beside the dataset file. */
export function journalPathFor(datasetPath: string): string {
  return datasetPath + JOURNAL_SUFFIX;
}

export interface JournalEntry {
  /** The cache key of the request (sha256); a rerun skips records whose key is journaled. */
  readonly key: string;
  readonly recordId: string;
  readonly recordIndex: number;
  readonly kind: LlmRole;
  readonly model: string;
  /** Fidelity verdict (kind 'fidelity'). */
  readonly verdict?: FidelityVerdict;
  /** GenRM verdict (kind 'genrm'). */
  readonly pred?: 'A' | 'B' | null;
  /** The answer text (content), null when the call failed. */
  readonly raw: string | null;
  /** Separate reasoning, null when none. */
  readonly reasoning: string | null;
  /** Fidelity: the `<genrm_analysis>` text. */
  readonly analysis: string | null;
  readonly error: string | null;
  /** Answered from the cache rather than by a call. */
  readonly cached: boolean;
  readonly attempts: number;
  readonly finishedAt: string;
}

export interface JournalReport {
  readonly path: string;
  readonly entries: number;
  /** A torn last line (a crash during a write): ignored, and cut off when opened for writing. */
  readonly torn: { readonly line: number; readonly bytes: number } | null;
  /** Unreadable lines before the end: skipped and left in place. */
  readonly corruptLines: readonly number[];
  /** Whether the torn tail was removed from the file. */
  readonly repaired: boolean;
}

function asEntry(v: unknown): JournalEntry | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Partial<JournalEntry>;
  if (typeof o.key !== 'string' || (o.kind !== 'fidelity' && o.kind !== 'genrm') || typeof o.recordIndex !== 'number') return undefined;
  return {
    key: o.key,
    recordId: typeof o.recordId === 'string' ? o.recordId : String(o.recordIndex),
    recordIndex: o.recordIndex,
    kind: o.kind,
    model: typeof o.model === 'string' ? o.model : '',
    ...(o.verdict !== undefined ? { verdict: o.verdict } : {}),
    ...(o.pred !== undefined ? { pred: o.pred } : {}),
    raw: typeof o.raw === 'string' ? o.raw : null,
    reasoning: typeof o.reasoning === 'string' ? o.reasoning : null,
    analysis: typeof o.analysis === 'string' ? o.analysis : null,
    error: typeof o.error === 'string' ? o.error : null,
    cached: o.cached === true,
    attempts: typeof o.attempts === 'number' ? o.attempts : 0,
    finishedAt: typeof o.finishedAt === 'string' ? o.finishedAt : '',
  };
}

/** Read a journal without changing it. A missing file is an empty journal. */
export async function readJournal(path: string): Promise<{ entries: JournalEntry[]; report: JournalReport }> {
  const scan = await scanJsonl(path, asEntry);
  return {
    entries: scan.values,
    report: { path, entries: scan.values.length, torn: scan.torn, corruptLines: scan.corruptLines, repaired: false },
  };
}

/** Whether a journaled result is final (a rerun skips it) or worth another try. */
export function isFinished(e: JournalEntry): boolean {
  return e.kind === 'fidelity' ? e.verdict !== undefined && e.verdict !== 'CallFail' : e.raw !== null;
}

export interface JournalOptions {
  /** Strings scrubbed from every line written (the API keys). */
  readonly secrets?: readonly string[];
}

export class Journal {
  private constructor(
    readonly path: string,
    private readonly byKey: Map<string, JournalEntry>,
    private readonly appender: JsonlAppender,
    private readonly secrets: readonly string[],
    readonly report: JournalReport,
  ) {}

  /** Open for appending: loads the entries, cuts off a torn last line (reported in `report`). */
  static async open(path: string, opts: JournalOptions = {}): Promise<Journal> {
    const scan = await scanJsonl(path, asEntry);
    const byKey = new Map<string, JournalEntry>();
    for (const e of scan.values) {
      // Later lines win, except that a failure never hides an earlier success.
      const prev = byKey.get(e.key);
      if (!prev || isFinished(e) || !isFinished(prev)) byKey.set(e.key, e);
    }
    const appender = await JsonlAppender.open(path, {
      sync: true,
      ...(scan.torn ? { truncateTo: scan.goodLength } : {}),
      ensureNewline: !scan.torn && scan.missingFinalNewline,
    });
    const report: JournalReport = { path, entries: scan.values.length, torn: scan.torn, corruptLines: scan.corruptLines, repaired: scan.torn !== null };
    return new Journal(path, byKey, appender, opts.secrets ?? [], report);
  }

  /** The latest entry for a key (a finished one if there is any). */
  get(key: string): JournalEntry | undefined {
    return this.byKey.get(key);
  }

  entries(): IterableIterator<JournalEntry> {
    return this.byKey.values();
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Write one entry durably (resolves after datasync). The API key is scrubbed from the line. */
  async append(entry: JournalEntry): Promise<void> {
    const line = scrubSecrets(JSON.stringify(entry), this.secrets);
    await this.appender.append(line);
    const prev = this.byKey.get(entry.key);
    if (!prev || isFinished(entry) || !isFinished(prev)) this.byKey.set(entry.key, entry);
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}
