/**
 * The side files beside a dataset (run journal, response cache, marks, model alignments): the one
 * line reader (readLines, scanJsonl: a torn last line reported and cut on the next open), the one
 * durable appender (group commit: lines queued while a write is in progress go out together in one
 * write + datasync) and ranged reads of lines found earlier. Datasets themselves are read by
 * entryReader.ts (byte ranges, JSON arrays, size guards); atomic whole-file writes are sideFiles.ts.
 */
import type { FileHandle } from 'node:fs/promises';
import { SideFileError, openSideFileForAppending, openSideFileForReading } from './sideFiles';

export interface JsonlLine {
  /** 1-based line number. */
  readonly line: number;
  /** Byte offsets of the line in the file (end excludes the newline). */
  readonly start: number;
  readonly end: number;
  /** Whether a '\n' follows. */
  readonly terminated: boolean;
  /** The line's text; empty when the line is longer than the reader's cap (`tooLong`). */
  readonly text: string;
  /** Longer than the cap: not held in memory, reported as a bad line. */
  readonly tooLong?: boolean;
}

/** Side-file lines longer than this are skipped unread (a journal line holds one capped answer). */
export const MAX_SIDE_LINE_BYTES = 64 * 1024 * 1024;

export interface JsonlScan {
  /** Lines accepted by the parser. */
  readonly good: number;
  /** Invalid lines before the end (left in place, skipped). */
  readonly corruptLines: number[];
  /** Of those, the lines longer than the reader's cap (not read at all): said apart, since no repair of the line helps. */
  readonly tooLongLines: number[];
  /** An unparsable (or unterminated and unparsable) tail: what a crash mid-write leaves. */
  readonly torn: { readonly line: number; readonly bytes: number } | null;
  /** Byte length of the good prefix (everything up to the torn tail). */
  readonly goodLength: number;
  /** The last line has no trailing newline (it must get one before anything is appended). */
  readonly missingFinalNewline: boolean;
  readonly size: number;
  /**
   * Why the file is not ours (someone else's file at our path, never to be written), or null. See
   * scanJsonl for what "ours" means.
   */
  readonly foreign: string | null;
}

/**
 * Read a file line by line in chunks, tracking byte offsets, from byte `from` (a line start;
 * line numbers then count from there). Missing file → no lines. A UTF-8 byte-order mark at the
 * start of the file (an editor re-saved it) is not part of the first line.
 */
export async function* readLines(path: string, from = 0, maxLineBytes = MAX_SIDE_LINE_BYTES): AsyncGenerator<JsonlLine> {
  const fh = await openSideFileForReading(path);
  if (!fh) return;
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let skipping = false; // inside a line over the cap: its bytes are dropped
    let pos = from;
    if (from === 0) {
      const head = Buffer.alloc(3);
      const { bytesRead } = await fh.read(head, 0, 3, 0);
      if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) pos = 3;
    }
    let carryStart = pos;
    let line = 0;
    const emit = (end: number, terminated: boolean, last: Buffer): JsonlLine => {
      line++;
      const tooLong = skipping || carryBytes + last.length > maxLineBytes;
      const text = tooLong ? '' : (carry.length ? Buffer.concat([...carry, last]) : last).toString('utf8');
      return { line, start: carryStart, end, terminated, text, ...(tooLong ? { tooLong } : {}) };
    };
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      let at = 0;
      for (;;) {
        const nl = buf.indexOf(10, at);
        if (nl < 0 || nl >= bytesRead) break;
        yield emit(pos + nl, true, buf.subarray(at, nl));
        carry = [];
        carryBytes = 0;
        skipping = false;
        carryStart = pos + nl + 1;
        at = nl + 1;
      }
      if (at < bytesRead && !skipping) {
        carryBytes += bytesRead - at;
        if (carryBytes > maxLineBytes) {
          skipping = true;
          carry = [];
        } else carry.push(Buffer.from(buf.subarray(at, bytesRead)));
      }
      pos += bytesRead;
    }
    if (carry.length || skipping) yield emit(pos, false, Buffer.alloc(0));
  } finally {
    await fh.close();
  }
}

