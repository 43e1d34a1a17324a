/**
 * `compare` of two sampled runs (issue 24): `--json`'s `samples` object against
 * test/oracle/samples_compare.py (an independent Python grouping, majority McNemar and the same
 * seeded paired bootstrap), on a VL-RewardBench-style k = 10 pair and an R-Align repeated-id pair;
 * single-sample files compare exactly as before; the table states the seed, the count, the
 * denominators and the records left out.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { sampleBootstrap } from '../../../../src/core/research/sampledCompare';
import { cliPath, repoRoot, tempFile } from '../../paths';
import { rAlignRunRows, vlRewardBenchRows } from './sampleFiles';

type Rows = Record<string, unknown>[];
const write = (name: string, rows: Rows) => tempFile(name, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Oracle {
  records: { a: number; b: number };
  samples: { a: number; b: number };
  matched: number;
  onlyInA: number;
  onlyInB: number;
  majority: { a: number | null; b: number | null; denominator: number; onlyACorrect: number; onlyBCorrect: number; mcnemarP: number };
  sCorrPerSample: { a: number | null; b: number | null; judgedA: number; judgedB: number; delta: number | null; ci: [number, number] | null; p: number | null; used: number };
}

function close(actual: number | null | undefined, expected: number | null, what: string): void {
  if (actual === null || actual === undefined || expected === null) assert.equal(actual ?? null, expected, what);
  else assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} vs ${expected}`);
}

/** Runs both and checks every figure; returns the CLI's samples object. */
function checkAgainstOracle(a: string, b: string, seed: number, resamples: number): { json: Record<string, unknown>; oracle: Oracle } {
  const r = cli('compare', a, b, '--json', '--seed', String(seed), '--resamples', String(resamples));
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  const s = json.samples as Record<string, Record<string, unknown>>;
  assert.ok(s, 'a comparison of sampled runs has a samples object');
  const o = JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'oracle', 'samples_compare.py'), a, b, String(seed), String(resamples)], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })) as Oracle;
  const join_ = s.join as Record<string, unknown>;
  assert.equal(join_.by, 'id');
  assert.equal(join_.matched, o.matched);
  assert.equal(join_.onlyInA, o.onlyInA);
  assert.equal(join_.onlyInB, o.onlyInB);
  assert.deepEqual([(s.a as { records: number }).records, (s.b as { records: number }).records], [o.records.a, o.records.b]);
  assert.deepEqual([(s.a as { samples: number }).samples, (s.b as { samples: number }).samples], [o.samples.a, o.samples.b]);
  const m = s.majority as { a: { value: number | null; denominator: number }; b: { value: number | null; denominator: number }; onlyACorrect: number; onlyBCorrect: number; mcnemarP: number };
  close(m.a.value, o.majority.a, 'majority a');
  close(m.b.value, o.majority.b, 'majority b');
  assert.equal(m.a.denominator, o.majority.denominator);
  assert.equal(m.onlyACorrect, o.majority.onlyACorrect);
  assert.equal(m.onlyBCorrect, o.majority.onlyBCorrect);
  close(m.mcnemarP, o.majority.mcnemarP, 'McNemar p');
  const c = s.sCorrPerSample as { a: { value: number | null; denominator: number }; b: { value: number | null; denominator: number }; delta: number | null; ci: [number, number] | null; p: number | null; usedResamples: number; resamples: number; seed: number };
  close(c.a.value, o.sCorrPerSample.a, 'S-Corr a');
  close(c.b.value, o.sCorrPerSample.b, 'S-Corr b');
  assert.equal(c.a.denominator, o.sCorrPerSample.judgedA);
  assert.equal(c.b.denominator, o.sCorrPerSample.judgedB);
  close(c.delta, o.sCorrPerSample.delta, 'delta');
  if (o.sCorrPerSample.ci === null) assert.equal(c.ci, null);
  else o.sCorrPerSample.ci.forEach((v, i) => close(c.ci?.[i], v, `interval ${i}`));
  close(c.p, o.sCorrPerSample.p, 'bootstrap p');
  assert.equal(c.usedResamples, o.sCorrPerSample.used);
  assert.deepEqual([c.resamples, c.seed], [resamples, seed]);
  return { json, oracle: o };
}

