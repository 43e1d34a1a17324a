/**
 * Column-oriented JSON: one object whose members are lists of equal length, one per field (what
 * RewardBench 2's `run_generative_v2.py` saves as `results/eval-set-scores/<model>.json`, pretty
 * printed with `json.dumps(..., indent=4, sort_keys=True)`; also `json.dump(df.to_dict("list"))`).
 * Row i is the object of every list's i-th element, plus the members that are not lists (RB2's
 * `model` and `model_type`), copied into every row. Rows reach the entry readers as JSONL text, so
 * every adapter and mapping reads them unchanged; a record's line is its 1-based row.
 *
 * Memory is bounded whatever the file size: one pass finds where each list starts and notes, every
 * CHECKPOINT_ROWS elements, the byte offset of each list's element (8 bytes × lists per checkpoint);
 * rows are then assembled by one cursor per list, each with its own read buffer, holding one
 * element at a time. Re-reading row i starts each cursor at the checkpoint before it. The first row
 * needs the layout pass: a list's start is known only once the lists before it are skipped.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import { DatasetError } from '../datasetError';

const CHECKPOINT_ROWS = 256;
const READ_BYTES = 256 * 1024;
/** A member that is not a list is copied into every row: past this size it is refused, not copied. */
const MAX_SCALAR_BYTES = 64 * 1024;
/** Rows per yielded chunk. */
const ROWS_PER_CHUNK = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Whether the text is one JSON object written over several lines: after an optional BOM and blank
 * lines, the first line is `{` alone. A JSONL line is a whole value and a JSON array starts with `[`,
 * so neither is ever taken for one.
 */
export function looksColumnar(head: Uint8Array): boolean {
  let i = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isSpace(head[i] as number)) i++;
  if (head[i] !== OPEN_BRACE) return false;
  for (i++; i < head.length; i++) {
    const b = head[i] as number;
    if (b === 0x0a) return true;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return false;
}

/** A forward reader over a file with a growable window, so one value may span reads. */
class Cursor {
  buf = Buffer.alloc(0);
  /** File offset of buf[0]. */
  base: number;
  pos = 0;
  private eof = false;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly path: string,
  ) {
    this.base = start;
  }

  /** Makes buf[pos] readable, keeping bytes from `keep` on (a value being read); false at the end of the file. */
  async more(keep = this.pos): Promise<boolean> {
    if (this.pos < this.buf.length) return true;
    if (this.eof) return false;
    const kept = this.buf.subarray(keep);
    const next = Buffer.allocUnsafe(kept.length + READ_BYTES);
    kept.copy(next, 0);
    const { bytesRead } = await this.handle.read(next, kept.length, READ_BYTES, this.base + this.buf.length);
    if (bytesRead === 0) this.eof = true;
    this.base += keep;
    this.pos -= keep;
    this.buf = next.subarray(0, kept.length + bytesRead);
    return bytesRead > 0;
  }

  get offset(): number {
    return this.base + this.pos;
  }

  async skipSpace(): Promise<number> {
    for (;;) {
      if (!(await this.more())) return -1;
      const b = this.buf[this.pos] as number;
      if (!isSpace(b)) return b;
      this.pos++;
    }
  }

  fail(what: string): never {
    throw new DatasetError(`${this.path}: ${what} at byte ${this.offset.toLocaleString('en-US')} of this column-oriented JSON file (one object of equal-length lists); check that the file is complete`);
  }

  /** Reads one JSON value's raw bytes (strings, nesting and escapes followed; validity is JSON.parse's job later). */
  async value(maxBytes: number): Promise<Buffer> {
    if ((await this.skipSpace()) === -1) this.fail('the file ends where a value should be');
    let start = this.pos;
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (;;) {
      if (this.pos >= this.buf.length) {
        const before = this.base;
        const got = await this.more(start);
        start -= this.base - before; // the window now starts at the value
        if (!got) {
          if (depth === 0 && !inString) break;
          this.fail('the file ends inside a value');
        }
      }
      const b = this.buf[this.pos] as number;
      this.pos++;
      if (this.pos - start > maxBytes) this.fail(`a value longer than ${maxBytes.toLocaleString('en-US')} bytes`);
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (depth === 0) break;
        }
        continue;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET || b === COMMA || isSpace(b)) {
        if (depth === 0) {
          this.pos--; // not part of a scalar
          break;
        }
        if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) break;
        }
      }
    }
    return Buffer.from(this.buf.subarray(start, this.pos));
  }

  /** After an element: `,` (another follows: true) or `]` (the list ends: false). */
  async afterElement(): Promise<boolean> {
    const b = await this.skipSpace();
    if (b === COMMA) {
      this.pos++;
      return true;
    }
    if (b === CLOSE_BRACKET) {
      this.pos++;
      return false;
    }
    return this.fail(b === -1 ? 'the file ends inside a list' : `"${String.fromCharCode(b)}" where "," or "]" should follow a list element`);
  }
}

interface ListColumn {
  /** The key as written (quotes and escapes included), ready to be written into a row. */
  readonly keyText: string;
  /** Byte offset of each element CHECKPOINT_ROWS apart: element 0, CHECKPOINT_ROWS, 2 × … */
  readonly checkpoints: number[];
  length: number;
}

interface ColumnLayout {
  readonly lists: readonly ListColumn[];
  /** `"key":value` texts of the members that are not lists, copied into every row. */
  readonly constants: readonly string[];
  readonly rows: number;
}

