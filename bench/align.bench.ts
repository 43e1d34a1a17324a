/**
 * Timing of the semantic alignment engine (src/core/align) on typical, long and pathological
 * inputs, against two baselines measured in the same run:
 *  - `diffWords`: a plain jsdiff word diff of the two whole texts (what a "character diff" view
 *    would cost), run once per case with a 3 s safety timeout;
 *  - `jaccard`: naive all-pairs Jaccard over naively split sentences (O(n·m), no index).
 *
 * Targets: < 20 ms median for a typical 2 KB × 2 KB pair, < 500 ms for every case (2-core machine).
 * Run standalone after `npx tsc -p tsconfig.json`: `node out/bench/align.bench.js`.
 */
import { diffWords } from 'diff';
import { alignRationale } from '../src/core/align';
import { seeded } from '../test/unit/core/synthetic';

export interface AlignBenchResult {
  name: string;
  /** Median wall time of alignRationale over `runs` runs. */
  ms: number;
  maxMs: number;
  runs: number;
  goldChars: number;
  rationaleChars: number;
  goldClaims: number;
  rationaleClaims: number;
  pairs: number;
  /** The engine hit its work budget or a diff bound (expected on pathological input). */
  truncated: boolean;
  baselineDiffWordsMs: number;
  /** True when the baseline word diff gave up at its 3 s timeout (its time is then a lower bound). */
  baselineDiffWordsTimedOut: boolean;
  baselineJaccardMs: number;
  targetMs: number;
  pass: boolean;
}

// Deterministic PRNG so every run benches the same texts.
const rng = seeded;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const SUBJECTS = ["Assistant A's answer", "Assistant B's answer", 'Response 1', '@Response 2', 'Output (a)', 'The second response', 'It', 'B'];
const VERBS = ['correctly computes', 'fails to mention', 'incorrectly states', 'clearly explains', 'omits', 'hallucinates', 'accurately converts', 'ignores', 'handles', 'misreads'];
const OBJECTS = [
  'the unit conversion from grams to kilograms',
  'the edge case of an empty list',
  'the 2019 study on sleep and memory',
  'the requested markdown table format',
  'the final total of $180',
  'the off-by-one error in the loop bound',
  'the legal risk of picking a lock',
  'the boiling point at high altitude',
  'the LEFT JOIN needed to keep every customer',
  'the word limit of 50 words',
];
const TAILS = ['', ', which makes its final answer wrong', ', so the result is off by a factor of 1000', ' and gives a clear example', ', while the other response does not', ' as the user asked'];

/** Rationale-like markdown: paragraphs of evaluative sentences, list items, a heading, a verdict. */
function rationaleText(seed: number, chars: number): string {
  const r = rng(seed);
  const parts: string[] = ['## Evaluation\n'];
  let len = 0;
  while (len < chars) {
    const kind = r();
    let block: string;
    if (kind < 0.6) {
      const n = 2 + Math.floor(r() * 4);
      const sentences: string[] = [];
      for (let i = 0; i < n; i++) sentences.push(`${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}${pick(r, TAILS)}.`);
      block = sentences.join(' ') + '\n';
    } else if (kind < 0.9) {
      block = `${pick(r, SUBJECTS)}:\n` + Array.from({ length: 3 }, () => `- ${pick(r, VERBS)} ${pick(r, OBJECTS)}${pick(r, TAILS)}.`).join('\n') + '\n';
    } else {
      block = '```python\nfor i in range(1, n):\n    total += values[i]\n```\n';
    }
    parts.push(block);
    len += block.length + 1;
  }
  parts.push('My final verdict is: [[B>A]]');
  return parts.join('\n');
}

function words(seed: number, chars: number, sep: string): string {
  const r = rng(seed);
  const vocab = ['answer', 'error', 'response', 'unit', 'kilogram', 'loop', 'bound', 'list', 'empty', 'table', 'format', 'study', 'citation', 'correct', 'wrong', 'missing', 'the', 'a', 'B', 'A'];
  let s = '';
  while (s.length < chars) s += pick(r, vocab) + sep;
  return s;
}

interface Case {
  name: string;
  gold: string;
  rationale: string;
  targetMs: number;
  runs: number;
}

