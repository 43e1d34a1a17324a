/**
 * The run journal: an append-only JSONL file beside the dataset with one durable line per
 * finished call, so an interrupted run (crash, SIGKILL, cancel) resumes where it stopped.
 */
import { FIDELITY_VERDICTS } from '../record/record';
import type { Infer } from '../schema/schema';
import { arr, bool, check, int, lit, nullable, obj, optional, str } from '../schema/schema';
import type { KeyedSpec } from '../io/keyedStore';
import { KeyedJsonlStore, readSideFile } from '../io/keyedStore';
import { scrubSecrets } from './profile';

export const JOURNAL_SUFFIX = '.rlens-journal.jsonl';

/** `<dataset>.rlens-journal.jsonl`, beside the dataset file. */
export function journalPathFor(datasetPath: string): string {
  return datasetPath + JOURNAL_SUFFIX;
}

/** One journal line; fields older versions did not write are optional (asEntry gives their defaults). */
const journalLine = obj(
  {
    /** The cache key of the request (sha256); a rerun skips records whose key is journaled. */
    key: str(),
    recordId: optional(str()),
    recordIndex: int(),
    kind: lit('fidelity', 'genrm'),
    model: optional(str()),
    /** Fidelity verdict (kind 'fidelity'); one outside the R-Align set (a hostile line) is no entry. */
    verdict: optional(lit(...FIDELITY_VERDICTS)),
    /** GenRM verdict (kind 'genrm'). */
    pred: optional(nullable(lit('A', 'B'))),
    /** The answer text (content), null when the call failed. */
    raw: optional(nullable(str())),
    /** Separate reasoning, null when none. */
    reasoning: optional(nullable(str())),
    /** Fidelity: the `<genrm_analysis>` text. */
    analysis: optional(nullable(str())),
    error: optional(nullable(str())),
    /** Answered from the cache rather than by a call. */
    cached: optional(bool),
    attempts: optional(int()),
    finishedAt: optional(str()),
    /** Fidelity: fingerprint of the rationale judged, so a verdict never outlives its rationale. */
    rationaleSha: optional(str()),
    /** Tokens the answer took, as the server reported them. */
    usage: optional(obj({ prompt: int(), completion: int(), reasoning: int() })),
    /** What was wrong with the server's usage: counts dropped (absent from `usage`), or implausible ones kept as sent. */
    usageNotes: optional(arr(str())),
    /** Characters of the prompt sent: with `usage`, the next estimate's tokens per character. */
    promptChars: optional(int()),
    /** Re-query ×k: the sample's number (1-based); a line without it is the record's single re-query or verdict. */
    sample: optional(int(1)),
    /** The order the sample was shown in; its `pred` is in the original frame. */
    order: optional(lit('original', 'swapped')),
    /** Fidelity of a sample: the key of the GenRM sample judged. */
    of: optional(str()),
  },
  { extra: 'allow' },
);
type JournalLine = Infer<typeof journalLine>;
type Sometimes = 'verdict' | 'pred' | 'rationaleSha' | 'usage' | 'usageNotes' | 'promptChars' | 'sample' | 'order' | 'of';
/** A journal line with every field but the kind-specific ones filled in. */
export type JournalEntry = Readonly<Required<Omit<JournalLine, Sometimes>> & Pick<JournalLine, Sometimes>>;

export interface JournalReport {
  readonly path: string;
  readonly entries: number;
  /** A torn last line (a crash during a write): ignored, and cut off when opened for writing. */
  readonly torn: { readonly line: number; readonly bytes: number } | null;
  /** Unreadable lines before the end: skipped and left in place. */
  readonly corruptLines: readonly number[];
  /** Of those, lines over the line reader's cap (MAX_SIDE_LINE_BYTES), not read at all. */
  readonly tooLongLines: readonly number[];
  /** Whether the torn tail was removed from the file. */
  readonly repaired: boolean;
}

