// `npm run bench`: compiles, then runs each benchmark in its own process (so one's memory does not
// colour another's). Each prints its figures as ratios against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = [
  ['stats tally vs Python json / jq', 'out/bench/stats.bench.js'],
  ['semantic alignment vs diffWords / naive Jaccard', 'out/bench/align.bench.js'],
  ['verdict parsing on hostile text vs plain prose', 'out/bench/verdict.bench.js'],
  ['aligner agreement with human labels (MetaCritique dev) vs word containment', 'out/bench/agreement.bench.js'],
  ['LLM judging throughput vs the ideal', 'out/bench/llm.bench.js'],
  ['indexing a file (Inspector, hovers) vs reading + JSON.parse', 'out/bench/session.bench.js'],
  ['Markdown rendering of pathological texts vs plain prose of the same length', 'out/bench/markdown.bench.js'],
  ['the leaderboard over 2,000 and 10,000 result files vs reading their bytes', 'out/bench/leaderboard.bench.js'],
  ['stats on .jsonl.gz, .jsonl.zst and Parquet (snappy, zstd) vs the plain JSONL tally', 'out/bench/containers.bench.js'],
  ['the first record of a 1 GB Parquet file (snappy, zstd) vs the same records as a 1 GB JSONL file', 'out/bench/firstRecord.bench.js'],
  // Last: starts code-server and Chromium (scripts/install-e2e.sh) and writes a 1 GB file to bench/data.
  ['the Inspector on a 1 GB file in a real VS Code vs the 48-record sample', 'bench/inspector.bench.mjs'],
];
const only = process.argv.slice(2);

for (const [cmd, args] of [['node', ['scripts/build.mjs']], ['npx', ['tsc', '-p', 'tsconfig.json']]]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
let failed = 0;
for (const [title, file] of benches) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  if (!existsSync(file)) continue;
  console.log(`\n=== ${title} (${file})`);
  const r = spawnSync('node', ['--expose-gc', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
