/**
 * Strict JSON on raw bytes: whether a line is exactly what JSON.parse accepts (escapes, numbers,
 * literals, nesting up to MAX_JSON_DEPTH), in one pass that can also find the top-level members a
 * caller reads. The fast tally counts a line only when this holds, so figures never depend on the
 * path that read the file. Iterative, linear, allocation-free apart from one nesting stack.
 */
import type { MemberNames } from './jsonScan';
import { BACKSLASH, QUOTE, isSpace } from './jsonScan';
import type { WasmScanner } from './wasmScan';
import { WASM_FALLBACK, WASM_INVALID, WASM_NO_ROOM, WASM_TOO_MANY, loadWasmScanner } from './wasmScan';

/** Nesting beyond this is refused per record: no real evaluation record comes near it, and deeper
 * values overflow the stack of recursive consumers (JSON.stringify, structuredClone). */
export const MAX_JSON_DEPTH = 1000;

const enum Ctx {
  Object = 1,
  Array = 2,
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function isHex(b: number): boolean {
  return isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

/** An Int32Array over the ArrayBuffer of the last buffer scanned (read chunks are reused, so it is rarely rebuilt). */
let words: Int32Array<ArrayBufferLike> = new Int32Array(0);
let wordsOf: ArrayBufferLike | null = null;
/** Whether the last string strictString read held an escape (a key spelled with one needs the full parser). */
let sawEscape = false;

/** HIGH_BITS = 0x80808080 as an int32: every test below stays in 32-bit integer arithmetic. */
const HIGH_BITS = -0x7f7f7f80;

/** Whether a byte of `x` is a quote, a backslash or below 0x20 (exact; bytes ≥ 0x80 never count). */
function notPlain(x: number): boolean {
  const q = x ^ 0x22222222;
  const s = x ^ 0x5c5c5c5c;
  return (((((x - 0x20202020) | 0) & ~x) | (((q - 0x01010101) | 0) & ~q) | (((s - 0x01010101) | 0) & ~s)) & HIGH_BITS) !== 0;
}

/** Position just past a valid escape at `bs` (a backslash), or -1. */
function escapeEnd(buf: Buffer, bs: number, end: number): number {
  const e = buf[bs + 1];
  if (e === 0x75) {
    if (bs + 6 > end || !isHex(buf[bs + 2] as number) || !isHex(buf[bs + 3] as number) || !isHex(buf[bs + 4] as number) || !isHex(buf[bs + 5] as number)) return -1;
    return bs + 6;
  }
  return e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74 ? bs + 2 : -1;
}

/**
 * Position just past a string whose opening quote is at `pos`, or -1 when it is not valid JSON (an
 * invalid escape, a raw control byte, no closing quote before `end`). Four bytes at a time: a word
 * holding no quote, backslash or byte below 0x20 (exact bit tests, whatever the byte order) is
 * skipped whole; the others are looked at byte by byte. One pass, no native call per escape.
 */
function strictString(buf: Buffer, pos: number, end: number): number {
  if (wordsOf !== buf.buffer) {
    wordsOf = buf.buffer;
    words = new Int32Array(buf.buffer, 0, buf.buffer.byteLength >>> 2);
  }
  const w = words;
  const off = buf.byteOffset;
  const lastWord = (off + end) >>> 2; // words below this lie wholly before `end`
  sawEscape = false;
  let i = pos + 1;
  for (;;) {
    // Byte by byte up to a word boundary (or through the word that held something).
    const stop = Math.min(end, ((off + i + 4) & ~3) - off);
    while (i < stop) {
      const b = buf[i] as number;
      if (b === QUOTE) return i + 1;
      if (b === BACKSLASH) {
        sawEscape = true;
        i = escapeEnd(buf, i, end);
        if (i === -1) return -1;
      } else if (b < 0x20) return -1;
      else i++;
    }
    if (i >= end) return -1;
    let k = (off + i) >>> 2;
    if ((off + i) & 3) continue; // an escape ended mid-word
    for (; k < lastWord; k++) if (notPlain(w[k] as number)) break;
    i = (k << 2) - off;
    if (i >= end) return -1;
  }
}

/** Position just past a JSON number at `pos`, or -1. */
function strictNumber(buf: Buffer, pos: number, end: number): number {
  if (buf[pos] === 0x2d) pos++;
  if (buf[pos] === 0x30) pos++;
  else if (pos < end && isDigit(buf[pos] as number) && buf[pos] !== 0x30) while (pos < end && isDigit(buf[pos] as number)) pos++;
  else return -1;
  if (buf[pos] === 0x2e) {
    pos++;
    if (!(pos < end && isDigit(buf[pos] as number))) return -1;
    while (pos < end && isDigit(buf[pos] as number)) pos++;
  }
  if (buf[pos] === 0x65 || buf[pos] === 0x45) {
    pos++;
    if (buf[pos] === 0x2b || buf[pos] === 0x2d) pos++;
    if (!(pos < end && isDigit(buf[pos] as number))) return -1;
    while (pos < end && isDigit(buf[pos] as number)) pos++;
  }
  return pos;
}

function literal(buf: Buffer, pos: number, end: number, word: string): number {
  if (pos + word.length > end) return -1;
  for (let k = 0; k < word.length; k++) if (buf[pos + k] !== word.charCodeAt(k)) return -1;
  return pos + word.length;
}

/**
 * Whether buf[start, end) is exactly one valid JSON value (RFC 8259, as JSON.parse accepts it: raw
 * control bytes only as whitespace between tokens) nested at most `maxDepth` deep. Iterative,
 * linear, no allocation beyond the nesting stack: the fast tally accepts a line only when this
 * holds, so it never counts what the full parser rejects.
 */
const DEFAULT_STACK = new Uint8Array(MAX_JSON_DEPTH + 1);

export function isStrictJson(buf: Buffer, start: number, end: number, maxDepth = MAX_JSON_DEPTH): boolean {
  return strictScan(buf, start, end, maxDepth, undefined) !== INVALID;
}

/** What `strictMemberSlots` found: the members are in the slots; valid JSON that needs the full parser; not valid JSON. */
export const SLOTS_READ = 1;
export const SLOTS_FALLBACK = 0;
export const SLOTS_INVALID = -1;

/**
 * One strict pass over a JSON object that also finds the top-level members a caller reads, written to
 * fixed slots (no Map, no tuple per member): the value of `only.names[k]` is buf[slots[2k], slots[2k + 1]),
 * both -1 when it is absent. SLOTS_FALLBACK when the text is valid JSON but needs the full parser (not
 * an object, a key with an escape that might spell a wanted name, a wanted name twice), SLOTS_INVALID
 * when it is not valid JSON. The same decisions as `strictMembersJs` (test/unit/core/io/wasmScan.test.ts).
 */
export function strictMemberSlots(buf: Buffer, start: number, end: number, only: MemberNames, slots: Int32Array): number {
  const wasm = wasmScanner();
  if (wasm) {
    // The module matches the names and fills the slots; JS only shifts them to positions in buf.
    const n = wasm.scanSlots(buf, start, end, MAX_JSON_DEPTH, only);
    if (n === WASM_INVALID) return SLOTS_INVALID;
    if (n === WASM_FALLBACK) return SLOTS_FALLBACK;
    if (n !== WASM_NO_ROOM) {
      const { ints, at, textStart } = wasm.slotTable();
      const shift = start - textStart; // module memory offset → position in buf
      for (let k = 0, count = 2 * only.names.length; k < count; k++) {
        const v = ints[at + k] as number;
        slots[k] = v === -1 ? -1 : v + shift;
      }
      return SLOTS_READ;
    }
  }
  slots.fill(-1);
  const members = strictMembersJs(buf, start, end, only);
  if (members === undefined) return SLOTS_INVALID;
  if (members === null) return SLOTS_FALLBACK;
  for (const [name, [s, e]] of members) {
    const slot = only.names.indexOf(name);
    slots[2 * slot] = s;
    slots[2 * slot + 1] = e;
  }
  return SLOTS_READ;
}

let loadedScanner: WasmScanner | null | undefined;

/** The WebAssembly scanner, unless it is missing or RLENS_JSON_SCANNER=js asks for the JS one (to compare). */
export function wasmScanner(): WasmScanner | null {
  if (loadedScanner === undefined) loadedScanner = process.env.RLENS_JSON_SCANNER === 'js' ? null : loadWasmScanner();
  return loadedScanner;
}

/** The members as a Map by the WebAssembly scanner (the fuzzer's view of it): its member records matched against `only` here. */
export function wasmMembers(wasm: WasmScanner, buf: Buffer, start: number, end: number, only: MemberNames): Map<string, [number, number]> | null | undefined {
  const n = wasm.scan(buf, start, end, MAX_JSON_DEPTH, true);
  if (n === WASM_INVALID) return undefined;
  if (n === WASM_FALLBACK) return null;
  if (n === WASM_TOO_MANY || n === WASM_NO_ROOM) return strictMembersJs(buf, start, end, only);
  const members = new Map<string, [number, number]>();
  const { ints, at, textStart } = wasm.memberTable();
  const shift = start - textStart; // module memory offset → position in buf
  let fallback = false;
  for (let k = at, last = at + n * 5; k < last; k += 5) {
    if (ints[k + 2] !== 0) fallback = true; // a key with an escape might spell a wanted name
    const key = only.match(buf, (ints[k] as number) + shift + 1, (ints[k + 1] as number) + shift - 1);
    if (key === undefined) continue;
    if (members.has(key)) fallback = true; // JSON.parse semantics (last wins) via the full path
    members.set(key, [(ints[k + 3] as number) + shift, (ints[k + 4] as number) + shift]);
  }
  return fallback ? null : members;
}

/** The reference: the members in JS, as a Map (null: valid, needs the full parser; undefined: not valid JSON). */
export function strictMembersJs(buf: Buffer, start: number, end: number, only: MemberNames): Map<string, [number, number]> | null | undefined {
  const members = new Map<string, [number, number]>();
  const r = strictScan(buf, start, end, MAX_JSON_DEPTH, { only, members, fallback: false });
  if (r === INVALID) return undefined;
  return r === FALLBACK ? null : members;
}

const INVALID = 0;
const VALID = 1;
const FALLBACK = 2;

interface Capture {
  readonly only: MemberNames;
  readonly members: Map<string, [number, number]>;
  fallback: boolean;
}

function strictScan(buf: Buffer, start: number, end: number, maxDepth: number, capture: Capture | undefined): number {
  const stack = maxDepth === MAX_JSON_DEPTH ? DEFAULT_STACK : new Uint8Array(maxDepth + 1);
  let depth = 0;
  let pos = start;
  let allowClose = false; // an empty container may close right after opening
  let key: string | undefined; // the wanted name of the top-level member being read
  let valueStart = -1;
  /** Reads `"key" :` at pos; at the top level, notes which wanted member it is. */
  const readKey = (): boolean => {
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] !== QUOTE) return false;
    const keyStart = pos;
    pos = strictString(buf, pos, end);
    if (pos === -1) return false;
    if (capture && depth === 1) {
      if (sawEscape) capture.fallback = true;
      key = capture.only.match(buf, keyStart + 1, pos - 1);
    }
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] !== 0x3a) return false;
    pos++;
    return true;
  };
  /** A top-level member's value ended at pos. */
  const memberEnded = (): void => {
    if (!capture || depth !== 1 || key === undefined) return;
    if (capture.members.has(key)) capture.fallback = true; // JSON.parse semantics (last wins) via the full path
    capture.members.set(key, [valueStart, pos]);
    key = undefined;
  };
  for (;;) {
    while (pos < end && isSpace(buf[pos])) pos++;
    if (pos >= end) return INVALID;
    const b = buf[pos] as number;
    if (depth === 1) valueStart = pos;
    if ((b === 0x5d && allowClose && stack[depth] === Ctx.Array) || (b === 0x7d && allowClose && stack[depth] === Ctx.Object)) {
      depth--;
      pos++;
      memberEnded();
    } else if (b === 0x7b || b === 0x5b) {
      if (depth >= maxDepth) return INVALID;
      stack[++depth] = b === 0x7b ? Ctx.Object : Ctx.Array;
      if (capture && depth === 1 && b !== 0x7b) capture.fallback = true; // not an object
      pos++;
      allowClose = true;
      if (b === 0x5b) continue;
      // an object: a key (or `}`) comes first
      while (pos < end && isSpace(buf[pos])) pos++;
      if (buf[pos] !== 0x7d) {
        if (!readKey()) return INVALID;
        allowClose = false;
        continue;
      }
      depth--;
      pos++;
      memberEnded();
    } else {
      if (b === QUOTE) pos = strictString(buf, pos, end);
      else if (b === 0x2d || isDigit(b)) pos = strictNumber(buf, pos, end);
      else if (b === 0x74) pos = literal(buf, pos, end, 'true');
      else if (b === 0x66) pos = literal(buf, pos, end, 'false');
      else if (b === 0x6e) pos = literal(buf, pos, end, 'null');
      else return INVALID;
      if (pos === -1) return INVALID;
      if (capture && depth === 0) capture.fallback = true; // a scalar record
      memberEnded();
    }
    // after a value: `,` or the container's close, or the end of the text
    allowClose = false;
    for (;;) {
      while (pos < end && isSpace(buf[pos])) pos++;
      if (depth === 0) return pos === end ? (capture?.fallback ? FALLBACK : VALID) : INVALID;
      const c = buf[pos];
      const ctx = stack[depth];
      if (c === 0x2c) {
        pos++;
        if (ctx === Ctx.Object && !readKey()) return INVALID;
        break;
      }
      if ((c === 0x7d && ctx === Ctx.Object) || (c === 0x5d && ctx === Ctx.Array)) {
        depth--;
        pos++;
        memberEnded();
        continue;
      }
      return INVALID;
    }
  }
}

/** Whether a JSON text nests deeper than `max` (strings skipped); a bracket count rules most texts out at once. */
export function nestedDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let brackets = 0;
  for (let i = text.indexOf('['); i !== -1 && brackets <= max; i = text.indexOf('[', i + 1)) brackets++;
  for (let i = text.indexOf('{'); i !== -1 && brackets <= max; i = text.indexOf('{', i + 1)) brackets++;
  if (brackets <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
