/**
 * The one keyed JSONL store behind every side file (run journal, response cache, model alignments,
 * marks): open scans the file (scanJsonl: whose file it is, a torn tail, damaged lines), indexes each
 * entry's key to its line's byte range, refuses a file that is not ours, cuts a torn tail and
 * appends with secrets scrubbed (the scrub the user passes); an entry is read back by its range, so memory holds keys, not
 * answers. Each user gives its line schema, key and name (a SideFileSpec) and nothing else.
 */
import type { JsonlLine, JsonlScan } from './jsonl';
import { JsonlAppender, scanJsonl } from './jsonl';
import { SideFileError } from './sideFiles';

/** What a side file is: how its lines are read and told apart from someone else's file. */
export interface SideFileSpec<T> {
  /** Its name in a refusal: "<path> is not a Rationale Lens <what> (…)". */
  readonly what: string;
  /** An entry from a parsed line, or undefined for a line that is not one. */
  readonly parse: (json: unknown) => T | undefined;
  /** The start of a line this store writes: a lone unterminated line like it is a torn tail. */
  readonly looksLikeEntry: (text: string) => boolean;
  /** A whole line of ours the parser rejects (another version's entry): damaged, not foreign. */
  readonly ours: (text: string) => boolean;
  /** After "move it aside" in the refusal (the journal's: " to start a new journal"). */
  readonly asideHint?: string;
}

/** A keyed store's spec: the entry's key, and which of two lines for one key stands. */
export interface KeyedSpec<T> extends SideFileSpec<T> {
  readonly key: (entry: T) => string;
  /**
   * A line replaces the one indexed for its key unless its rank is lower (default: every entry ranks
   * the same, so later lines win). The journal ranks finished calls above failed ones.
   */
  readonly rank?: (entry: T) => number;
}

export interface StoreOptions {
  /** Rewrites every line before it is written (the model stores scrub their API keys: llm/profile.scrubSecrets). */
  readonly scrub?: (text: string) => string;
  /** datasync each batch of appends. */
  readonly sync: boolean;
}

/** Where an indexed line is, and its rank. */
export interface Where {
  readonly start: number;
  readonly length: number;
  readonly rank: number;
}

/** Read a side file without changing it: each entry to `visit` in file order. A missing file has none. */
export function readSideFile<T>(path: string, spec: SideFileSpec<T>, visit: (entry: T, line: JsonlLine) => void): Promise<JsonlScan> {
  return scanJsonl(path, spec.parse, visit, spec.looksLikeEntry, spec.ours);
}

/** The refusal of a file at our path that is not ours: nothing is written to it. */
function foreignFile(path: string, what: string, why: string, asideHint = ''): SideFileError {
  return new SideFileError('foreign', `${path} is not a Rationale Lens ${what} (${why}): nothing was written to it; move it aside${asideHint}`);
}

/** Open a side file for appending only (no index): the alignments and marks are read whole by readSideFile. */
export async function openSideFileAppender<T>(path: string, spec: SideFileSpec<T>, options: StoreOptions): Promise<{ appender: JsonlAppender; scan: JsonlScan }> {
  const scan = await readSideFile(path, spec, () => undefined); // the scan's verdict on the file is what is wanted here
  const appender = await JsonlAppender.afterScan(path, scan, (why) => foreignFile(path, spec.what, why, spec.asideHint), { sync: options.sync });
  return { appender, scan };
}

export class KeyedJsonlStore<T> {
  private constructor(
    readonly path: string,
    private readonly spec: KeyedSpec<T>,
    private readonly index: Map<string, Where>,
    private readonly appender: JsonlAppender,
    private readonly scrub: (text: string) => string,
    /** What opening found: entries, a torn tail (cut), damaged lines (skipped, left in place). */
    readonly scan: JsonlScan,
  ) {}

  /** Scans and indexes the file, refuses it when it is not ours, and cuts a torn tail. */
  static async open<T>(path: string, spec: KeyedSpec<T>, options: StoreOptions): Promise<KeyedJsonlStore<T>> {
    const index = new Map<string, Where>();
    const rank = spec.rank ?? (() => 0);
    const scan = await readSideFile(path, spec, (e, line) => remember(index, spec.key(e), { start: line.start, length: line.end - line.start, rank: rank(e) }));
    const appender = await JsonlAppender.afterScan(path, scan, (why) => foreignFile(path, spec.what, why, spec.asideHint), { sync: options.sync });
    return new KeyedJsonlStore(path, spec, index, appender, options.scrub ?? ((t) => t), scan);
  }

  /** Distinct keys indexed. */
  get size(): number {
    return this.index.size;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The rank of the line that stands for `key`, or undefined when there is none. */
  rankOf(key: string): number | undefined {
    return this.index.get(key)?.rank;
  }

  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  /** The entry that stands for `key`, read back from its byte range. */
  async get(key: string): Promise<T | undefined> {
    const w = this.index.get(key);
    if (!w) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(await this.appender.read(w.start, w.length));
    } catch {
      return undefined; // the file changed under us (another process rewrote it): as if never stored
    }
    const e = this.spec.parse(json);
    return e !== undefined && this.spec.key(e) === key ? e : undefined;
  }

  /** Appends `entry` as one line (scrubbed; durable when the store syncs) and indexes it. */
  async append(entry: T): Promise<void> {
    const { start, length } = await this.appender.append(entry, this.scrub);
    remember(this.index, this.spec.key(entry), { start, length, rank: (this.spec.rank ?? (() => 0))(entry) });
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}

function remember(index: Map<string, Where>, key: string, w: Where): void {
  const prev = index.get(key);
  if (!prev || w.rank >= prev.rank) index.set(key, w);
}
