/**
 * The cross-check's fast path (record/verdictTail.ts) answers exactly what `parseVerdict` answers
 * on the decoded tail (verdict, pattern, start, completeness) whenever it answers at all: on seeded
 * generated tails built to attack each step of its proof, on every string in the real fixtures,
 * each written plainly and with escapes; and it does answer on the endings R-Align files have.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStringTail } from '../../../../src/core/io/jsonScan';
import { compileUserPatterns, parseVerdict } from '../../../../src/core/record/verdict';
import { tailVerdict } from '../../../../src/core/record/verdictTail';
import { seeded } from '../synthetic';
import { fixturesDir } from '../../paths';

const TAIL = 512;
const PREFIX = '{"id":"x","model_judgment":';

/** JSON for `text` with non-ASCII (and, at `rate`, any character) written as `\uXXXX`. */
function escapedJson(text: string, rand: () => number, rate: number): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code > 0x7e || rand() < rate) {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else out += JSON.stringify(ch).slice(1, -1);
  }
  return `${out}"`;
}

interface Outcome {
  taken: boolean;
}

/** Compares the fast path with parseVerdict on the decoded tail of the JSON string `json`. */
function check(json: string, label: string, maxBytes = TAIL): Outcome {
  const buf = Buffer.from(`${PREFIX}${json}}`);
  const range: [number, number] = [Buffer.byteLength(PREFIX), Buffer.byteLength(PREFIX) + Buffer.byteLength(json)];
  const fast = tailVerdict(buf, range[0], range[1], maxBytes);
  if (!fast) return { taken: false };
  const tail = decodeStringTail(buf, range, maxBytes);
  const full = parseVerdict(tail.text, { extraPatterns: [] });
  const where = `${label}: …${JSON.stringify(tail.text.slice(-80))}`;
  assert.deepEqual({ verdict: fast.verdict, pattern: fast.pattern, start: fast.start, complete: fast.complete }, { verdict: full.verdict, pattern: full.pattern, start: full.start, complete: tail.complete }, where);
  // Counted only up to a threshold (what the tally passes), the start is min(start, threshold).
  const capped = tailVerdict(buf, range[0], range[1], maxBytes, undefined, 150);
  assert.deepEqual(capped, { ...fast, start: Math.min(full.start, 150) }, `${where} (start counted up to 150)`);
  return { taken: true };
}

