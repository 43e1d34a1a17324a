/**
 * Append-only JSONL files that survive crashes: a durable appender (group commit: lines queued
 * while a write is in progress go out together in one write + datasync) and a tolerant reader
 * that reports a torn last line and can truncate it away.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export interface JsonlLine {
  /** 1-based line number. */
  readonly line: number;
  /** Byte offsets of the line in the file (end excludes the newline). */
  readonly start: number;
  readonly end: number;
  /** Whether a '\n' follows. */
  readonly terminated: boolean;
  readonly text: string;
}

export interface JsonlScan {
  /** Lines accepted by the parser. */
  readonly good: number;
  /** Invalid lines before the end (left in place, skipped). */
  readonly corruptLines: number[];
  /** An unparsable (or unterminated and unparsable) tail: what a crash mid-write leaves. */
  readonly torn: { readonly line: number; readonly bytes: number } | null;
  /** Byte length of the good prefix (everything up to the torn tail). */
  readonly goodLength: number;
  /** The last good line has no trailing newline (it must get one before anything is appended). */
  readonly missingFinalNewline: boolean;
  readonly size: number;
}

/**
 * Read a file line by line in chunks, tracking byte offsets, from byte `from` (a line start;
 * line numbers then count from there). Missing file → no lines.
 */
export async function* readLines(path: string, from = 0): AsyncGenerator<JsonlLine> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry: Buffer[] = [];
    let carryStart = from;
    let pos = from;
    let line = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(10, from);
        if (nl < 0 || nl >= bytesRead) break;
        const piece = buf.subarray(from, nl);
        const bytes = carry.length ? Buffer.concat([...carry, piece]) : piece;
        line++;
        yield { line, start: carryStart, end: pos + nl, terminated: true, text: bytes.toString('utf8') };
        carry = [];
        carryStart = pos + nl + 1;
        from = nl + 1;
      }
      if (from < bytesRead) carry.push(Buffer.from(buf.subarray(from, bytesRead)));
      pos += bytesRead;
    }
    if (carry.length) {
      const bytes = Buffer.concat(carry);
      line++;
      yield { line, start: carryStart, end: pos, terminated: false, text: bytes.toString('utf8') };
    }
  } finally {
    await fh.close();
  }
}

/**
 * Parse every line with `parse` (return undefined to reject a line) and hand each accepted value
 * to `visit` with its line. Blank lines are skipped. Trailing bad lines form the torn tail;
 * earlier bad lines are reported as corrupt.
 */
export async function scanJsonl<T>(path: string, parse: (v: unknown) => T | undefined, visit: (value: T, line: JsonlLine) => void): Promise<JsonlScan> {
  const bad: JsonlLine[] = [];
  const corrupt: number[] = [];
  let good = 0;
  let goodLength = 0;
  let missingFinalNewline = false;
  let size = 0;
  for await (const l of readLines(path)) {
    size = l.terminated ? l.end + 1 : l.end;
    if (l.text.trim() === '') {
      if (bad.length === 0) goodLength = size;
      continue;
    }
    let v: T | undefined;
    try {
      v = parse(JSON.parse(l.text));
    } catch {
      v = undefined;
    }
    if (v === undefined) {
      bad.push(l);
      continue;
    }
    // A good line after bad ones: those bad ones were in the middle, not a torn tail.
    for (const b of bad) corrupt.push(b.line);
    bad.length = 0;
    good++;
    visit(v, l);
    goodLength = size;
    missingFinalNewline = !l.terminated;
  }
  const first = bad[0];
  const torn = first ? { line: first.line, bytes: size - first.start } : null;
  if (first) goodLength = first.start;
  return { good, corruptLines: corrupt, torn, goodLength, missingFinalNewline, size };
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
    const fh = await open(path, 'a+');
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

  /** Append one line (JSON text without newline). Resolves with its byte offset once it is on disk. */
  append(text: string): Promise<number> {
    if (this.closed) return Promise.reject(new Error('journal/cache file is closed'));
    if (text.includes('\n')) return Promise.reject(new Error('a JSONL line cannot contain a newline'));
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      if (!this.writing) void this.flush();
    });
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
  async read(start: number, length: number): Promise<string> {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.fh.read(buf, got, length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got).toString('utf8');
  }

  /** Wait for queued lines, then close the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle;
    await this.fh.close();
  }
}
