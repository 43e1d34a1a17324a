/** The CLI contract other tools depend on: `rationale-lens stats` output and exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { cliPath, fixturesDir, repoRoot, tempFile } from '../paths';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('stats --json has the documented fields', () => {
  const r = cli('stats', join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  for (const key of ['records', 'labelCorrect', 'labelAccuracy', 'sCorr', 'fScore', 'sCorrInterval', 'fidelity', 'positions', 'malformed', 'format']) {
    assert.ok(key in out, `missing ${key}`);
  }
  assert.equal(out.records, 270);
  assert.equal(out.labelCorrect, 80);
  assert.equal(out.format, 'judgebench');
  assert.equal(out.sCorr, null);
  assert.deepEqual(Object.keys(out.fidelity as object).sort(), ['aligned', 'callFail', 'misaligned', 'parseFail', 'skipped', 'unjudged']);
  assert.deepEqual(out.positions, { originalCorrect: 80, swappedCorrect: 89, bothCorrect: 38, agree: 135, combinedCorrect: 87 });
});

test('stats --json on a single-order file reports positions as null and intervals as pairs', () => {
  const rows = [
    { gt_label: 'A', model_pred: 'A', response_A: 'x', response_B: 'y', metarm_verdict: 'Correct' },
    { gt_label: 'A', model_pred: 'A', response_A: 'x', response_B: 'y', metarm_verdict: 'Incorrect' },
  ];
  const r = cli('stats', tempFile('a.jsonl', rows.map((x) => JSON.stringify(x)).join('\n')), '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { positions: unknown; sCorr: number; sCorrInterval: number[] };
  assert.equal(out.positions, null);
  assert.equal(out.sCorr, 0.5);
  assert.equal(out.sCorrInterval.length, 2);
  assert.ok((out.sCorrInterval[0] ?? 1) < 0.5 && (out.sCorrInterval[1] ?? 0) > 0.5);
});

test('stats prints a readable table by default and CSV with --csv, with a --by breakdown', () => {
  const file = join(fixturesDir, 'llmbar', 'natural_gpt-4_cot', 'result.json');
  const table = cli('stats', file);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /L-Acc\s+94\.0%/);
  assert.match(table.stdout, /original 94\/100.*swapped 95\/100.*both 90\/100.*agree 91\/100/);
  const csv = cli('stats', join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'), '--csv', '--by', 'source');
  assert.equal(csv.code, 0);
  const lines = csv.stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^group,records,labelCorrect,labelAccuracy,sCorr/);
  assert.match(lines[1] ?? '', /^\(all\),270,80,/);
  assert.ok(lines.some((l) => l.startsWith('livecodebench,31,')));
});

test('stats --json and --csv count judge-failed and never-judged records apart, and keep the old columns where they were', () => {
  const file = join(repoRoot, 'test', 'fixtures', 'r-align-judge-failed-and-never-judged.jsonl');
  const json = cli('stats', file, '--json', '--by', 'source.subset');
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { classes: Record<string, number>; fidelity: Record<string, number>; fScore: number; groups: { classes: Record<string, number> }[] };
  assert.deepEqual(out.classes, { aligned: 6, spurious: 3, 'label-wrong': 4, 'judge-failed': 2, 'never-judged': 3, unparseable: 2 });
  // The fidelity counts are unchanged: `unjudged` is every record without a verdict (the 3 never-judged here).
  assert.deepEqual(out.fidelity, { aligned: 6, misaligned: 3, callFail: 1, parseFail: 1, skipped: 6, unjudged: 3 });
  assert.equal(out.fScore, 6 / 18);
  const sum = (k: string) => out.groups.reduce((n, g) => n + (g.classes[k] ?? 0), 0);
  assert.deepEqual([sum('judge-failed'), sum('never-judged')], [2, 3], 'each group has its classes, summing to the file\'s');
  const csv = cli('stats', file, '--csv');
  assert.equal(csv.code, 0, csv.stderr);
  const [header, all] = csv.stdout.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(header?.slice(0, 15), ['group', 'records', 'labelCorrect', 'labelAccuracy', 'sCorr', 'sCorrLow', 'sCorrHigh', 'fScore', 'aligned', 'misaligned', 'callFail', 'parseFail', 'skipped', 'unjudged', 'unparseable'], 'existing columns keep their places');
  const cell = (name: string) => all?.[header?.indexOf(name) ?? -1];
  assert.deepEqual([cell('judgeFailed'), cell('neverJudged'), cell('unjudged'), cell('callFail'), cell('parseFail')], ['2', '3', '3', '1', '1']);
  const table = cli('stats', file);
  assert.match(table.stdout, /judge failed: 2 label-correct records \(CallFail\/ParseFail\): F-Score and S-Corr leave them out/);
  assert.match(table.stdout, /never judged: 3 label-correct records without a fidelity verdict: F-Score counts them as not aligned/);
});

test('compare --transition names the two classes that replaced "unjudged"', () => {
  const file = join(repoRoot, 'test', 'fixtures', 'r-align-judge-failed-and-never-judged.jsonl');
  const old = cli('compare', file, join(repoRoot, 'samples', 'r-align-synthetic.jsonl'), '--transition', 'unjudged:aligned');
  assert.equal(old.code, 2);
  assert.match(old.stderr, /split in 0\.2\.0 into judge-failed .* and never-judged/);
  const r = cli('compare', file, join(repoRoot, 'samples', 'r-align-synthetic.jsonl'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { transitions: Record<string, Record<string, number>> };
  // ra-005, ra-009 and ra-016 carry Correct in the full sample; ra-014/ra-019 fail in both.
  assert.equal(out.transitions['never-judged']?.aligned, 3);
  assert.equal(out.transitions['judge-failed']?.['judge-failed'], 2);
  const listed = cli('compare', file, join(repoRoot, 'samples', 'r-align-synthetic.jsonl'), '--transition', 'never-judged:aligned');
  assert.deepEqual(listed.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['ra-005', 'ra-009', 'ra-016']);
});

test('exit codes: non-zero with a one-line reason', () => {
  const missing = cli('stats', '/no/such/file.jsonl');
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.match(missing.stderr, /cannot read \/no\/such\/file.jsonl/);
  const unknown = cli('stats', join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'), '--format', 'bogus');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown format "bogus"/);
  assert.notEqual(cli('nonsense').code, 0);
  assert.notEqual(cli('stats').code, 0);
});

test('--format overrides detection and --mapping reads any other layout', () => {
  const rows = [
    { uid: 'u1', q: 'What is 2+2?', answers: ['4', '5'], pref: 1, judge: { text: 'The first is right. [[A]]' }, why: 'A is correct arithmetic.' },
    { uid: 'u2', q: 'Capital of France?', answers: ['Lyon', 'Paris'], pref: 2, judge: { text: 'Paris. [[A]]' }, why: 'B names Paris.' },
  ];
  const data = tempFile('m.jsonl', rows.map((x) => JSON.stringify(x)).join('\n'));
  const mapping = tempFile('mapping.json', JSON.stringify({ id: 'uid', prompt: 'q', responseA: 'answers.0', responseB: 'answers.1', goldLabel: 'pref', goldLabelValues: { '1': 'A', '2': 'B' }, goldRationale: 'why', judgments: [{ text: 'judge.text' }] }));
  const r = cli('stats', data, '--mapping', mapping, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { records: number; labelCorrect: number; format: string };
  assert.deepEqual([out.records, out.labelCorrect, out.format], [2, 1, 'mapping']);
  const badMapping = cli('stats', data, '--mapping', tempFile('bad.json', '{"responseA": 3}'));
  assert.equal(badMapping.code, 2);
  assert.match(badMapping.stderr, /mapping\.responseA: must be a field path string such as "answers\.0", found number/);
});

test('malformed lines go to stderr with file:line:column, and the figures still print', () => {
  const rows = [JSON.stringify({ gt_label: 'A', model_pred: 'A', response_A: 'x', response_B: 'y' }), '{"gt_label": "B", "model_pr'];
  const path = tempFile('bad.jsonl', rows.join('\n'));
  const r = cli('stats', path, '--json');
  assert.equal(r.code, 0);
  assert.match(r.stderr, new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:28: error: invalid JSON`));
  assert.equal((JSON.parse(r.stdout) as { malformed: number }).malformed, 1);
});

test('align --json: classes, matches and offsets that slice the original field text', () => {
  const file = join(repoRoot, 'samples', 'r-align-synthetic.jsonl');
  const r = cli('align', file, '--record', '0', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { coverage: number; estimate: string; gold: { text: string; start: number; end: number; class: string; match: number | null }[]; rationale: { text: string; start: number; end: number; class: string; match: number | null }[] };
  const record = JSON.parse(readFileSync(file, 'utf8').split('\n')[0] as string) as { gt_judgment: string; model_judgment: string };
  assert.ok(out.gold.length > 0 && out.rationale.length > 0);
  for (const c of out.gold) assert.equal(record.gt_judgment.slice(c.start, c.end), c.text);
  for (const c of out.rationale) assert.equal(record.model_judgment.slice(c.start, c.end), c.text);
  for (const c of [...out.gold, ...out.rationale]) assert.ok(['shared', 'missing', 'extra', 'conflict'].includes(c.class));
  for (const [i, c] of out.gold.entries()) if (c.match !== null) assert.equal(out.rationale[c.match]?.match, i);
  assert.ok(out.coverage >= 0 && out.coverage <= 1);
  assert.ok(out.estimate === 'aligned' || out.estimate === 'misaligned');
  const byId = cli('align', file, '--record', 'ra-001', '--json');
  assert.equal(byId.stdout, r.stdout);
  const none = cli('align', join(fixturesDir, 'multimodal-rewardbench', 'example.jsonl'), '--record', '0');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no gold judgment and no judgment in the other presentation order/);
});

test('--version prints the manifest version, not a number written into the CLI', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.equal(spawnSync(process.execPath, [cliPath, '--version'], { encoding: 'utf8' }).stdout.trim(), manifest.version);
  assert.ok(!readFileSync(join(repoRoot, 'src', 'cli', 'main.ts'), 'utf8').includes(`'${manifest.version}'`), 'the version is read from package.json');
});