/**
 * Parse every line with `parse` (return undefined to reject a line) and hand each accepted value
 * to `visit` with its line. Blank lines are skipped.
 *
 * Whose file it is. Ours: its first non-blank line is one of our entries, or a whole line of ours
 * the reader rejects (`ours`: another version's entry, a rejected value); or that line is damaged
 * (not JSON at all: cut short, NULs, bad bytes, over the cap), at least one later line is one of
 * our entries, and no line is JSON of another shape. Anything else is someone else's file (a JSONL
 * file of another tool, notes) and is never written: `foreign` says why. A bad first line of ours
 * is reported among `corruptLines` and skipped like any other, left in place (nothing is
 * rewritten, so no finished entry can be lost), and appends continue after it.
 *
 * Only the last line, unterminated, can be a torn tail (an interrupted write, cut off when the file
 * is opened for appending): never more than one line, and in a file with no entry of ours only when
 * it is that file's one line and starts like an entry (`looksLikeEntry`). Every other bad line is
 * reported as corrupt, left in place.
 */
export async function scanJsonl<T>(
  path: string,
  parse: (v: unknown) => T | undefined,
  visit: (value: T, line: JsonlLine) => void,
  looksLikeEntry: (text: string) => boolean = () => true,
  ours: (text: string) => boolean = () => false,
): Promise<JsonlScan> {
  const corrupt: number[] = [];
  const tooLongLines: number[] = [];
  let good = 0;
  let goodLength = 0;
  let missingFinalNewline = false;
  let size = 0;
  let lastBad: JsonlLine | null = null;
  let firstNonBlankBad: boolean | null = null;
  let nonBlank = 0;
  /** The first line that is valid JSON but not one of our entries. */
  let otherJsonLine: number | null = null;
  for await (const l of readLines(path)) {
    size = l.terminated ? l.end + 1 : l.end;
    if (l.text.trim() === '' && !l.tooLong) {
      if (lastBad === null) goodLength = size;
      continue;
    }
    let v: T | undefined;
    if (!l.tooLong) {
      let json: unknown;
      let isJson = true;
      try {
        json = JSON.parse(l.text);
      } catch {
        isJson = false;
      }
      v = isJson ? parse(json) : undefined;
      if (isJson && v === undefined && !ours(l.text)) otherJsonLine ??= l.line;
    }
    // A first line that is bad but one of ours (`ours`: an entry another version wrote, or one with a
    // value the reader rejects) is skipped and reported like any bad line: only a first line that is
    // not ours at all makes the file someone else's.
    firstNonBlankBad ??= v === undefined && (l.tooLong || !ours(l.text));
    nonBlank++;
    if (l.tooLong) tooLongLines.push(l.line);
    if (v === undefined) {
      if (lastBad) corrupt.push(lastBad.line);
      lastBad = l;
      continue;
    }
    if (lastBad) corrupt.push(lastBad.line);
    lastBad = null;
    good++;
    visit(v, l);
    goodLength = size;
    missingFinalNewline = !l.terminated;
  }
  // Only an interrupted write is repaired: the very last line, unterminated, and (when the file has
  // no good line yet) the start of one of our own entries. Anything else stays where it is.
  const foreign = firstNonBlankBad === true && (good === 0 || otherJsonLine !== null);
  const interrupted = lastBad !== null && !lastBad.terminated && !lastBad.tooLong;
  const torn = interrupted && (!foreign || (nonBlank === 1 && looksLikeEntry((lastBad as JsonlLine).text))) ? lastBad : null;
  if (lastBad && !torn) corrupt.push(lastBad.line);
  if (torn) goodLength = torn.start;
  else if (lastBad) goodLength = size;
  return {
    good,
    corruptLines: corrupt,
    tooLongLines,
    torn: torn ? { line: torn.line, bytes: size - torn.start } : null,
    goodLength,
    missingFinalNewline: torn ? false : lastBad ? !lastBad.terminated : missingFinalNewline,
    size,
    foreign: !foreign || torn !== null ? null : otherJsonLine !== null ? `line ${otherJsonLine} is JSON but not an entry` : 'no line is an entry',
  };
}

/** `length` bytes at `start` of an open file as UTF-8: a line found by a scan or written earlier. */
async function readRange(fh: FileHandle, start: number, length: number): Promise<string> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, start + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got).toString('utf8');
}

/** The same from a side file by path (opened with the side-file checks); '' when the file is gone. */
export async function readSideFileRange(path: string, start: number, length: number): Promise<string> {
  const fh = await openSideFileForReading(path);
  if (!fh) return '';
  try {
    return await readRange(fh, start, length);
  } finally {
    await fh.close();
  }
}

/**
 * `value` as JSON text, refusing a number JSON cannot hold (NaN, ±Infinity: JSON.stringify would
 * write null, which the line's reader rejects) with the path of the field that holds it.
 */
