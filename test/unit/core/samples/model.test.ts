import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord } from '../../../../src/core/record/record';
import { recordSampleFigures } from '../../../../src/core/samples/figures';
import type { SampleFacts } from '../../../../src/core/samples/model';
import { SampleSetGrouper, groupSampleSets, samplesOfRow } from '../../../../src/core/samples/model';
import { tempFile } from '../../paths';

async function records(rows: readonly Record<string, unknown>[]): Promise<EvalRecord[]> {
  const path = tempFile('rows.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
  const out: EvalRecord[] = [];
  for await (const e of readDataset(await openDataset(path))) if (e.kind === 'record') out.push(e.record);
  return out;
}

const row = (id: string | undefined, pred: string | null, extra: Record<string, unknown> = {}) => ({
  ...(id === undefined ? {} : { id }),
  conversations: [{ role: 'user', content: `prompt of ${id ?? 'none'}` }],
  response_A: 'a',
  response_B: 'b',
  gt_label: 'A',
  model_judgment: `reasoning \\boxed{${pred ?? '?'}}`,
  model_pred: pred,
  ...extra,
});

test('rows repeating an id with the same prompt and responses are one sample set, in file order', async () => {
  const recs = await records([
    row('p1', 'A', { metarm_verdict: 'Correct' }),
    row('p2', 'B'),
    row('p1', 'B'),
    row('p1', 'A', { metarm_verdict: 'Incorrect' }),
    // Same id, another prompt: another comparison, never merged.
    { ...row('p1', 'A'), conversations: [{ role: 'user', content: 'a different prompt' }] },
    // No id of their own: each row is its own set even with identical content.
    row(undefined, 'A'),
    row(undefined, 'A'),
  ]);
  const sets = groupSampleSets(recs);
  assert.equal(sets.length, 5);
  const [p1, p2, p1other, anon1, anon2] = sets;
  assert.deepEqual(p1?.records, [0, 2, 3]);
  assert.deepEqual(p1?.samples.map((s) => [s.verdict, s.fidelityVerdict, s.recordIndex, s.slot]), [['A', 'Correct', 0, 0], ['B', null, 2, 0], ['A', 'Incorrect', 3, 0]]);
  assert.deepEqual(p2?.records, [1]);
  assert.deepEqual(p1other?.records, [4]);
  assert.deepEqual([anon1?.records, anon2?.records], [[5], [6]]);
});

test('a row with no judgment is one unparsed sample; a row holding several samples gives them all', async () => {
  const [bare] = await records([{ id: 'x', response_A: 'a', response_B: 'b', gt_label: 'B' }]);
  assert.ok(bare);
  const samples = samplesOfRow(bare);
  assert.equal(samples.length, 1);
  assert.equal(samples[0]?.verdict, null);
  assert.equal(samples[0]?.judgment, null);
  const [one] = await records([row('y', 'A')]);
  assert.ok(one);
  const judgment = one.judgments[0];
  assert.ok(judgment);
  const many: EvalRecord = { ...one, samples: [{ judgment, fidelity: null }, { judgment: { ...judgment, verdict: 'B', order: 'swapped' }, fidelity: { verdict: 'Correct', origin: 'file' } }] };
  const rowSamples = samplesOfRow(many);
  assert.deepEqual(rowSamples.map((s) => [s.verdict, s.order, s.fidelityVerdict, s.slot]), [['A', 'original', null, 0], ['B', 'swapped', 'Correct', 1]]);
  assert.equal(rowSamples[1]?.rationale, judgment.rationale);
});

test('rows that repeat a set with another gold label are reported, the first label kept', async () => {
  const recs = await records([row('p', 'A'), { ...row('p', 'A'), gt_label: 'B' }]);
  const grouper = new SampleSetGrouper();
  for (const r of recs) grouper.add(r);
  assert.equal(grouper.sets()[0]?.goldLabel, 'A');
  assert.equal(grouper.problemCount, 1);
  assert.match(grouper.problems[0] ?? '', /line 2: record p repeats an earlier row's id, prompt and responses with gold label B instead of A/);
});

const facts = (verdicts: string, fidelity = ''): SampleFacts[] =>
  [...verdicts].map((c, i) => ({
    verdict: c === 'A' ? 'A' : c === 'B' ? 'B' : c === 'T' ? 'tie' : null,
    order: 'original',
    fidelityVerdict: fidelity[i] === 'C' ? 'Correct' : fidelity[i] === 'I' ? 'Incorrect' : fidelity[i] === 'F' ? 'CallFail' : null,
  }));

test('per-record figures: counts, majority over more than half of k, agreement, flip rate, shares', () => {
  const f = recordSampleFigures({ goldLabel: 'A', samples: facts('AAABT?AB?A', 'CIC---IFF-') });
  assert.equal(f.k, 10);
  assert.deepEqual(f.counts, { A: 5, B: 2, tie: 1, unparsed: 2 });
  // 5 of 10 is not more than half.
  assert.equal(f.majority, null);
  assert.equal(f.agreement, 0.5);
  assert.equal(f.flipRate, 0.5);
  assert.equal(f.labelCorrect, 5);
  assert.equal(f.labelCorrectShare, 0.5);
  // Label-correct samples at 0,1,2,6,9: Correct, Incorrect, Correct, Incorrect, none.
  assert.equal(f.judgedLabelCorrect, 4);
  assert.equal(f.misalignedShare, 0.5);
  assert.equal(recordSampleFigures({ goldLabel: 'A', samples: facts('AAAAAAB???') }).majority, 'A');
  assert.equal(recordSampleFigures({ goldLabel: 'A', samples: facts('TTTAB') }).majority, 'tie');
});

test('per-record edge cases: one sample, all unparsed, a tie between verdicts, no gold label, nothing judged', () => {
  const one = recordSampleFigures({ goldLabel: 'B', samples: facts('B', 'C') });
  assert.deepEqual([one.k, one.majority, one.agreement, one.flipRate, one.labelCorrectShare, one.misalignedShare], [1, 'B', 1, 0, 1, 0]);
  const oneUnparsed = recordSampleFigures({ goldLabel: 'B', samples: facts('?') });
  assert.deepEqual([oneUnparsed.majority, oneUnparsed.flipRate, oneUnparsed.labelCorrectShare], [null, 0, 0]);
  const unparsed = recordSampleFigures({ goldLabel: 'A', samples: facts('????') });
  assert.deepEqual([unparsed.majority, unparsed.agreement, unparsed.labelCorrect, unparsed.misalignedShare], [null, 1, 0, null]);
  const split = recordSampleFigures({ goldLabel: 'A', samples: facts('AABB') });
  assert.deepEqual([split.majority, split.agreement, split.flipRate], [null, 0.5, 0.5]);
  const noGold = recordSampleFigures({ goldLabel: null, samples: facts('AAA', 'CCC') });
  assert.deepEqual([noGold.majority, noGold.labelCorrect, noGold.labelCorrectShare, noGold.misalignedShare], ['A', 0, null, null]);
  const empty = recordSampleFigures({ goldLabel: 'A', samples: [] });
  assert.deepEqual([empty.k, empty.majority, empty.agreement, empty.flipRate, empty.labelCorrectShare], [0, null, null, null, null]);
});
