// The samples a newcomer starts from: make-samples.mjs writes them byte for byte as shipped, the
// results folder is a 2 × 2 leaderboard, and the second run differs from the first exactly where
// scripts/samples/r-align-run2.json says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot, samplesDir } from '../paths';

const cli = (...args: string[]): Record<string, unknown> => JSON.parse(execFileSync(process.execPath, [cliPath, ...args, '--json'], { encoding: 'utf8' })) as Record<string, unknown>;

test('make-samples.mjs rewrites every shipped sample byte for byte', () => {
  const copy = mkdtempSync(join(tmpdir(), 'rlens-samples-'));
  cpSync(join(repoRoot, 'scripts'), join(copy, 'scripts'), { recursive: true });
  execFileSync(process.execPath, [join(copy, 'scripts', 'make-samples.mjs')], { encoding: 'utf8' });
  const walk = (dir: string, rel = ''): string[] =>
    readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, join(rel, e.name)) : e.name.endsWith('.jsonl') ? [join(rel, e.name)] : []));
  const written = walk(join(copy, 'samples')).sort();
  assert.deepEqual(written, walk(samplesDir).sort());
  for (const f of written) assert.ok(readFileSync(join(copy, 'samples', f)).equals(readFileSync(join(samplesDir, f))), `${f} differs from make-samples.mjs's output`);
});

test('samples/results is a 2 models × 2 benchmarks leaderboard', () => {
  const board = cli('stats', join(samplesDir, 'results'), '--quiet') as { cells: { model: string; benchmark: string; records: number }[]; notRead: unknown[] };
  assert.deepEqual([...new Set(board.cells.map((c) => c.model))].sort(), ['synthetic-genrm', 'synthetic-genrm-mini']);
  assert.deepEqual([...new Set(board.cells.map((c) => c.benchmark))].sort(), ['general', 'reasoning']);
  assert.deepEqual(board.notRead, []);
  for (const c of board.cells) assert.equal(c.records, c.benchmark === 'general' ? 28 : 20);
});

test('the second run differs from the first on the five records answered anew, as designed', () => {
  const run2 = JSON.parse(readFileSync(join(repoRoot, 'scripts', 'samples', 'r-align-run2.json'), 'utf8')) as { id: string }[];
  const compared = cli('compare', join(samplesDir, 'r-align-synthetic.jsonl'), join(samplesDir, 'r-align-synthetic-run2.jsonl')) as { transitions: Record<string, Record<string, number>> };
  const changed = Object.entries(compared.transitions).flatMap(([from, row]) => Object.entries(row).filter(([to, n]) => to !== from && n > 0).map(([to, n]) => `${from}→${to}:${n}`));
  assert.deepEqual(changed.sort(), ['aligned→label-wrong:1', 'aligned→spurious:2', 'spurious→aligned:2']);
  assert.equal(run2.length, 5);
  const byLine = (f: string) => readFileSync(join(samplesDir, f), 'utf8').trim().split('\n');
  const a = byLine('r-align-synthetic.jsonl');
  const b = byLine('r-align-synthetic-run2.jsonl');
  const differing = a.flatMap((line, i) => {
    const [x, y] = [JSON.parse(line) as Record<string, unknown>, JSON.parse(b[i] ?? "null") as Record<string, unknown>];
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, meta: { ...(r.meta as object), model_name: null } });
    return strip(x) === strip(y) ? [] : [x.id];
  });
  assert.deepEqual(differing, run2.map((o) => o.id));
});