/** The one pass over the file: where every list starts, its length and checkpoints, the constant members. */
async function scanLayout(path: string, handle: FileHandle, start: number): Promise<ColumnLayout> {
  const c = new Cursor(handle, start, path);
  if ((await c.skipSpace()) !== OPEN_BRACE) c.fail('no "{"');
  c.pos++;
  const lists: ListColumn[] = [];
  const constants: string[] = [];
  let b = await c.skipSpace();
  if (b === CLOSE_BRACE) c.fail('an empty object, no lists');
  for (;;) {
    if (b !== QUOTE) c.fail('a member name should start here');
    const keyText = (await c.value(MAX_SCALAR_BYTES)).toString('utf8');
    if ((await c.skipSpace()) !== COLON) c.fail(`no ":" after member ${keyText}`);
    c.pos++;
    b = await c.skipSpace();
    if (b === OPEN_BRACKET) {
      c.pos++;
      const column: ListColumn = { keyText, checkpoints: [], length: 0 };
      if ((await c.skipSpace()) === CLOSE_BRACKET) c.pos++;
      else {
        for (;;) {
          if (column.length % CHECKPOINT_ROWS === 0) {
            await c.skipSpace();
            column.checkpoints.push(c.offset);
          }
          await c.value(Number.MAX_SAFE_INTEGER);
          column.length++;
          if (!(await c.afterElement())) break;
        }
      }
      lists.push(column);
    } else {
      constants.push(`${keyText}:${(await c.value(MAX_SCALAR_BYTES)).toString('utf8')}`);
    }
    b = await c.skipSpace();
    if (b === COMMA) {
      c.pos++;
      b = await c.skipSpace();
      continue;
    }
    if (b === CLOSE_BRACE) break;
    c.fail(b === -1 ? 'the file ends inside the object' : `"${String.fromCharCode(b)}" where "," or "}" should follow a member`);
  }
  c.pos++;
  if ((await c.skipSpace()) !== -1) c.fail('more after the object\'s closing "}"');
  if (!lists.length) throw new DatasetError(`${path} is one JSON object with no list members: not rows (JSONL), a JSON array, or column-oriented lists; check that this is the evaluation file`);
  const rows = (lists[0] as ListColumn).length;
  const uneven = lists.filter((l) => l.length !== rows);
  if (uneven.length) {
    throw new DatasetError(`${path}: the lists of this column-oriented JSON file differ in length (${lists.map((l) => `${l.keyText} ${l.length}`).join(', ')}); every list must hold one value per row`);
  }
  return { lists, constants, rows };
}

let cached: { key: string; layout: ColumnLayout } | undefined;

async function layoutOf(path: string, handle: FileHandle): Promise<ColumnLayout> {
  const info = await stat(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  if (cached?.key === key) return cached.layout;
  const layout = await scanLayout(path, handle, 0);
  cached = { key, layout };
  return layout;
}

/**
 * A value's text without the whitespace between its tokens (a pretty-printed element spans lines;
 * a row must be one line). Bytes inside strings are kept as they are, raw control bytes included,
 * so an invalid string is still reported by JSON.parse where the row is read.
 */
function oneLine(raw: Buffer): string {
  let needed = false;
  for (let i = 0; i < raw.length && !needed; i++) needed = raw[i] === 0x0a || raw[i] === 0x0d;
  if (!needed) return raw.toString('utf8');
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) inString = false;
      out[n++] = b;
    } else if (!isSpace(b)) {
      if (b === QUOTE) inString = true;
      out[n++] = b;
    }
  }
  return out.toString('utf8', 0, n);
}

/** Rows `from`…`to` (exclusive) as JSON texts, one cursor per list, bounded by one element per list at a time. */
async function* rowTexts(path: string, handle: FileHandle, layout: ColumnLayout, from: number, to: number): AsyncGenerator<string> {
  const checkpoint = Math.floor(from / CHECKPOINT_ROWS);
  const cursors = layout.lists.map((l) => new Cursor(handle, l.checkpoints[checkpoint] as number, path));
  const skip = from - checkpoint * CHECKPOINT_ROWS;
  const tail = layout.constants.length ? `,${layout.constants.join(',')}` : '';
  for (let row = from - skip; row < to; row++) {
    const parts: string[] = [];
    for (let k = 0; k < cursors.length; k++) {
      const cursor = cursors[k] as Cursor;
      const raw = await cursor.value(Number.MAX_SAFE_INTEGER);
      if (row + 1 < layout.rows) await cursor.afterElement();
      if (row >= from) parts.push(`${(layout.lists[k] as ListColumn).keyText}:${oneLine(raw)}`);
    }
    if (row >= from) yield `{${parts.join(',')}${tail}}`;
  }
}

/** The file's rows as JSONL bytes. */
export async function* columnJsonlChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const layout = await layoutOf(path, handle);
    let batch: string[] = [];
    for await (const text of rowTexts(path, handle, layout, 0, layout.rows)) {
      batch.push(text);
      if (batch.length >= ROWS_PER_CHUNK) {
        yield Buffer.from(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length) yield Buffer.from(`${batch.join('\n')}\n`);
  } finally {
    await handle.close();
  }
}

/** One row (0-based) as JSON text, read from the checkpoint before it; undefined past the end. */
export async function columnRowText(path: string, row: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const layout = await layoutOf(path, handle);
    if (row < 0 || row >= layout.rows) return undefined;
    for await (const text of rowTexts(path, handle, layout, row, row + 1)) return text;
    return undefined;
  } finally {
    await handle.close();
  }
}
