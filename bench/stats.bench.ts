/**
 * Tally throughput on a generated ≥ 250 MB R-Align file, against baselines measured in the same run:
 * the same tally with Python's json module (how the reference scorer works) and jq when present.
 * Each contender runs in its own process and reports its own peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { ensureRealisticFile } from './realisticFile';
import { seeded, syntheticRAlignRecord } from '../test/unit/core/synthetic';

const root = resolve(__dirname, '..', '..');
const dataDir = join(root, 'bench', 'data');
const TARGET_BYTES = 260 * 1024 * 1024;

export interface StatsBenchRow {
  contender: string;
  seconds: number;
  mbPerSecond: number;
  peakRssMb: number;
  records: number;
  labelCorrect: number;
  /** User + system CPU time of the whole process (all its threads), when the contender reports it. */
  cpuSeconds?: number;
}

/**
 * A generated R-Align file of at least `targetBytes` in bench/data, made once and kept (the same
 * records for a seed): the stats, session and containers benches read these.
 */
export async function ensureSyntheticFile(name: string, targetBytes: number, seed: number): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, name);
  if (existsSync(path) && statSync(path).size >= targetBytes) return path;
  const out = createWriteStream(path);
  const rand = seeded(seed);
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const line = JSON.stringify(syntheticRAlignRecord(i, rand, 450 + Math.floor(rand() * 300), false)) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  return path;
}

/** The generated R-Align file the stats and session benches read. */
export function ensureBenchFile(): Promise<string> {
  return ensureSyntheticFile('r-align-260mb-v2.jsonl', TARGET_BYTES, 42);
}

function measure(contender: string, cmd: string, args: string[], sizeBytes: number, env?: Record<string, string>): StatsBenchRow {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, ...(env ? { env: { ...process.env, ...env } } : {}) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${contender} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { records: number; labelCorrect: number; maxRssKb: number; cpuSeconds?: number };
  return { contender, seconds, mbPerSecond: sizeBytes / 1048576 / seconds, peakRssMb: out.maxRssKb / 1024, records: out.records, labelCorrect: out.labelCorrect, ...(out.cpuSeconds === undefined ? {} : { cpuSeconds: out.cpuSeconds }) };
}

/**
 * Runs the real, bundled CLI (`dist/cli.js stats --json`) and reports its counts and peak RSS
 * (worker threads share the process, so maxRSS covers them).
 */
const CLI_CHILD = `
const [cli, file, ...flags] = process.argv.slice(1);
let out = '';
const io = { out: (t) => (out += t), err: () => {}, isTTY: false };
require(cli).main(['stats', file, '--json', '--quiet', ...flags], io).then((code) => {
  const s = JSON.parse(out);
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ records: s.records, labelCorrect: s.labelCorrect, maxRssKb: process.resourceUsage().maxRSS, cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\\n');
  process.exitCode = code;
});
`;

const PYTHON_CHILD = `
import json, resource, sys
sys.path.insert(0, sys.argv[2])
import ralign_tally
r = ralign_tally.tally(sys.argv[1])
u = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"records": r["records"], "labelCorrect": r["labelCorrect"], "maxRssKb": u.ru_maxrss, "cpuSeconds": u.ru_utime + u.ru_stime}))
`;

/** R-Align's own scorer, when a checkout of lyn22333/R-Align is named by RALIGN_REPO: its compute_file_stats. */
const SHOW_RESULT_CHILD = `
import json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
import show_result
st = show_result.compute_file_stats(Path(sys.argv[1]))
u = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"records": st.total, "labelCorrect": st.label_correct, "maxRssKb": u.ru_maxrss, "cpuSeconds": u.ru_utime + u.ru_stime}))
`;

const JQ_PROGRAM = `reduce inputs as $r ({records:0, labelCorrect:0}; .records += 1 | .labelCorrect += (if (($r.model_pred == "A" or $r.model_pred == "B") and $r.model_pred == (($r.gt_label // "") | gsub("^\\\\s+|\\\\s+$"; ""))) then 1 else 0 end))`;

