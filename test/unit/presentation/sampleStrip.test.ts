/** The Inspector's sample strip: a record with journaled samples gets chips and the core's figures; one sample gets none. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournaledSample } from '../../../src/core/llm/sampleJournal';
import { buildSampleStrip } from '../../../src/presentation/sampleStrip';
import { check, sampleStripView } from '../../../src/protocol/messages';
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
