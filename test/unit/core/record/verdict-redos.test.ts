/**
 * Catastrophic backtracking: every built-in verdict pattern, the token normalisation and user
 * patterns read hostile 1 MB texts and give their answers (a pattern that backtracked would hang
 * here and trip the suite's per-test deadline). How long they take, as a ratio of plain prose of
 * the same size, is bench/verdict.bench.ts's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_PATTERNS, compileUserPatterns, normalizeVerdictToken, parseVerdict } from '../../../../src/core/record/verdict';
import { HOSTILE_USER_PATTERNS, HOSTILE_USER_TEXTS, TRIMMED_RUNS, adversarialVerdictTexts } from './verdictTexts';

test('every built-in verdict pattern reads each 1 MB adversarial text to its end', () => {
  for (const text of adversarialVerdictTexts()) {
    const parsed = parseVerdict(text);
    assert.ok(parsed.verdict === null || ['A', 'B', 'tie'].includes(parsed.verdict), `${String(parsed.verdict)} on ${JSON.stringify(text.slice(0, 80))}…`);
    // Each pattern on its own, past the anchors that usually spare it the text.
    for (const p of BUILTIN_PATTERNS) {
      const re = new RegExp(p.regex.source, p.regex.flags);
      re.lastIndex = 0;
      let matches = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) re.lastIndex++;
        matches++;
      }
      assert.ok(matches >= 0);
    }
  }
  // The same patterns still read ordinary verdicts.
  assert.equal(parseVerdict('Final verdict: [[B]]').verdict, 'B');
  assert.equal(parseVerdict('so the answer is \\boxed{A}').verdict, 'A');
});

test('token normalisation reads 200,000-character runs of trimmed characters', () => {
  for (const token of TRIMMED_RUNS) assert.equal(normalizeVerdictToken(token), null);
  assert.equal(normalizeVerdictToken('"(B)."'), 'B');
  assert.equal(normalizeVerdictToken('**A**'), 'A');
});

test('user patterns run on a linear-time engine: no pattern can hang the tool', () => {
  const { patterns, errors } = compileUserPatterns(HOSTILE_USER_PATTERNS);
  assert.deepEqual(errors, []);
  // Texts on which a backtracking engine takes 2^n steps are read, whole and half.
  for (const [whole, half] of HOSTILE_USER_TEXTS) {
    for (const text of [whole, half]) assert.doesNotThrow(() => parseVerdict(text, { extraPatterns: patterns }));
  }
  // They still read verdicts, named or first group, case-insensitively; the last one wins.
  const one = compileUserPatterns(['Selected: #(?<verdict>[12])']).patterns;
  assert.equal(parseVerdict('selected: #1 … Selected: #2', { extraPatterns: one }).verdict, 'B');
  // What RE2 cannot run is refused with the reason.
  const refused = compileUserPatterns(['(?<=Winner: )(A|B)', '(A)\\1']);
  assert.equal(refused.patterns.length, 0);
  assert.match(refused.errors[0] ?? '', /linear-time engine/);
});
