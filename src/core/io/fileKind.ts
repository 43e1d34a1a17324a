/**
 * What a dataset file is, from its first bytes: binary or text, and JSON array or JSONL. Both are
 * decided over a sample of lines, never one line, so one damaged line (a run of NULs that a crash
 * leaves on some file systems, a line that happens to be a JSON array) does not decide for the file:
 * that line is reported as malformed where it is read, and the rest of the file is read.
 */
import type { ByteSource } from './containers/byteSource';
import { openByteSource } from './containers/byteSource';
import type { Container } from './entryReader';
import { hasBom, isJsonSpace } from './entryReader';

/** Bytes read at a time for the binary sample, and the most read: enough for SAMPLE_LINES lines of long records. */
const SAMPLE_STEP_BYTES = 64 * 1024;
const SAMPLE_MAX_BYTES = 4 * 1024 * 1024;
const SAMPLE_LINES = 16;
/** Bytes of the first line scanned to tell a JSONL file whose first line is an array from a JSON array file. */
const FIRST_LINE_SCAN_BYTES = 4 * 1024 * 1024;

/**
 * The first bytes the entry readers see (decoded when the file is packed): 64 KB, or more (up to
 * 4 MB) until they hold SAMPLE_LINES lines, so a
 * file of long records is judged over several of them, not over the start of its first.
 */
export async function readSample(path: string): Promise<Buffer> {
  const handle = await openByteSource(path);
  try {
    const parts: Buffer[] = [];
    let total = 0;
    let newlines = 0;
    while (total < SAMPLE_MAX_BYTES && newlines < SAMPLE_LINES) {
      const buf = Buffer.alloc(SAMPLE_STEP_BYTES);
      const { bytesRead } = await handle.read(buf, 0, buf.length, total);
      if (bytesRead === 0) break;
      const got = buf.subarray(0, bytesRead);
      for (let i = got.indexOf(0x0a); i !== -1; i = got.indexOf(0x0a, i + 1)) newlines++;
      parts.push(got);
      total += bytesRead;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}

/**
 * Whether a line looks binary: a NUL, or control bytes (other than tab, CR, form feed) in more than
 * one byte in 16. Text, JSON included, has no NUL and almost no other control bytes.
 */
function binaryLine(buf: Buffer, start: number, end: number): boolean {
  let control = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0c) control++;
  }
  return control * 16 > end - start;
}

/**
 * Binary when most of the sample's non-blank lines look binary (a binary file has newlines here
 * and there, and almost every stretch between them holds a NUL or control bytes); a text file with
 * one or two damaged lines is text. A sample that is one line (no newline) is judged by that line.
 */
export function looksBinary(sample: Buffer): boolean {
  let lines = 0;
  let binary = 0;
  let start = hasBom(sample, sample.length) ? 3 : 0;
  while (start < sample.length) {
    let end = sample.indexOf(0x0a, start);
    if (end === -1) end = sample.length;
    let s = start;
    while (s < end && isJsonSpace(sample[s] as number)) s++;
    if (s < end) {
      lines++;
      if (binaryLine(sample, start, end)) binary++;
    }
    start = end + 1;
  }
  return binary * 2 > lines;
}

/**
 * JSON array or JSONL. A file that starts with `[` is a JSON array unless its first line is a whole
 * JSON value followed by more content on later lines (a JSON array file holds one value): that is a
 * JSONL file whose first line is not an object, and each of its lines is read as a record.
 */
export async function detectContainer(path: string): Promise<Container> {
  const handle = await openByteSource(path);
  try {
    const buf = Buffer.alloc(64 * 1024);
    let { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let i = hasBom(buf, bytesRead) ? 3 : 0;
    while (i < bytesRead && isJsonSpace(buf[i] ?? 0)) i++;
    if (!(i < bytesRead && buf[i] === 0x5b)) return 'jsonl';
    // Scan the first value: strings and escapes tracked, brackets counted, until it closes or its line ends.
    let filePos = bytesRead;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let closed = false;
    for (;;) {
      for (; i < bytesRead; i++) {
        const b = buf[i] as number;
        if (closed) {
          if (b === 0x0a) return (await moreContent(handle, buf, i + 1, bytesRead, filePos)) ? 'jsonl' : 'json-array';
          if (!isJsonSpace(b)) return 'json-array'; // `[…] x` on one line: the array reader reports the rest
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) inString = false;
          else if (b === 0x0a) return 'json-array';
          continue;
        }
        if (b === 0x0a) return 'json-array'; // the value goes on past its first line: an array file
        if (b === 0x22) inString = true;
        else if (b === 0x5b || b === 0x7b) depth++;
        else if ((b === 0x5d || b === 0x7d) && --depth === 0) closed = true;
      }
      if (filePos >= FIRST_LINE_SCAN_BYTES) return 'json-array';
      ({ bytesRead } = await handle.read(buf, 0, buf.length, filePos));
      if (bytesRead === 0) return 'json-array';
      filePos += bytesRead;
      i = 0;
    }
  } finally {
    await handle.close();
  }
}

/** Whether anything but whitespace follows offset `from` of the current chunk (reading on as needed). */
async function moreContent(handle: ByteSource, buf: Buffer, from: number, length: number, filePos: number): Promise<boolean> {
  let i = from;
  let end = length;
  let pos = filePos;
  for (;;) {
    for (; i < end; i++) if (!isJsonSpace(buf[i] as number)) return true;
    if (pos >= FIRST_LINE_SCAN_BYTES * 2) return false;
    const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return false;
    pos += bytesRead;
    end = bytesRead;
    i = 0;
  }
}
