/**
 * The `samples` object of `stats`: absent (null) on a file of single samples, whose figures it
 * would repeat exactly; the same from the fast path, its worker threads and the full reader; the
 * edge cases (all unparsed, majorities tied, undefined figures with their reasons); Inspect epochs
 * as the samples of one record; the CLI's --json and table.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord } from '../../../../src/core/record/record';
import { fileSampleFigures } from '../../../../src/core/samples/fileFigures';
import { groupSampleSets } from '../../../../src/core/samples/model';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { containerDir } from '../../../support/containerFiles';
import { cliPath, tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';
import { rAlignRunRows, vlRewardBenchRows } from './sampleFiles';

const jsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function recordsOf(path: string): Promise<EvalRecord[]> {
  const out: EvalRecord[] = [];
  for await (const e of readDataset(await openDataset(path))) if (e.kind === 'record') out.push(e.record);
  return out;
}

test('a file of single samples has no samples object, and its sample figures equal today\'s figures exactly', async () => {
  for (const seed of [1, 2, 3]) {
    const rand = seeded(seed);
    // Unique ids, gold labels on every record, fidelity verdicts on label-correct records only.
    const rows = Array.from({ length: 300 }, (_, i) => syntheticRAlignRecord(i, rand, 80, false));
    const path = tempFile('single.jsonl', jsonl(rows));
    const stats = await computeStats(path);
    assert.equal(stats.samples, null);
    const s = stats.overall;
    const f = fileSampleFigures(groupSampleSets(await recordsOf(path)));
    assert.equal(f.records, s.records);
    assert.deepEqual(f.samplesPerRecord, { min: 1, median: 1, max: 1 });
    assert.equal(f.labelAccuracyPerSample.value, s.labelAccuracy);
    assert.equal(f.labelAccuracyMajority.value, s.labelAccuracy);
    assert.equal(f.sCorrPerSample.value, s.sCorr);
    assert.deepEqual(f.sCorrPerSample.interval, s.sCorrInterval);
    assert.equal(f.sCorrPerSample.count, s.fidelity.misaligned);
    assert.equal(f.sCorrPerSample.denominator, s.fidelity.aligned + s.fidelity.misaligned);
    assert.equal(f.meanFlipRate.value, 0);
    assert.equal(f.flipRateAbove20.value, 0);
    assert.deepEqual(f.reliability.map((r) => [r.k, r.agreement]), [[1, 1]]);
    assert.equal(f.fleissKappa.value, null);
    assert.equal(f.fleissKappa.reason, 'no record has two samples or more');
    assert.deepEqual(f.notes, []);
  }
});

test('the samples object is the same from the fast path, from worker threads and from the full reader', async () => {
  const path = tempFile('runs.jsonl', jsonl(rAlignRunRows(7, 150, 4)));
  const fast = await computeStats(path, { workers: 1 });
  const threads = await computeStats(path, { workers: 3 });
  const strict = await computeStats(path, { strict: true });
  assert.ok(fast.samples);
  assert.equal(fast.samples.records, 150);
  assert.deepEqual(threads.samples, fast.samples);
  assert.deepEqual(strict.samples, fast.samples);
  assert.equal((await computeStats(path, { samples: false })).samples, null);
});

test('edge cases: every sample unparsed, majorities tied, no gold label: each undefined figure says why', async () => {
  const row = (id: string, pred: string | null, gold: string | null = 'A') => ({ id, conversations: [{ role: 'user', content: id }], response_A: 'a', response_B: 'b', ...(gold ? { gt_label: gold } : {}), model_pred: pred, model_judgment: 'text' });
  const unparsed = await computeStats(tempFile('u.jsonl', jsonl([row('p', null), row('p', null), row('q', null), row('q', null)])));
  const u = unparsed.samples;
  assert.ok(u);
  assert.equal(u.labelAccuracyPerSample.value, 0);
  assert.equal(u.labelAccuracyMajority.value, 0);
  assert.equal(u.meanFlipRate.value, 0);
  assert.equal(u.fleissKappa.value, null);
  assert.equal(u.fleissKappa.reason, 'no record with 2 samples has two parsed verdicts or more');
  assert.equal(u.sCorrMajority.reason, 'no record with a label-correct majority has a judged label-correct sample');
  assert.deepEqual(u.reliability.map((r) => r.agreement), [1]);

  // A 2–2 split has no majority; two "none" count as equal in the reliability figure.
  const tied = await computeStats(tempFile('t.jsonl', jsonl([row('p', 'A'), row('p', 'B'), row('p', 'A'), row('p', 'B'), row('q', 'B'), row('q', 'B'), row('q', 'B'), row('q', 'A')])));
  const t = tied.samples;
  assert.ok(t);
  assert.equal(t.labelAccuracyMajority.value, 0);
  assert.equal(t.labelAccuracyMajority.denominator, 2);
  assert.equal(t.meanFlipRate.value, (0.5 + 0.25) / 2);
  assert.equal(t.flipRateAbove20.value, 1);
  // k'=1: p's first (A) ≠ none; q's first (B) = B. k'=3: p's AAB... first three A,B,A → A ≠ none; q → B.
  assert.deepEqual(t.reliability.map((r) => [r.k, r.agreement]), [[1, 0.5], [3, 0.5]]);
  // Fleiss over k = 4: P_p = (2·1 + 2·1)/12, P_q = (3·2)/12; p_A = 3/8, p_B = 5/8.
  const pe = (3 / 8) ** 2 + (5 / 8) ** 2;
  assert.ok(Math.abs((t.fleissKappa.value as number) - ((4 / 12 + 6 / 12) / 2 - pe) / (1 - pe)) < 1e-12);

  const noGold = await computeStats(tempFile('n.jsonl', jsonl([row('p', 'A', null), row('p', 'A', null)])));
  const n = noGold.samples;
  assert.ok(n);
  for (const f of [n.labelAccuracyPerSample, n.labelAccuracyMajority, n.sCorrPerSample, n.sCorrMajority]) {
    assert.equal(f.value, null);
    assert.equal(f.reason, 'no record has a gold label');
  }
});

test('Inspect epochs of one sample are the samples of one record (grouped by the sample id, whatever the mapping names)', async () => {
  const dir = containerDir();
  const members: [string, string][] = [['header.json', '{"status": "success"}']];
  for (let epoch = 1; epoch <= 3; epoch++) {
    for (let i = 0; i < 4; i++) {
      const answer = (i + epoch) % 3 === 0 ? 'B' : 'A';
      const s = { id: `q${i}`, epoch, input: `Which answer to question ${i} is better?`, target: 'A', metadata: { response_a: `a ${i}`, response_b: `b ${i}` }, scores: { judge: { answer, explanation: `Epoch ${epoch}: because.` } } };
      members.push([`samples/q${i}_epoch_${epoch}.json`, JSON.stringify(s)]);
    }
  }
  const log = join(dir, 'epochs.eval');
  writeFileSync(join(dir, 'members.json'), JSON.stringify(members));
  execFileSync('python3', ['-c', 'import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    [z.writestr(n, t) for n, t in json.load(open(sys.argv[2]))]', log, join(dir, 'members.json')]);
  // No `id` in the mapping: the records' ids are their places, yet the epochs group by the sample's id.
  const mapping = { prompt: 'input', responseA: 'metadata.response_a', responseB: 'metadata.response_b', goldLabel: 'target', judgments: [{ text: 'scores.judge.explanation', verdict: 'scores.judge.answer' }] };
  for (const m of [mapping, { ...mapping, id: 'id' }]) {
    const stats = await computeStats(log, { mapping: m });
    assert.equal(stats.overall.records, 12);
    const s = stats.samples;
    assert.ok(s, 'epochs form sample sets');
    assert.equal(s.records, 4);
    assert.deepEqual(s.samplesPerRecord, { min: 3, median: 3, max: 3 });
    // q0: A B A? (0+1)%3, (0+2)%3, (0+3)%3=0 → A, A, B: majority A. q1: B, A, A. q2: A, B, A. q3: A, A, B.
    assert.equal(s.labelAccuracyMajority.value, 1);
    assert.ok(Math.abs((s.meanFlipRate.value as number) - 1 / 3) < 1e-12);
  }
});

test('stats --json carries the samples object with its VL-RewardBench cal.py figures; the table shows both majorities, named', () => {
  const path = tempFile('vlrb.jsonl', jsonl(vlRewardBenchRows(5, 60, 10)));
  const r = spawnSync(process.execPath, [cliPath, 'stats', path, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { format: string; records: number; samples: { records: number; reliability: { k: number }[]; vlRewardBench: { calPy: { ks: { k: number }[]; stops: null }; majorityInFileOrder: { k: number }[] } } };
  assert.equal(json.format, 'vl-rewardbench');
  assert.equal(json.records, 600);
  assert.equal(json.samples.records, 60);
  assert.deepEqual(json.samples.reliability.map((p) => p.k), [1, 3, 5, 7, 9]);
  assert.deepEqual(json.samples.vlRewardBench.calPy.ks.map((p) => p.k), [1, 3, 5, 7, 9]);
  assert.equal(json.samples.vlRewardBench.calPy.stops, null);
  assert.deepEqual(json.samples.vlRewardBench.majorityInFileOrder.map((p) => p.k), [1, 3, 5, 7, 9]);
  const table = spawnSync(process.execPath, [cliPath, 'stats', path], { encoding: 'utf8' });
  assert.match(table.stdout, /samples: 60 records with 600 samples \(per record: min 10, median 10, max 10\)/);
  assert.match(table.stdout, /L-Acc by majority\s+\d+\.\d%\s+\d+\/60 records with a gold label/);
  assert.match(table.stdout, /k=9 {2}cal\.py overall \d+\.\d%.*issue 24: \d+\.\d%/);
  const single = spawnSync(process.execPath, [cliPath, 'stats', tempFile('one.jsonl', jsonl(vlRewardBenchRows(5, 60, 1))), '--json'], { encoding: 'utf8' });
  assert.equal((JSON.parse(single.stdout) as { samples: unknown }).samples, null);
});
