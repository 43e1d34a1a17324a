/**
 * Streams the entries of an evaluation file without holding the file in memory:
 * one JSON value per line (JSONL) or the elements of a top-level JSON array.
 * Each entry carries its byte range and 1-based line so records can be re-read on demand.
 * Compressed and Parquet files are read as the JSONL bytes they hold (containers/byteSource.ts).
 */
import { openByteSource } from './containers/byteSource';
import type { ReadIssue } from '../record/record';

export type Container = 'jsonl' | 'json-array';

export interface RawEntry {
  readonly text: string;
  readonly line: number;
  /** 1-based UTF-16 column of the entry's first character on its line (array elements; JSONL lines start at 1). */
  readonly column?: number;
  readonly byteStart: number;
  readonly byteEnd: number;
}

export interface EntryReaderOptions {
  /** Lines or elements longer than this are reported and skipped instead of parsed. */
  readonly maxEntryBytes?: number;
  readonly chunkBytes?: number;
  /**
   * The reader's two read buffers, kept by a caller that reads range after range on one thread
   * (tally/claimedRanges.ts) so each range does not allocate and fault in fresh ones. A read's
   * batches must all be consumed before the next read with the same array starts.
   */
  readonly readBuffers?: Buffer[];
}

/** A byte range of whole lines (start just after a newline); line numbers then count from 1 within it. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export const DEFAULT_MAX_ENTRY_BYTES = 128 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;
/** A file that grows while it is read is still read in chunks of at least this. */
export const MIN_CHUNK_BYTES = 4096;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasBom(buf: Buffer, length: number): boolean {
  return length >= 3 && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2];
}

export function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Decodes UTF-8, returning null when the bytes are not valid UTF-8 (never silently replaced). */
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
export function decodeUtf8(buf: Buffer, start: number, end: number): string | null {
  const text = buf.toString('utf8', start, end);
  // toString replaces bad bytes with U+FFFD; only then pay for a strict decode to tell which it was.
  if (text.includes('\uFFFD')) {
    try {
      strictDecoder.decode(buf.subarray(start, end));
    } catch {
      return null;
    }
  }
  return text;
}

export type EntryOrIssue = { kind: 'entry'; entry: RawEntry } | { kind: 'issue'; issue: ReadIssue };

/** A batch of raw lines from one read: byte ranges into `buf` (CR and blank lines already removed). */
export interface LineBatch {
  readonly buf: Buffer;
  /** File offset of buf[0]. */
  readonly bufStart: number;
  readonly starts: number[];
  readonly ends: number[];
  readonly lines: number[];
  readonly issues: ReadIssue[];
  /** Line number of the first line after this batch (so newlines seen so far = nextLine - 1). */
  nextLine: number;
}

/**
 * Splits a JSONL file into lines, a chunk at a time (CRLF and a leading BOM tolerated, over-long
 * lines reported and skipped). Consumers decode what they need from the raw bytes.
 */
export async function* readJsonlBatches(path: string, options: EntryReaderOptions = {}, range?: ByteRange): AsyncGenerator<LineBatch> {
  const maxEntry = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const rangeEnd = range?.end ?? Number.MAX_SAFE_INTEGER;
  const handle = await openByteSource(path);
  let pending: Promise<Chunk> | undefined;
  try {
    let filePos = range?.start ?? 0;
    // Reads are no larger than what there is to read (and one byte to see the end): a folder of
    // 10,000 small files must not allocate 10,000 × 4 MB, whose collection grows with the heap.
    const size = await handle.size();
    const readBytes = size === null ? chunkBytes : Math.min(chunkBytes, Math.max(MIN_CHUNK_BYTES, Math.min(rangeEnd, size) - filePos + 1));
    let line = 1;
    let skipping = false; // inside an over-long line: drop bytes until its newline
    let first = filePos === 0; // only the file's start may hold a BOM
    // Two buffers used in turn, and one read ahead: the next chunk is read into the other buffer
    // (after the carried partial line) while the consumer works on this one. The other buffer's
    // batch was consumed before this one was asked for (consumers copy what they keep).
    const pool: Buffer[] = options.readBuffers ?? [];
    let turn = 0;
    const readNext = (carry: Buffer, carryStart: number): Promise<Chunk> => {
      turn ^= 1;
      let chunk = pool[turn];
      if (!chunk || chunk.length < carry.length + readBytes) {
        chunk = Buffer.allocUnsafe(carry.length + readBytes);
        pool[turn] = chunk;
      }
      carry.copy(chunk, 0);
      const into = chunk;
      const want = Math.min(readBytes, rangeEnd - filePos);
      const read = want > 0 ? handle.read(into, carry.length, want, filePos) : Promise.resolve({ bytesRead: 0 });
      return read.then(({ bytesRead }) => ({ buf: into.subarray(0, carry.length + bytesRead), bufStart: carryStart, bytesRead }));
    };
    pending = readNext(Buffer.alloc(0), filePos);
    for (;;) {
      const { buf, bufStart, bytesRead } = await pending;
      pending = undefined;
      const eof = bytesRead === 0;
      const batch: LineBatch = { buf, bufStart, starts: [], ends: [], lines: [], issues: [], nextLine: line };
      filePos += bytesRead;
      let pos = 0;
      if (first && hasBom(buf, buf.length)) pos = 3;
      first = false;
      for (;;) {
        const nl = buf.indexOf(0x0a, pos);
        if (nl === -1) break;
        if (skipping) skipping = false;
        else addLine(batch, pos, nl, line, maxEntry, path);
        pos = nl + 1;
        line++;
      }
      batch.nextLine = line;
      if (eof) {
        if (!skipping && pos < buf.length) addLine(batch, pos, buf.length, line, maxEntry, path);
        yield batch;
        return;
      }
      const restLength = buf.length - pos;
      if (skipping || restLength > maxEntry) {
        if (!skipping) batch.issues.push(tooLongIssue(path, line, maxEntry));
        skipping = true;
        pending = readNext(Buffer.alloc(0), filePos);
      } else {
        // The partial line is copied to the start of the other buffer, and the read goes after it.
        pending = readNext(buf.subarray(pos), bufStart + pos);
      }
      yield batch;
    }
  } finally {
    // A consumer that stops early may leave a read in flight: let it land before closing the file.
    await pending?.catch(() => undefined);
    await handle.close();
  }
}

