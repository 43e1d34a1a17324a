import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatasetSession } from '../../../../src/core/session/session';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { renderTable } from '../../../../src/core/reports/report';
import { snapshotView } from '../../../../src/presentation/snapshotViews';
import { repoRoot } from '../../paths';
import { buildLeaderboard } from '../../../../src/core/research/leaderboard';
import { leaderboardNotes } from '../../../../src/core/reports/leaderboardReport';
import { compareRuns, readRun } from '../../../../src/core/research/compare';
import { renderComparison } from '../../../../src/core/reports/compareReport';

interface OracleRun {
  printed: string;
  file: string;
  paper: { records: number; labelCorrect: number; aligned: number; misaligned: number; labelAccuracy: number | null; sCorr: number | null; fScore: number | null };
}

/** test/oracle/trl_ralign_eval.py: eval_benchmarks.py's own loop on a seeded synthetic run. */
function oracleRun(seed: number, n: number, rationaleAware = true): OracleRun {
  const out = mkdtempSync(join(tmpdir(), 'rlens-trl-'));
  const args = [join(repoRoot, 'test', 'oracle', 'trl_ralign_eval.py'), 'generate', out, String(seed), String(n), ...(rationaleAware ? [] : ['--no-rationale'])];
  const lines = execFileSync('python3', args, { encoding: 'utf8' }).trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as OracleRun;
}

for (const [seed, n] of [[7, 500], [11, 37], [23, 1200]] as const) {
  test(`trl-ralign predictions.jsonl: the figures eval_benchmarks.py prints, and the paper's, with their denominators (seed ${seed}, ${n} records)`, async () => {
    const run = oracleRun(seed, n);
    const stats = await computeStats(run.file, { overlays: false });
    assert.equal(stats.format, 'trl-ralign');
    assert.equal(stats.malformed, 0);
    const [paper, own] = stats.conventions;
    assert.equal(own?.convention, 'trl-ralign');
    // Character for character what the script printed for this benchmark.
    assert.equal(own?.printed, run.printed);
    for (const f of own?.figures ?? []) assert.equal(f.denominator, n, `${f.metric} is over all records in trl-ralign`);
    // The paper's rules on the same file: S-Corr over judged label-correct records.
    const s = stats.overall;
    assert.equal(s.records, run.paper.records);
    assert.equal(s.labelCorrect, run.paper.labelCorrect);
    assert.equal(s.fidelity.aligned, run.paper.aligned);
    assert.equal(s.fidelity.misaligned, run.paper.misaligned);
    assert.equal(s.sCorr, run.paper.sCorr);
    assert.equal(s.fScore, run.paper.fScore);
    assert.equal(s.fidelityBasis, 'gold', 'the file\'s verdicts were given against a gold rationale, not human marks');
    assert.equal(paper?.figures.find((f) => f.metric === 'S-Corr')?.denominator, run.paper.aligned + run.paper.misaligned);
    // The CLI table names both, apart.
    const table = renderTable(stats);
    assert.match(table, /as R-Align's show_result\.py \(the paper's figures\) computes them:/);
    assert.match(table, /as trl-ralign's eval_benchmarks\.py computes them \(its denominators, not the paper's\):/);
    assert.ok(table.includes(`it prints:\n    ${run.printed.trim()}`));
  });
}

test('trl-ralign without a rationale-aware run: the scorer printed L-Acc alone, and S-Corr does not exist', async () => {
  const run = oracleRun(5, 200, false);
  const stats = await computeStats(run.file, { overlays: false });
  assert.equal(stats.format, 'trl-ralign');
  assert.equal(stats.conventions[1]?.printed, run.printed);
  assert.deepEqual(stats.conventions[1]?.figures.map((f) => f.metric), ['L-Acc']);
  assert.equal(stats.overall.sCorr, null);
});

test('trl-ralign in the Inspector: each header figure carries the paper\'s count and the file scorer\'s, each with its denominator', async () => {
  const run = oracleRun(7, 500);
  const session = await DatasetSession.open(run.file);
  await session.load();
  assert.deepEqual(session.snapshot().summary, (await computeStats(run.file, { overlays: false })).overall);
  const view = snapshotView(session.snapshot(), [], 0);
  const spurious = run.paper.misaligned; // label-correct and misaligned
  assert.match(view.summary.sCorr.note, new RegExp(`^R-Align \\(paper\\): ${spurious}/${run.paper.aligned + run.paper.misaligned} label-correct rationales misaligned · trl-ralign's eval_benchmarks\\.py: [0-9.]+% = ${spurious}/500 over all 500 records`));
  assert.match(view.summary.fScore.note, / · trl-ralign's eval_benchmarks\.py: [0-9.]+% = \d+\/500 over all 500 records/);
});

test('a leaderboard and a comparison holding a trl-ralign file say which convention their figures follow', async () => {
  const run = oracleRun(7, 500);
  const folder = mkdtempSync(join(tmpdir(), 'rlens-trl-board-'));
  copyFileSync(run.file, join(folder, 'ralign_bmk__trl-model.jsonl'));
  const board = await buildLeaderboard([folder], { overlays: false });
  const notes = leaderboardNotes(board);
  const note = notes.find((n) => n.includes('ralign_bmk__trl-model.jsonl is trl-ralign'));
  assert.ok(note, notes.join('\n'));
  assert.match(note, /its cell shows R-Align's figures \(the paper's, as every cell\); trl-ralign's eval_benchmarks\.py would give S-Corr [0-9.]+% = \d+\/500 over all 500 records/);
  const cell = board.files[0]?.figures;
  const stats = await computeStats(run.file, { overlays: false });
  assert.equal(cell?.sCorr, stats.overall.sCorr, 'the cell holds the paper\'s S-Corr, not trl-ralign\'s');
  const comparison = compareRuns(await readRun(run.file, { overlays: false }), await readRun(run.file, { overlays: false }));
  assert.match(renderComparison(comparison), /figures: R-Align's show_result\.py rules \(the paper's\) for both runs; a is trl-ralign, whose own scorer \(trl-ralign's eval_benchmarks\.py\) counts otherwise/);
});
