/**
 * Trust in what the CLI reports (issue "every figure the authors' own, every failure explained"):
 * each test here failed on the code before its fix.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { FakeOpenAIServer, genrmAnswer, judgeAnswer, promptText } from '../../support/fake-openai-server';
import { journalPathFor } from '../../../src/core/llm/journal';
import { marksPathFor } from '../../../src/core/verdicts/marks';
import { cliPath, fixturesDir, tempFile } from '../paths';

const JUDGEBENCH = join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl');
const LLMBAR_COT = join(fixturesDir, 'llmbar', 'natural_gpt-4_cot', 'result.json');
const LLMBAR_SWAP = join(fixturesDir, 'llmbar', 'natural_chatgpt_swap_cot', 'result.json');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliAsync(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function jsonl(rows: readonly object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function judgeBenchHead(n: number): string {
  return readFileSync(JUDGEBENCH, 'utf8').split('\n').filter(Boolean).slice(0, n).join('\n') + '\n';
}

function rAlignRows(n: number, extra: (i: number) => object = () => ({})): object[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    conversations: [{ role: 'user', content: `Question ${i}?` }],
    response_A: `Answer A ${i}`,
    response_B: `Answer B ${i}`,
    gt_label: i % 2 ? 'B' : 'A',
    gt_judgment: `Gold: ${i % 2 ? 'B' : 'A'} is right because of fact ${i}.`,
    ...extra(i),
  }));
}

function stats(file: string, ...flags: string[]): Record<string, unknown> & { notes: string[] } {
  const r = cli(['stats', file, '--json', ...flags]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown> & { notes: string[] };
}

// ---- fresh machine ----

test('judge and generate run with an empty HOME: the cache folder is created', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const home = mkdtempSync(join(tmpdir(), 'rlens-home-'));
    const env = { HOME: home, XDG_CACHE_HOME: '', RLENS_KEY: 'k' };
    const file = tempFile('d.jsonl', jsonl(rAlignRows(3, () => ({ model_judgment: 'A wins. \\boxed{A}', model_pred: 'A' }))));
    for (const cmd of ['generate', 'judge']) {
      const r = await cliAsync([cmd, file, '--base-url', server.baseUrl, '--model', 'm', '--api-key-env', 'RLENS_KEY', '--quiet'], env);
      assert.equal(r.code, 0, `${cmd}: ${r.stderr}`);
    }
    assert.ok(existsSync(join(home, '.cache', 'rationale-lens', 'llm-cache.jsonl')));
    // A cache that cannot be created: the run goes on without it and says so once.
    const blocked = mkdtempSync(join(tmpdir(), 'rlens-home-'));
    writeFileSync(join(blocked, '.cache'), 'not a folder');
    const r = await cliAsync(['generate', file, '--base-url', server.baseUrl, '--model', 'm2', '--api-key-env', 'RLENS_KEY', '--quiet'], { ...env, HOME: blocked });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.match(/running without the response cache/g)?.length, 1, r.stderr);
  } finally {
    await server.close();
  }
});

// ---- figures that were wrong ----

test('generate --out drops the replaced rationale\'s fidelity verdict', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: genrmAnswer('B') }) });
  try {
    const rows = rAlignRows(4, () => ({ model_judgment: 'old \\boxed{A}', model_pred: 'A', metarm_verdict: 'Incorrect', metarm_analysis: 'old analysis', metarm_score: 0, meta: { metarm_model_name: 'old-judge', keep: 1 } }));
    const file = tempFile('d.jsonl', jsonl(rows));
    const out = `${file}.gen.jsonl`;
    const r = await cliAsync(['generate', file, '--base-url', server.baseUrl, '--model', 'g', '--no-cache', '--quiet', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of written) {
      for (const f of ['metarm_verdict', 'metarm_analysis', 'metarm_score', 'metarm_raw']) assert.ok(!(f in o), `${f} kept`);
      assert.deepEqual(o.meta, { keep: 1, model_name: 'g' });
      assert.equal(o.model_pred, 'B');
    }
    const s = stats(out);
    assert.equal(s.sCorr, null, 'no S-Corr of the old rationale beside the new L-Acc');
    assert.equal(s.labelCorrect, 2);
  } finally {
    await server.close();
  }
});

test('generate --out of a JudgeBench file gives R-Align records whose stats are the new GenRM\'s', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: genrmAnswer('A') }) });
  try {
    const file = tempFile('jb.jsonl', judgeBenchHead(20));
    const inputs = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const out = `${file}.gen.jsonl`;
    const r = await cliAsync(['generate', file, '--base-url', server.baseUrl, '--model', 'g', '--no-cache', '--quiet', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(written.length, 20);
    written.forEach((o, i) => {
      const input = inputs[i] as Record<string, unknown>;
      for (const k of Object.keys(input)) assert.deepEqual(o[k], input[k], `input field ${k} kept`);
      assert.equal(o.gt_label, input.label === 'A>B' ? 'A' : 'B');
      assert.equal(o.response_A, input.response_A);
    });
    const s = stats(out);
    assert.equal(s.format, 'r-align');
    const expectedA = inputs.filter((o) => o.label === 'A>B').length;
    assert.equal(s.labelCorrect, expectedA, 'the new GenRM always says A');
    assert.equal(s.positions, null);
  } finally {
    await server.close();
  }
});

/** LLMBar's evaluate.py rules, written out independently: winners compared as values. */
function llmBarAgree(rows: { results: Record<string, { winner: unknown }>[] }[]): number {
  return rows.filter((r) => {
    const last = r.results[r.results.length - 1] as Record<string, { winner: unknown }>;
    return last['swap = False']?.winner === last['swap = True']?.winner;
  }).length;
}