function jsonLine(value: unknown): string {
  const paths = new Map<object, string>();
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const parent = typeof this === 'object' && this !== null ? paths.get(this) : undefined;
    const path = parent === undefined ? 'line' : Array.isArray(this) ? `${parent}[${key}]` : `${parent}.${key}`;
    if (typeof v === 'number' && !Number.isFinite(v)) throw new SideFileError('unwritable-value', `refused to write ${path} = ${String(v)}: JSON cannot hold it, and the line could not be read back`);
    if (typeof v === 'object' && v !== null) paths.set(v, path);
    return v;
  });
}

interface Pending {
  readonly text: string;
  readonly resolve: (start: number) => void;
  readonly reject: (e: Error) => void;
}

export interface AppenderOptions {
  /** datasync after each batch (default true). */
  readonly sync?: boolean;
}

export class JsonlAppender {
  private queue: Pending[] = [];
  private writing = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private resolveIdle: (() => void) | null = null;

  private constructor(
    private readonly fh: FileHandle,
    private readonly sync: boolean,
    /** File length after everything written so far (this process is the only writer). */
    private size: number,
  ) {}

  /**
   * Open for appending. If `truncateTo` is given the file is first cut to that length (repairing a
   * torn tail); if `ensureNewline` a '\n' is written so the next line starts on its own.
   */
  static async open(path: string, opts: AppenderOptions & { truncateTo?: number; ensureNewline?: boolean } = {}): Promise<JsonlAppender> {
    const fh = await openSideFileForAppending(path);
    try {
      if (opts.truncateTo !== undefined) {
        await fh.truncate(opts.truncateTo);
      }
      if (opts.ensureNewline) await fh.write('\n');
      if (opts.truncateTo !== undefined || opts.ensureNewline) await fh.datasync();
      const { size } = await fh.stat();
      return new JsonlAppender(fh, opts.sync ?? true, size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /**
   * The one way a side file (journal, cache, marks, alignments) is opened for appending, after its
   * scan: a file that is not ours is refused (`foreign` makes the error from the scan's reason;
   * nothing is written), a torn tail is cut and a missing final newline added, so the next line
   * starts on its own.
   */
  static async afterScan(path: string, scan: JsonlScan, foreign: (why: string) => Error, opts: AppenderOptions = {}): Promise<JsonlAppender> {
    if (scan.foreign !== null) throw foreign(scan.foreign);
    return JsonlAppender.open(path, { ...opts, ...(scan.torn ? { truncateTo: scan.goodLength } : {}), ensureNewline: !scan.torn && scan.missingFinalNewline });
  }

  /**
   * Append `value` as one JSON line; `finish` may rewrite the text (scrubbing secrets). Resolves with
   * the line's byte range once it is on disk. A value JSON cannot hold as it is (NaN, ±Infinity,
   * which JSON.stringify would write as null) is refused, so no caller can write a line its reader
   * would then reject.
   */
  append(value: unknown, finish: (text: string) => string = (t) => t): Promise<{ start: number; length: number }> {
    if (this.closed) return Promise.reject(new Error('journal/cache file is closed'));
    let text: string;
    try {
      text = finish(jsonLine(value));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    if (text.includes('\n')) return Promise.reject(new Error('a JSONL line cannot contain a newline'));
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      if (!this.writing) void this.flush();
    }).then((start) => ({ start, length: Buffer.byteLength(text) }));
  }

  private async flush(): Promise<void> {
    this.writing = true;
    this.idle = new Promise<void>((r) => (this.resolveIdle = r));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const data = Buffer.from(batch.map((p) => p.text + '\n').join(''), 'utf8');
          let written = 0;
          while (written < data.length) {
            const { bytesWritten } = await this.fh.write(data, written, data.length - written);
            written += bytesWritten;
          }
          if (this.sync) await this.fh.datasync();
          let at = this.size;
          this.size += data.length;
          for (const p of batch) {
            p.resolve(at);
            at += Buffer.byteLength(p.text) + 1;
          }
        } catch (e) {
          for (const p of batch) p.reject(e as Error);
        }
      }
    } finally {
      this.writing = false;
      this.resolveIdle?.();
      this.resolveIdle = null;
    }
  }

  /** Read `length` bytes at `start` (a line written or found earlier) as UTF-8. */
  read(start: number, length: number): Promise<string> {
    return readRange(this.fh, start, length);
  }

  /** Wait for queued lines, then close the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle;
    await this.fh.close();
  }
}