interface Chunk {
  readonly buf: Buffer;
  /** File offset of buf[0]. */
  readonly bufStart: number;
  readonly bytesRead: number;
}

export const RAISE_CAP = 'raise rationaleLens.maxRecordBytes / --max-record-bytes to read it';

export function tooLongIssue(path: string, line: number, maxEntry: number): ReadIssue {
  return { file: path, line, column: 1, severity: 'error', message: `line is longer than ${formatBytes(maxEntry)}; skipped (${RAISE_CAP})` };
}

/** Whether an issue is an entry skipped for being over the size cap (format detection names the cap). */
export function isOverCapIssue(issue: ReadIssue): boolean {
  return / is longer than .*; skipped \(raise /.test(issue.message);
}

function addLine(batch: LineBatch, start: number, end: number, line: number, maxEntry: number, path: string): void {
  const buf = batch.buf;
  let contentEnd = end;
  if (contentEnd > start && buf[contentEnd - 1] === 0x0d) contentEnd--;
  let s = start;
  while (s < contentEnd && isJsonSpace(buf[s] ?? 0)) s++;
  if (s === contentEnd) return; // blank lines are not records (as in the reference scorer)
  // Every line is held to the limit, not only those that cross a read chunk.
  if (contentEnd - start > maxEntry) {
    batch.issues.push(tooLongIssue(path, line, maxEntry));
    return;
  }
  batch.starts.push(start);
  batch.ends.push(contentEnd);
  batch.lines.push(line);
}

/** Decodes one line of a batch, or explains why its bytes are not UTF-8. */
export function lineEntry(path: string, batch: LineBatch, i: number): EntryOrIssue {
  const start = batch.starts[i] as number;
  const end = batch.ends[i] as number;
  const line = batch.lines[i] as number;
  const text = decodeUtf8(batch.buf, start, end);
  if (text === null) {
    return {
      kind: 'issue',
      issue: { file: path, line, column: invalidUtf8Column(batch.buf, start, end), severity: 'error', message: 'invalid UTF-8 bytes; re-save the file as UTF-8' },
    };
  }
  return { kind: 'entry', entry: { text, line, byteStart: batch.bufStart + start, byteEnd: batch.bufStart + end } };
}

/** Yields every non-blank line of a JSONL file as text with its location. */
export async function* readJsonlEntries(path: string, options: EntryReaderOptions = {}): AsyncGenerator<EntryOrIssue> {
  for await (const batch of readJsonlBatches(path, options)) {
    // Over-long lines are reported in line order among the others.
    let k = 0;
    for (let i = 0; i < batch.starts.length; i++) {
      const line = batch.lines[i] as number;
      for (; k < batch.issues.length && (batch.issues[k] as ReadIssue).line < line; k++) yield { kind: 'issue', issue: batch.issues[k] as ReadIssue };
      yield lineEntry(path, batch, i);
    }
    for (; k < batch.issues.length; k++) yield { kind: 'issue', issue: batch.issues[k] as ReadIssue };
  }
}

function invalidUtf8Column(buf: Buffer, start: number, end: number): number {
  // Binary search for the shortest invalid prefix is overkill; walk code points until one fails.
  let i = start;
  let column = 1;
  while (i < end) {
    const b = buf[i] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > end) return column;
    try {
      strictDecoder.decode(buf.subarray(i, i + len));
    } catch {
      return column;
    }
    i += len;
    column++;
  }
  return column;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
