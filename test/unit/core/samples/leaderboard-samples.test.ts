/**
 * The leaderboard's per-sample and majority columns (issue 24): `stats <folder> --json` equals an
 * independent Python oracle (test/oracle/samples_leaderboard.py) on a VL-RewardBench-style k = 10
 * file and an R-Align file with repeated ids; a file of single samples has empty columns with the
 * reason, never 0; the table shows the columns and leaves the single-sample row's cells empty.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildLeaderboard } from '../../../../src/core/research/leaderboard';
import { leaderboardView } from '../../../../src/presentation/reportViews';
import { checkToLeaderboard } from '../../../../src/protocol/reports';
import { cliPath, repoRoot } from '../../paths';
import { rAlignRunRows, vlRewardBenchRows } from './sampleFiles';

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(seed: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-sample-board-'));
  writeFileSync(join(dir, 'vlrb__qwen2-vl.jsonl'), jsonl(vlRewardBenchRows(seed, 60, 10)));
  writeFileSync(join(dir, 'helpsteer3__genrm-t04_metarm_gemini.jsonl'), jsonl(rAlignRunRows(seed, 80, 5)));
  // One run only: every id once, so every record is one sample.
  writeFileSync(join(dir, 'helpsteer3__genrm-greedy_metarm_gemini.jsonl'), jsonl(rAlignRunRows(seed + 10, 80, 1)));
  return dir;
}

interface OracleCell {
  model: string;
  benchmark: string;
  samples: null | {
    k: { min: number; max: number };
    labelAccuracyPerSample: number | null;
    labelAccuracyMajority: number | null;
    sCorrPerSample: number | null;
    sCorrPerSampleInterval: [number, number] | null;
    sCorrMajority: number | null;
    meanFlipRate: number | null;
  };
}

interface Figure {
  value: number | null;
  count?: number;
  denominator: number;
  over: string;
  reason?: string;
}

interface JsonCell {
  model: string;
  benchmark: string;
  samples: null | { k: { min: number; max: number }; labelAccuracyPerSample: Figure; labelAccuracyMajority: Figure; sCorrPerSample: Figure & { interval: [number, number] | null }; sCorrMajority: Figure; meanFlipRate: Figure };
  samplesReason: string | null;
}

const close = (x: number | null, y: number | null, what: string) => {
  if (x === null || y === null) return assert.equal(x, y, what);
  assert.ok(Math.abs(x - y) < 1e-12, `${what}: ${x} vs ${y}`);
};

for (const seed of [1, 2]) {
  test(`leaderboard --json: per-sample and majority columns equal the Python oracle (VL-RewardBench k = 10, R-Align repeated ids; seed ${seed})`, () => {
    const dir = folder(seed);
    const expected = JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'oracle', 'samples_leaderboard.py'), dir], { encoding: 'utf8' })) as OracleCell[];
    const r = cli('stats', dir, '--json', '--file-only');
    assert.equal(r.code, 0, r.stderr);
    const cells = (JSON.parse(r.stdout) as { cells: JsonCell[] }).cells;
    assert.equal(cells.length, expected.length);
    for (const want of expected) {
      const got = cells.find((c) => c.model === want.model && c.benchmark === want.benchmark);
      assert.ok(got, `${want.model} on ${want.benchmark}`);
      const where = `${want.model}/${want.benchmark}`;
      if (want.samples === null) {
        assert.equal(got.samples, null, where);
        assert.match(got.samplesReason ?? '', /every record is one sample/);
        continue;
      }
      const s = got.samples;
      assert.ok(s, `${where}: columns expected`);
      assert.equal(got.samplesReason, null);
      assert.deepEqual(s.k, want.samples.k, `${where} k`);
      close(s.labelAccuracyPerSample.value, want.samples.labelAccuracyPerSample, `${where} L-Acc per sample`);
      close(s.labelAccuracyMajority.value, want.samples.labelAccuracyMajority, `${where} L-Acc majority`);
      close(s.sCorrPerSample.value, want.samples.sCorrPerSample, `${where} S-Corr per sample`);
      if (want.samples.sCorrPerSampleInterval === null) assert.equal(s.sCorrPerSample.interval, null);
      else want.samples.sCorrPerSampleInterval.forEach((v, i) => close(s.sCorrPerSample.interval?.[i] ?? null, v, `${where} Wilson ${i}`));
      close(s.sCorrMajority.value, want.samples.sCorrMajority, `${where} S-Corr majority`);
      close(s.meanFlipRate.value, want.samples.meanFlipRate, `${where} mean flip rate`);
      // Every figure states its denominator, or why it is undefined (VL-RewardBench has no fidelity verdicts).
      for (const f of [s.labelAccuracyPerSample, s.labelAccuracyMajority, s.sCorrPerSample, s.sCorrMajority, s.meanFlipRate]) assert.ok(f.over.length > 0 && (f.denominator > 0 || (f.value === null && (f.reason ?? '').length > 0)), where);
    }
    assert.deepEqual(expected.find((c) => c.benchmark === 'vlrb')?.samples?.k, { min: 10, max: 10 });
    assert.equal(expected.find((c) => c.model === 'genrm-greedy')?.samples, null, 'the single-run file has no samples');
  });
}

test('leaderboard table: sample columns beside the paper\'s, empty (not 0) for a file of single samples, and a note saying why', () => {
  const dir = folder(3);
  const r = cli('stats', dir, '--file-only');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const header = lines[0] ?? '';
  for (const h of ['k', 'L-Acc/sample', 'L-Acc maj.', 'S-Corr/sample [95% CI]', 'S-Corr maj.', 'flip rate']) assert.ok(header.includes(h), `${h} in ${header}`);
  const greedy = lines.find((l) => l.startsWith('genrm-greedy')) ?? '';
  const sampled = lines.find((l) => l.startsWith('genrm-t04')) ?? '';
  const vlrb = lines.find((l) => l.startsWith('qwen2-vl')) ?? '';
  const column = header.indexOf('L-Acc/sample');
  const kColumn = header.search(/ k +L-Acc\/sample/) + 1;
  assert.equal(greedy.slice(column).trim(), '', `the single-sample row ends before the sample columns: ${greedy}`);
  assert.match(sampled.slice(kColumn), /^\d–\d\s+\d+\.\d%/);
  assert.match(vlrb.slice(kColumn), /^10\s+\d+\.\d%/);
  assert.match(r.stderr, /per-sample and majority columns are empty for 1 file \(helpsteer3__genrm-greedy_metarm_gemini\.jsonl\): every record is one sample/);
});

test('leaderboard of single-sample files only: no sample columns, no note, and the JSON says why per cell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-single-board-'));
  writeFileSync(join(dir, 'helpsteer3__one.jsonl'), jsonl(rAlignRunRows(5, 30, 1)));
  const r = cli('stats', dir, '--file-only');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes('L-Acc/sample'));
  assert.ok(!r.stderr.includes('per-sample'));
  const cells = (JSON.parse(cli('stats', dir, '--json', '--file-only').stdout) as { cells: JsonCell[] }).cells;
  assert.equal(cells[0]?.samples, null);
  assert.match(cells[0]?.samplesReason ?? '', /every record is one sample/);
});

test('Leaderboard view: the message passes its schema; sampled cells carry the columns with denominators, a single-sample cell null with the reason', async () => {
  const dir = folder(4);
  const board = await buildLeaderboard([dir], { overlays: false });
  const view = leaderboardView(dir, board);
  assert.ok(checkToLeaderboard({ type: 'leaderboard', view }).ok, 'the view passes the protocol schema');
  const greedy = view.cells.find((c) => c.model === 'genrm-greedy');
  assert.equal(greedy?.samples, null);
  assert.match(greedy?.samplesReason ?? '', /every record is one sample/);
  const vlrb = view.cells.find((c) => c.bench === 'vlrb');
  assert.equal(vlrb?.samples?.kMin, 10);
  assert.equal(vlrb?.samples?.sCorrPerSample.value, null);
  assert.match(vlrb?.samples?.sCorrPerSample.reason ?? '', /fidelity verdict/);
  const t04 = view.cells.find((c) => c.model === 'genrm-t04');
  assert.ok(t04?.samples && t04.samples.sCorrPerSample.interval && t04.samples.sCorrPerSample.denominator > 0);
});
