/**
 * A seeded fuzzer of almost-JSON lines: the byte-level fast tally must never count what the full
 * parser rejects (raw NUL or tab in a string, bare words, NaN, single quotes, bad escapes, control
 * characters, duplicate keys, deep nesting, huge numbers). Fast, parallel and full tallies agree on
 * every case, also on crash-damaged files (NUL runs, JSON lines that are no object, records over
 * --max-record-bytes), and the strict validator agrees with JSON.parse line by line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStrictJson } from '../../../../src/core/io/strictJson';
import { fuzzLines, parses } from '../nearMisses';
import { computeStats } from '../../../../src/core/tally/fileTally';
import type { FileStats } from '../../../../src/core/tally/fileTally';
import { seeded } from '../synthetic';
import { tempFile } from '../../paths';

test('the strict validator accepts exactly what JSON.parse accepts (nesting up to the limit)', () => {
  const lines = fuzzLines(2026, 3000);
  const extra = ['', ' ', '1', '-0', '0.5e-3', '"a"', 'true', 'nul', '[]', '{}', '[1,]', '{"a":1,}', '[[]]', '{"a":{}}', '[1 2]', '{"a" : [ 1 , { "b" : null } ] }', '"\\u00e9\\n"', '"\t"', '{"a":1}{"b":2}'];
  let rejected = 0;
  for (const line of [...lines, ...extra]) {
    const buf = Buffer.from(line);
    const expected = parses(line);
    if (!expected) rejected++;
    assert.equal(isStrictJson(buf, 0, buf.length), expected, JSON.stringify(line.slice(0, 200)));
  }
  assert.ok(rejected > 1000, `the corpus has near misses (${rejected})`);
});

function comparable(s: FileStats) {
  return { overall: s.overall, groups: s.groups, malformed: s.malformed, warnings: s.warnings, issues: s.issues };
}

test('fast, parallel and full tallies agree on a seeded corpus of hostile lines', async () => {
  for (const seed of [1, 2, 3]) {
    const path = tempFile(`fuzz-${seed}.jsonl`, fuzzLines(seed, 1500).join('\n') + '\n');
    const full = await computeStats(path, { strict: true, maxIssues: 100_000 });
    const fast = await computeStats(path, { workers: 1, maxIssues: 100_000 });
    const parallel = await computeStats(path, { workers: 3, maxIssues: 100_000 });
    assert.ok(full.malformed > 300, `seed ${seed}: ${full.malformed} malformed`);
    assert.deepEqual(comparable(fast), comparable(full), `seed ${seed}: fast`);
    assert.deepEqual(comparable(parallel), comparable(full), `seed ${seed}: parallel`);
  }
});

/** Whole lines as a crash or a stray tool leaves them: NUL runs, NUL-padded cuts, JSON that is no object. */
const DAMAGED_LINES: readonly ((line: string, rand: () => number) => string)[] = [
  (_l, rand) => '\u0000'.repeat(1 + Math.floor(rand() * 5000)), // a run of NULs where a line was
  (l, rand) => l.slice(0, Math.floor(rand() * l.length)) + '\u0000'.repeat(1 + Math.floor(rand() * 300)), // cut, padded with NULs
  (l, rand) => l.slice(0, Math.floor(rand() * l.length)) + '\u0000' + l.slice(Math.floor(rand() * l.length)), // one NUL inside
  () => '[1]',
  () => 'null',
  () => '"a string"',
  (l) => `[${l}]`, // a record wrapped in an array
];

function damagedFile(seed: number, n: number): string[] {
  const rand = seeded(seed);
  const lines = fuzzLines(seed, n).map((l) => (rand() < 0.1 ? (DAMAGED_LINES[Math.floor(rand() * DAMAGED_LINES.length)] as (l: string, r: () => number) => string)(l, rand) : l));
  // The first lines decide the container and whether the file is text: damage them too.
  const head = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => (DAMAGED_LINES[Math.floor(rand() * DAMAGED_LINES.length)] as (l: string, r: () => number) => string)(lines[0] as string, rand));
  return [...head, ...lines];
}