function asEntry(v: unknown): JournalEntry | undefined {
  if (!check(journalLine, v, 'entry').ok) return undefined;
  const o = v as JournalLine;
  return {
    key: o.key,
    recordId: o.recordId ?? String(o.recordIndex),
    recordIndex: o.recordIndex,
    kind: o.kind,
    model: o.model ?? '',
    ...(o.verdict !== undefined ? { verdict: o.verdict } : {}),
    ...(o.pred !== undefined ? { pred: o.pred } : {}),
    raw: o.raw ?? null,
    reasoning: o.reasoning ?? null,
    analysis: o.analysis ?? null,
    error: o.error ?? null,
    cached: o.cached ?? false,
    attempts: o.attempts ?? 0,
    finishedAt: o.finishedAt ?? '',
    ...(o.rationaleSha !== undefined ? { rationaleSha: o.rationaleSha } : {}),
    ...(o.usage !== undefined ? { usage: o.usage } : {}),
    ...(o.usageNotes !== undefined ? { usageNotes: o.usageNotes } : {}),
    ...(o.promptChars !== undefined ? { promptChars: o.promptChars } : {}),
    ...(o.sample !== undefined ? { sample: o.sample } : {}),
    ...(o.order !== undefined ? { order: o.order } : {}),
    ...(o.of !== undefined ? { of: o.of } : {}),
  };
}

/** Read a journal without changing it. A missing file is an empty journal. */
export async function readJournal(path: string): Promise<{ entries: JournalEntry[]; report: JournalReport }> {
  const entries: JournalEntry[] = [];
  const scan = await readSideFile(path, JOURNAL_FILE, (e) => entries.push(e));
  return {
    entries,
    report: { path, entries: entries.length, torn: scan.torn, corruptLines: scan.corruptLines, tooLongLines: scan.tooLongLines, repaired: false },
  };
}

/** Whether a journaled result is final (a rerun skips it) or worth another try. */
export function isFinished(e: Pick<JournalEntry, 'kind' | 'verdict' | 'raw'>): boolean {
  return e.kind === 'fidelity' ? e.verdict !== undefined && e.verdict !== 'CallFail' : e.raw !== null;
}

export interface JournalOptions {
  /** Strings scrubbed from every line written (the API keys). */
  readonly secrets?: readonly string[];
}

/**
 * The journal file, keyed by request key (store: io/keyedStore.ts). A finished call outranks a
 * failed one: later lines win, except that a failure never hides an earlier success. A file at the
 * journal's path that is not a journal is never written (SideFileError 'foreign': exit 2 in the CLI).
 */
const JOURNAL_FILE: KeyedSpec<JournalEntry> = {
  what: 'journal',
  parse: asEntry,
  key: (e) => e.key,
  rank: (e) => (isFinished(e) ? 1 : 0),
  // JSON.stringify puts `key` first.
  looksLikeEntry: (t) => t.startsWith('{"key":"'),
  ours: (t) => /^\{"key":"[^"]*","record(?:Id|Index)":/.test(t),
  asideHint: ' to start a new journal',
};
const FINISHED = 1;

/**
 * An open journal. Only an index (key → byte range of its line) is kept in memory; entries are
 * read back from the file when asked for, so memory stays flat for long runs with long answers.
 */
export class Journal {
  private constructor(
    readonly path: string,
    private readonly store: KeyedJsonlStore<JournalEntry>,
    readonly report: JournalReport,
  ) {}

  /** Open for appending: indexes the entries and cuts off a torn last line (reported in `report`). */
  static async open(path: string, opts: JournalOptions = {}): Promise<Journal> {
    const secrets = opts.secrets ?? [];
    const store = await KeyedJsonlStore.open(path, JOURNAL_FILE, { sync: true, scrub: (text) => scrubSecrets(text, secrets) });
    const { good, torn, corruptLines, tooLongLines } = store.scan;
    return new Journal(path, store, { path, entries: good, torn, corruptLines, tooLongLines, repaired: torn !== null });
  }

  /** Whether the key has a finished (non-failed) entry: a rerun can skip it. */
  hasFinished(key: string): boolean {
    return this.store.rankOf(key) === FINISHED;
  }

  /** The latest entry for a key (a finished one if there is any), read from the file. */
  get(key: string): Promise<JournalEntry | undefined> {
    return this.store.get(key);
  }

  /** Distinct keys journaled. */
  get size(): number {
    return this.store.size;
  }

  keys(): IterableIterator<string> {
    return this.store.keys();
  }

  /** Write one entry durably (resolves after datasync). The API key is scrubbed from the line. */
  append(entry: JournalEntry): Promise<void> {
    return this.store.append(entry);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
