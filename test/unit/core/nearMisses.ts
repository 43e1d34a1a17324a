/** Near-miss JSON lines for the fuzzers: valid R-Align records, some mutated into what JSON.parse rejects (or other valid JSON). */
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../../src/core/io/strictJson';
import { seeded, syntheticRAlignRecord } from './synthetic';

/** Mutations that turn a valid record line into a near miss (or, sometimes, into other valid JSON). */
const MUTATIONS: readonly ((line: string, rand: () => number) => string)[] = [
  (l) => l.replace('"response_A": "', '"response_A": "\t'), // raw tab inside a string
  (l) => l.replace('"response_B": "', '"response_B": "\u0000'), // raw NUL
  (l) => l.replace('"response_A": "', '"response_A": "\u001b[31m'), // raw ESC
  (l) => l.replace(/"model_pred": "([AB])"/, '"model_pred": $1'), // a bare word
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": NaN'),
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": Infinity'),
  (l) => l.replace(/"gt_label": "([AB])"/, "'gt_label': '$1'"), // single quotes
  (l) => l.replace('"response_A": "', '"response_A": "\\x41'), // invalid escape
  (l) => l.replace('"response_A": "', '"response_A": "\\u12G4'), // bad \u
  (l) => l.replace('"response_A": "', '"response_A": "\\'), // escape at a string's end
  (l) => l.replace(/}$/, ', "gt_label": "B"}'), // duplicate key: the last wins
  (l) => l.replace(/}$/, ',}'), // trailing comma
  (l) => l.replace(/}$/, '} x'), // trailing garbage
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": 01'), // leading zero
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": 1.'),
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": -'),
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": 1e999999'), // huge but valid
  (l) => l.replace(/"metarm_score": [^,}]+/, '"metarm_score": 123456789012345678901234567890'),
  (l) => l.replace(/}$/, `, "deep": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`), // 10,000 levels
  (l) => l.replace(/}$/, `, "deep": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`), // just inside the limit
  (l) => l.replace(/}$/, `, "deep": ${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`),
  (l) => l.replace(/}$/, ', "x": [1, 2,]}'), // a trailing comma in a member the scanner skips
  (l) => l.replace(/}$/, ', "x": {"a" 1}}'), // a missing colon inside a skipped member
  (l) => l.replace(/}$/, ', "x": tru}'),
  (l) => l.replace(/}$/, ', "x": nul}'),
  (l) => l.replace(/}$/, ', "x": [true false]}'),
  (l) => l.replace(/}$/, ', "x": "\\ud800"}'), // a lone surrogate escape: valid JSON
  (l) => l.replace('{', '{ \u00a0'), // a non-JSON space
  (l, rand) => {
    // a random byte flip inside the line (kept ASCII, so the text stays UTF-8)
    const at = Math.floor(rand() * l.length);
    return l.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + l.slice(at + 1);
  },
  (l, rand) => l.slice(0, Math.floor(rand() * l.length)), // truncated
];

export function fuzzLines(seed: number, n: number): string[] {
  const rand = seeded(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const line = JSON.stringify(syntheticRAlignRecord(i, rand, 40 + Math.floor(rand() * 80)));
    const k = Math.floor(rand() * (MUTATIONS.length + 3));
    lines.push(k < MUTATIONS.length ? (MUTATIONS[k] as (l: string, r: () => number) => string)(line, rand) : line);
  }
  return lines;
}

/** Whether JSON.parse accepts the text (and it nests no deeper than the limit every reader keeps). */
export function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return !nestedDeeperThan(text);
  } catch {
    return false;
  }
}
