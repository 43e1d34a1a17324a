// AssemblyScript (compiled to dist/jsonScan.wasm by scripts/build.mjs; not TypeScript for tsc).
//
// The strict JSON scan of src/core/io/strictJson.ts (`strictScan`), the same decisions in the same
// order, with strings read sixteen bytes at a time (v128): a block holding no quote, backslash or
// byte below 0x20 is skipped whole. The JS scanner stays the reference: test/unit/core/io/
// wasmScan.test.ts fuzzes the two against each other and against JSON.parse.
//
// Memory (bytes): [0, 1024) the nesting stack, one byte a level; [OUT, OUT + 20 * MAX_MEMBERS) one
// record per top-level member (key start, key end, key had an escape, value start, value end, as
// i32); [ESCAPES, ESCAPES + 256) the escape table; from DATA the text, copied in by the caller
// (src/core/io/wasmScan.ts), which grows memory, unless it lies in read buffers the caller leased.

const STACK: i32 = 0;
const STACK_BYTES: i32 = 1024;
const OUT: i32 = 1024;
const MAX_MEMBERS: i32 = 4096;
const DATA: i32 = 131072;

const OBJECT: u8 = 1;
const ARRAY: u8 = 2;

const INVALID: i32 = -1;
const FALLBACK: i32 = -2;
const TOO_MANY: i32 = -3;

const QUOTE: u8 = 0x22;
const BACKSLASH: u8 = 0x5c;

let pos: i32 = 0;
let depth: i32 = 0;
let members: i32 = 0;
let fallback: bool = false;
let capture: bool = false;
let keyOpen: bool = false;
let overflow: bool = false;
let sawEscape: bool = false;

// The slot mode (scan with wantMembers = 2): the caller's wanted names, each a length byte then its
// bytes, at [NAMES, NAMES + 8192); the value range of each, as two i32 (-1, -1 when absent), at SLOTS.
const NAMES: i32 = 99328;
const SLOTS: i32 = 107520;
let nameCount: i32 = 0;
let slotMode: bool = false;
let currentSlot: i32 = -1;
let keyEscape: bool = false;
let repeated: bool = false;

export function namesStart(): i32 {
  return NAMES;
}

export function slotsStart(): i32 {
  return SLOTS;
}

/** The caller wrote `count` names at namesStart(). */
export function setNames(count: i32): void {
  nameCount = count;
}

/** Which wanted name memory[start, start + len) is, or -1. */
function nameSlot(start: i32, len: i32): i32 {
  let p = NAMES;
  for (let k = 0; k < nameCount; k++) {
    const n: i32 = load<u8>(p);
    if (n == len) {
      let j = 0;
      while (j < len && load<u8>(p + 1 + j) == load<u8>(start + j)) j++;
      if (j == len) return k;
    }
    p += 1 + n;
  }
  return -1;
}

export function dataStart(): i32 {
  return DATA;
}

export function outStart(): i32 {
  return OUT;
}

export function maxDepthSupported(): i32 {
  return STACK_BYTES - 1;
}

@inline function isSpace(b: u32): bool {
  return b == 0x20 || b == 0x0a || b == 0x0d || b == 0x09;
}

@inline function isDigit(b: u32): bool {
  return b - 0x30 < 10;
}

@inline function isHex(b: u32): bool {
  return b - 0x30 < 10 || (b | 0x20) - 0x61 < 6;
}

@inline function skipSpace(p: i32, end: i32): i32 {
  while (p < end && isSpace(load<u8>(p))) p++;
  return p;
}

/** [ESCAPES, ESCAPES + 256): for the byte after a backslash, the escape's length (2, or 6 for `u`), 0 when invalid. */
const ESCAPES: i32 = 98304;
store<u8>(ESCAPES + 0x22, 2); // \"
store<u8>(ESCAPES + 0x5c, 2); // \\
store<u8>(ESCAPES + 0x2f, 2); // \/
store<u8>(ESCAPES + 0x62, 2); // \b
store<u8>(ESCAPES + 0x66, 2); // \f
store<u8>(ESCAPES + 0x6e, 2); // \n
store<u8>(ESCAPES + 0x72, 2); // \r
store<u8>(ESCAPES + 0x74, 2); // \t
store<u8>(ESCAPES + 0x75, 6); // \uXXXX

/** Position just past a valid escape at `bs` (a backslash), or -1. */
@inline function escapeEnd(bs: i32, end: i32): i32 {
  if (bs + 2 > end) return -1;
  const len: i32 = load<u8>(ESCAPES + <i32>load<u8>(bs + 1));
  if (len == 2) return bs + 2;
  if (len == 0) return -1;
  if (bs + 6 > end || !isHex(load<u8>(bs + 2)) || !isHex(load<u8>(bs + 3)) || !isHex(load<u8>(bs + 4)) || !isHex(load<u8>(bs + 5))) return -1;
  return bs + 6;
}

