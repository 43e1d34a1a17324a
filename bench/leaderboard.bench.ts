/**
 * The leaderboard over a folder of 2,000 and of 10,000 small result files, in the same run: the
 * time should grow as the file count (10,000 / 2,000 ≈ 5×). Each folder is measured in its own
 * process (a fresh heap, as a user's run has), with the table, JSON and editor view rendered, against
 * a baseline measured alike: reading the folder and every file's bytes, nothing parsed. Two
 * layouts: a grid (50 benchmarks, many models) and a diagonal (every file its own model and
 * benchmark, where walking models × benchmarks is quadratic).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const COUNTS = [2_000, 10_000] as const;

const CHILD = `
const [outDir, dir, mode] = process.argv.slice(1);
const { readdir, readFile } = require('node:fs/promises');
const { join } = require('node:path');
(async () => {
  const t0 = process.hrtime.bigint();
  if (mode === 'baseline') {
    for (const name of await readdir(dir)) await readFile(join(dir, name));
  } else {
    const { buildLeaderboard } = require(outDir + '/src/core/research/leaderboard.js');
    const report = require(outDir + '/src/core/reports/leaderboardReport.js');
    const { leaderboardView } = require(outDir + '/src/presentation/reportViews.js');
    const board = await buildLeaderboard([dir], { overlays: true });
    report.renderLeaderboardTable(board);
    JSON.stringify(report.leaderboardJson(board));
    leaderboardView(dir, board);
  }
  process.stdout.write(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t0) / 1e9 }) + '\\n');
})();
`;

function makeFolder(parent: string, n: number, layout: 'grid' | 'diagonal'): string {
  const dir = join(parent, `${layout}-${n}`);
  mkdirSync(dir);
  const row = (i: number) => JSON.stringify({ id: `r${i}`, response_A: 'a', response_B: 'b', gt_label: 'A', model_pred: i % 3 ? 'A' : 'B', model_judgment: 'A is better. \\boxed{A}', metarm_verdict: i % 2 ? 'Correct' : 'Incorrect' });
  const body = Array.from({ length: 5 }, (_, i) => row(i)).join('\n') + '\n';
  for (let i = 0; i < n; i++) writeFileSync(join(dir, layout === 'grid' ? `bench${i % 50}__model${Math.floor(i / 50)}.jsonl` : `bench${i}__model${i}.jsonl`), body);
  return dir;
}

function measure(dir: string, mode: 'baseline' | 'leaderboard'): number {
  const r = spawnSync(process.execPath, ['-e', CHILD, join(root, 'out'), dir, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} on ${dir} failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { seconds: number }).seconds;
}

const parent = mkdtempSync(join(tmpdir(), 'rlens-bench-board-'));
try {
  console.log('layout      files   baseline s   leaderboard s   ms/file   × baseline');
  for (const layout of ['grid', 'diagonal'] as const) {
    const seconds: number[] = [];
    const base: number[] = [];
    for (const n of COUNTS) {
      const dir = makeFolder(parent, n, layout);
      measure(dir, 'baseline'); // the first read warms the page cache for both contenders
      const b = measure(dir, 'baseline');
      const s = measure(dir, 'leaderboard');
      base.push(b);
      seconds.push(s);
      console.log(`${layout.padEnd(9)} ${String(n).padStart(7)} ${b.toFixed(2).padStart(12)} ${s.toFixed(2).padStart(15)} ${((s / n) * 1000).toFixed(2).padStart(9)} ${(s / b).toFixed(1).padStart(12)}`);
    }
    const ratio = (seconds[1] as number) / (seconds[0] as number);
    const baseRatio = (base[1] as number) / (base[0] as number);
    console.log(`${layout}: 10,000 files took ${ratio.toFixed(1)}× the time of 2,000 (linear is 5×; the baseline's own ratio ${baseRatio.toFixed(1)}×)`);
  }
} finally {
  rmSync(parent, { recursive: true, force: true });
}
