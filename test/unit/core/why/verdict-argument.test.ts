import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readArgument, checkJudgment, MAX_ARGUMENT_CHARS } from '../../../../src/core/why/verdictArgument';
import { readPolarity } from '../../../../src/core/align/lexical/polarity';
import { findMentions, segment } from '../../../../src/core/align';
import { resolveMentions } from '../../../../src/core/align/lexical/mentions';
import { parseVerdict } from '../../../../src/core/record/verdict';
import type { Judgment } from '../../../../src/core/record/record';
import { ARGUMENT_CASES, type ArgumentCase } from './argumentCases';
import { cjkComparison, truthReferences } from '../../../../src/core/why/phrases';

function check(c: Pick<ArgumentCase, 'text' | 'order' | 'verdict'>) {
  const parsed = parseVerdict(c.text, { order: c.order });
  return readArgument(c.text, c.order, c.verdict, parsed.start >= 0 ? [parsed.start, parsed.end] : null);
}

/** Precision and recall of the flag (contradicts === true) on a set of cases. */
function measure(cases: readonly ArgumentCase[]): { tp: number; fp: number; fn: number; precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cases) {
    const flagged = check(c).contradicts === true;
    if (flagged && c.contradicts === true) tp++;
    else if (flagged) fp++;
    else if (c.contradicts === true) fn++;
  }
  return { tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

test('the hand-labelled set has both kinds, concessions, balanced reviews, swapped orders and five languages', () => {
  const kinds = new Set(ARGUMENT_CASES.map((c) => c.kind));
  const langs = new Set(ARGUMENT_CASES.map((c) => c.lang));
  assert.ok(ARGUMENT_CASES.length >= 120, `${ARGUMENT_CASES.length} cases`);
  assert.deepEqual([...kinds].sort(), ['balanced', 'concession', 'consistent', 'contradiction', 'swapped']);
  assert.deepEqual([...langs].sort(), ['de', 'en', 'es', 'fr', 'zh']);
  for (const c of ARGUMENT_CASES) assert.equal(c.contradicts, c.argues === null ? null : c.argues !== c.verdict, c.id);
});

test('precision and recall on the hand-labelled set, per split (the README states these figures)', () => {
  for (const split of ['dev', 'holdout'] as const) {
    const m = measure(ARGUMENT_CASES.filter((c) => c.split === split));
    console.log(`${split}: precision ${(m.precision * 100).toFixed(1)}% (${m.tp}/${m.tp + m.fp}), recall ${(m.recall * 100).toFixed(1)}% (${m.tp}/${m.tp + m.fn})`);
    assert.ok(m.precision >= 0.95, `${split} precision ${m.precision}`);
    assert.ok(m.recall >= 0.9, `${split} recall ${m.recall}`);
  }
});

test('concessions and balanced reviews are never flagged', () => {
  const flagged = ARGUMENT_CASES.filter((c) => (c.kind === 'concession' || c.kind === 'balanced') && c.contradicts !== true && check(c).contradicts === true);
  assert.deepEqual(flagged.map((c) => c.id), []);
});

test('a rationale that concludes for B under \\boxed{A} is flagged, with the sentences that argue for B', () => {
  const text = 'Response A gives the wrong capital. Response B correctly names Canberra.\n\nResponse B is clearly better.\n\n\\boxed{A}';
  const r = check({ text, order: 'original', verdict: 'A' });
  assert.equal(r.argues, 'B');
  assert.equal(r.contradicts, true);
  const spans = r.evidence.map((e) => text.slice(e.start, e.end));
  assert.equal(spans[0], 'Response B is clearly better.', 'the concluding sentence is the strongest evidence');
  assert.ok(spans.includes('Response B correctly names Canberra.'));
  assert.ok(r.evidence.every((e) => e.argues === 'B'));
});

test('a swapped judgment is compared in the original frame', () => {
  const text = 'Response A is correct. Response B is wrong.\n\nResponse A is better.\n\n[[A]]';
  // The judge saw B first: its "A" is the original B, and its [[A]] is stored as B.
  assert.equal(check({ text, order: 'swapped', verdict: 'B' }).contradicts, false);
  assert.equal(check({ text, order: 'swapped', verdict: 'B' }).argues, 'B');
  // A verdict mapped back wrongly (stored as A) contradicts the rationale.
  assert.equal(check({ text, order: 'swapped', verdict: 'A' }).contradicts, true);
});

test('ties, unreadable verdicts and texts without an argument are not checked', () => {
  const text = 'Response A is correct. Response B is wrong.';
  assert.equal(check({ text, order: 'original', verdict: 'tie' }).contradicts, null);
  assert.equal(readArgument(text, 'original', null).contradicts, null);
  assert.equal(readArgument(text, 'original', null).argues, 'A');
  assert.equal(readArgument('Thank you for the question. [[A]]', 'original', 'B').contradicts, null);
});

test('the LLMBar verdict sentence is the verdict, not the argument', () => {
  const text = 'Output (b) is accurate. Output (a) is wrong.\n\nTherefore, Output (a) is better.';
  const parsed = parseVerdict(text);
  assert.equal(parsed.verdict, 'A');
  const r = readArgument(text, 'original', 'A', [parsed.start, parsed.end]);
  assert.equal(r.argues, 'B', 'the body argues for (b); the verdict sentence is left out');
  assert.equal(r.contradicts, true);
});

test('checkJudgment gives evidence offsets into the raw text, thinking included', () => {
  const rationale = 'Response A is wrong. Response B is correct and complete.\n\n[[A]]';
  const raw = `<think>B looks right, let me write it up.</think>${rationale}`;
  const judgment: Judgment = {
    raw,
    thinking: 'B looks right, let me write it up.',
    rationale,
    rationaleOffset: raw.length - rationale.length,
    verdict: 'A',
    verdictSource: 'parser',
    parsedVerdict: 'A',
    order: 'original',
    field: 'model_judgment',
  };
  const r = checkJudgment(judgment);
  assert.equal(r.contradicts, true);
  assert.ok(r.evidence.some((e) => raw.slice(e.start, e.end) === 'Response B is correct and complete.'));
});

test('German comparatives invert across "als" (polarity fix; read as neutral before)', () => {
  const text = 'Antwort B ist besser als Antwort A.';
  const segs = segment(text);
  const mentions = resolveMentions(text, segs, findMentions(text), 'original')[0] ?? [];
  const { polarities } = readPolarity(text, 0, text.length, mentions);
  assert.deepEqual(polarities, ['positive', 'negative']);
});

test('a hostile text is read in bounded time and only its last MAX_ARGUMENT_CHARS characters', () => {
  const unit = 'Response A is better than Response B, but B is correct although A is wrong; ';
  const text = unit.repeat(Math.ceil((MAX_ARGUMENT_CHARS * 5) / unit.length)) + '\n\nResponse B is better. [[A]]';
  const r = check({ text, order: 'original', verdict: 'A' });
  assert.ok(r.evidence.every((e) => e.start >= text.length - MAX_ARGUMENT_CHARS && e.end <= text.length));
  // One line without sentence breaks is cut into bounded chunks by the segmenter: no quadratic blow-up.
  const line = 'A B '.repeat(100_000);
  assert.doesNotThrow(() => check({ text: line, order: 'original', verdict: 'A' }));
});

test('a statement of the truth is not praise; a stated choice and praise as an object still count (issue 26 known miss)', () => {
  const refs = (t: string) => truthReferences(t).map((r) => [t.slice(r.start, r.end), r.contrast]);
  assert.deepEqual(refs('Response A says 12, when the correct answer is 15.'), [['the correct answer is', true]]);
  assert.deepEqual(refs('Response A gives the correct answer, 15.'), []);
  assert.deepEqual(refs('Therefore, the correct answer is Response B.'), []);
  assert.deepEqual(refs('Antwort A liefert die richtige Antwort.'), [], 'German: praise as an object, no copula, no contrast');
  assert.deepEqual(refs('回答A给出12，而正确答案是15。'), [['正确答案是', true]]);
  // It blames the response named before it: on main, "correct" praised A.
  assert.equal(check({ text: 'Response A says 12, when the correct answer is 15. Response B says 15 and shows the carry.\n\n[[A]]', order: 'original', verdict: 'A' }).contradicts, true);
  assert.equal(check({ text: 'Response A gives the correct answer, 15, and shows each step. Response B gives 12 and skips the carry.\n\n[[A]]', order: 'original', verdict: 'A' }).contradicts, false);
});

test('Chinese 比-comparatives favour the response before 比 (issue 26 known miss), and a neutral criterion decides nothing', () => {
  const m = (text: string) => {
    const segs = segment(text);
    return (resolveMentions(text, segs, findMentions(text), 'original')[0] ?? []).map((x) => ({ ...x, response: x.response }));
  };
  const read = (text: string) => cjkComparison(text, 0, text.length, m(text));
  assert.equal(read('回答B比回答A更准确。'), -1);
  assert.equal(read('回答A比回答B更差。'), -1);
  assert.equal(read('助手A的回答比助手B的回答好。'), 1);
  assert.equal(read('回答A不如回答B。'), -1);
  assert.equal(read('回答B比回答A更长。'), 0);
  assert.equal(check({ text: '回答B比回答A更准确。\n\n[[A]]', order: 'original', verdict: 'A' }).contradicts, true);
  // Linear: a long run of spaces between two names is never scanned for a link.
  const long = `回答A${' '.repeat(200_000)}比回答B更好。`;
  assert.equal(read(long), 0);
});
