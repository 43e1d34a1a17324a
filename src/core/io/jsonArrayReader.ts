/**
 * The elements of a top-level JSON array file, read by scanning its bytes (strings and escapes
 * tracked), so an array file of any size is read element by element, as entryReader.ts reads JSONL.
 */
import { openByteSource } from './containers/byteSource';
import type { EntryOrIssue, EntryReaderOptions } from './entryReader';
import { DEFAULT_CHUNK_BYTES, DEFAULT_MAX_ENTRY_BYTES, MIN_CHUNK_BYTES, RAISE_CAP, decodeUtf8, formatBytes, hasBom, isJsonSpace } from './entryReader';

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
