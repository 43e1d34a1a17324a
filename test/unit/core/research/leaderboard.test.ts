/** `stats <folder>`: the leaderboard CSV equals, byte for byte, an independent Python oracle of show_result.py's rules. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { benchAndModel, byCodePoint } from '../../../../src/core/research/leaderboard';
import { pythonFixed } from '../../../../src/core/scorers/pythonFormat';
import { cliPath, repoRoot } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const row = (gt: string, pred: string | null, verdict: string | null) => ({ response_A: 'a', response_B: 'b', gt_label: gt, model_pred: pred, ...(verdict ? { metarm_verdict: verdict } : {}) });
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A results folder with every odd case the reference's rules decide. */
function oddFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-board-'));
  const rand = seeded(7);
  const synthetic = (n: number) => jsonl(Array.from({ length: n }, (_, i) => syntheticRAlignRecord(i, rand, 60)));
  writeFileSync(join(dir, 'helpsteer3__gpt-5_metarm_gemini.jsonl'), synthetic(90));
  writeFileSync(join(dir, 'helpsteer3__qwen,14b_metarm_gemini.jsonl'), synthetic(40)); // a comma: quoted
  writeFileSync(join(dir, 'rb2__gpt-5_metarm_gemini.jsonl'), synthetic(70));
  // Whitespace in gt_label counts; CallFail and ParseFail leave F-Score's denominator; blank lines are not records.
  writeFileSync(
    join(dir, 'ppe__gpt-5.jsonl'),
    jsonl([row(' A\n', 'A', 'Correct'), row('B ', 'B', 'Incorrect'), row('A', 'A', 'CallFail'), row('B', 'B', 'ParseFail'), row('A', 'B', 'SkippedLabelMismatch'), row('A', ' A', 'SkippedLabelMismatch')]) + '\n\n',
  );
  // 1 label-correct of 128: 0.78125% is an exact tie, which Python rounds to even (0.7812).
  writeFileSync(join(dir, 'ppe__tiny.jsonl'), jsonl([row('A', 'A', null), ...Array.from({ length: 127 }, () => row('A', 'B', null))]));
  // No fidelity verdicts at all: the reference prints F-Score 0.0000 and an empty S-Corr.
  writeFileSync(join(dir, 'rb2__unjudged.jsonl'), jsonl([row('A', 'A', null), row('B', 'A', null)]));
  // The same cell twice: the later name wins.
  writeFileSync(join(dir, 'rb2__tiny_metarm_a.jsonl'), jsonl([row('A', 'A', 'Correct')]));
  writeFileSync(join(dir, 'rb2__tiny_metarm_b.jsonl'), jsonl([row('A', 'A', 'Incorrect'), row('A', 'B', null)]));
  // Outside the convention: a benchmark column with no model, and a model row with no benchmark.
  writeFileSync(join(dir, 'scratch.jsonl'), jsonl([row('A', 'A', 'Correct')]));
  writeFileSync(join(dir, '__lonely.jsonl'), jsonl([row('A', 'A', 'Correct')]));
  writeFileSync(join(dir, 'notes.txt'), 'not a result');
  return dir;
}

function oracleCsv(dir: string): Buffer {
  const out = join(mkdtempSync(join(tmpdir(), 'rlens-oracle-')), 'results_summary.csv');
  execFileSync('python3', [join(repoRoot, 'test', 'oracle', 'ralign_leaderboard.py'), dir, out]);
  return readFileSync(out);
}

