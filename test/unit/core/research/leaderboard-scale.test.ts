/**
 * The leaderboard over many files: work per file is constant (one read of the folder, a fixed number
 * of file-system calls and bytes per file), renderers walk the filled cells (never models ×
 * benchmarks), progress is reported, names cannot forge lines, and symbolic links are said.
 * Linearity is checked by counting work, never by timing (timings: bench/leaderboard.bench.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readJsonlBatches } from '../../../../src/core/io/entryReader';
import type { Leaderboard } from '../../../../src/core/research/leaderboard';
import { buildLeaderboard } from '../../../../src/core/research/leaderboard';
import { leaderboardJson, leaderboardNotes, renderLeaderboardTable } from '../../../../src/core/reports/leaderboardReport';
import { leaderboardView } from '../../../../src/presentation/reportViews';
import { cliPath } from '../../paths';

const line = (i: number) => JSON.stringify({ id: `r${i}`, response_A: 'a', response_B: 'b', gt_label: 'A', model_pred: i % 3 ? 'A' : 'B', metarm_verdict: i % 2 ? 'Correct' : 'Incorrect' });
const body = [0, 1, 2, 3, 4].map(line).join('\n') + '\n';

/** `n` small result files named by `name(i)`. */
function folder(n: number, name: (i: number) => string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rlens-scale-')));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, name(i)), body);
  return dir;
}

const grid = (i: number) => `bench${i % 5}__model${Math.floor(i / 5)}.jsonl`;
/** Every file its own benchmark and model: models × benchmarks is the square of the file count. */
const diagonal = (i: number) => `bench${i}__model${i}.jsonl`;

/** Counts calls into node:fs/promises (what reaches the disk) while `run` runs; the calls themselves are real. */
async function countFsCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const names = ['readdir', 'stat', 'lstat', 'open', 'realpath', 'readFile'] as const;
  const counts: Record<string, number> = {};
  const fs = fsp as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = names.map((n) => fs[n]);
  names.forEach((n, i) => {
    counts[n] = 0;
    const original = originals[i] as (...args: unknown[]) => unknown;
    fs[n] = (...args: unknown[]) => {
      counts[n] = (counts[n] ?? 0) + 1;
      return original(...args);
    };
  });
  try {
    await run();
  } finally {
    names.forEach((n, i) => (fs[n] = originals[i] as (...args: unknown[]) => unknown));
  }
  return counts;
}

test('a folder is read once, and every file costs the same number of file-system calls however many there are', async () => {
  const small = folder(40, grid);
  const large = folder(200, grid);
  const a = await countFsCalls(() => buildLeaderboard([small], { overlays: true }));
  const b = await countFsCalls(() => buildLeaderboard([large], { overlays: true }));
  assert.equal(a['readdir'], 1);
  assert.equal(b['readdir'], 1, 'no per-file rescan of the folder');
  for (const name of Object.keys(a)) {
    if (name === 'readdir') continue;
    // One stat of the folder itself, then the same calls for each file.
    assert.equal(((b[name] ?? 0) - (a[name] ?? 0)) * 40, ((a[name] ?? 0) - (name === 'stat' ? 1 : 0)) * 160, `${name}: ${a[name]} for 40 files, ${b[name]} for 200`);
  }
});

test('a small file is read into a buffer of its size, not a 2 MB chunk (10,000 of those made collection grow with the heap)', async () => {
  const dir = folder(1, grid);
  let largest = 0;
  for await (const batch of readJsonlBatches(join(dir, grid(0)))) largest = Math.max(largest, batch.buf.buffer.byteLength);
  assert.ok(largest > 0 && largest <= 8192, `read buffer of ${largest} bytes for a ${body.length}-byte file`);
});

/** Counts `cell(model, bench)` lookups made through the board. */
function counted(board: Leaderboard): { board: Leaderboard; lookups: () => number } {
  let n = 0;
  return { board: { ...board, cell: (m, b) => (n++, board.cell(m, b)) }, lookups: () => n };
}

test('the table, JSON and the editor view walk the filled cells, not every model × benchmark pair', async () => {
  const files = 60;
  const { board, lookups } = counted(await buildLeaderboard([folder(files, diagonal)], {}));
  assert.equal(board.models.length * board.benches.length, files * files);
  assert.equal(board.cells.length, files);
  const table = renderLeaderboardTable(board);
  const json = leaderboardJson(board) as { cells: { model: string; benchmark: string; file: string }[] };
  const view = leaderboardView('/f', board);
  assert.ok(lookups() <= files, `${lookups()} cell lookups for ${files} files`);
  assert.equal(table.split('\n').length, files + 1);
  assert.equal(json.cells.length, files);
  assert.equal(view.cells.length, files);
  // Cells come in the reference's order (model, then benchmark, by code point) and point at their file.
  assert.deepEqual(json.cells.slice(0, 3).map((c) => c.file), ['bench0__model0.jsonl', 'bench1__model1.jsonl', 'bench10__model10.jsonl']);
  for (const c of view.cells) assert.equal(board.files[c.file]?.name, `${c.bench}__${c.model}.jsonl`);
});

