/**
 * A structural scanner that finds the top-level members of one JSON object in a byte buffer without
 * decoding it: strings are skipped with native `indexOf`, so cost follows the number of values, not
 * their size. It checks structure (quotes, nesting, separators) but not string escapes or number
 * syntax; callers fall back to JSON.parse for anything they do not recognize.
 */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

export function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Position just past the closing quote of the string whose opening quote is at `open`, or -1. */
function skipString(buf: Buffer, open: number, end: number): number {
  let pos = open + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, pos);
    if (q === -1 || q >= end) return -1;
    let backslashes = 0;
    for (let k = q - 1; k > open && buf[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    pos = q + 1;
  }
}

/** Position just past the value starting at `pos`, or -1 when its structure is broken. */
export function skipValue(buf: Buffer, pos: number, end: number): number {
  const first = buf[pos];
  if (first === QUOTE) return skipString(buf, pos, end);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    while (pos < end) {
      const b = buf[pos] as number;
      if (b === QUOTE) {
        pos = skipString(buf, pos, end);
        if (pos === -1) return -1;
        continue;
      }
      if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (depth === 0) return pos + 1;
      }
      pos++;
    }
    return -1;
  }
  // number, true, false, null: runs until a separator
  const start = pos;
  while (pos < end) {
    const b = buf[pos];
    if (b === 0x2c || b === 0x7d || b === 0x5d || isSpace(b)) break;
    pos++;
  }
  return pos > start ? pos : -1;
}

/**
 * The member names a caller reads, matched on the raw bytes so other keys are never decoded.
 * Names must be plain ASCII without escapes.
 */
export class MemberNames {
  private readonly byLength: { slot: number; bytes: Buffer }[][] = [];

  constructor(readonly names: readonly string[]) {
    names.forEach((name, slot) => (this.byLength[name.length] ??= []).push({ slot, bytes: Buffer.from(name, 'latin1') }));
  }

  /** The name whose bytes are buf[start, end), if it is one of these. */
  match(buf: Buffer, start: number, end: number): string | undefined {
    const slot = this.slot(buf, start, end);
    return slot === -1 ? undefined : this.names[slot];
  }

  /** The position in the constructor's list of the name whose bytes are buf[start, end), or -1. */
  slot(buf: Buffer, start: number, end: number): number {
    const candidates = this.byLength[end - start];
    if (!candidates) return -1;
    for (const { slot, bytes } of candidates) {
      let k = 0;
      while (k < bytes.length && buf[start + k] === bytes[k]) k++;
      if (k === bytes.length) return slot;
    }
    return -1;
  }
}

/**
 * Byte ranges of each top-level member's value; null when the text is not a well-formed object.
 * With `only`, just those members are kept and no other key is decoded; any key with an escape then
 * means null (it might spell one of them), as does a repeated one.
 */
export function scanObjectMembers(buf: Buffer, start: number, end: number, only?: MemberNames): Map<string, [number, number]> | null {
  const members = new Map<string, [number, number]>();
  let pos = start;
  while (pos < end && isSpace(buf[pos])) pos++;
  if (buf[pos] !== 0x7b) return null;
  pos++;
  while (pos < end && isSpace(buf[pos])) pos++;
  if (buf[pos] === 0x7d) return trailingOk(buf, pos + 1, end) ? members : null;
  for (;;) {
    if (buf[pos] !== QUOTE) return null;
    const keyEnd = skipString(buf, pos, end);
    if (keyEnd === -1) return null;
    let rawKey: string | undefined;
    if (only) {
      for (let k = pos + 1; k < keyEnd - 1; k++) if (buf[k] === BACKSLASH) return null;
      rawKey = only.match(buf, pos + 1, keyEnd - 1);
    } else {
      rawKey = buf.toString('latin1', pos + 1, keyEnd - 1);
      // Keys with escapes or non-ASCII bytes are rare: let the full parser handle those records.
      if (/[\\\x80-\xff]/.test(rawKey)) return null;
    }
    pos = keyEnd;
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] !== 0x3a) return null;
    pos++;
    while (pos < end && isSpace(buf[pos])) pos++;
    const valueEnd = skipValue(buf, pos, end);
    if (valueEnd === -1) return null;
    if (rawKey !== undefined) {
      if (members.has(rawKey)) return null; // duplicate keys: JSON.parse semantics (last wins) via the full path
      members.set(rawKey, [pos, valueEnd]);
    }
    pos = valueEnd;
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] === 0x2c) {
      pos++;
      while (pos < end && isSpace(buf[pos])) pos++;
      continue;
    }
    if (buf[pos] === 0x7d) return trailingOk(buf, pos + 1, end) ? members : null;
    return null;
  }
}

/**
 * `scanObjectMembers(buf, start, end, only)` into fixed slots, no Map and no tuple a member: the
 * value of `only.names[k]` is buf[slots[2k], slots[2k + 1]) (-1, -1 when absent). False where that
 * returns null (not a well-formed object, a key with an escape, a wanted name twice).
 */