/** The mask of a sixteen-byte block's quotes, backslashes and bytes below 0x20. */
@inline function special(v: v128): i32 {
  return i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, i8x16.splat(0x22)), i8x16.eq(v, i8x16.splat(0x5c))), i8x16.lt_u(v, i8x16.splat(0x20))));
}

/**
 * Position just past the string whose opening quote is at `p`, or -1 (bad escape, raw control byte, no
 * close before `end`). Each 32-byte step gives one mask of its quotes, backslashes and bytes below
 * 0x20 (two sixteen-byte blocks); an escape is checked and the mask's bits it covers cleared, so a
 * step is loaded once however many escapes it holds (long texts have a `\n` every few dozen bytes).
 * The last bytes go sixteen, then one at a time.
 */
function strictString(p: i32, end: i32): i32 {
  sawEscape = false;
  let i = p + 1;
  let width = 32;
  while (true) {
    if (i + width > end) {
      if (width == 16 || i + 16 > end) break;
      width = 16;
    }
    let bits = width == 32 ? special(v128.load(i)) | (special(v128.load(i, 16)) << 16) : special(v128.load(i));
    let next = i + width;
    while (bits != 0) {
      const j = i + ctz(bits);
      const b = load<u8>(j);
      if (b == QUOTE) return j + 1;
      if (b != BACKSLASH) return -1; // a raw control byte
      sawEscape = true;
      const after = escapeEnd(j, end);
      if (after < 0) return -1;
      if (after >= next) {
        next = after;
        break;
      }
      bits &= -1 << (after - i);
    }
    i = next;
  }
  while (i < end) {
    const b = load<u8>(i);
    if (b == QUOTE) return i + 1;
    if (b == BACKSLASH) {
      sawEscape = true;
      i = escapeEnd(i, end);
      if (i < 0) return -1;
    } else if (b < 0x20) return -1;
    else i++;
  }
  return -1;
}

