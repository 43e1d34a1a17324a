import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { join } from 'node:path';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { repoRoot, tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';

interface Oracle {
  records: number;
  labelCorrect: number;
  aligned: number;
  misaligned: number;
  callFail: number;
  parseFail: number;
  labelAccuracy: number | null;
  sCorr: number | null;
  fScore: number | null;
}

function oracle(path: string): Oracle {
  return JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'oracle', 'ralign_tally.py'), path], { encoding: 'utf8' })) as Oracle;
}

for (const seed of [1, 2, 3, 4, 5]) {
  test(`R-Align tally equals the reference definitions on a synthetic file (seed ${seed})`, async () => {
    const rand = seeded(seed);
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 120)));
    // Blank lines are not records, in the reference or here.
    const path = tempFile('ralign.jsonl', lines.join('\n') + '\n\n');
    const expected = oracle(path);
    const stats = await computeStats(path);
    const s = stats.overall;
    assert.equal(stats.format, 'r-align');
    assert.equal(stats.malformed, 0);
    assert.equal(s.records, expected.records);
    assert.equal(s.labelCorrect, expected.labelCorrect);
    assert.equal(s.fidelity.aligned, expected.aligned);
    assert.equal(s.fidelity.misaligned, expected.misaligned);
    assert.equal(s.fidelity.callFail, expected.callFail);
    assert.equal(s.fidelity.parseFail, expected.parseFail);
    assert.equal(s.labelAccuracy, expected.labelAccuracy);
    assert.equal(s.sCorr, expected.sCorr);
    assert.equal(s.fScore, expected.fScore);
    assert.ok(s.fidelity.skipped > 0 && s.unparseable > 0, 'the generated file exercises skipped and unparseable records');
  });
}

test('R-Align edge cases: whitespace in gt_label counts, whitespace in model_pred does not', async () => {
  const rows = [
    { gt_label: ' B\n', model_pred: 'B', response_A: 'x', response_B: 'y', metarm_verdict: 'Correct' },
    { gt_label: 'A', model_pred: ' A', response_A: 'x', response_B: 'y', metarm_verdict: 'SkippedLabelMismatch' },
    { gt_label: 'A', response_A: 'x', response_B: 'y', model_judgment: '\\boxed{A}' },
    { gt_label: 'A', model_pred: null, response_A: 'x', response_B: 'y', metarm_verdict: 'SkippedLabelMismatch' },
    { gt_label: 'B', model_pred: 'B', response_A: 'x', response_B: 'y', metarm_verdict: 'CallFail', meta: { metarm_error: 'api_error: 500' } },
    { gt_label: 'B', model_pred: 'B', response_A: 'x', response_B: 'y', metarm_verdict: 'ParseFail' },
    { gt_label: 'A', model_pred: 'A', response_A: 'x', response_B: 'y', metarm_verdict: 'Incorrect' },
  ];
  const path = tempFile('edge.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
  const expected = oracle(path);
  const s = (await computeStats(path)).overall;
  assert.equal(s.labelCorrect, 4);
  assert.equal(s.labelCorrect, expected.labelCorrect);
  assert.equal(s.sCorr, expected.sCorr);
  assert.equal(s.sCorr, 0.5);
  assert.equal(s.fScore, expected.fScore);
  assert.equal(s.fScore, 1 / 5);
  assert.equal(s.unparseable, 3, 'null, " A" and a missing model_pred are unparseable verdicts');
  assert.equal(s.fidelity.callFail, 1);
  assert.equal(s.fidelity.parseFail, 1);
  assert.equal(s.fidelity.skipped, 2);
  assert.equal(s.fidelity.unjudged, 1);
});
