/** `rationale-lens compare`: figures, McNemar, the paired bootstrap and transitions, checked against an independent Python oracle. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { mcnemarExact, mulberry32, percentile } from '../../../../src/core/statistics/pairedTests';
import { cliPath, repoRoot } from '../../paths';
import { seeded } from '../synthetic';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Row {
  id?: string;
  conversations: { role: string; content: string }[];
  response_A: string;
  response_B: string;
  gt_label: string;
  model_pred: string | null;
  metarm_verdict?: string;
}

/** Two runs on the same prompts: b is a's GenRM after "training", better labels and fewer spurious rationales. */
function twoRuns(n: number, seed: number): { a: Row[]; b: Row[] } {
  const rand = seeded(seed);
  const run = (pCorrect: number, pSpurious: number, i: number, gold: string): Pick<Row, 'model_pred' | 'metarm_verdict'> => {
    const u = rand();
    const pred = u < 0.03 ? null : u < pCorrect ? gold : gold === 'A' ? 'B' : 'A';
    if (pred !== gold) return { model_pred: pred, metarm_verdict: 'SkippedLabelMismatch' };
    const v = rand();
    return { model_pred: pred, ...(v < 0.05 ? {} : { metarm_verdict: v < 0.07 ? 'CallFail' : v < 0.09 ? 'ParseFail' : v < 0.09 + pSpurious ? 'Incorrect' : 'Correct' }) };
  };
  const a: Row[] = [];
  const b: Row[] = [];
  for (let i = 0; i < n; i++) {
    const gold = rand() < 0.5 ? 'A' : 'B';
    const base = { id: `q${i}`, conversations: [{ role: 'user', content: `Question ${i}` }], response_A: `answer A${i}`, response_B: `answer B${i}`, gt_label: gold };
    a.push({ ...base, ...run(0.72, 0.35, i, gold) });
    b.push({ ...base, ...run(0.78, 0.2, i, gold) });
  }
  return { a, b };
}

function write(dir: string, name: string, rows: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

const close = (x: number | null, y: number | null, what: string) => {
  if (x === null || y === null) return assert.equal(x, y, what);
  assert.ok(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)), `${what}: ${x} vs ${y}`);
};

test('compare --json equals the independent oracle: figures, McNemar p, bootstrap interval, transitions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-compare-'));
  const { a, b } = twoRuns(600, 11);
  // b lists the records in another order: the join is by id, not by position.
  const pa = write(dir, 'a.jsonl', a);
  const pb = write(dir, 'b.jsonl', [...b].reverse());
  const r = cli('compare', pa, pb, '--json', '--seed', '7', '--resamples', '500');
  assert.equal(r.code, 0, r.stderr);
  const got = JSON.parse(r.stdout) as {
    a: { figures: Record<string, number | null> };
    b: { figures: Record<string, number | null> };
    join: { by: string; matched: number; onlyInA: number };
    labelAccuracy: { a: number; b: number; mcnemarP: number };
    sCorr: { a: number; b: number; delta: number; ci: [number, number]; n: number; seed: number };
    transitions: Record<string, Record<string, number>>;
  };
  const want = JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'oracle', 'compare.py'), pa, pb, '7', '500'], { encoding: 'utf8' })) as {
    a: Record<string, number | null>;
    b: Record<string, number | null>;
    matched: number;
    mcnemarP: number;
    sCorr: { a: number; b: number; delta: number; ci: [number, number]; n: number };
    transitions: Record<string, Record<string, number>>;
  };
  assert.equal(got.join.by, 'id');
  assert.equal(got.join.matched, want.matched);
  for (const k of ['labelAccuracy', 'sCorr', 'fScore']) {
    close(got.a.figures[k] ?? null, want.a[k] ?? null, `a ${k}`);
    close(got.b.figures[k] ?? null, want.b[k] ?? null, `b ${k}`);
  }
  assert.ok(Math.abs(got.labelAccuracy.mcnemarP - want.mcnemarP) <= 1e-9 * want.mcnemarP, `${got.labelAccuracy.mcnemarP} vs ${want.mcnemarP}`);
  assert.ok(want.mcnemarP < 0.05, 'the generated b is better by design: the test exercises a small p');
  assert.equal(got.sCorr.n, want.sCorr.n);
  close(got.sCorr.delta, want.sCorr.delta, 'delta');
  close(got.sCorr.ci[0], want.sCorr.ci[0], 'ci low');
  close(got.sCorr.ci[1], want.sCorr.ci[1], 'ci high');
  assert.ok(got.sCorr.ci[0] <= got.sCorr.delta && got.sCorr.delta <= got.sCorr.ci[1]);
  assert.deepEqual(got.transitions, want.transitions);
  // Seeded: the same seed gives the same interval; another seed another one.
  const again = JSON.parse(cli('compare', pa, pb, '--json', '--seed', '7', '--resamples', '500').stdout) as typeof got;
  assert.deepEqual(again.sCorr.ci, got.sCorr.ci);
  const other = JSON.parse(cli('compare', pa, pb, '--json', '--seed', '8', '--resamples', '500').stdout) as typeof got;
  assert.notDeepEqual(other.sCorr.ci, got.sCorr.ci);
});

