/**
 * parquetJson.ts measures a row's JSON text without writing it (the index's byte ranges) and reads
 * members as JSON.parse would give them back: both checked against the text itself, on seeded
 * random rows holding every kind of value a Parquet reader gives (64-bit integers, binary, dates,
 * NaN, -0, missing values, escapes, control characters, surrogates, non-ASCII text, nesting).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_ROW_DEPTH, OMITTED, asParsed, rowText, rowTextBytes } from '../../../../src/core/io/containers/parquetJson';
import { textVerdict } from '../../../../src/core/session/parquetRecords';
import { crossCheckVerdict } from '../../../../src/core/tally/fastTally';
import { seeded } from '../synthetic';

const PIECES = ['a', 'é', '日本', '😀', '"', '\\', '\n', '\t', '\r', '\u0001', '\u001f', '\b', '\f', '\u2028', '\ud800', '\udfff', ' ', '\u007f', '\u0000', '/'];

function randomString(rand: () => number, max: number): string {
  let s = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

function randomValue(rand: () => number, depth: number): unknown {
  const kind = Math.floor(rand() * (depth > 3 ? 9 : 11));
  switch (kind) {
    case 0: return null;
    case 1: return undefined;
    case 2: return rand() < 0.5;
    case 3: return [0, -0, 1.5, 1e21, 1e-7, NaN, Infinity, -Infinity, 2 ** 53, -123][Math.floor(rand() * 10)];
    case 4: return BigInt(Math.floor(rand() * 1e6)) * 10_000_000_000n;
    case 5: return new Uint8Array(Array.from({ length: Math.floor(rand() * 9) }, () => Math.floor(rand() * 256)));
    case 6: return new Date(Math.floor(rand() * 2e12));
    case 7:
    case 8: return randomString(rand, 40);
    case 9: return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [randomString(rand, 5), randomValue(rand, depth + 1)]));
  }
}

test('a row\'s text is measured without writing it, and its members read back as JSON.parse gives them', () => {
  const rand = seeded(11);
  for (let k = 0; k < 3000; k++) {
    const row = Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => [`${randomString(rand, 3)}${i}`, randomValue(rand, 0)]));
    const text = rowText(row);
    assert.equal(rowTextBytes(row), Buffer.byteLength(text), text);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    for (const key of Object.keys(row)) {
      const value = asParsed(row[key], key);
      if (value === OMITTED) assert.ok(!(key in parsed), `${key} is left out of ${text}`);
      else assert.deepEqual(value, parsed[key], `${key} in ${text}`);
    }
  }
});

test('a row nested deeper than the fast read goes is left to the text path', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < MAX_ROW_DEPTH + 2; i++) deep = [deep];
  assert.equal(rowTextBytes({ deep }), undefined);
  assert.equal(rowTextBytes({ shallow: [[['x']]] }), Buffer.byteLength(rowText({ shallow: [[['x']]] })));
});

test('a judgment\'s cross-checked verdict, read from its text, is the one read from its JSON bytes', () => {
  const rand = seeded(5);
  const endings = ['\\boxed{A}', '[[B]]', '[[A>>B]]', 'Final verdict: tie', 'Output (b)', 'the answer is A.', '', '[[B]] .\n'];
  for (let k = 0; k < 4000; k++) {
    const before = randomString(rand, 400) + 'w'.repeat(Math.floor(rand() * 1400));
    const middle = rand() < 0.3 ? endings[Math.floor(rand() * endings.length)] as string : '';
    const after = randomString(rand, 30) + 'v'.repeat(rand() < 0.3 ? 560 + Math.floor(rand() * 600) : Math.floor(rand() * 200));
    const text = before + middle + after + (endings[Math.floor(rand() * endings.length)] as string);
    const bytes = Buffer.from(JSON.stringify(text));
    assert.equal(textVerdict(text), crossCheckVerdict(bytes, [0, bytes.length]).verdict, JSON.stringify(text.slice(-200)));
  }
});
