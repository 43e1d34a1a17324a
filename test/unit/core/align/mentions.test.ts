import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignRationale, findMentions } from '../../../../src/core/align';
import { mentionSummary } from './helpers';

/** Mentions of a one-claim text, as "A-,B+" (original frame). */
function read(text: string, order: 'original' | 'swapped' = 'original'): string {
  const a = alignRationale({ gold: text, rationale: 'x', goldOrder: order });
  return a.gold.map(mentionSummary).join(' | ');
}

function slots(text: string): string {
  return findMentions(text)
    .map((m) => `${text.slice(m.start, m.end)}=${m.slot}`)
    .join('; ');
}

test('every way of naming a response maps to a presentation slot', () => {
  assert.equal(slots('Assistant A and Response 2 and @Response 1.'), 'Assistant A=1; Response 2=2; @Response 1=1');
  assert.equal(slots('Output (a) beats Output (b).'), 'Output (a)=1; Output (b)=2');
  assert.equal(slots('model_1 vs model-b and Model A'), 'model_1=1; model-b=2; Model A=1');
  assert.equal(slots("Assistant B's answer is long; the first response is short, the second answer too."), "Assistant B's answer=2; the first response=1; the second answer=2");
  assert.equal(slots("A's code fails. B is right, and both A and B compile."), "A's=1; B=2; A=1; B=2");
  assert.equal(slots('Assistants A and B both try.'), 'Assistants A=1; B=2');
  assert.equal(slots('回答A的计算有误，第二个回答正确。'), '回答A=1; 第二个回答=2');
  assert.equal(slots('La réponse B est fausse, la première réponse est juste.'), 'réponse B=2; la première réponse=1');
});

test('bare letters that are not responses are ignored', () => {
  // Articles, answer options, verdict tokens, "(B)" option labels.
  assert.equal(slots('A better approach exists.'), '');
  assert.equal(slots('The correct answer is B. Option A is wrong. Choose (B) here.'), '');
  assert.equal(slots('[[A>>B]] and \\boxed{B}'), '');
  assert.equal(slots('We answer a question with response a user wants.'), '');
});

test('a swapped-order text maps its "A" to the original B', () => {
  assert.equal(read('Assistant A makes a calculation error.', 'swapped'), 'B-');
  assert.equal(read('Assistant A makes a calculation error.', 'original'), 'A-');
  assert.equal(read('Output (b) is more accurate than Output (a).', 'swapped'), 'A+,B-');
});

test('polarity per mention: cues, negation, comparatives, contrast', () => {
  assert.equal(read('Assistant A is incorrect.'), 'A-');
  assert.equal(read('Response B fails to convert the units.'), 'B-');
  assert.equal(read('Response A correctly converts the units.'), 'A+');
  assert.equal(read('Assistant B hallucinates a citation.'), 'B-');
  assert.equal(read('Response 1 is not correct.'), 'A-');
  assert.equal(read('Response 2 has no errors in the derivation.'), 'B+');
  assert.equal(read('Assistant B is more accurate than Assistant A.'), 'B+,A-');
  assert.equal(read('Assistant A is less accurate than Assistant B.'), 'A-,B+');
  assert.equal(read('Unlike Response A, Response B handles the empty list.'), 'A-,B+');
  assert.equal(read('Response A is correct and Response B is wrong.'), 'A+,B-');
  assert.equal(read('Both responses are correct.'), 'A+,B+');
  assert.equal(read('Neither response is correct.'), 'A-,B-');
  assert.equal(read('Assistant A lacks a worked example.'), 'A-');
  assert.equal(read("Assistant A's answer is mostly correct, but it incorrectly states that option F is the answer."), 'A-');
  assert.equal(read('Assistant A states that the answer is correct.'), 'A0', 'reported content is not praise');
  assert.equal(read('Response B uses recursion to traverse the tree.'), 'B0');
  assert.equal(read('回答A的计算不正确。'), 'A-');
  assert.equal(read('La réponse B contient une erreur de date.'), 'B-');
});

test('subjects carry over to pronoun-led sentences and to list items under a label', () => {
  const text =
    "Assistant B's answer is incorrect. They chose the wrong muscle.\n\nAssistant A's response:\n- Correctly identifies the left lateral pterygoid.\n- Gives a clear explanation.\n\nThe sky is blue.";
  const a = alignRationale({ gold: text, rationale: 'x' });
  assert.deepEqual(
    a.gold.map((c) => `${c.text} => ${mentionSummary(c)}`),
    [
      "Assistant B's answer is incorrect. => B-",
      'They chose the wrong muscle. => B-*',
      'Correctly identifies the left lateral pterygoid. => A+*',
      'Gives a clear explanation. => A+*',
      'The sky is blue. => ',
    ],
  );
  const they = a.gold[1]?.mentions[0];
  assert.ok(they);
  assert.equal(text.slice(they.start, they.end), 'They');
});