test('LLMBar agree: a record with no winner in both orders agrees, as in the authors\' evaluate.py', () => {
  const rows = JSON.parse(readFileSync(LLMBAR_COT, 'utf8')) as { results: Record<string, { winner: unknown }>[] }[];
  for (const i of [3, 17, 42]) {
    const last = rows[i]?.results.at(-1) as Record<string, { winner: unknown }>;
    (last['swap = False'] as { winner: unknown }).winner = null;
    (last['swap = True'] as { winner: unknown }).winner = null;
  }
  const file = tempFile('result.json', JSON.stringify(rows));
  const s = stats(file);
  const positions = s.positions as { agree: number };
  assert.equal(positions.agree, llmBarAgree(rows));
  // The unmodified authors' file still reproduces statistics.json (agree 91/100).
  assert.equal((stats(LLMBAR_COT).positions as { agree: number }).agree, 91);
});

test('LLMBar verdict cross-check follows the authors\' first-pattern rule', () => {
  for (const f of [LLMBAR_COT, LLMBAR_SWAP]) assert.equal(stats(f).parserDisagreements, 0, f);
  const row = {
    input: 'Pick one.',
    output_1: 'x',
    output_2: 'y',
    label: 1,
    results: [{ 'swap = False': { completion: ['Output (a) is better. Some say Output (b) is better.', 'stop'], winner: '1' }, 'swap = True': { completion: ['Output (b) is better.', 'stop'], winner: '1' } }],
  };
  assert.equal(stats(tempFile('r.json', JSON.stringify([row]))).parserDisagreements, 0);
});