export async function benchStats(runs = 3): Promise<StatsBenchRow[]> {
  const path = await ensureBenchFile();
  const size = statSync(path).size;
  const rows: StatsBenchRow[] = [];
  const best = (make: () => StatsBenchRow): StatsBenchRow => {
    const all = Array.from({ length: runs }, make);
    return all.sort((a, b) => a.seconds - b.seconds)[0] as StatsBenchRow;
  };
  const cli = join(root, 'dist', 'cli.js');
  rows.push(best(() => measure('rationale-lens stats', process.execPath, ['-e', CLI_CHILD, cli, path], size)));
  rows.push(best(() => measure('rationale-lens --no-verdict-check', process.execPath, ['-e', CLI_CHILD, cli, path, '--no-verdict-check'], size)));
  rows.push(best(() => measure('rationale-lens --strict (full parse)', process.execPath, ['-e', CLI_CHILD, cli, path, '--strict'], size)));
  rows.push(best(() => measure('python3 json (reference way)', 'python3', ['-c', PYTHON_CHILD, path, join(root, 'test', 'oracle')], size)));
  if (spawnSync('jq', ['--version']).status === 0) {
    const jq = (): StatsBenchRow => {
      const started = process.hrtime.bigint();
      const r = spawnSync('bash', ['-c', `command time -f '%M' jq -n -c '${JQ_PROGRAM}' "$1" 2>/tmp/rlens-jq-rss || jq -n -c '${JQ_PROGRAM}' "$1"`, 'jq', path], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const out = JSON.parse(r.stdout.trim() || '{}') as { records: number; labelCorrect: number };
      return { contender: 'jq', seconds, mbPerSecond: size / 1048576 / seconds, peakRssMb: NaN, records: out.records, labelCorrect: out.labelCorrect };
    };
    rows.push(best(jq));
  }
  const ours = rows[0] as StatsBenchRow;
  for (const row of rows) {
    if (row.records !== ours.records || row.labelCorrect !== ours.labelCorrect) throw new Error(`${row.contender} disagrees: ${row.records}/${row.labelCorrect} vs ${ours.records}/${ours.labelCorrect}`);
  }
  return rows;
}

export function printStats(rows: StatsBenchRow[], sizeMb: number): void {
  const python = rows.find((r) => r.contender.startsWith('python')) as StatsBenchRow;
  console.log(`\nstats tally on a generated ${sizeMb.toFixed(0)} MB R-Align file (${python.records} records), best of 3, ${availableParallelism()} cores:`);
  for (const r of rows) {
    const ratio = python.seconds / r.seconds;
    console.log(`  ${r.contender.padEnd(38)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.mbPerSecond.toFixed(0).padStart(5)} MB/s  peak RSS ${Number.isNaN(r.peakRssMb) ? '   n/a' : r.peakRssMb.toFixed(0).padStart(5)} MB  ${r === python ? '(baseline)' : `${ratio.toFixed(2)}× the Python baseline's speed`}`);
  }
}

/**
 * The issue's targets on the realistic 500 MB file (realisticFile.ts), best of `runs`: `stats` at
 * least 3× the reference scorer's way (ralign_tally.py reads as show_result.py does; show_result.py
 * itself too when RALIGN_REPO names a checkout of lyn22333/R-Align) and within 6× `wc -l`.
 */
export async function benchRealistic(runs = 3): Promise<void> {
  const path = await ensureRealisticFile(dataDir);
  const size = statSync(path).size;
  const best = (make: () => StatsBenchRow): StatsBenchRow => Array.from({ length: runs }, make).sort((a, b) => a.seconds - b.seconds)[0] as StatsBenchRow;
  // This build, the pure-JS scanner (RLENS_JSON_SCANNER=js, the fuzzer's reference) and, when
  // BENCH_BEFORE_DIST names another build's dist/ folder, that build: run in turn, so a load that
  // comes and goes falls on each alike.
  const cli = (dist: string, contender: string, env?: Record<string, string>) => () => measure(contender, process.execPath, ['-e', CLI_CHILD, join(dist, 'cli.js'), path], size, env);
  const before = process.env.BENCH_BEFORE_DIST;
  const makers = [cli(join(root, 'dist'), 'rationale-lens stats'), cli(join(root, 'dist'), 'rationale-lens stats, pure-JS scanner', { RLENS_JSON_SCANNER: 'js' })];
  if (before && existsSync(join(before, 'cli.js'))) makers.push(cli(before, `rationale-lens stats, build before (${before})`));
  const turns = makers.map((): StatsBenchRow[] => []);
  for (let r = 0; r < runs; r++) makers.forEach((make, k) => turns[k]?.push(make()));
  const [ours, jsScanner, previous] = turns.map((all) => all.sort((a, b) => a.seconds - b.seconds)[0] as StatsBenchRow) as [StatsBenchRow, StatsBenchRow, StatsBenchRow | undefined];
  const rows = [ours, best(() => measure('python3, show_result.py\'s way (ralign_tally.py)', 'python3', ['-c', PYTHON_CHILD, path, join(root, 'test', 'oracle')], size))];
  const repo = process.env.RALIGN_REPO;
  if (repo && existsSync(join(repo, 'show_result.py'))) rows.push(best(() => measure('show_result.py compute_file_stats', 'python3', ['-c', SHOW_RESULT_CHILD, path, repo], size)));
  rows.push(jsScanner);
  if (previous) rows.push(previous);
  const wc = best(() => {
    const started = process.hrtime.bigint();
    const r = spawnSync('wc', ['-l', path], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { contender: 'wc -l (the read floor)', seconds, mbPerSecond: size / 1048576 / seconds, peakRssMb: NaN, records: Number(r.stdout.trim().split(/\s+/)[0] ?? NaN), labelCorrect: NaN };
  });
  for (const row of rows.slice(1)) if (row.records !== ours.records || row.labelCorrect !== ours.labelCorrect) throw new Error(`${row.contender} disagrees: ${row.records}/${row.labelCorrect} vs ${ours.records}/${ours.labelCorrect}`);
  const python = rows[1] as StatsBenchRow;
  const showResult = rows.find((r) => r.contender.startsWith('show_result.py'));
  console.log(`\nstats on a realistic ${(size / 1048576).toFixed(0)} MB R-Align file (${ours.records.toLocaleString('en-US')} records: long thinking, raw UTF-8, escapes), best of ${runs}, ${availableParallelism()} cores, 1-min load ${(loadavg()[0] ?? NaN).toFixed(1)}:`);
  for (const r of [...rows, wc]) {
    const perCore = r.cpuSeconds ? `${(size / 1048576 / r.cpuSeconds).toFixed(0).padStart(5)} MB/s per core-second (${r.cpuSeconds.toFixed(2)} CPU s)` : ''.padStart(25);
    console.log(`  ${r.contender.padEnd(48)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.mbPerSecond.toFixed(0).padStart(5)} MB/s  ${perCore}`);
  }
  const vsPython = (showResult ?? python).seconds / ours.seconds;
  const vsWc = ours.seconds / wc.seconds;
  console.log(`  stats vs ${showResult ? 'show_result.py' : 'the reference way'}: ${vsPython.toFixed(2)}× its speed (target ≥ 3×: ${vsPython >= 3 ? 'met' : 'NOT met'}); vs wc -l: ${vsWc.toFixed(1)}× its time (target ≤ 6×: ${vsWc <= 6 ? 'met' : 'NOT met'})`);
  console.log(`  the WebAssembly scanner vs the pure-JS one: ${(jsScanner.seconds / ours.seconds).toFixed(2)}× its speed${previous ? `; this build vs the build before: ${(previous.seconds / ours.seconds).toFixed(2)}× its speed, ${previous.cpuSeconds && ours.cpuSeconds ? `${(previous.cpuSeconds / ours.cpuSeconds).toFixed(2)}× its CPU time` : ''}` : ''}`);
}

if (require.main === module) {
  void benchStats()
    .then((rows) => printStats(rows, statSync(join(dataDir, 'r-align-260mb-v2.jsonl')).size / 1048576))
    .then(() => benchRealistic());
}