/** Position just past a JSON number at `p`, or -1. */
function strictNumber(p: i32, end: i32): i32 {
  if (p < end && load<u8>(p) == 0x2d) p++;
  if (p < end && load<u8>(p) == 0x30) p++;
  else if (p < end && isDigit(load<u8>(p))) {
    while (p < end && isDigit(load<u8>(p))) p++;
  } else return -1;
  if (p < end && load<u8>(p) == 0x2e) {
    p++;
    if (!(p < end && isDigit(load<u8>(p)))) return -1;
    while (p < end && isDigit(load<u8>(p))) p++;
  }
  if (p < end && (load<u8>(p) | 0x20) == 0x65) {
    p++;
    if (p < end && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
    if (!(p < end && isDigit(load<u8>(p)))) return -1;
    while (p < end && isDigit(load<u8>(p))) p++;
  }
  return p;
}

/** Position just past the literal whose bytes (little-endian, `len` of them) are `word`, or -1. */
function literal(p: i32, end: i32, word: u64, len: i32): i32 {
  if (p + len > end) return -1;
  for (let k = 0; k < len; k++) if (<u64>load<u8>(p + k) != ((word >> (<u64>k * 8)) & 0xff)) return -1;
  return p + len;
}

/** Reads `"key" :` at pos; at the top level, opens a member record. */
function readKey(end: i32): bool {
  pos = skipSpace(pos, end);
  if (pos >= end || load<u8>(pos) != QUOTE) return false;
  const keyStart = pos;
  pos = strictString(pos, end);
  if (pos < 0) return false;
  if (capture && depth == 1 && slotMode) {
    // A key with an escape might spell a wanted name, and a wanted name twice is JSON.parse's (last
    // wins): both send a valid text to the full parser.
    currentSlot = -1;
    if (sawEscape) keyEscape = true;
    else {
      currentSlot = nameSlot(keyStart + 1, pos - keyStart - 2);
      if (currentSlot >= 0 && load<i32>(SLOTS + currentSlot * 8) != -1) repeated = true;
    }
    keyOpen = true;
  } else if (capture && depth == 1) {
    if (members >= MAX_MEMBERS) {
      overflow = true;
      return false;
    }
    const rec = OUT + members * 20;
    store<i32>(rec, keyStart);
    store<i32>(rec, pos, 4);
    store<i32>(rec, sawEscape ? 1 : 0, 8);
    members++;
    keyOpen = true;
  }
  pos = skipSpace(pos, end);
  if (pos >= end || load<u8>(pos) != 0x3a) return false;
  pos++;
  return true;
}

/** A top-level member's value ended at pos. */
@inline function memberEnded(valueStart: i32): void {
  if (capture && depth == 1 && keyOpen && slotMode) {
    if (currentSlot >= 0) {
      store<i32>(SLOTS + currentSlot * 8, valueStart);
      store<i32>(SLOTS + currentSlot * 8, pos, 4);
    }
    keyOpen = false;
  } else if (capture && depth == 1 && keyOpen) {
    const rec = OUT + (members - 1) * 20;
    store<i32>(rec, valueStart, 12);
    store<i32>(rec, pos, 16);
    keyOpen = false;
  }
}

/**
 * Scans memory[start, end) as one JSON value nested at most `maxDepth` deep (at most
 * maxDepthSupported()). Returns -1 when it is not valid JSON; else, with `wantMembers` 1, -2 when it is
 * valid but no object (or is one whose member count is over the table: -3, the caller rescans), or
 * the number of top-level member records written at OUT; with `wantMembers` 2 (the slot mode), -2 also
 * for a top-level key with an escape or a wanted name twice, else 0 and the wanted names' value
 * ranges at SLOTS; without, 0 or -2.
 */
export function scan(start: i32, end: i32, maxDepth: i32, wantMembers: i32): i32 {
  slotMode = wantMembers == 2;
  if (slotMode) {
    for (let k = 0; k < 2 * nameCount; k++) store<i32>(SLOTS + k * 4, -1);
    keyEscape = false;
    repeated = false;
    currentSlot = -1;
  }
  const r = scanInner(start, end, maxDepth, wantMembers != 0);
  if (r >= 0 && slotMode && (keyEscape || repeated)) return FALLBACK;
  return overflow ? TOO_MANY : r;
}

function scanInner(start: i32, end: i32, maxDepth: i32, wantMembers: bool): i32 {
  capture = wantMembers;
  depth = 0;
  members = 0;
  fallback = false;
  keyOpen = false;
  overflow = false;
  pos = start;
  let allowClose = false; // an empty container may close right after opening
  let valueStart = -1;
  while (true) {
    pos = skipSpace(pos, end);
    if (pos >= end) return INVALID;
    const b = load<u8>(pos);
    if (depth == 1) valueStart = pos;
    if (allowClose && ((b == 0x5d && load<u8>(STACK + depth) == ARRAY) || (b == 0x7d && load<u8>(STACK + depth) == OBJECT))) {
      depth--;
      pos++;
      memberEnded(valueStart);
    } else if (b == 0x7b || b == 0x5b) {
      if (depth >= maxDepth) return INVALID;
      depth++;
      store<u8>(STACK + depth, b == 0x7b ? OBJECT : ARRAY);
      if (capture && depth == 1 && b != 0x7b) fallback = true; // not an object
      pos++;
      allowClose = true;
      if (b == 0x5b) continue;
      // an object: a key (or `}`) comes first
      pos = skipSpace(pos, end);
      if (pos >= end || load<u8>(pos) != 0x7d) {
        if (!readKey(end)) return INVALID;
        allowClose = false;
        continue;
      }
      depth--;
      pos++;
      memberEnded(valueStart);
    } else {
      if (b == QUOTE) pos = strictString(pos, end);
      else if (b == 0x2d || isDigit(b)) pos = strictNumber(pos, end);
      else if (b == 0x74) pos = literal(pos, end, 0x65757274, 4); // true
      else if (b == 0x66) pos = literal(pos, end, 0x65736c6166, 5); // false
      else if (b == 0x6e) pos = literal(pos, end, 0x6c6c756e, 4); // null
      else return INVALID;
      if (pos < 0) return INVALID;
      if (capture && depth == 0) fallback = true; // a scalar record
      memberEnded(valueStart);
    }
    // after a value: `,` or the container's close, or the end of the text
    allowClose = false;
    while (true) {
      pos = skipSpace(pos, end);
      if (depth == 0) return pos == end ? (fallback ? FALLBACK : members) : INVALID;
      if (pos >= end) return INVALID;
      const c = load<u8>(pos);
      const ctx = load<u8>(STACK + depth);
      if (c == 0x2c) {
        pos++;
        if (ctx == OBJECT && !readKey(end)) return INVALID;
        break;
      }
      if ((c == 0x7d && ctx == OBJECT) || (c == 0x5d && ctx == ARRAY)) {
        depth--;
        pos++;
        memberEnded(valueStart);
        continue;
      }
      return INVALID;
    }
  }
}