test('one human mark on a file without gold rationales: figures say they come from marks; F-Score leaves out unmarked records', () => {
  const file = tempFile('jb.jsonl', readFileSync(JUDGEBENCH));
  const plain = stats(file);
  // Mark the first label-correct record misaligned.
  const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { label: string; judgments: { decision: string | null }[] });
  const index = rows.findIndex((r) => r.judgments[0]?.decision === r.label);
  writeFileSync(marksPathFor(file), JSON.stringify({ recordIndex: index, recordId: 'x', verdict: 'Incorrect', at: 'now' }) + '\n');
  const s = stats(file);
  assert.equal(s.sCorr, 1);
  assert.equal(s.fidelityBasis, 'marks');
  assert.match(s.notes.join(' '), /1 human mark/);
  const labelWrong = (plain.records as number) - (plain.labelCorrect as number);
  assert.equal(s.fScoreDenominator, labelWrong + 1, 'unmarked label-correct records are not failures');
  assert.deepEqual(s.verdictOrigins, { file: 0, llm: 0, human: 1 });
  const table = cli(['stats', file]).stdout;
  assert.match(table, /human mark/);
  assert.match(table, /fidelity verdicts in force: 1 human mark/);
});

test('a file without gold labels: L-Acc is n/a with the reason, not 0.0%', () => {
  const rows = [1, 2, 3].map((q) => ({ question_id: q, model_1: 'a', model_2: 'b', g1_winner: 'model_1', g2_winner: 'model_2', judge: ['gpt-4', 'pair-v2'], g1_judgment: '[[A]]', g2_judgment: '[[B]]', turn: 1 }));
  const file = tempFile('mt.jsonl', jsonl(rows));
  const s = stats(file);
  assert.equal(s.labelAccuracy, null);
  assert.match(s.notes.join(' '), /no record has a gold label/);
  assert.match(cli(['stats', file]).stdout, /L-Acc\s+n\/a\s+no gold labels in the file/);
});

test('stats counts the journal and the marks beside the file (as the editor does); --file-only reads the file alone', () => {
  const rows = rAlignRows(4, () => ({ model_judgment: 'A \\boxed{A}', model_pred: 'A' }));
  const file = tempFile('d.jsonl', jsonl(rows));
  const entry = (i: number, verdict: string) => ({ key: `k${i}`, recordId: `r${i}`, recordIndex: i, kind: 'fidelity', model: 'j', verdict, raw: 'x', reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: 'now' });
  writeFileSync(journalPathFor(file), jsonl([entry(0, 'Correct'), entry(2, 'Incorrect')]));
  writeFileSync(marksPathFor(file), jsonl([{ recordIndex: 2, recordId: 'r2', verdict: 'Correct', at: 'now' }]));
  const s = stats(file);
  assert.deepEqual(s.verdictOrigins, { file: 0, llm: 1, human: 1 });
  assert.equal(s.sCorr, 0);
  assert.match(cli(['stats', file]).stdout, /1 from the LLM judge \(journal\) · 1 human mark/);
  const alone = stats(file, '--file-only');
  assert.equal(alone.sCorr, null);
});

test('an LLM verdict on a rationale the file no longer has is not counted', () => {
  const rows = rAlignRows(2, () => ({ model_judgment: 'A \\boxed{A}', model_pred: 'A' }));
  const file = tempFile('d.jsonl', jsonl(rows));
  const entry = { key: 'k0', recordId: 'r0', recordIndex: 0, kind: 'fidelity', model: 'j', verdict: 'Correct', raw: 'x', reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: 'now', rationaleSha: '0000000000000000' };
  writeFileSync(journalPathFor(file), jsonl([entry]));
  const s = stats(file);
  assert.equal(s.staleVerdicts, 1);
  assert.equal(s.sCorr, null);
});

// ---- failures that said nothing ----

test('judge on a file without gold rationales refuses before the first request (exit 2)', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const r = await cliAsync(['judge', tempFile('jb.jsonl', judgeBenchHead(10)), '--base-url', server.baseUrl, '--model', 'm', '--no-cache']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no gold rationale/);
    assert.match(r.stderr, /goldRationale/);
    assert.equal(server.chatRequests.length, 0);
  } finally {
    await server.close();
  }
});