test('compare joins files without ids by prompt and responses, says so, and lists the records that became spurious', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-compare-'));
  const { a, b } = twoRuns(50, 3);
  const strip = (rows: Row[]) => rows.map(({ id: _id, ...rest }) => rest);
  b[5] = { ...(b[5] as Row), model_pred: (b[5] as Row).gt_label, metarm_verdict: 'Incorrect' };
  a[5] = { ...(a[5] as Row), model_pred: (a[5] as Row).gt_label, metarm_verdict: 'Correct' };
  const pa = write(dir, 'a.jsonl', strip(a));
  const pb = write(dir, 'b.jsonl', strip([...b.slice(25), ...b.slice(0, 25)]));
  const text = cli('compare', pa, pb);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /joined by a hash of prompt and responses \(a has no record ids\): 50 paired · 0 only in a · 0 only in b/);
  assert.match(text.stdout, /McNemar exact p = /);
  assert.match(text.stdout, /record classes \(rows: a, columns: b\)/);
  const became = JSON.parse(cli('compare', pa, pb, '--transition', 'aligned:spurious', '--json').stdout) as { indexA: number; indexB: number; from: string; to: string }[];
  assert.ok(became.some((x) => x.indexA === 5 && x.indexB === 30 && x.from === 'aligned' && x.to === 'spurious'), JSON.stringify(became));
  assert.ok(became.every((x) => x.from === 'aligned' && x.to === 'spurious'));
});

test('a newline or tab in a record id or a file name cannot forge lines or columns of compare’s output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-compare-'));
  const { a, b } = twoRuns(40, 5);
  const forged = 'x\nforged-id\taligned → spurious\ta #1\tb #1';
  const ids = (rows: Row[]) => rows.map((r, i) => ({ ...r, id: i === 7 ? forged : `r${i}` }));
  a[7] = { ...(a[7] as Row), model_pred: (a[7] as Row).gt_label, metarm_verdict: 'Correct' };
  b[7] = { ...(b[7] as Row), model_pred: (b[7] as Row).gt_label, metarm_verdict: 'Incorrect' };
  const pa = write(dir, 'a\nb: fake.jsonl (r-align, 1 records).jsonl', ids(a));
  const pb = write(dir, 'b.jsonl', ids(b));
  const hits = JSON.parse(cli('compare', pa, pb, '--transition', '*:*', '--json').stdout) as { idA: string }[];
  assert.ok(hits.some((h) => h.idA === forged), 'the id itself is kept as it is in --json');
  const listed = cli('compare', pa, pb, '--transition', '*:*');
  assert.equal(listed.code, 0, listed.stderr);
  const lines = listed.stdout.trimEnd().split('\n');
  assert.equal(lines.length, hits.length, listed.stdout);
  for (const l of lines) assert.equal(l.split('\t').length, 4, `four columns: ${JSON.stringify(l)}`);
  assert.ok(lines.includes('x\\u000aforged-id\\u0009aligned → spurious\\u0009a #1\\u0009b #1\taligned → spurious\ta #8\tb #8'), listed.stdout);
  const text = cli('compare', pa, pb).stdout.split('\n');
  assert.match(text[0] ?? '', /^a: .*a\\u000ab: fake\.jsonl/);
  assert.match(text[1] ?? '', /^b: .*b\.jsonl \(r-align, 40 records\)$/);
});

test('compare refuses what it cannot pair, with a reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-compare-'));
  const pa = write(dir, 'a.jsonl', twoRuns(5, 1).a);
  const pb = write(dir, 'b.jsonl', twoRuns(5, 2).a.map((r) => ({ ...r, id: `other-${r.id}`, response_A: 'different' })));
  const r = cli('compare', pa, pb);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no record of .*a\.jsonl matches one of .*b\.jsonl \(joined by id\)/);
  assert.match(cli('compare', pa, pb, '--transition', 'nope:aligned').stderr, /--transition takes <from>:<to>/);
  assert.equal(cli('compare', pa).code, 2);
});

test('McNemar exact and the generator agree with hand-computed values', () => {
  assert.equal(mcnemarExact(0, 0), 1);
  assert.equal(mcnemarExact(3, 3), 1);
  // 2 × P(X ≤ 1), X ~ Bin(10, ½) = 2 × 11/1024.
  assert.ok(Math.abs(mcnemarExact(1, 9) - 22 / 1024) < 1e-15);
  assert.ok(Math.abs(mcnemarExact(9, 1) - 22 / 1024) < 1e-15);
  // Large counts stay finite and positive (no underflow to a wrong 0 until the true value does).
  const p = mcnemarExact(40_000, 41_000);
  assert.ok(p > 0 && p < 0.02, String(p));
  // The generator's stream equals the oracle's Python one (unsigned 32-bit arithmetic there).
  const r = mulberry32(12345);
  const ours = Array.from({ length: 5 }, () => r());
  const script = `import sys; sys.path.insert(0, ${JSON.stringify(join(repoRoot, 'test', 'oracle'))}); from compare import mulberry32; d = mulberry32(12345); print([d() for _ in range(5)])`;
  assert.deepEqual(JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })), ours);
  assert.equal(percentile(Float64Array.from([1, 2, 3, 4]), 0.5), 2.5);
});
