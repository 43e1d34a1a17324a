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
const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;
/** A file that grows while it is read is still read in chunks of at least this. */
const MIN_CHUNK_BYTES = 4096;
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

const RAISE_CAP = 'raise rationaleLens.maxRecordBytes / --max-record-bytes to read it';

function tooLongIssue(path: string, line: number, maxEntry: number): ReadIssue {
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

/**
 * Yields the elements of a top-level JSON array by scanning bytes (strings and escapes tracked),
 * so an array file of any size is read element by element.
 */
export async function* readJsonArrayEntries(path: string, options: EntryReaderOptions = {}): AsyncGenerator<EntryOrIssue> {
  const maxEntry = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const handle = await openByteSource(path);
  try {
    let state = 'before-array' as ArrayState;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let line = 1;
    let elementStart = -1; // file offset
    let elementLine = 0;
    let elementColumn = 1;
    // UTF-16 column of the next byte on its line (continuation bytes add nothing, 4-byte sequences 2).
    let column = 1;
    let parts: Buffer[] = [];
    let partsBytes = 0;
    let tooLong = false;
    let filePos = 0;
    let first = true;
    const issue = (l: number, message: string): EntryOrIssue => ({ kind: 'issue', issue: { file: path, line: l, severity: 'error', message } });
    // Sized to the file, as readJsonlBatches: small files get small buffers.
    const size = await handle.size();
    const readBytes = size === null ? chunkBytes : Math.min(chunkBytes, Math.max(MIN_CHUNK_BYTES, size + 1));
    for (;;) {
      const chunk = Buffer.allocUnsafe(readBytes);
      const { bytesRead } = await handle.read(chunk, 0, readBytes, filePos);
      if (bytesRead === 0) break;
      const buf = chunk.subarray(0, bytesRead);
      const base = filePos;
      filePos += bytesRead;
      let i = first && hasBom(buf, bytesRead) ? 3 : 0;
      first = false;
      let segStart = state === 'in-element' ? 0 : -1;
      for (; i < buf.length; i++) {
        const b = buf[i] as number;
        if (b === 0x0a) {
          line++;
          column = 0;
        }
        if (b < 0x80 || b >= 0xc0) column += b >= 0xf0 ? 2 : 1;
        if (state === 'in-element') {
          if (inString) {
            if (escaped) escaped = false;
            else if (b === 0x5c) escaped = true;
            else if (b === 0x22) inString = false;
            continue;
          }
          if (b === 0x22) inString = true;
          else if (b === 0x7b || b === 0x5b) depth++;
          else if (b === 0x7d || b === 0x5d || b === 0x2c) {
            // A scalar element ends at `,` or `]` at depth 0; a container ends when depth returns to 0.
            if (b !== 0x2c) depth--;
            const endsHere = depth === 0 && (b === 0x7d || b === 0x5d) && !isScalarStart(parts, buf, segStart);
            const scalarEnds = depth <= 0 && isScalarStart(parts, buf, segStart) && (b === 0x2c || b === 0x5d);
            if (endsHere || scalarEnds) {
              const endOffset = scalarEnds ? i : i + 1;
              const seg = buf.subarray(segStart, endOffset);
              if (!tooLong) {
                parts.push(seg);
                partsBytes += seg.length;
              }
              yield finishElement();
              if (scalarEnds) {
                depth = 0;
                state = b === 0x5d ? 'done' : 'before-element';
              } else {
                state = 'after-element';
              }
              segStart = -1;
            }
          }
          continue;
        }
        if (isJsonSpace(b)) continue;
        if (state === 'before-array') {
          if (b !== 0x5b) {
            yield issue(line, 'expected a JSON array (`[`) at the start of the file');
            return;
          }
          state = 'before-element';
        } else if (state === 'before-element') {
          if (b === 0x5d) {
            state = 'done';
            continue;
          }
          state = 'in-element';
          elementStart = base + i;
          elementLine = line;
          elementColumn = column - 1;
          segStart = i;
          depth = b === 0x7b || b === 0x5b ? 1 : 0;
          inString = b === 0x22;
          escaped = false;
        } else if (state === 'after-element') {
          if (b === 0x2c) state = 'before-element';
          else if (b === 0x5d) state = 'done';
          else {
            yield issue(line, `expected \`,\` or \`]\` after an array element, found \`${String.fromCharCode(b)}\`; the file is not valid JSON from here on`);
            return;
          }
        } else if (state === 'done') {
          yield issue(line, 'unexpected content after the end of the JSON array; ignored');
          return;
        }
      }
      if (state === 'in-element' && segStart >= 0) {
        const seg = buf.subarray(segStart);
        if (!tooLong) {
          partsBytes += seg.length;
          if (partsBytes > maxEntry) {
            tooLong = true;
            parts = [];
          } else {
            parts.push(Buffer.from(seg));
          }
        }
      }
    }
    if (state === 'in-element') yield issue(elementLine, 'the JSON array ends in the middle of an element (truncated file?); that element is skipped');
    else if (state === 'before-element' || state === 'after-element') yield issue(line, 'the JSON array is not closed with `]` (truncated file?)');

    function finishElement(): EntryOrIssue {
      const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      const byteStart = elementStart;
      const wasTooLong = tooLong || bytes.length > maxEntry;
      parts = [];
      partsBytes = 0;
      tooLong = false;
      if (wasTooLong) return issue(elementLine, `array element is longer than ${formatBytes(maxEntry)}; skipped (${RAISE_CAP})`);
      const text = decodeUtf8(bytes, 0, bytes.length);
      if (text === null) return issue(elementLine, 'invalid UTF-8 bytes in this element; re-save the file as UTF-8');
      return { kind: 'entry', entry: { text, line: elementLine, column: elementColumn, byteStart, byteEnd: byteStart + bytes.length } };
    }
  } finally {
    await handle.close();
  }
}

type ArrayState = 'before-array' | 'before-element' | 'in-element' | 'after-element' | 'done';

/** True when the current element began with a scalar (string, number, literal) rather than `{`/`[`. */
function isScalarStart(parts: Buffer[], buf: Buffer, segStart: number): boolean {
  const firstByte = parts.length ? parts[0]?.[0] : buf[segStart];
  return firstByte !== 0x7b && firstByte !== 0x5b;
}

export function readEntries(path: string, container: Container, options?: EntryReaderOptions): AsyncGenerator<EntryOrIssue> {
  return container === 'jsonl' ? readJsonlEntries(path, options) : readJsonArrayEntries(path, options);
}
