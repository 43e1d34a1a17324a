/**
 * How well the heuristic alignment estimate agrees with fidelity verdicts it never saw: the
 * hand-written meta-judge verdicts of the synthetic samples (written by a different author than the
 * alignment engine). Reported, and held to a floor so a regression shows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { alignRecord } from '../../../../src/core/align/alignRecord';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import { samplesDir } from '../../paths';

test('coverage estimate vs the samples\' fidelity verdicts (label-correct, judged records)', async () => {
  const m = { alignedAsAligned: 0, alignedAsMisaligned: 0, misalignedAsMisaligned: 0, misalignedAsAligned: 0 };
  for (const name of ['r-align-synthetic.jsonl', 'helpsteer3-synthetic.jsonl']) {
    const dataset = await openDataset(join(samplesDir, name));
    for await (const e of readDataset(dataset)) {
      if (e.kind !== 'record') continue;
      const verdict = e.record.fidelity?.verdict;
      if (verdict !== 'Correct' && verdict !== 'Incorrect') continue;
      const estimate = alignRecord(e.record).alignment.estimate;
      if (verdict === 'Correct') m[estimate === 'aligned' ? 'alignedAsAligned' : 'alignedAsMisaligned']++;
      else m[estimate === 'misaligned' ? 'misalignedAsMisaligned' : 'misalignedAsAligned']++;
    }
  }
  const n = m.alignedAsAligned + m.alignedAsMisaligned + m.misalignedAsMisaligned + m.misalignedAsAligned;
  const accuracy = (m.alignedAsAligned + m.misalignedAsMisaligned) / n;
  console.log(`estimate agreement on ${n} judged sample records: ${(accuracy * 100).toFixed(1)}%`, m);
  assert.ok(n >= 40);
  assert.ok(accuracy >= 0.85, `agreement fell to ${accuracy}`);
});