test('fast, parallel and full tallies agree on crash-damaged files (NUL runs, lines that are JSON but no object, records over the cap)', async () => {
  for (const seed of [11, 12, 13, 14]) {
    const lines = damagedFile(seed, 800);
    const path = tempFile(`damaged-${seed}.jsonl`, lines.join('\n') + '\n');
    const lengths = lines.map((l) => Buffer.byteLength(l)).sort((a, b) => a - b);
    // Without a cap, then with one that about a third of the lines are over.
    for (const cap of [undefined, lengths[Math.floor(lengths.length * 0.66)] as number]) {
      const caps = cap ? { maxEntryBytes: cap } : {};
      const full = await computeStats(path, { strict: true, maxIssues: 100_000, ...caps });
      const fast = await computeStats(path, { workers: 1, maxIssues: 100_000, ...caps });
      const parallel = await computeStats(path, { workers: 3, maxIssues: 100_000, ...caps });
      assert.ok(full.overall.records > 300, `seed ${seed} cap ${cap}: ${full.overall.records} records`);
      assert.ok(full.issues.some((i) => /NUL bytes/.test(i.message)), `seed ${seed}: NUL lines reported`);
      assert.deepEqual(comparable(fast), comparable(full), `seed ${seed} cap ${cap}: fast`);
      assert.deepEqual(comparable(parallel), comparable(full), `seed ${seed} cap ${cap}: parallel`);
    }
  }
});

test('deep nesting anywhere is an error for that record, never a stack overflow of the run (--by included)', async () => {
  const good = { id: 'g', gt_label: 'A', response_A: 'x', response_B: 'y', model_pred: 'A', model_judgment: '\\boxed{A}', deep: 1 };
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const lines = [JSON.stringify(good), JSON.stringify(good).replace('"deep":1', `"deep":${deep}`), JSON.stringify(good).replace('"deep":1', `"deep":{"subset":${deep}}`)];
  const path = tempFile('deep.jsonl', lines.join('\n') + '\n');
  for (const options of [{}, { strict: true }, { by: 'deep' }, { by: 'deep.subset' }]) {
    const s = await computeStats(path, options);
    assert.equal(s.overall.records, 1, JSON.stringify(options));
    assert.equal(s.malformed, 2);
    assert.match(s.issues[0]?.message ?? '', /nested deeper than 1,000 levels/);
  }
});

test('strings are validated exactly at every alignment: quotes, escapes and control bytes in any of a word\'s four bytes', () => {
  const rand = seeded(4242);
  const alphabet = ['a', 'é', '中', '"', '\\', '\\"', '\\\\', '\\n', '\\u00e9', '\\u12G4', '\\x', '\t', '\u0000', '\u001f', ' ', '/', '\\/', 'u', '0'];
  let accepted = 0;
  let rejected = 0;
  for (let n = 0; n < 6000; n++) {
    let body = '';
    const len = Math.floor(rand() * 24);
    for (let k = 0; k < len; k++) body += alphabet[Math.floor(rand() * alphabet.length)] as string;
    const text = n % 3 === 0 ? `"${body}"` : n % 3 === 1 ? `{"k${body}": "${body}",\t"z": [1, "${body}"]}` : `["${'x'.repeat(n % 9)}${body}"]`;
    const bytes = Buffer.from(text);
    // The text at each offset into a larger buffer, so its strings start at every position within a word.
    const lead = n % 8;
    const buf = Buffer.alloc(lead + bytes.length + 5, 0x22);
    bytes.copy(buf, lead);
    const expected = parses(text);
    if (expected) accepted++;
    else rejected++;
    assert.equal(isStrictJson(buf, lead, lead + bytes.length), expected, JSON.stringify(text));
  }
  assert.ok(accepted > 500 && rejected > 500, `both outcomes are exercised (${accepted} valid, ${rejected} not)`);
});