test('VL-RewardBench-style pair, k = 10: the majority McNemar equals the Python oracle; a pair in one run only is left out and counted', () => {
  const rowsB = vlRewardBenchRows(12, 90, 10, 100).filter((r) => r.id !== 'SVIT_1008' && r.id !== 'RLAIF-V-1009');
  const a = write('vlrb-a.jsonl', vlRewardBenchRows(11, 90, 10, 100));
  const b = write('vlrb-b.jsonl', rowsB);
  const { json, oracle } = checkAgainstOracle(a, b, 7, 500);
  assert.equal(oracle.matched, 88);
  assert.equal(oracle.onlyInA, 2);
  assert.ok(oracle.majority.onlyACorrect + oracle.majority.onlyBCorrect > 0, 'the two runs disagree on some records');
  // No fidelity verdicts in a VL-RewardBench file: the per-sample S-Corr is undefined, with why.
  const c = (json.samples as { sCorrPerSample: { a: { value: null; reason: string }; ci: null } }).sCorrPerSample;
  assert.equal(c.a.value, null);
  assert.match(c.a.reason, /no label-correct sample/);
  const table = cli('compare', a, b).stdout;
  assert.match(table, /88 paired · 2 left out \(2 only in a, 0 only in b\)/);
  assert.match(table, /L-Acc by majority: a [\d.]+% \(\d+\/88 paired records with a gold label in both runs\)/);
});

for (const seed of [1, 2]) {
  test(`R-Align repeated-id pair (seed ${seed}): majority McNemar and the paired bootstrap of the per-sample S-Corr equal the Python oracle draw for draw`, () => {
    const a = write('ralign-a.jsonl', rAlignRunRows(20 + seed, 60, 5, 99));
    const b = write('ralign-b.jsonl', rAlignRunRows(40 + seed, 60, 7, 99));
    const { oracle } = checkAgainstOracle(a, b, seed, 400);
    assert.notEqual(oracle.sCorrPerSample.ci, null, 'the fixture has judged label-correct samples in both runs');
    const table = cli('compare', a, b, '--seed', String(seed), '--resamples', '400');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`paired bootstrap over the 60 paired records: 95% interval \\[[^\\]]+\\], p [=<] [\\d.e-]+.* \\(400 resamples, \\d+ with both figures defined, seed ${seed}\\)`));
    assert.match(table.stdout, /S-Corr per sample: a [\d.]+% \(\d+\/\d+ label-correct samples with a fidelity verdict/);
  });
}

test('single-sample files compare exactly as before: no samples object, the same keys, no samples section', () => {
  const one = (seed: number) => rAlignRunRows(seed, 40, 1, 5);
  const a = write('single-a.jsonl', one(1));
  const b = write('single-b.jsonl', one(2));
  const r = cli('compare', a, b, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(Object.keys(JSON.parse(r.stdout) as object), ['a', 'b', 'join', 'labelAccuracy', 'sCorr', 'transitions', 'changed']);
  assert.doesNotMatch(cli('compare', a, b).stdout, /^samples:|by majority|per sample/m);
});

test('a sampled run against a single-sample run: the single run is k = 1 everywhere', () => {
  const a = write('k1.jsonl', rAlignRunRows(3, 30, 1, 8));
  const b = write('k4.jsonl', rAlignRunRows(4, 30, 4, 8));
  const { json } = checkAgainstOracle(a, b, 3, 200);
  const s = json.samples as { a: { k: { min: number; max: number } }; b: { k: { min: number; max: number } } };
  assert.deepEqual(s.a.k, { min: 1, max: 1 });
  assert.equal(s.b.k.max, 4);
});

test('the bootstrap p: both sides of zero counted, an interval from sorted differences, nothing when a figure is undefined', () => {
  // One record: every resample draws it, so every difference equals the observed one.
  const same = sampleBootstrap(Int32Array.from([1, 2, 2, 2]), 50, 1);
  assert.deepEqual([same.a, same.b, same.delta, same.ci, same.p, same.used], [0.5, 0, -0.5, [-0.5, -0.5], 0, 50]);
  // A record with no judged sample in b: b undefined, no resampling.
  const none = sampleBootstrap(Int32Array.from([1, 2, 0, 0]), 50, 1);
  assert.deepEqual([none.b, none.delta, none.ci, none.p, none.used], [null, null, null, null, 0]);
  // Identical runs: every difference is 0, on both sides: p = 1.
  const tied = sampleBootstrap(Int32Array.from([1, 2, 1, 2, 0, 3, 0, 3]), 100, 9);
  assert.equal(tied.p, 1);
});