test('a run where every call fails says why, grouped with counts, and exits 3', async () => {
  const server = await FakeOpenAIServer.start({ requireApiKey: 'right' });
  try {
    const file = tempFile('d.jsonl', jsonl(rAlignRows(6, () => ({ model_judgment: 'A \\boxed{A}', model_pred: 'A' }))));
    const r = await cliAsync(['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--api-key-env', 'RLENS_KEY', '--no-cache', '--quiet'], { RLENS_KEY: 'wrong' });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /3 × http 401[^\n]*— set the key with --api-key-env/);
    assert.match(r.stderr, /every call failed/);
  } finally {
    await server.close();
  }
  const refused = await cliAsync(['generate', tempFile('d.jsonl', jsonl(rAlignRows(2))), '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--no-cache', '--quiet', '--retries', '0'], {});
  assert.equal(refused.code, 3, refused.stderr);
  assert.match(refused.stderr, /2 × connection error[^\n]*— check --base-url/);
});

test('files that are not evaluation files exit 2 and say what they are', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    ['lfs.jsonl', 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n', /Git LFS pointer.*git lfs pull/],
    // A gzip file is read as what it holds (containers.test.ts): here it holds binary data.
    ['data.jsonl', gzipSync(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), /gzip holding binary data/],
    ['random.jsonl', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /binary data/],
  ];
  for (const [name, content, message] of cases) {
    const r = cli(['stats', tempFile(name, content)]);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const bad = cli(['stats', tempFile('bad.jsonl', '{nope\n{nope\n'), '--format', 'r-align']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no record could be read/);
});

test('a file that cannot be opened (permission denied) exits 2 with the reason', { skip: process.getuid?.() !== 0 && 'needs root to run the CLI as another user' }, () => {
  const file = tempFile('secret.jsonl', jsonl(rAlignRows(1)));
  chmodSync(dirname(file), 0o755);
  chmodSync(file, 0o600);
  // The other user must reach the CLI itself: a clone in a private folder (mktemp -d makes 0700 ones)
  // is closed to it, so it runs a world-readable copy of the bundle (stats on a small file needs no more).
  const bin = mkdtempSync(join(tmpdir(), 'rlens-bin-'));
  chmodSync(bin, 0o755);
  const copy = join(bin, 'cli.js');
  copyFileSync(cliPath, copy);
  chmodSync(copy, 0o644);
  const ran = spawnSync(process.execPath, [copy, 'stats', file], { encoding: 'utf8', uid: 65534, gid: 65534 });
  const r = { code: ran.status, stderr: ran.stderr };
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /permission denied/);
});