export function objectMemberSlots(buf: Buffer, start: number, end: number, only: MemberNames, slots: Int32Array): boolean {
  slots.fill(-1);
  let pos = start;
  while (pos < end && isSpace(buf[pos])) pos++;
  if (buf[pos] !== 0x7b) return false;
  pos++;
  while (pos < end && isSpace(buf[pos])) pos++;
  if (buf[pos] === 0x7d) return trailingOk(buf, pos + 1, end);
  for (;;) {
    if (buf[pos] !== QUOTE) return false;
    const keyEnd = skipString(buf, pos, end);
    if (keyEnd === -1) return false;
    for (let k = pos + 1; k < keyEnd - 1; k++) if (buf[k] === BACKSLASH) return false;
    const slot = only.slot(buf, pos + 1, keyEnd - 1);
    pos = keyEnd;
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] !== 0x3a) return false;
    pos++;
    while (pos < end && isSpace(buf[pos])) pos++;
    const valueEnd = skipValue(buf, pos, end);
    if (valueEnd === -1) return false;
    if (slot !== -1) {
      if (slots[2 * slot] !== -1) return false; // duplicate keys: JSON.parse semantics (last wins) via the full path
      slots[2 * slot] = pos;
      slots[2 * slot + 1] = valueEnd;
    }
    pos = valueEnd;
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] === 0x2c) {
      pos++;
      while (pos < end && isSpace(buf[pos])) pos++;
      continue;
    }
    if (buf[pos] === 0x7d) return trailingOk(buf, pos + 1, end);
    return false;
  }
}

function trailingOk(buf: Buffer, pos: number, end: number): boolean {
  while (pos < end && isSpace(buf[pos])) pos++;
  return pos === end;
}

/** Parses a small member value (labels, verdicts, subsets) with the real JSON parser. */
export function parseMember(buf: Buffer, range: [number, number] | undefined): unknown {
  return range ? parseMemberAt(buf, range[0], range[1]) : undefined;
}

/** `parseMember` of buf[start, end); undefined when start is -1 (an absent member's slot). */
export function parseMemberAt(buf: Buffer, start: number, end: number): unknown {
  if (start === -1) return undefined;
  // Short plain strings (labels, verdicts, ids) need no JSON parser: no escapes, no control bytes.
  if (buf[start] === QUOTE && end - start < 256) {
    let plain = true;
    let ascii = true;
    for (let i = start + 1; i < end - 1 && plain; i++) {
      const b = buf[i] as number;
      plain = b >= 0x20 && b !== BACKSLASH;
      if (b >= 0x80) ascii = false;
    }
    if (plain) return ascii && end - start <= SHORT_STRING_BYTES ? shortAscii(buf, start + 1, end - 1) : buf.toString('utf8', start + 1, end - 1);
  }
  return JSON.parse(buf.toString('utf8', start, end)) as unknown;
}

/**
 * Short ASCII strings decoded before, by a hash of their bytes (checked byte for byte on a hit): the
 * labels, verdicts and subsets of a file repeat on every record, and decoding each anew was most of
 * the members' cost on files of short records.
 */
const SHORT_STRING_BYTES = 32;
const shortStrings = new Map<number, string>();

function shortAscii(buf: Buffer, start: number, end: number): string {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  const hit = shortStrings.get(h);
  if (hit !== undefined && hit.length === end - start) {
    let k = 0;
    while (k < hit.length && hit.charCodeAt(k) === buf[start + k]) k++;
    if (k === hit.length) return hit;
  }
  const text = buf.toString('latin1', start, end);
  if (shortStrings.size < 4096) shortStrings.set(h, text);
  return text;
}

/**
 * Decodes the last `maxChars`-ish characters of a JSON string value: enough to read a final verdict
 * without decoding a long rationale. Starts at a byte that cannot be inside an escape or a UTF-8 sequence.
 */
export function decodeStringTail(buf: Buffer, range: [number, number], maxBytes: number): { text: string; complete: boolean } {
  const [open, close] = range; // close is just past the closing quote
  let start = Math.max(open + 1, close - 1 - maxBytes);
  if (start === open + 1) return { text: JSON.parse(buf.toString('utf8', open, close)) as string, complete: true };
  // Step forward to a plain ASCII byte that is not escaped and not part of a \uXXXX sequence.
  for (; start < close - 1; start++) {
    const b = buf[start] as number;
    if (b >= 0x80 || b === BACKSLASH) continue;
    let backslashes = 0;
    for (let k = start - 1; k > open && buf[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 1) continue;
    // inside "\uXXXX"? look back up to 5 bytes for an unescaped "\u"
    let inUnicode = false;
    for (let k = start - 1; k >= Math.max(open + 1, start - 5); k--) {
      if (buf[k] === 0x75 && buf[k - 1] === BACKSLASH) {
        inUnicode = start - k <= 4;
        break;
      }
    }
    if (!inUnicode) break;
  }
  return { text: JSON.parse(`"${buf.toString('utf8', start, close - 1)}"`) as string, complete: false };
}