test('progress is reported after every file, up to the total; an abort stops between files', async () => {
  const dir = folder(25, grid);
  const seen: [number, number][] = [];
  await buildLeaderboard([dir], {}, { onProgress: (done, total) => seen.push([done, total]) });
  assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => [i + 1, 25]));
  const stop = new AbortController();
  let done = 0;
  await assert.rejects(
    buildLeaderboard([dir], {}, { signal: stop.signal, onProgress: (d) => (done = d) === 3 && stop.abort() }),
    (err: Error) => err.name === 'AbortError',
  );
  assert.equal(done, 3);
});

test('a file kept in the leaderboard keeps its counts, not its list of issues', async () => {
  const dir = folder(3, grid);
  writeFileSync(join(dir, grid(0)), body + 'not json\n'.repeat(50));
  const board = await buildLeaderboard([dir], {});
  assert.equal(board.files[0]?.stats?.malformed, 50);
  assert.deepEqual(board.files.map((f) => f.stats?.issues.length), [0, 0, 0]);
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a newline or tab in a file name cannot forge lines of the table or of the notes', () => {
  const dir = folder(1, () => 'rb2__honest.jsonl');
  const forged = 'rb2__evil\ngpt-9             rb2       999  100.0% [99.9–100.0]\tx.jsonl';
  writeFileSync(join(dir, forged), body);
  writeFileSync(join(dir, 'scratch\nnote: all clear.jsonl'), body);
  const r = cli('stats', dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trimEnd().split('\n');
  assert.equal(rows.length, 1 + 2, r.stdout); // the header, evil, honest (scratch has no model: no row)
  assert.ok(!rows.some((l) => l.startsWith('gpt-9')), r.stdout);
  assert.match(r.stdout, /evil\\u000agpt-9 .*\\u0009x/);
  for (const note of r.stderr.trimEnd().split('\n')) assert.match(note, /^(note|warning|error): /, `a forged note line: ${JSON.stringify(note)}`);
  assert.match(r.stderr, /scratch\\u000anote: all clear\.jsonl does not follow/);
  assert.deepEqual(leaderboardNotes({ files: [], notRead: [{ name: 'a\u2028b', reason: 'r' }], models: [], benches: [], cells: [], cell: () => undefined }), ['note: not read: a\\u2028b: r']);
});

test('a symbolic link is read when it stays in the folder, and said when it leads out or nowhere', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rlens-links-')));
  const dir = join(root, 'results');
  mkdirSync(dir);
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(dir, 'rb2__real.jsonl'), body);
  writeFileSync(join(root, 'elsewhere', 'secret.jsonl'), body);
  symlinkSync('rb2__real.jsonl', join(dir, 'hs3__linked.jsonl'));
  symlinkSync(join(root, 'elsewhere', 'secret.jsonl'), join(dir, 'hs3__outside.jsonl'));
  symlinkSync(join(dir, 'sub', '..', '..', 'elsewhere', 'secret.jsonl'), join(dir, 'hs3__climbs.jsonl'));
  symlinkSync(join(dir, 'gone.jsonl'), join(dir, 'hs3__broken.jsonl'));
  mkdirSync(join(dir, 'sub'));
  const r = cli('stats', dir, '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { cells: { model: string; benchmark: string; file: string; records: number }[]; notRead: { name: string; reason: string }[] };
  assert.deepEqual(json.cells.map((c) => [c.model, c.benchmark, c.file, c.records]), [['linked', 'hs3', 'hs3__linked.jsonl', 5], ['real', 'rb2', 'rb2__real.jsonl', 5]]);
  const why = Object.fromEntries(json.notRead.map((n) => [n.name, n.reason]));
  assert.match(why['hs3__outside.jsonl'] ?? '', /symbolic link to .*elsewhere.*secret\.jsonl, outside the folder: not followed/);
  assert.match(why['hs3__climbs.jsonl'] ?? '', /outside the folder: not followed/);
  assert.match(why['hs3__broken.jsonl'] ?? '', /broken link/);
  const table = cli('stats', dir);
  assert.match(table.stderr, /note: not read: hs3__outside\.jsonl: a symbolic link to /);
});
