import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDataset, readRecordAt } from '../../../../src/core/dataset/dataset';
import { DatasetSession } from '../../../../src/core/session/session';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { repoRoot } from '../../paths';

interface OracleRun {
  printed: string;
  figures: Record<string, number>;
  rows: number;
}

/** test/oracle/rb2_generative.py: the per-prompt file as run_generative_v2.py saves it, and what it prints. */
function oracleRun(seed: number, n: number, ratings = false): { run: OracleRun; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'rlens-rb2-')), 'judge.json');
  const args = [join(repoRoot, 'test', 'oracle', 'rb2_generative.py'), 'generate', file, String(seed), String(n), ...(ratings ? ['--ratings'] : [])];
  const lines = execFileSync('python3', args, { encoding: 'utf8' }).trimEnd().split('\n');
  return { run: JSON.parse(lines[lines.length - 1] as string) as OracleRun, file };
}

for (const [seed, n] of [[3, 200], [9, 41]] as const) {
  test(`RewardBench 2 per-prompt results (column-oriented JSON): the lines run_generative_v2.py prints (seed ${seed})`, async () => {
    const { run, file } = oracleRun(seed, n);
    const stats = await computeStats(file, { overlays: false });
    assert.equal(stats.format, 'rewardbench2-generative');
    assert.equal(stats.malformed, 0);
    assert.equal(stats.overall.records, run.rows);
    const own = stats.conventions[1];
    assert.equal(own?.convention, 'rewardbench-2');
    const printed = (own?.printed ?? '').split('\n');
    const expected = run.printed.split('\n');
    assert.equal(printed.length, expected.length);
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i] as string;
      if (e.startsWith('Ties: Ties score: ')) {
        // numpy sums the margin scores pairwise: the last bits may differ from a left-to-right sum.
        assert.ok(Math.abs(Number(printed[i]?.slice(18)) - Number(e.slice(18))) < 1e-12, `${printed[i]} vs ${e}`);
      } else assert.equal(printed[i], e);
    }
  });
}

test('RewardBench 2 ratings mode: shares of a tie for first are the script\'s fractions', async () => {
  const { run, file } = oracleRun(4, 150, true);
  const stats = await computeStats(file, { overlays: false });
  for (const f of stats.conventions[1]?.figures ?? []) {
    const subset = f.metric.replace(/ (accuracy|score)$/, '');
    assert.ok(Math.abs((f.value ?? Number.NaN) - (run.figures[subset] as number)) < 1e-12, `${f.metric}: ${f.value} vs ${run.figures[subset]}`);
  }
  assert.ok(stats.overall.ties > 0, 'a shared first place is a tie verdict');
});

test('a column-oriented file reads as the same records as its rows, re-reads one row from its checkpoint, and a session agrees', async () => {
  const { file } = oracleRun(3, 700);
  const columns = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const lists = Object.entries(columns).filter(([, v]) => Array.isArray(v)) as [string, unknown[]][];
  const constants = Object.entries(columns).filter(([, v]) => !Array.isArray(v));
  const rows = (lists[0]?.[1] ?? []).map((_, i) => Object.fromEntries([...lists.map(([k, v]): [string, unknown] => [k, v[i]]), ...constants]));
  const jsonl = join(mkdtempSync(join(tmpdir(), 'rlens-rb2-rows-')), 'rows.jsonl');
  writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const a = await computeStats(file, { overlays: false });
  const b = await computeStats(jsonl, { overlays: false });
  assert.deepEqual(a.overall, b.overall);
  assert.deepEqual(a.conventions, b.conventions);
  const dataset = await openDataset(file);
  assert.equal(dataset.packing, 'columns');
  const session = await DatasetSession.open(file);
  await session.load();
  assert.deepEqual(session.snapshot().summary, a.overall);
  // Row 600 sits past two checkpoints (every 256 rows): read from the one before it.
  const again = await readRecordAt(dataset, { byteStart: 0, byteEnd: 0, line: 601 }, 600);
  assert.deepEqual(again.record?.source, rows[600]);
});

test('a column-oriented file whose lists differ in length says which, and is not read', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'rlens-cols-')), 'bad.json');
  writeFileSync(path, '{\n  "results": [1, 0, 0.25],\n  "subset": ["Math", "Math"],\n  "texts_chosen": [[], [], []],\n  "texts_rejected": [[], [], []]\n}\n');
  await assert.rejects(computeStats(path), /the lists of this column-oriented JSON file differ in length \("results" 3, "subset" 2, "texts_chosen" 3, "texts_rejected" 3\)/);
});
