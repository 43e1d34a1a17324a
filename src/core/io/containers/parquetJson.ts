/**
 * A Parquet row as JSON: its text as a JSONL line holds it (64-bit integers as numbers, binary as
 * base64), and, without writing that text, its length in UTF-8 bytes and any of its values as
 * JSON.parse would give them back. The index reads rows without their text (session/parquetRecords.ts)
 * and still gives each record the byte range its line has in the decoded JSONL.
 */

export function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(row, jsonValue);
}

/** What JSON.parse of a JSONL line would give for the values JSON has no type for. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return value;
}

/** Left out of the text: an object member with this value is not written, an array element is `null`. */
export const OMITTED = Symbol('omitted');

/** Nesting deeper than this is left to the text path (which refuses records nested too deep). */
export const MAX_ROW_DEPTH = 64;

/** What JSON.stringify(·, jsonValue) writes for `value` before looking inside it: toJSON, then the replacer. */
function serialized(value: unknown, key: string): unknown {
  let v = value;
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = (toJSON as (key: string) => unknown).call(v, key);
  }
  v = jsonValue(key, v);
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return OMITTED;
  // JSON writes NaN and the infinities as null, -0 as 0.
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
  return v;
}

/** A string needs escaping in JSON (or holds a surrogate, which UTF-8 counts apart): its text is written to be measured. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringBytes(s: string): number {
  return SPECIAL.test(s) ? Buffer.byteLength(JSON.stringify(s)) : Buffer.byteLength(s) + 2;
}

/**
 * Buffer.byteLength(rowText(row)), without writing the text; undefined when the row is nested deeper
 * than MAX_ROW_DEPTH (the caller then writes the text).
 */
export function rowTextBytes(row: Record<string, unknown>): number | undefined {
  try {
    return sizeOf(serialized(row, ''), 0);
  } catch (err) {
    if (err === TOO_DEEP) return undefined;
    throw err;
  }
}

const TOO_DEEP = new Error('nested too deep');

/** The UTF-8 length of a value JSON.stringify has already put through toJSON and the replacer. */
function sizeOf(v: unknown, depth: number): number {
  if (v === OMITTED || v === null) return 4;
  switch (typeof v) {
    case 'string':
      return stringBytes(v);
    case 'number':
      return String(v).length;
    case 'boolean':
      return v ? 4 : 5;
    case 'object':
      break;
    default:
      // Anything else JSON.stringify would not write: the text path says what it makes of it.
      throw TOO_DEEP;
  }
  if (depth >= MAX_ROW_DEPTH) throw TOO_DEEP;
  if (Array.isArray(v)) {
    let n = 2 + Math.max(0, v.length - 1);
    for (let i = 0; i < v.length; i++) n += sizeOf(serialized(v[i], String(i)), depth + 1);
    return n;
  }
  const o = v as Record<string, unknown>;
  let n = 2;
  let members = 0;
  for (const k of Object.keys(o)) {
    const member = serialized(o[k], k);
    if (member === OMITTED) continue;
    n += stringBytes(k) + 1 + sizeOf(member, depth + 1);
    members++;
  }
  return n + Math.max(0, members - 1);
}

/** `value` (a row's member named `key`) as JSON.parse would read it back from the row's text; OMITTED when the text leaves it out. */
export function asParsed(value: unknown, key: string): unknown {
  const v = serialized(value, key);
  if (v === null || v === OMITTED || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    return v.map((e, i) => {
      const p = asParsed(e, String(i));
      return p === OMITTED ? null : p;
    });
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const p = asParsed((v as Record<string, unknown>)[k], k);
    if (p !== OMITTED) Object.defineProperty(out, k, { value: p, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
