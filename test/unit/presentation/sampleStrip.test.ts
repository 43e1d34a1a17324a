/** The Inspector's sample strip: a record with journaled samples gets chips and the core's figures; one sample gets none. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournaledSample } from '../../../src/core/llm/sampleJournal';
import { buildSampleStrip } from '../../../src/presentation/sampleStrip';
import { check, sampleStripView } from '../../../src/protocol/messages';
import { openDataset, readDataset } from '../../../src/core/dataset/dataset';
import type { EvalRecord } from '../../../src/core/record/record';
import { pacoreRow } from '../core/samples/sampleFiles';
import { tempFile } from '../paths';
import { makeRecord } from '../core/llm/helpers';

function sample(n: number, pred: 'A' | 'B', order: 'original' | 'swapped', verdict: 'Correct' | 'Incorrect' | null): JournaledSample {
  return { key: `k${n}`, recordIndex: 0, recordId: 'rec-0', sample: n, order, model: 'g', raw: `Because of the sum. \\boxed{${pred}}`, reasoning: null, pred, error: null, finishedAt: '', fidelity: verdict ? { verdict, analysis: null, model: 'j', error: null } : null };
}

test('the row and its journaled samples: chips in order, majority and flip rate from the core, valid for the protocol', () => {
  const record = makeRecord(0, { gold: 'A', pred: 'A' });
  const strip = buildSampleStrip([{ record, fidelity: null, journaled: [sample(1, 'A', 'original', 'Correct'), sample(2, 'B', 'swapped', null), sample(3, 'A', 'original', 'Incorrect')] }], []);
  assert.ok(strip);
  assert.equal(check(sampleStripView, strip).ok, true);
  assert.equal(strip.k, 4);
  assert.equal(strip.majority, 'A');
  assert.equal(strip.flipRate, 0.25);
  assert.deepEqual(strip.samples.map((s) => `${s.source}:${s.verdict}:${s.order}:${s.fidelity}`), ['file:A:original:unjudged', 'journal:A:original:aligned', 'journal:B:swapped:unjudged', 'journal:A:original:spurious']);
  assert.ok(strip.samples.every((s) => s.alignment !== null), 'each aligned with the gold');
  assert.equal(buildSampleStrip([{ record, fidelity: null, journaled: [] }], []), undefined, 'one sample: shown as before');
});

test('a synthesis over trajectories is shown as named parts: "trajectory 1…n" as the samples, "synthesis" apart as the final judgment', async () => {
  const path = tempFile('pacore.jsonl', `${JSON.stringify(pacoreRow('p', 'A', ['A', 'B', 'A'], 'B', { metarm_verdict: 'SkippedLabelMismatch' }))}\n`);
  let record: EvalRecord | undefined;
  for await (const e of readDataset(await openDataset(path))) if (e.kind === 'record') record = e.record;
  assert.ok(record);
  const strip = buildSampleStrip([{ record, fidelity: record.fidelity, journaled: [] }], []);
  assert.ok(strip);
  assert.equal(check(sampleStripView, strip).ok, true);
  // The figures count the trajectories only.
  assert.equal(strip.k, 3);
  assert.equal(strip.majority, 'A');
  assert.deepEqual(strip.samples.map((s) => `${s.n}:${s.part}:${s.verdict}`), ['1:trajectory 1:A', '2:trajectory 2:B', '3:trajectory 3:A']);
  assert.ok(strip.samples.every((s) => s.alignment !== null), 'each trajectory aligned with the gold');
  const synthesis = strip.synthesis;
  assert.ok(synthesis);
  assert.equal(synthesis.part, 'synthesis');
  assert.equal(synthesis.n, 4);
  assert.equal(synthesis.verdict, 'B', "the record's verdict: the synthesis's, not the majority's");
  assert.equal(synthesis.labelCorrect, false);
  assert.match(synthesis.rationale, /Combining the references/);
  assert.ok(synthesis.alignment, 'the synthesis aligned with the gold too');
  // Repeated samples and votes have no parts and no synthesis.
  const plain = buildSampleStrip([{ record: makeRecord(0, { gold: 'A', pred: 'A' }), fidelity: null, journaled: [sample(1, 'B', 'original', null)] }], []);
  assert.deepEqual([plain?.synthesis, plain?.samples.map((s) => s.part)], [null, [null, null]]);
});
