/**
 * Every per-file sample figure against test/oracle/samples.py (an independent Python implementation
 * of issue 24's definitions), and VL-RewardBench's cal.py figures against test/oracle/vlrb_cal.py
 * (Python's own random and re) and, where the authors' script is beside the checkout, cal.py itself.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { join, resolve } from 'node:path';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord } from '../../../../src/core/record/record';
import { fileSampleFigures } from '../../../../src/core/samples/fileFigures';
import { groupSampleSets } from '../../../../src/core/samples/model';
import { calFigures } from '../../../../src/core/samples/vlrbCal';
import { repoRoot, tempFile } from '../../paths';
import { rAlignRunRows, vlRewardBenchRows } from './sampleFiles';

function python(script: string, path: string): unknown {
  return JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'oracle', script), path], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }));
}

async function readAll(path: string): Promise<{ format: string; records: EvalRecord[] }> {
  const dataset = await openDataset(path);
  const records: EvalRecord[] = [];
  for await (const e of readDataset(dataset)) if (e.kind === 'record') records.push(e.record);
  return { format: dataset.adapter.name, records };
}

function close(actual: number | null, expected: number | null, what: string): void {
  if (actual === null || expected === null) assert.equal(actual, expected, what);
  else assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} vs ${expected}`);
}

interface OracleFigures {
  records: number;
  samples: number;
  samplesPerRecord: { min: number; median: number; max: number };
  meanFlipRate: number | null;
  flipRateAbove20: number | null;
  labelAccuracyPerSample: number | null;
  labelAccuracyMajority: number | null;
  sCorrPerSample: number | null;
  sCorrPerSampleInterval: [number, number] | null;
  sCorrMajority: number | null;
  fleissKappa: { value: number | null; k: number | null; records: number };
  reliability: { k: number; agreement: number }[];
}

async function checkAgainstOracle(path: string, format: string): Promise<ReturnType<typeof fileSampleFigures>> {
  const expected = python('samples.py', path) as OracleFigures;
  const read = await readAll(path);
  assert.equal(read.format, format);
  const f = fileSampleFigures(groupSampleSets(read.records));
  assert.equal(f.records, expected.records);
  assert.equal(f.samples, expected.samples);
  assert.deepEqual(f.samplesPerRecord, expected.samplesPerRecord);
  close(f.meanFlipRate.value, expected.meanFlipRate, 'meanFlipRate');
  close(f.flipRateAbove20.value, expected.flipRateAbove20, 'flipRateAbove20');
  close(f.labelAccuracyPerSample.value, expected.labelAccuracyPerSample, 'labelAccuracyPerSample');
  close(f.labelAccuracyMajority.value, expected.labelAccuracyMajority, 'labelAccuracyMajority');
  close(f.sCorrPerSample.value, expected.sCorrPerSample, 'sCorrPerSample');
  if (expected.sCorrPerSampleInterval === null) assert.equal(f.sCorrPerSample.interval, null);
  else expected.sCorrPerSampleInterval.forEach((v, i) => close(f.sCorrPerSample.interval?.[i] ?? null, v, `sCorrPerSample interval ${i}`));
  close(f.sCorrMajority.value, expected.sCorrMajority, 'sCorrMajority');
  close(f.fleissKappa.value, expected.fleissKappa.value, 'fleissKappa');
  assert.equal(f.fleissKappa.k, expected.fleissKappa.k);
  assert.equal(f.fleissKappa.records, expected.fleissKappa.records);
  assert.equal(f.reliability.length, expected.reliability.length);
  f.reliability.forEach((r, i) => {
    assert.equal(r.k, expected.reliability[i]?.k);
    close(r.agreement, expected.reliability[i]?.agreement ?? null, `reliability at k=${r.k}`);
  });
  return f;
}

for (const seed of [1, 2, 3]) {
  test(`VL-RewardBench-style file, k = 10: every sample figure equals the Python oracle (seed ${seed})`, async () => {
    const path = tempFile('vlrb.jsonl', vlRewardBenchRows(seed, 90, 10).map((r) => JSON.stringify(r)).join('\n') + '\n');
    const f = await checkAgainstOracle(path, 'vl-rewardbench');
    assert.equal(f.records, 90);
    assert.deepEqual(f.samplesPerRecord, { min: 10, median: 10, max: 10 });
    assert.deepEqual(f.reliability.map((r) => r.k), [1, 3, 5, 7, 9]);
    assert.ok(f.meanFlipRate.value !== null && f.meanFlipRate.value > 0.05, 'the file has unstable records');
    assert.equal(f.sCorrPerSample.value, null);
    assert.equal(f.sCorrPerSample.reason, 'no label-correct sample has a fidelity verdict');
  });

  test(`R-Align file with repeated ids: every sample figure equals the Python oracle (seed ${seed})`, async () => {
    const path = tempFile('ralign-runs.jsonl', rAlignRunRows(seed, 120, 5).map((r) => JSON.stringify(r)).join('\n') + '\n');
    const f = await checkAgainstOracle(path, 'r-align');
    assert.equal(f.records, 120);
    assert.ok(f.samplesPerRecord && f.samplesPerRecord.min < f.samplesPerRecord.max, 'runs miss records, so k varies');
    assert.ok(f.sCorrPerSample.value !== null && f.sCorrMajority.value !== null && f.fleissKappa.value !== null);
  });
}

const authorsCal = resolve(repoRoot, '..', 'refs', 'vlrb_cal.py');

for (const seed of [1, 2]) {
  test(`VL-RewardBench: cal.py's figures at k = 1, 3, 5, 7, 9 equal the oracle run on Python's own random and re (seed ${seed})`, () => {
    const rows = vlRewardBenchRows(seed, 90, 10);
    const path = tempFile('vlrb.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const expected = python('vlrb_cal.py', path) as { ks: Record<string, unknown>[] };
    const cal = calFigures(rows, rows.map((_, i) => i + 1));
    assert.equal(cal.stops, null);
    assert.deepEqual(cal.ks, expected.ks);
  });
}

test('VL-RewardBench: the authors\' cal.py itself prints the same figures (when ../refs/vlrb_cal.py is beside the checkout)', { skip: !existsSync(authorsCal) && 'the authors\' script is not beside the checkout' }, () => {
  const rows = vlRewardBenchRows(4, 90, 10);
  const path = tempFile('vlrb.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  // cal.py imports openai and tqdm at the top: stand-ins that do nothing (no call is made with use_llm_parse off).
  const shims = tempFile('openai.py', 'class OpenAI:\n    def __init__(self, **kwargs):\n        pass\n');
  const shimDir = resolve(shims, '..');
  execFileSync('sh', ['-c', `printf 'def tqdm(x, *a, **k):\\n    return x\\n' > "${join(shimDir, 'tqdm.py')}"`]);
  const driver = [
    'import sys, random, json, io, contextlib',
    `sys.path[:0] = [${JSON.stringify(shimDir)}, ${JSON.stringify(resolve(authorsCal, '..'))}]`,
    'import vlrb_cal as cal',
    'random.seed(1234)',
    'out = []',
    'for k in [1, 3, 5, 7, 9]:',
    '    with contextlib.redirect_stdout(io.StringIO()) as printed:',
    `        d = cal.distribution(${JSON.stringify(path)}, k=k, reparse=True, use_llm_parse=False)`,
    '        c = cal.classify(d, k=k)',
    '        cal.distribution_dataset(c)',
    '    out.append({"k": k, "printed": printed.getvalue()})',
    'print(json.dumps(out))',
  ].join('\n');
  const printed = JSON.parse(execFileSync('python3', ['-c', driver], { encoding: 'utf8' })) as { k: number; printed: string }[];
  const cal = calFigures(rows, rows.map((_, i) => i + 1));
  assert.equal(cal.stops, null);
  for (const [i, at] of cal.ks.entries()) {
    const text = printed[i]?.printed ?? '';
    const r4 = (x: number) => String(Math.round(x * 1e4) / 1e4);
    assert.match(text, new RegExp(`Number of total items: ${at.items}\\n`));
    assert.match(text, new RegExp(`Number of agree items: ${at.agree}, rate: ${r4(at.agreeRate).replace('.', '\\.')}, normalized rate: ${r4(at.normalizedAgreeRate).replace('.', '\\.')}\\n`));
    assert.match(text, new RegExp(`Number of reject items: ${at.reject},`));
    assert.match(text, new RegExp(`Number of doesntMatch items: ${at.doesntMatch},`));
    const pct = (x: number) => (100 * x).toFixed(2);
    assert.ok(text.includes(`${pct(at.groups.general)}\t ${pct(at.groups.hallucination)}\t ${pct(at.groups.reasoning)}`), `k=${at.k}: group line in ${text}`);
    assert.ok(text.includes(`Overall Accuracy: ${pct(at.overallAccuracy)}`), `k=${at.k}: overall`);
    assert.ok(text.includes(`Macro Average Acc: ${pct(at.macroAverage)}`), `k=${at.k}: macro`);
  }
});
