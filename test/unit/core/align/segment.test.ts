import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignRationale, segment } from '../../../../src/core/align';
import { MAX_CLAIM_CHARS } from '../../../../src/core/align/lexical/segment';
import { stem } from '../../../../src/core/align/lexical/stem';

const claimsOf = (text: string): string[] =>
  segment(text)
    .filter((s) => s.kind !== 'heading' && s.kind !== 'label' && s.kind !== 'rule')
    .map((s) => text.slice(s.start, s.end));

test('sentences and list items, offsets into the original text', () => {
  const text = '## Evaluation\r\n\r\nAssistant A is wrong. It says 3.14 is e.g. an integer!  Assistant B is right?\n- First item here.\n2. Second item, two sentences. Yes.\n';
  const segs = segment(text);
  for (const s of segs) assert.equal(text.slice(s.start, s.end), text.slice(s.start, s.end).trim());
  assert.deepEqual(claimsOf(text), [
    'Assistant A is wrong.',
    'It says 3.14 is e.g. an integer!',
    'Assistant B is right?',
    'First item here.',
    'Second item, two sentences.',
    'Yes.',
  ]);
  assert.equal(segs[0]?.kind, 'heading');
  assert.equal(segs.find((s) => text.slice(s.start, s.end) === 'First item here.')?.kind, 'item');
});

test('fenced code and block quotes stay whole; quoted strings are not split', () => {
  const text =
    'Assistant A wrote:\n\n```python\ndef f(x):\n    return x. \n# Not. A sentence.\n```\n\n> Quoted answer. Two sentences.\n> Still the quote.\n\nIt claims "The capital is Sydney. It has 5M people." which is wrong. Next sentence.';
  const segs = segment(text);
  const code = segs.find((s) => s.kind === 'code');
  assert.ok(code);
  assert.equal(text.slice(code.start, code.end), '```python\ndef f(x):\n    return x. \n# Not. A sentence.\n```');
  const quote = segs.find((s) => s.kind === 'quote');
  assert.ok(quote);
  assert.equal(text.slice(quote.start, quote.end), '> Quoted answer. Two sentences.\n> Still the quote.');
  const claims = claimsOf(text);
  assert.ok(claims.includes('It claims "The capital is Sydney. It has 5M people." which is wrong.'));
  assert.ok(claims.includes('Next sentence.'));
  assert.equal(segs.find((s) => text.slice(s.start, s.end) === 'Assistant A wrote:')?.kind, 'label');
});

test('an unclosed fence runs to the end of the text', () => {
  const text = 'Intro sentence.\n```\ncode line. More.\nlast';
  const code = segment(text).find((s) => s.kind === 'code');
  assert.ok(code);
  assert.equal(text.slice(code.start, code.end), '```\ncode line. More.\nlast');
});

test('CJK sentence punctuation splits without spaces', () => {
  assert.deepEqual(claimsOf('回答A的计算错误。回答B是正确的！为什么？'), ['回答A的计算错误。', '回答B是正确的！', '为什么？']);
});

test('very long runs are chunked below the cap, never splitting a surrogate pair', () => {
  const text = '😀'.repeat(3000);
  const segs = segment(text);
  assert.ok(segs.length > 1);
  let joined = '';
  for (const s of segs) {
    assert.ok(s.end - s.start <= MAX_CLAIM_CHARS);
    joined += text.slice(s.start, s.end);
  }
  assert.equal(joined, text);
});

test('verdict-only lines, headings and procedure are skipped, never counted as reasons', () => {
  const rationale =
    "## Evaluation\n\nTo evaluate the responses, I will first provide my own answer.\n\nAssistant A's answer misses the unit conversion.\n\nMy final verdict is: Assistant B is significantly better: [[B>>A]]\n\\boxed{B}\nTherefore, Output (b) is better.";
  const a = alignRationale({ gold: 'Response A forgets the unit conversion.', rationale });
  assert.deepEqual(
    a.rationale.map((c) => c.text),
    ["Assistant A's answer misses the unit conversion."],
  );
  const kinds = a.skipped.rationale.map((s) => s.kind);
  assert.deepEqual(kinds, ['heading', 'filler', 'verdict', 'verdict', 'verdict']);
});

test('a compound sentence about both responses is cut at the contrast', () => {
  const gold = '@Response 2 is better because @Response 2 uses a LEFT JOIN, while @Response 1 drops customers without orders.';
  const a = alignRationale({ gold, rationale: 'x' });
  assert.deepEqual(
    a.gold.map((c) => c.text),
    ['@Response 2 is better because @Response 2 uses a LEFT JOIN', 'while @Response 1 drops customers without orders.'],
  );
  // A comparison later in the sentence is not a new subject: no cut.
  const b = alignRationale({ gold: 'Assistant B is reasonable, but it is less accurate than Assistant A.', rationale: 'x' });
  assert.equal(b.gold.length, 1);
});

test('Porter-like stemmer conflates inflections', () => {
  const same = (a: string, b: string): void => assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
  same('computes', 'computed');
  same('computation', 'computational');
  same('relational', 'relate');
  same('hallucinates', 'hallucinated');
  same('conversion', 'conversions');
  same('generalization', 'generalize');
  assert.equal(stem('caresses'), 'caress');
  assert.equal(stem('ponies'), 'poni');
  assert.equal(stem('hopping'), 'hop');
  assert.equal(stem('hoping'), 'hope');
  assert.equal(stem('réponse'), 'réponse', 'non-ASCII words pass through');
});