const PROSE = ['The response ', 'answers ', 'B is better ', 'A errs. ', 'café ', '中文的回答 ', '👍🙂 ', 'naïve ', 'output ', 'Output (a) ', 'Output (b) is better', '\n\n', '\t', ' ', '**', '"', '\\', '\b', '\u0001', '\u2028', '\u00a0', '\ufeff', 'é'];
const TRAPS = [
  '[[A]]', '[[B]]', '[[C]]', '[[b]]', '[[A>>B]]', '[[B>A]]', '[[A=B]]', '[[A<<B]]', '[[A>A]]', '[[A>>>B]]', '[[ A ]]', '[[[B]]', '[[A]] ', '[A]]',
  '\\boxed{A}', '\\boxed{B}', 'boxed{C}', 'BOXED{a}', '\\boxed{\\text{B}}', '\\boxed{ A }', '\\boxed{A>B}', '\\\\boxed{B}', '\\bboxed{A}', 'oxed{A}', ';oxed{A}', 'Koxed{B}', '{oxed{C}',
  '<think>', '</think>', '<think>[[A]]</think>', '<answer>[[A]]</answer>', '<answer>B</answer>', '<answer>5</answer><answer>7</answer>', '</answer>',
  '"verdict": "B"', '{"winner": "A"}', 'verdict: A', 'Final verdict: B', 'winner: (a)', '[RESULT] A', '**Result:** B', '(b)', ')',
  'Output (a) is better', 'Output (b) was preferred', 'Output (a)', 'superior', 'tie', 'c',
];
const ENDINGS = ['', '', ' ', '.', '**', '!', '\n', '\n\n', ' \n', '\t', '.\n', '$', '`', '~', '?', ':', ';', ',', '"', ')', 'a', 'B', 'e', 'r', 'd', '>', ']', '}', '\\', '\b', 'é', '👍', '\u00a0', '\u2028', ' .*! \n'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** A judgment text: prose and traps, of a length that puts the 512-byte cut anywhere, then an ending. */
function generated(rand: () => number): string {
  let text = '';
  const target = rand() < 0.3 ? Math.floor(rand() * 200) : 200 + Math.floor(rand() * 900);
  while (text.length < target) text += rand() < 0.25 ? pick(rand, TRAPS) : pick(rand, PROSE);
  text += pick(rand, TRAPS);
  for (let n = Math.floor(rand() * 4); n > 0; n--) text += pick(rand, ENDINGS);
  return text;
}

test('the fast path equals parseVerdict on 60,000 generated tails (plain and escaped JSON)', () => {
  const rand = seeded(27);
  let taken = 0;
  let cases = 0;
  for (let i = 0; i < 20_000; i++) {
    const text = generated(rand);
    for (const [json, how] of [[JSON.stringify(text), 'plain'], [escapedJson(text, rand, 0), 'non-ASCII escaped'], [escapedJson(text, rand, 0.2), 'escapes anywhere']] as const) {
      cases++;
      if (check(json, `case ${i} (${how})`, rand() < 0.1 ? 1 + Math.floor(rand() * 40) : TAIL).taken) taken++;
    }
  }
  // The generator must reach the fast path often and leave it often, or it proves nothing.
  assert.ok(taken > cases / 10 && taken < (cases * 9) / 10, `fast path taken on ${taken} of ${cases}`);
});

test('adversarial endings: each either falls back or agrees', () => {
  const texts = [
    'A careless judge says [[A]]. Final: [[B]]',
    '<answer>[[A]]</answer>',
    '<think>so [[A]]</think>',
    '<think>so [[A]]',
    '<think>unclosed \\boxed{B}',
    'x</think>[[B]]',
    '[[A]]**',
    '[[A]]"',
    '[[B]] verdict: A',
    '[[B]]\nverdict: A',
    '\\boxed{B} Output (a) is better',
    'Output (a) \\boxed{B}',
    '[[b]]', '[[C]]', 'BOXED{c}', '[[a>>b]]', '[[B=A]]', '[[A>A]]',
    '\bboxed{A}',
    '\\\bboxed{A}',
    '\\\\boxed{A}',
    '"verdict": "[[A]]"',
    '[[A]]" ',
    '[[A]] )',
    '[RESULT] [[A]]',
    '**Result:** [[B]]',
    'Output (b) \u00e9 [[A]] \u00a0',
    '中文'.repeat(200) + '[[A]]',
    '👍'.repeat(300) + '\\boxed{B}',
    'é'.repeat(255) + '[[A]]',
  ];
  const rand = seeded(7);
  let taken = 0;
  for (const text of texts) {
    for (const pad of ['', 'x'.repeat(140), 'y'.repeat(600), 'é'.repeat(301)]) {
      const t = pad + text;
      if (check(JSON.stringify(t), JSON.stringify(t.slice(-60))).taken) taken++;
      check(escapedJson(t, rand, 0.3), `escaped ${JSON.stringify(t.slice(-60))}`);
      // The cut at every byte near the start of the tail.
      for (let max = 1; max < 40; max += 3) check(JSON.stringify(t), `max ${max}`, max);
    }
  }
  assert.ok(taken > 20, `taken ${taken}`);
});

test('the backslash before boxed: a decoded backslash is part of the match, a backspace escape is not', () => {
  const at = (json: string) => {
    const buf = Buffer.from(json);
    return tailVerdict(buf, 0, buf.length, TAIL)?.start;
  };
  assert.equal(at('"x \\\\boxed{A}"'), 2);
  assert.equal(at('"x \\bboxed{A}"'), 3);
  assert.equal(at('"x \\boxed{A}"'), undefined); // `\b` + "oxed{A}"
  assert.equal(at('"x \\u005cboxed{A}"'), undefined); // a `\` written as \u005c: full path
  for (const json of ['"x \\\\boxed{A}"', '"x \\bboxed{A}"']) check(json, json);
});

test('user patterns always take the full path', () => {
  const { patterns } = compileUserPatterns(['Verdict=([AB])']);
  const json = JSON.stringify('Fine. [[A]]');
  assert.equal(tailVerdict(Buffer.from(json), 0, json.length, TAIL, patterns), undefined);
  assert.ok(tailVerdict(Buffer.from(json), 0, json.length, TAIL, []));
});

test('the fast path is taken on R-Align endings (else the optimization has silently gone)', () => {
  const long = `<think>${'Compare the two responses carefully. '.repeat(40)}</think>\n\n${'Response B computes the sum correctly, A does not. '.repeat(20)}`;
  const cases: [string, string][] = [
    [`${long}\n\n\\boxed{B}`, 'B'],
    [`${long}.  \\boxed{A}`, 'A'],
    [`${long} \\boxed{A}.`, 'A'],
    [`${long}\n\n**Final verdict: [[B]]**\n`, 'B'],
    [`${long}\n\nMy final verdict is: Assistant A is significantly better: [[A>>B]]`, 'A'],
    [`${long}\n\n[[C]]`, 'tie'],
    [`${'中文的回答 👍 '.repeat(60)}\n\n\\boxed{B}`, 'B'],
    ['Short. \\boxed{A}', 'A'],
  ];
  for (const [text, verdict] of cases) {
    const json = JSON.stringify(text);
    const buf = Buffer.from(json);
    const fast = tailVerdict(buf, 0, buf.length, TAIL);
    assert.ok(fast, `not taken: …${JSON.stringify(text.slice(-40))}`);
    assert.equal(fast.verdict, verdict);
    check(json, text.slice(-40));
  }
});

/** Every string anywhere in a JSON value. */
function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(jsonl?|json)$/.test(name) ? [path] : [];
  });
}

test('every string in the real fixtures agrees, plain and escaped, at 512 bytes and whole', () => {
  const rand = seeded(11);
  let texts = 0;
  let taken = 0;
  for (const file of fixtureFiles(fixturesDir)) {
    const raw = readFileSync(file, 'utf8');
    const values = file.endsWith('.jsonl') ? raw.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) : [JSON.parse(raw) as unknown];
    for (const text of strings(values, [])) {
      texts++;
      if (check(JSON.stringify(text), file).taken) taken++;
      check(escapedJson(text, rand, 0.05), `${file} (escaped)`);
      check(JSON.stringify(text), `${file} (whole)`, Buffer.byteLength(text) * 6 + 2);
    }
  }
  assert.ok(texts > 1000 && taken > 100, `${texts} strings, fast path on ${taken}`);
});
