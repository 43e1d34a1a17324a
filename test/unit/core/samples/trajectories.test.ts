/**
 * A synthesis over parallel trajectories (PaCoRe / STEP3-VL; issue 24): an R-Align row carrying
 * PaCoRe's `round_responses` and `final_response` is one record whose samples are its first round's
 * trajectories and whose judgment (its verdict in L-Acc, S-Corr, F-Score) is the synthesis; `stats`
 * says so. The same figures from the fast path, worker threads and the full reader.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord, ReadIssue } from '../../../../src/core/record/record';
import { fileSampleFigures } from '../../../../src/core/samples/fileFigures';
import { groupSampleSets } from '../../../../src/core/samples/model';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { cliPath, tempFile } from '../../paths';
import { pacoreAnswer as answer, pacoreRow } from './sampleFiles';

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function readAll(path: string): Promise<{ records: EvalRecord[]; issues: ReadIssue[] }> {
  const records: EvalRecord[] = [];
  const issues: ReadIssue[] = [];
  for await (const e of readDataset(await openDataset(path))) {
    if (e.kind === 'record') records.push(e.record);
    else issues.push(e.issue);
  }
  return { records, issues };
}

const ROWS = [
  // Trajectories 3 A of 4, synthesis A (gold A): agrees, right.
  pacoreRow('p1', 'A', ['A', 'A', 'B', 'A'], 'A', { metarm_verdict: 'Correct' }),
  // Trajectories split 2–2 (no majority), synthesis A (gold A): overrules a missing majority.
  pacoreRow('p2', 'A', ['A', 'B', 'B', 'A'], 'A', { metarm_verdict: 'Incorrect' }),
  // Trajectories 3 B + 1 unparsed, synthesis B (gold A): agrees with a wrong majority.
  pacoreRow('p3', 'A', ['B', 'B', null, 'B'], 'B', { metarm_verdict: 'SkippedLabelMismatch' }),
  // Trajectories 4 B (gold B) with fidelity verdicts on two, synthesis A: disagrees, wrong.
  pacoreRow('p4', 'B', ['B', 'B', 'B', 'B'], 'A', {
    round_responses: [
      [
        { ...answer('B', 0), metarm_verdict: 'Correct' },
        { ...answer('B', 1), metarm_verdict: 'Incorrect' },
        answer('B', 2),
        answer('B', 3),
      ],
      [{ content: 'Response A. \\boxed{A}' }],
    ],
    final_response: 'Response A. \\boxed{A}',
  }),
];

test('a PaCoRe row: the trajectories are its samples, the synthesis its judgment, each with its verdict and fidelity', async () => {
  const { records, issues } = await readAll(tempFile('pacore.jsonl', jsonl(ROWS)));
  assert.deepEqual(issues, []);
  assert.equal(records.length, 4);
  const [p1, , p3, p4] = records as [EvalRecord, EvalRecord, EvalRecord, EvalRecord];
  assert.equal(p1.samplesAre, 'trajectories');
  assert.deepEqual(p1.samples?.map((s) => s.judgment.verdict), ['A', 'A', 'B', 'A']);
  assert.equal(p1.samples?.[0]?.judgment.thinking, 'thinking 0');
  assert.equal(p1.samples?.[0]?.judgment.field, 'round_responses[0][0].content');
  assert.equal(p1.judgments.length, 1);
  assert.equal(p1.judgments[0]?.verdict, 'A');
  assert.equal(p1.judgments[0]?.field, 'final_response');
  assert.equal(p1.judgments[0]?.thinking, 'synthesis thinking');
  assert.equal(p1.fidelity?.verdict, 'Correct', "the row's metarm_verdict is the synthesis's");
  assert.deepEqual(p3.samples?.map((s) => s.judgment.verdict), ['B', 'B', null, 'B']);
  assert.deepEqual(p4.samples?.map((s) => s.fidelity?.verdict ?? null), ['Correct', 'Incorrect', null, null]);
  assert.equal(p4.judgments[0]?.verdict, 'A');
});

test('grouping and figures: k counts the trajectories, the record verdict is the synthesis, the synthesis figures by hand', async () => {
  const { records } = await readAll(tempFile('pacore.jsonl', jsonl(ROWS)));
  const sets = groupSampleSets(records);
  assert.equal(sets.length, 4);
  assert.deepEqual(sets.map((s) => s.samples.length), [4, 4, 4, 4]);
  assert.deepEqual(sets.map((s) => s.synthesis?.verdict), ['A', 'A', 'B', 'A']);
  const f = fileSampleFigures(sets);
  // Majorities: p1 A (right), p2 none, p3 B (wrong), p4 B (right).
  assert.deepEqual([f.labelAccuracyMajority.count, f.labelAccuracyMajority.denominator], [2, 4]);
  // Label-correct trajectories with a fidelity verdict: p4's two (one Incorrect).
  assert.deepEqual([f.sCorrPerSample.count, f.sCorrPerSample.denominator], [1, 2]);
  const s = f.synthesis;
  assert.ok(s);
  assert.equal(s.records, 4);
  assert.deepEqual([s.labelAccuracy.count, s.labelAccuracy.denominator], [2, 4]); // p1, p2
  assert.deepEqual([s.agreesWithMajority.count, s.agreesWithMajority.denominator], [2, 3]); // p1, p3 of p1, p3, p4
  assert.deepEqual([s.overrulesMajority.count, s.overrulesMajority.denominator], [1, 2]); // p2 of p2, p3
  assert.ok(f.notes.some((n) => n.startsWith('4 records are syntheses over parallel trajectories')));
});

test('stats: L-Acc and S-Corr are the syntheses\'; the samples object has the synthesis figures; fast path, workers and full reader agree', async () => {
  const rows = [...ROWS];
  // Plain R-Align rows beside them go through the fast path.
  for (let i = 0; i < 30; i++) rows.push({ id: `r${i}`, conversations: [{ role: 'user', content: `q${i}` }], response_A: 'a', response_B: 'b', gt_label: 'A', model_judgment: `\\boxed{${i % 3 ? 'A' : 'B'}}`, model_pred: i % 3 ? 'A' : 'B', metarm_verdict: i % 3 ? 'Correct' : 'SkippedLabelMismatch' });
  const path = tempFile('pacore-mixed.jsonl', jsonl(rows));
  const fast = await computeStats(path, { workers: 1 });
  const threads = await computeStats(path, { workers: 3 });
  const strict = await computeStats(path, { strict: true });
  // Syntheses: p1 A right, p2 A right, p3 B wrong, p4 A wrong; plain rows: 20 right of 30.
  assert.equal(fast.overall.labelAccuracy, 22 / 34);
  assert.deepEqual(threads.overall, fast.overall);
  assert.deepEqual(strict.overall.labelAccuracy, fast.overall.labelAccuracy);
  assert.ok(fast.samples?.synthesis);
  assert.deepEqual(threads.samples, fast.samples, 'worker threads find the rows that hold trajectories');
  assert.deepEqual(strict.samples, fast.samples);
  const r = spawnSync(process.execPath, [cliPath, 'stats', path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /synthesis over trajectories \(4 records; the samples above are their trajectories\)/);
  assert.match(r.stdout, /synthesis L-Acc\s+50\.0%\s+2\/4 records with a synthesis and a gold label/);
  assert.match(r.stdout, /note: 4 records are syntheses over parallel trajectories: their samples here are the trajectories; the record's verdict \(L-Acc, S-Corr and F-Score of the file\) is the synthesis's/);
});

test("R-Align's model_judgment, when the row has one, is the synthesis; a shape that is not PaCoRe's is a warning and the row reads as before", async () => {
  const withJudgment = pacoreRow('j', 'A', ['A', 'B'], 'A', { model_judgment: 'Final: \\boxed{B}', model_pred: 'B' });
  const bad = pacoreRow('bad', 'A', ['A', 'B'], 'A', { round_responses: [['just text', 'more']], model_pred: 'A' });
  const { records, issues } = await readAll(tempFile('mixed.jsonl', jsonl([withJudgment, bad])));
  const [j, b] = records as [EvalRecord, EvalRecord];
  assert.equal(j.judgments.length, 1);
  assert.equal(j.judgments[0]?.verdict, 'B');
  assert.equal(j.judgments[0]?.field, 'model_judgment');
  assert.deepEqual(j.samples?.map((s) => s.judgment.verdict), ['A', 'B']);
  assert.equal(b.samples, undefined);
  assert.equal(b.samplesAre, undefined);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.field, 'round_responses');
  assert.match(issues[0]?.message ?? '', /has 1 round: no synthesis follows the trajectories/);
});
