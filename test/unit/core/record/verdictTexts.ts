/**
 * Texts that made backtracking verdict patterns hang (11 s on 3,000 characters before the fix):
 * 1 MB built from the built-in patterns' own tokens, whitespace runs and near misses. Shared by the
 * functional test (every one reads, with the right answer) and bench/verdict.bench.ts (how long).
 */
import { seeded } from '../synthetic';

export const MB = 1 << 20;
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

/** The cases that hung the parser before, then 60 seeded adversarial texts. */
export function adversarialVerdictTexts(): string[] {
  const rand = seeded(404);
  return [
    `verdict: ${' '.repeat(MB - 20)}output`,
    `**Final Verdict:**${' \t'.repeat(MB / 2 - 20)}`,
    `\\boxed{A${' '.repeat(MB - 20)}`,
    `<answer>[[${' '.repeat(MB - 30)}`,
    `**Result${' '.repeat(MB - 20)}`,
    ...Array.from({ length: 60 }, () => adversarial(rand)),
  ];
}

/** Runs of the characters token normalisation trims, 200,000 long. */
export const TRIMMED_RUNS = [')', '.', '"', "'", ']', '(', '[', '*'].map((ch) => ch.repeat(200_000) + 'x' + ch.repeat(10));

/** User patterns a backtracking engine takes 2^n on, and texts that trigger it. */
export const HOSTILE_USER_PATTERNS = ['Winner: (.*)', '(a+)+(?<verdict>b)', 'Choice:\\s*(\\s*)*(?<verdict>[12])'];
export const HOSTILE_USER_TEXTS: readonly (readonly [whole: string, half: string])[] = [
  ['Winner: ' + 'a.'.repeat(MB / 4), 'Winner: ' + 'a.'.repeat(MB / 8)],
  ['a'.repeat(MB), 'a'.repeat(MB / 2)],
  ['Choice:' + ' '.repeat(MB), 'Choice:' + ' '.repeat(MB / 2)],
];
