/**
 * The index's verdict cross-check reads R-Align's common endings from the bytes alone (if it ever
 * stopped, the index pass would cost 1.8× the tally again, with every figure unchanged: only this
 * test would notice), the other endings from the decoded tail or the whole text, and always gives
 * the verdict `parseVerdict` reads in the whole judgment on these texts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossCheckVerdict } from '../../../../src/core/tally/fastTally';
import { compileUserPatterns, parseVerdict } from '../../../../src/core/record/verdict';

const THINKING = `<think>${'Compare the two responses on accuracy and completeness. '.repeat(30)}</think>\n\n`;
const RATIONALE = 'Response B computes the sum correctly and explains each step, while Response A drops a term. '.repeat(8);

function read(text: string, extra = compileUserPatterns([]).patterns) {
  const buf = Buffer.from(JSON.stringify(text));
  const out = crossCheckVerdict(buf, [0, buf.length], extra);
  assert.equal(out.verdict, parseVerdict(text, { extraPatterns: extra }).verdict, JSON.stringify(text.slice(-60)));
  return out.read;
}

test('R-Align endings are read from the bytes alone', () => {
  for (const ending of ['\n\n\\boxed{B}', '.  \\boxed{A}', ' \\boxed{A}.', '\n\n**Final verdict: [[B]]**\n', '\n\nAssistant A is significantly better: [[A>>B]]', '\n\n[[C]]']) {
    assert.equal(read(THINKING + RATIONALE + ending), 'ending', ending);
  }
  assert.equal(read(`${'中文的回答 👍 '.repeat(60)}\n\n\\boxed{B}`), 'ending');
  assert.equal(read('Short. \\boxed{A}'), 'ending');
});

test('other endings are decoded: the tail when the verdict is near the end, else the whole text', () => {
  assert.equal(read(`${THINKING}${RATIONALE}\n\nFinal verdict: B`), 'tail');
  assert.equal(read(`${THINKING}${RATIONALE}\n\n<answer>[[A]]</answer>`), 'tail');
  assert.equal(read(`${THINKING}${RATIONALE}\n\n[[A]] (A is right; see above).`), 'tail');
  assert.equal(read(`[[A]] ${RATIONALE}I cannot decide between them.`), 'whole');
  assert.equal(read(`${RATIONALE}No verdict here.`), 'whole');
});

test('with user patterns the ending is never read from the bytes', () => {
  const { patterns } = compileUserPatterns(['Winner=([AB])']);
  assert.notEqual(read(`${RATIONALE}\\boxed{B}`, patterns), 'ending');
  assert.notEqual(read(`${RATIONALE}Winner=A [[B]]`, patterns), 'ending');
});
