/**
 * Catastrophic backtracking: every built-in verdict pattern, the token normalisation and user
 * patterns run in linear time. Texts of 1 MB built from each pattern's own tokens, whitespace runs
 * and near misses are read in under 50 ms each (before the fix: 11 s on 3,000 characters).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_PATTERNS, compileUserPatterns, normalizeVerdictToken, parseVerdict } from '../../../src/core/verdict';
import { seeded } from '../core/synthetic';

const MB = 1 << 20;
/** Pieces the built-in patterns are made of, and the characters their quantifiers range over. */
const TOKENS = ['final verdict', 'verdict', 'winner', 'is', ':', '：', '*', '**', 'Result', '[RESULT]', 'output', 'Output', 'response', '(', ')', 'A', 'b', 'tie', '[[', ']]', '<answer>', '</answer>', '\\boxed{', '\\text{', '}', '"verdict"', '"', '>', '>>', '=', '1', '-1.5', '<think>', '</think>', '.', '\n\n'];
const SPACES = [' ', '\t', '\n', '   ', ' \t \n'];

function adversarial(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const unit: string[] = [];
  const parts = 2 + Math.floor(rand() * 5);
  for (let k = 0; k < parts; k++) unit.push(pick(TOKENS), pick(SPACES).repeat(1 + Math.floor(rand() * (rand() < 0.3 ? 4000 : 20))));
  const u = unit.join('');
  return u.repeat(Math.ceil(MB / u.length)).slice(0, MB);
}

function ms(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The best of three runs: a timing taken while the machine is busy elsewhere is not the code's. */
function bestOf3(f: () => void): number {
  return Math.min(ms(f), ms(f), ms(f));
}

test('every built-in verdict pattern reads a 1 MB adversarial text in under 50 ms', () => {
  const rand = seeded(404);
  const texts = [
    // The cases that hung the parser before: three adjacent whitespace quantifiers, long runs.
    `verdict: ${' '.repeat(MB - 20)}output`,
    `**Final Verdict:**${' \t'.repeat(MB / 2 - 20)}`,
    `\\boxed{A${' '.repeat(MB - 20)}`,
    `<answer>[[${' '.repeat(MB - 30)}`,
    `**Result${' '.repeat(MB - 20)}`,
    ...Array.from({ length: 60 }, () => adversarial(rand)),
  ];
  let worst = 0;
  for (const text of texts) {
    const t = bestOf3(() => parseVerdict(text));
    worst = Math.max(worst, t);
    assert.ok(t < 50, `${t.toFixed(1)} ms on ${JSON.stringify(text.slice(0, 80))}…`);
    // Each pattern on its own, past the anchors that usually spare it the text.
    for (const p of BUILTIN_PATTERNS) {
      const re = new RegExp(p.regex.source, p.regex.flags);
      const one = ms(() => {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length === 0) re.lastIndex++;
      });
      assert.ok(one < 50, `${p.name}: ${one.toFixed(1)} ms on ${JSON.stringify(text.slice(0, 80))}…`);
    }
  }
  console.log(`worst built-in parse of a 1 MB adversarial text: ${worst.toFixed(1)} ms`);
});

test('token normalisation is linear on 200,000-character runs of trimmed characters', () => {
  for (const ch of [')', '.', '"', "'", ']', '(', '[', '*']) {
    const token = ch.repeat(200_000) + 'x' + ch.repeat(10);
    const t = bestOf3(() => normalizeVerdictToken(token));
    assert.ok(t < 50, `${ch}: ${t.toFixed(1)} ms`);
  }
  assert.equal(normalizeVerdictToken('"(B)."'), 'B');
  assert.equal(normalizeVerdictToken('**A**'), 'A');
});

test('user patterns run on a linear-time engine: no pattern can hang the tool', () => {
  const { patterns, errors } = compileUserPatterns(['Winner: (.*)', '(a+)+(?<verdict>b)', 'Choice:\\s*(\\s*)*(?<verdict>[12])']);
  assert.deepEqual(errors, []);
  // Linear: twice the text takes about twice the time (a backtracking engine takes 2^n here), and
  // 1 MB stays well under the time a per-record budget would allow.
  for (const [text, half] of [
    ['Winner: ' + 'a.'.repeat(MB / 4), 'Winner: ' + 'a.'.repeat(MB / 8)],
    ['a'.repeat(MB), 'a'.repeat(MB / 2)],
    ['Choice:' + ' '.repeat(MB), 'Choice:' + ' '.repeat(MB / 2)],
  ] as const) {
    const t = bestOf3(() => parseVerdict(text, { extraPatterns: patterns }));
    const h = bestOf3(() => parseVerdict(half, { extraPatterns: patterns }));
    assert.ok(t < 2000, `${t.toFixed(0)} ms on ${JSON.stringify(text.slice(0, 40))}`);
    assert.ok(t < 3.5 * h + 20, `not linear: ${h.toFixed(0)} ms on half, ${t.toFixed(0)} ms on the whole`);
  }
  // They still read verdicts, named or first group, case-insensitively; the last one wins.
  const one = compileUserPatterns(['Selected: #(?<verdict>[12])']).patterns;
  assert.equal(parseVerdict('selected: #1 … Selected: #2', { extraPatterns: one }).verdict, 'B');
  // What RE2 cannot run is refused with the reason.
  const refused = compileUserPatterns(['(?<=Winner: )(A|B)', '(A)\\1']);
  assert.equal(refused.patterns.length, 0);
  assert.match(refused.errors[0] ?? '', /linear-time engine/);
});