test('every command prints its own usage with --help and exits 0', () => {
  for (const cmd of ['stats', 'align', 'judge', 'generate']) {
    const r = cli([cmd, '--help']);
    assert.equal(r.code, 0, `${cmd}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`rationale-lens ${cmd} `));
  }
});

test('the same warning on every record is shown once with a count; a single-judgment file has no position figures', () => {
  const rows = readFileSync(JUDGEBENCH, 'utf8').trim().split('\n').slice(0, 30).map((l) => {
    const o = JSON.parse(l) as { judgments: unknown[] };
    o.judgments = o.judgments.slice(0, 1);
    return o;
  });
  const file = tempFile('single.jsonl', jsonl(rows));
  const r = cli(['stats', file]);
  assert.equal(r.code, 0);
  const lines = r.stderr.split('\n').filter((l) => /expected two judgments/.test(l));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] ?? '', /30 records with this warning/);
  assert.doesNotMatch(r.stdout, /positions:/);
  assert.equal(stats(file).positions, null);
});

test('bad lines before the first good record are counted and skipped, not a refusal of the file', () => {
  const file = tempFile('late.jsonl', '{broken\n'.repeat(150) + judgeBenchHead(5));
  const s = stats(file);
  assert.equal(s.records, 5);
  assert.equal(s.malformed, 150);
});

test('--max-record-bytes holds for every line, also short ones', () => {
  const small = { gt_label: 'A', response_A: 'x', response_B: 'y' };
  const rows = [small, ...rAlignRows(3)];
  assert.ok(rows.slice(1).every((r) => JSON.stringify(r).length > 100 && JSON.stringify(r).length < 1000));
  const file = tempFile('d.jsonl', jsonl(rows));
  const s = stats(file, '--max-record-bytes', '100');
  assert.equal(s.records, 1);
  assert.equal(s.malformed, 3);
  const arr = tempFile('d.json', JSON.stringify(rows));
  const a = stats(arr, '--max-record-bytes', '100');
  assert.equal(a.records, 1);
  assert.equal(a.malformed, 3);
});

test('--out matches answers to records by request key: a removed line never shifts verdicts; a changed record is refused', async () => {
  const rows = rAlignRows(6, () => ({ model_judgment: 'A \\boxed{A}', model_pred: 'A' }));
  const file = tempFile('d.jsonl', jsonl(rows));
  let change: (() => void) | null = () => writeFileSync(file, jsonl(rows.slice(1)));
  const server = await FakeOpenAIServer.start({
    handler: (req) => {
      change?.();
      change = null;
      // The verdict depends on the record: only record r4 is misaligned.
      return { kind: 'reply', content: judgeAnswer(promptText(req.body).includes('fact 4.') ? 'Incorrect' : 'Correct'), delayMs: 20 };
    },
  });
  try {
    const out = `${file}.out.jsonl`;
    const args = ['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet', '--concurrency', '1', '--out', out];
    const r = await cliAsync(args);
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; metarm_verdict: string });
    assert.equal(written.length, 5);
    for (const o of written) assert.equal(o.metarm_verdict, o.id === 'r4' ? 'Incorrect' : ['r1', 'r3', 'r5'].includes(o.id) ? 'SkippedLabelMismatch' : 'Correct', o.id);
    // A record whose text changed during the run has no answer: nothing is written, and the reason is given.
    const out2 = `${file}.out2.jsonl`;
    change = () => writeFileSync(file, jsonl(rows.slice(1).map((row, i) => (i === 1 ? { ...row, gt_judgment: 'changed' } : row))));
    const again = await cliAsync([...args.slice(0, -1), out2, '--refresh']);
    assert.equal(again.code, 2, again.stderr);
    assert.match(again.stderr, /the dataset changed since the run: 1 record no longer matches an answer \(first: line 2, id r2\)/);
    assert.ok(!existsSync(out2));
  } finally {
    await server.close();
  }
});

test('warnings in a one-line JSON array give the column of the field on that line', () => {
  const row = (label: unknown) => ({ input: 'q', output_1: 'x', output_2: 'y', label, results: [{ 'swap = False': { completion: ['Output (a) is better.', 'stop'], winner: '1' }, 'swap = True': { completion: ['Output (b) is better.', 'stop'], winner: '1' } }] });
  const text = JSON.stringify([row(1), row(7)]);
  const file = tempFile('one-line.json', text);
  const r = cli(['stats', file]);
  assert.equal(r.code, 0, r.stderr);
  const column = text.indexOf('"label":7') + 1;
  assert.match(r.stderr, new RegExp(`one-line\\.json:1:${column}: warning: label: label is number 7`));
  // A pretty-printed array: the field's own line.
  const pretty = JSON.stringify([row(1), row(7)], null, 2);
  const prettyFile = tempFile('pretty.json', pretty);
  const before = pretty.slice(0, pretty.indexOf('"label": 7'));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  assert.match(cli(['stats', prettyFile]).stderr, new RegExp(`pretty\\.json:${line}:${col}: warning: label`));
});

test('a reader that stops early (`| head`) ends the CLI quietly: no EPIPE crash, no stack trace', async () => {
  const file = join(dirname(cliPath), '..', 'samples', 'r-align-synthetic.jsonl');
  for (const args of [['align', file, '--record', '0'], ['stats', file, '--json']]) {
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first line is written
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(code, 0, `${args[0]}: ${stderr}`);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled|at /, args[0]);
  }
});