function cases(): Case[] {
  const K = 1024;
  const cjk = (seed: number): string => {
    const r = rng(seed);
    const chars = '回答的计算错误单位换算正确结果准确遗漏格式清晰详细解释代码示例翻译总结答案问题用户要求';
    let s = '回答A';
    while (s.length < 50 * K) s += chars[Math.floor(r() * chars.length)] ?? '';
    return s;
  };
  return [
    { name: 'typical 2KB x 2KB', gold: rationaleText(1, 2 * K), rationale: rationaleText(2, 2 * K), targetMs: 20, runs: 51 },
    { name: 'long 50KB x 50KB', gold: rationaleText(3, 50 * K), rationale: rationaleText(4, 50 * K), targetMs: 500, runs: 7 },
    { name: 'same text 50KB x 50KB', gold: rationaleText(5, 50 * K), rationale: rationaleText(5, 50 * K), targetMs: 500, runs: 7 },
    { name: 'one huge line, no breaks 50KB', gold: words(6, 50 * K, ' '), rationale: words(7, 50 * K, ' '), targetMs: 500, runs: 7 },
    { name: 'repetitive "the answer is wrong" 50KB', gold: 'the answer is wrong '.repeat(2600), rationale: 'the answer is wrong '.repeat(2600), targetMs: 500, runs: 7 },
    { name: 'repetitive bare letters "A B " 50KB', gold: 'A is B and A '.repeat(4000), rationale: 'B is A and B '.repeat(4000), targetMs: 500, runs: 7 },
    { name: 'one 50KB token', gold: 'a'.repeat(50 * K), rationale: 'a'.repeat(50 * K - 1) + 'b', targetMs: 500, runs: 7 },
    { name: 'tiny sentences "Ab. " 50KB', gold: 'Ab. '.repeat(12800), rationale: 'Cd ab. '.repeat(7300), targetMs: 500, runs: 7 },
    { name: 'near-duplicate sentences 50KB', gold: Array.from({ length: 900 }, (_, i) => `Assistant A makes an error in step ${i}.`).join(' '), rationale: Array.from({ length: 900 }, (_, i) => `Assistant B makes a mistake in step ${900 - i}.`).join(' '), targetMs: 500, runs: 7 },
    { name: 'unclosed code fence 50KB', gold: '```\n' + words(8, 50 * K, '\n'), rationale: '```js\n' + words(9, 50 * K, ';\n'), targetMs: 500, runs: 7 },
    { name: 'CJK without punctuation 50KB', gold: cjk(10), rationale: cjk(11), targetMs: 500, runs: 7 },
    { name: 'quote storm 50KB', gold: '"a" "b. C" '.repeat(4600), rationale: '“x. Y” "'.repeat(6000), targetMs: 500, runs: 7 },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The naive baseline: split on sentence punctuation, token sets, Jaccard for every pair. */
function naiveJaccard(gold: string, rationale: string): number {
  const split = (t: string): Set<string>[] =>
    t
      .split(/[.!?\n]+/)
      .filter((s) => s.trim())
      .map((s) => new Set(s.toLowerCase().split(/\W+/).filter(Boolean)));
  const g = split(gold);
  const r = split(rationale);
  let best = 0;
  for (const a of g) {
    for (const b of r) {
      let inter = 0;
      for (const x of a) if (b.has(x)) inter++;
      const j = inter / (a.size + b.size - inter || 1);
      if (j > best) best = j;
    }
  }
  return best;
}

function time(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The typical case alone, for profiling: `node -e "require('./out/bench/align.bench.js').typicalPair()"`. */
export function typicalPair(): { gold: string; rationale: string } {
  return { gold: rationaleText(1, 2048), rationale: rationaleText(2, 2048) };
}

export async function benchAlign(): Promise<AlignBenchResult[]> {
  const results: AlignBenchResult[] = [];
  // Warm-up so the first case does not pay for JIT compilation (an extension aligns many records).
  for (let i = 0; i < 40; i++) alignRationale({ gold: rationaleText(100 + i, 2048), rationale: rationaleText(200 + i, 2048) });
  for (const c of cases()) {
    const times: number[] = [];
    let last = alignRationale({ gold: c.gold, rationale: c.rationale });
    for (let i = 0; i < c.runs; i++) times.push(time(() => (last = alignRationale({ gold: c.gold, rationale: c.rationale }))));
    let diffResult: unknown;
    const diffMs = time(() => (diffResult = diffWords(c.gold, c.rationale, { timeout: 3000 })));
    const jaccardMs = median([0, 1, 2].map(() => time(() => naiveJaccard(c.gold, c.rationale))));
    const ms = median(times);
    const maxMs = Math.max(...times);
    results.push({
      name: c.name,
      ms,
      maxMs,
      runs: c.runs,
      goldChars: c.gold.length,
      rationaleChars: c.rationale.length,
      goldClaims: last.gold.length,
      rationaleClaims: last.rationale.length,
      pairs: last.pairs.length,
      truncated: last.truncated,
      baselineDiffWordsMs: diffMs,
      baselineDiffWordsTimedOut: diffResult === undefined,
      baselineJaccardMs: jaccardMs,
      targetMs: c.targetMs,
      pass: ms < c.targetMs && maxMs < 500,
    });
    // Yield between cases so a caller's event loop stays responsive.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

function printTable(results: readonly AlignBenchResult[]): void {
  const f = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  console.log('case'.padEnd(40), 'chars'.padStart(13), 'claims'.padStart(10), 'pairs'.padStart(6), 'median'.padStart(8), 'max'.padStart(7), 'diffWords'.padStart(10), 'x'.padStart(6), 'jaccard'.padStart(8), 'x'.padStart(6), ' target');
  for (const r of results) {
    console.log(
      r.name.padEnd(40),
      `${r.goldChars}/${r.rationaleChars}`.padStart(13),
      `${r.goldClaims}/${r.rationaleClaims}`.padStart(10),
      String(r.pairs).padStart(6),
      f(r.ms).padStart(8),
      f(r.maxMs).padStart(7),
      ((r.baselineDiffWordsTimedOut ? '>' : '') + f(r.baselineDiffWordsMs)).padStart(10),
      (r.baselineDiffWordsMs / Math.max(r.ms, 0.01)).toFixed(1).padStart(6),
      f(r.baselineJaccardMs).padStart(8),
      (r.baselineJaccardMs / Math.max(r.ms, 0.01)).toFixed(1).padStart(6),
      ` <${r.targetMs} ms ${r.pass ? 'ok' : 'MISSED'}${r.truncated ? ' (truncated)' : ''}`,
    );
  }
  console.log('x = baseline time / alignRationale median (above 1: the engine is faster than the baseline).');
}

if (require.main === module) {
  benchAlign()
    .then((results) => {
      printTable(results);
      if (results.some((r) => !r.pass)) process.exitCode = 1;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
