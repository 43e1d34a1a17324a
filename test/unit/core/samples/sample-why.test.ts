/**
 * Contradictions and failure themes counted per sample and per record on a seeded sampled file
 * (issue 26 on issue 24's sample sets): the planted-themes file (test/support/plantedThemes.ts) with
 * three samples a record, rows shuffled by the seed. Sample 0 is the record's own row; sample 1 of
 * a spurious record is a rationale that argues for the loser under the winner's verdict (still
 * spurious: label-correct, fidelity Incorrect), of any other record a copy of its row; sample 2 is an
 * aligned rationale. Every expected figure is counted from the rows as built, not by the code tested.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { themesOfFiles } from '../../../../src/core/themes';
import type { SampleCounts } from '../../../../src/core/themes/sampleCounts';
import { mulberry32 } from '../../../../src/core/statistics/pairedTests';
import { plantedFile } from '../../../support/plantedThemes';
import { cliPath, tempFile } from '../../paths';

interface Row { id: string; gt_label: string; model_pred: string; metarm_verdict: string; model_judgment: string; contradicts?: boolean }

function sampledFile(seed: number): { path: string; rows: Row[] } {
  const planted = plantedFile(seed, { kinds: 3, perKind: 4, alignedPerKind: 2, wrongPerKind: 1 });
  const base = planted.jsonl.trim().split('\n').map((l) => JSON.parse(l) as Row & Record<string, unknown>);
  const rows: (Row & Record<string, unknown>)[] = [];
  base.forEach((row, i) => {
    const role = planted.records[i]?.role;
    const winner = row.gt_label;
    const loser = winner === 'A' ? 'B' : 'A';
    rows.push({ ...row });
    if (role === 'spurious') {
      const argues = `Response ${loser} is correct and complete. Response ${winner} contains a factual error.\n\nResponse ${loser} is clearly better.`;
      rows.push({ ...row, model_judgment: `${argues}\n\n\\boxed{${winner}}`, model_pred: winner, metarm_verdict: 'Incorrect', contradicts: true });
    } else rows.push({ ...row });
    rows.push({ ...row, model_judgment: `Response ${winner} explains each step and states its final answer clearly.\n\n\\boxed{${winner}}`, model_pred: winner, metarm_verdict: 'Correct' });
  });
  const random = mulberry32(seed + 100);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as Row & Record<string, unknown>, rows[i] as Row & Record<string, unknown>];
  }
  const path = tempFile(`sampled-why-${seed}.jsonl`, rows.map(({ contradicts: _c, ...r }) => JSON.stringify(r)).join('\n') + '\n');
  return { path, rows };
}

test('stats: the share of samples whose rationale argues for the other response, among label-correct samples, and of records', async () => {
  const { path, rows } = sampledFile(7);
  const stats = await computeStats(path);
  const sc = stats.samples?.selfContradicted;
  assert.ok(sc, 'a sampled file has the per-sample check');
  const contradicting = rows.filter((r) => r.contradicts === true);
  const labelCorrect = rows.filter((r) => r.model_pred === r.gt_label);
  assert.deepEqual([sc.perSample.count, sc.perSample.denominator], [contradicting.length, rows.length]);
  assert.deepEqual([sc.labelCorrectPerSample.count, sc.labelCorrectPerSample.denominator], [contradicting.length, labelCorrect.length]);
  assert.deepEqual([sc.records.count, sc.records.denominator], [new Set(contradicting.map((r) => r.id)).size, new Set(rows.map((r) => r.id)).size]);
  // Each row is one sample here, so the per-judgment count of the file says the same.
  assert.equal(stats.selfContradicted?.contradicted, contradicting.length);

  const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  const json = cli('stats', path, '--json');
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as { samples: { selfContradicted: unknown } }).samples.selfContradicted, JSON.parse(JSON.stringify(sc)));
  const table = cli('stats', path).stdout;
  assert.match(table, new RegExp(`contradicts its verdict .*${contradicting.length}/${rows.length} samples checked`));
  assert.match(table, new RegExp(`among label-correct .*${contradicting.length}/${labelCorrect.length} label-correct samples checked`));
  const off = cli('stats', path, '--json', '--no-contradiction-check');
  assert.equal((JSON.parse(off.stdout) as { samples: { selfContradicted: unknown } }).samples.selfContradicted, null);
});

test('themes over spurious samples: counts per sample and per record, for each theme and the file', async () => {
  const { path, rows } = sampledFile(7);
  const set = await themesOfFiles([path]);
  const s = set.samples;
  assert.ok(s, 'a sampled file has per-sample theme counts');
  const spurious = (r: Row) => r.model_pred === r.gt_label && r.metarm_verdict === 'Incorrect';
  const total = s.totals[0];
  assert.deepEqual(
    [total?.samples, total?.records, total?.spuriousSamples, total?.spuriousRecords],
    [rows.length, new Set(rows.map((r) => r.id)).size, rows.filter(spurious).length, new Set(rows.filter(spurious).map((r) => r.id)).size],
  );
  assert.ok(set.themes.length > 0);
  const explained = new Set<string>();
  for (const t of set.themes) {
    const inTheme = (t.recordIndexes[0] ?? []).map((i) => rows[i] as Row);
    const c: SampleCounts | undefined = s.themes[t.id]?.[0];
    assert.deepEqual(
      [c?.samples, c?.spuriousSamples, c?.records, c?.spuriousRecords],
      [inTheme.length, inTheme.filter(spurious).length, new Set(inTheme.map((r) => r.id)).size, new Set(inTheme.filter(spurious).map((r) => r.id)).size],
      t.title,
    );
    for (const r of inTheme.filter(spurious)) explained.add(r.id);
  }
  assert.equal(total?.explainedRecords, explained.size);
  assert.ok((total?.explainedRecords ?? 0) > 0);

  const json = spawnSync(process.execPath, [cliPath, 'themes', path, '--json'], { encoding: 'utf8' });
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as { samples: unknown }).samples, JSON.parse(JSON.stringify(s)));
  const table = spawnSync(process.execPath, [cliPath, 'themes', path], { encoding: 'utf8' }).stdout;
  assert.match(table, new RegExp(`${total?.spuriousSamples} spurious samples of ${rows.length}, ${total?.explainedSamples} explained .* ${total?.spuriousRecords} of ${total?.records} records have a spurious sample, ${total?.explainedRecords} explained`));
  assert.match(table, /per sample: \d+ samples, \d+ spurious · per record: \d+ records, \d+ with a spurious sample/);
});

test('a file whose every record is one row has no per-sample counts', async () => {
  const planted = plantedFile(3, { kinds: 2, perKind: 3 });
  const path = tempFile('single-why.jsonl', planted.jsonl);
  assert.equal((await themesOfFiles([path])).samples, null);
  assert.equal((await computeStats(path)).samples, null);
});
