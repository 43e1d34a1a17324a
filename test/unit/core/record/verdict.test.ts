import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileUserPatterns, normalizeVerdictToken, parseVerdict } from '../../../../src/core/record/verdict';
import type { Verdict } from '../../../../src/core/record/record';

// [description, judge text, expected verdict in the judge's own frame]
const TABLE: [string, string, Verdict][] = [
  ['MT-Bench [[A]]', 'Assistant A follows the instruction. [[A]]', 'A'],
  ['MT-Bench tie [[C]]', 'Both are equally good. [[C]]', 'tie'],
  ['lowercase [[b]]', 'final: [[b]]', 'B'],
  ['Arena-Hard strong', 'My final verdict is: Assistant B is significantly better: [[B>>A]]', 'B'],
  ['Arena-Hard slight A', 'Assistant A is slightly better: [[A>B]]', 'A'],
  ['Arena-Hard tie', 'My final verdict is tie: [[A=B]]', 'tie'],
  ['quoted before concluding', 'A careless judge would answer [[A]] here because A is longer, but A is wrong.\n\nFinal verdict: [[B]]', 'B'],
  ['R-Align boxed', 'B computes the sum correctly.\n\n\\boxed{B}', 'B'],
  ['boxed with relation', 'Overall \\boxed{A>>B}', 'A'],
  ['boxed with text', 'Therefore \\boxed{\\text{B}}', 'B'],
  ['verdict inside thinking ignored', '<think>Maybe \\boxed{A}? No, wait.</think>Response B is right. \\boxed{B}', 'B'],
  ['only thinking has a verdict', '<think>I lean to [[A]]</think>Both responses are fine.', null],
  ['RM-R1 answer tag', '<rubric>accuracy</rubric><eval>A errs</eval><answer>[[B]]</answer>', 'B'],
  ['JudgeLRM two scores', '<think>compare</think><answer>5</answer><answer>7</answer>', 'B'],
  ['JudgeLRM equal scores', '<answer>6</answer><answer>6</answer>', 'tie'],
  ['Prometheus', 'Feedback: Response A is more faithful. [RESULT] A', 'A'],
  ['Atla bold result', '**Reasoning:** B cites the source.\n**Result:** B', 'B'],
  ['markdown bold double bracket', '**Final Verdict: [[A]]**', 'A'],
  ['LLMBar Output (b)', 'Output (a) misses the constraint.\n\nTherefore, Output (b) is better.', 'B'],
  ['LLMBar bare answer', 'Output (a)', 'A'],
  ['LLMBar mentions both in last paragraph, no conclusion', 'Output (a) and Output (b) are similar.', null],
  ['JSON verdict', 'Analysis done.\n{"reason": "B is correct", "verdict": "B"}', 'B'],
  ['JSON winner numeric', '{"winner": "1"}', 'A'],
  ['trailing prose after verdict', '[[A]]\n\nI hope this evaluation helps! Let me know if you need more.', 'A'],
  ['no verdict at all', 'Both responses have merits and weaknesses.', null],
  ['empty', '', null],
  ['final verdict line', 'Final verdict: B', 'B'],
  ['last of several bracket verdicts', '[[A>B]] for style, [[B>A]] for accuracy. Overall: [[B>>A]]', 'B'],
  ['reasoning_content is separate', 'Response A is better. [[A]]', 'A'],
];

for (const [name, text, expected] of TABLE) {
  test(`verdict: ${name}`, () => {
    assert.equal(parseVerdict(text).frameVerdict, expected);
  });
}

test('verdict: a separate reasoning field is never searched', () => {
  const parsed = parseVerdict('The answer is [[B]]', { reasoning: 'I think [[A]] is better' });
  assert.equal(parsed.verdict, 'B');
  assert.equal(parsed.thinking, 'I think [[A]] is better');
});

test('verdict: swapped-order judgments map back to the original frame', () => {
  const parsed = parseVerdict('Assistant A is better: [[A>>B]]', { order: 'swapped' });
  assert.equal(parsed.frameVerdict, 'A');
  assert.equal(parsed.verdict, 'B');
  assert.equal(parseVerdict('[[A=B]]', { order: 'swapped' }).verdict, 'tie');
});

test('verdict: the reported range points at the verdict text in the original string', () => {
  const text = '<think>hmm</think>\n  B is right. [[B]] done';
  const parsed = parseVerdict(text);
  assert.equal(text.slice(parsed.start, parsed.end), '[[B]]');
  assert.equal(text.slice(parsed.answerOffset), parsed.answer + ' done'.slice(5));
});

test('verdict: thinking is split at the LAST </think> (R-Align rule)', () => {
  const parsed = parseVerdict('<think>a</think> middle </think> Final \\boxed{A}');
  assert.equal(parsed.answer, 'Final \\boxed{A}');
  assert.equal(parsed.verdict, 'A');
});

test('verdict: user patterns extend the parser', () => {
  const { patterns, errors } = compileUserPatterns(['Winner is Response (?<verdict>[12])']);
  assert.deepEqual(errors, []);
  assert.equal(parseVerdict('Winner is Response 2.', { extraPatterns: patterns }).verdict, 'B');
  assert.equal(compileUserPatterns(['(unclosed']).errors.length, 1);
  assert.match(compileUserPatterns(['no group here']).errors[0] ?? '', /capture group/);
});

test('verdict: token normalization', () => {
  assert.equal(normalizeVerdictToken('A>>B'), 'A');
  assert.equal(normalizeVerdictToken('b > a'), 'B');
  assert.equal(normalizeVerdictToken('A<B'), 'B');
  assert.equal(normalizeVerdictToken('A=B'), 'tie');
  assert.equal(normalizeVerdictToken('**B**'), 'B');
  assert.equal(normalizeVerdictToken('A>A'), null);
  assert.equal(normalizeVerdictToken('maybe'), null);
});