test('stats <folder> --out writes the reference CSV byte for byte on a folder of odd cases', () => {
  const dir = oddFolder();
  const expected = oracleCsv(dir);
  const out = join(mkdtempSync(join(tmpdir(), 'rlens-out-')), 'results_summary.csv');
  const r = cli('stats', dir, '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), expected.toString('utf8'));
  const csv = expected.toString('utf8');
  assert.match(csv, /^model,helpsteer3__label_acc,helpsteer3__spurious_correctness,helpsteer3__fidelity_score,ppe__label_acc/);
  assert.match(csv, /\r\ntiny,,,,0\.7812,,0\.0000,/, 'the tie rounds to even and the missing cell is empty');
  assert.match(csv, /"qwen,14b"/);
  assert.match(csv, /scratch__label_acc/, 'a name without __ is a benchmark column, as in the reference');
  assert.match(csv, /\r\nlonely,(,)+\r\n/);
  // The notes say what the reference would not.
  assert.match(r.stderr, /scratch\.jsonl does not follow/);
  assert.match(r.stderr, /rb2__tiny_metarm_a\.jsonl and rb2__tiny_metarm_b\.jsonl are both tiny on rb2: the later name counts/);
  assert.match(r.stderr, /not read: notes\.txt/);
});

test('stats <folder> --csv prints the same rows; --json the same figures; the table has intervals', () => {
  const dir = oddFolder();
  const expected = oracleCsv(dir).toString('utf8').replace(/\r\n/g, '\n');
  const csv = cli('stats', dir, '--csv', '--quiet');
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout, expected);
  const json = JSON.parse(cli('stats', dir, '--json', '--quiet').stdout) as { cells: { model: string; benchmark: string; labelAccuracy: number; fScore: number; file: string }[]; files: { file: string; conforms: boolean }[] };
  const ppe = json.cells.find((c) => c.model === 'gpt-5' && c.benchmark === 'ppe');
  assert.equal(ppe?.labelAccuracy, 4 / 6);
  assert.equal(ppe?.fScore, 1 / 4);
  assert.equal(json.cells.find((c) => c.model === 'tiny' && c.benchmark === 'rb2')?.file, 'rb2__tiny_metarm_b.jsonl');
  assert.deepEqual(json.files.filter((f) => !f.conforms).map((f) => f.file), ['__lonely.jsonl', 'scratch.jsonl']);
  const table = cli('stats', dir, '--quiet');
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /gpt-5\s+ppe\s+6\s+66\.7% \[30\.0–90\.3\]\s+50\.0% \[9\.5–90\.5\]\s+25\.0% \[4\.6–69\.9\]/);
});

test('stats <file> <file> makes a leaderboard of the files named; an unreadable one is said and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-board-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'hs__m1.jsonl'), jsonl([row('A', 'A', 'Correct')]));
  writeFileSync(join(dir, 'sub', 'hs__m2.jsonl'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
  writeFileSync(join(dir, 'hs__m1.jsonl.rlens-marks.jsonl'), '');
  const r = cli('stats', join(dir, 'hs__m1.jsonl'), join(dir, 'sub', 'hs__m2.jsonl'), '--csv');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'model,hs__label_acc,hs__spurious_correctness,hs__fidelity_score\nm1,100.0000,0.0000,100.0000\nm2,,,\n');
  assert.match(r.stderr, /error: hs__m2\.jsonl: .*compressed.*its cell is empty/);
  // In a folder, our own side files are not results.
  const folder = cli('stats', dir, '--csv');
  assert.equal(folder.code, 0, folder.stderr);
  assert.match(folder.stderr, /not read: hs__m1\.jsonl\.rlens-marks\.jsonl: a Rationale Lens side file/);
  assert.equal(cli('stats', join(dir, 'missing')).code, 2);
});

test('the naming and number rules match Python', () => {
  assert.deepEqual(benchAndModel('a__b_metarm_c.jsonl'), { bench: 'a', model: 'b' });
  assert.deepEqual(benchAndModel('a__b__c.jsonl'), { bench: 'a', model: 'b__c' });
  assert.deepEqual(benchAndModel('a.b.jsonl'), { bench: 'a.b', model: '' });
  assert.deepEqual(benchAndModel('x___metarm_j.jsonl'), { bench: 'x', model: '' });
  assert.equal(pythonFixed(0.78125, 4), '0.7812');
  assert.equal(pythonFixed(0.03125 * 3, 4), '0.0938');
  assert.equal(pythonFixed(2.5, 0), '2');
  assert.equal(pythonFixed(66.66666666666667, 4), '66.6667');
  assert.equal(pythonFixed(0, 4), '0.0000');
  // Code points, not UTF-16 units: U+1F600 sorts after U+FF5E.
  assert.deepEqual(['\u{1F600}', '\uFF5E', 'a'].sort(byCodePoint), ['a', '\uFF5E', '\u{1F600}']);
});
