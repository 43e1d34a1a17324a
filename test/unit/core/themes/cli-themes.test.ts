/**
 * `rationale-lens themes` end to end through the bundled CLI: the offline table and JSON, record text
 * escaped, ratifications appended beside the file (never the dataset) and applied on every later
 * run, the embedding tier's estimate and confirmation before any request, its titles journaled so
 * a second run asks nothing, the model aligner's alignments journaled, and `compare --themes`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { FakeOpenAIServer } from '../../../support/fake-openai-server';
import { plantedFile } from '../../../support/plantedThemes';
import { cliPath, tempFile } from '../../paths';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  try {
    const r = await promisify(execFile)(process.execPath, [cliPath, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface JsonTheme {
  id: string;
  title: string;
  titleSource: string;
  figures: { records: number; spurious: number; sCorr: number | null; lAcc: number | null }[];
  records: number[][];
}
interface JsonSet {
  themes: JsonTheme[];
  dismissed: JsonTheme[];
  totals: { spurious: number; spuriousExplained: number }[];
  grouping: { kind: string };
}

const planted = (seed = 1) => tempFile('planted.jsonl', plantedFile(seed).jsonl);

test('themes prints each theme with its records, spurious records explained, S-Corr, L-Acc, id and examples; --json the same', async () => {
  const file = planted();
  const text = await cli('themes', file);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /60 spurious records, 60 explained by a theme below/);
  assert.match(text.stdout, /grams, kilogram, conversion\s+14\s+12\s+100\.0%\s+85\.7%\s+t:gram\+kilogram/);
  assert.match(text.stdout, /e\.g\. record planted-\d+ \(missing\): Response [AB] converts grams to kilograms wrongly/);
  const json = JSON.parse((await cli('themes', file, '--json')).stdout) as JsonSet;
  assert.equal(json.grouping.kind, 'lexical');
  const gram = json.themes.find((t) => t.id === 't:gram+kilogram');
  assert.ok(gram);
  assert.deepEqual({ records: gram.figures[0]?.records, spurious: gram.figures[0]?.spurious }, { records: 14, spurious: 12 });
  assert.equal(gram.records[0]?.length, 14);
});

test('record text reaches the terminal escaped: a claim cannot write control sequences or forge lines', async () => {
  const gold = 'Response B uses the \u001b[2Jwrong\u202e unit\nconversion of grams to kilograms. Overall A is better.';
  const rows = [0, 1, 2].map((i) => JSON.stringify({ id: `r${i}\u0007\nforged line`, conversations: [{ role: 'user', content: 'q' }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: gold, model_judgment: 'A is better.\n\\boxed{A}', model_pred: 'A', metarm_verdict: 'Incorrect' }));
  const r = await cli('themes', tempFile('hostile.jsonl', rows.join('\n') + '\n'));
  assert.equal(r.code, 0, r.stderr);
  for (const raw of ['\u0007', '\u001b', '\u202e']) assert.ok(!r.stdout.includes(raw), `no raw U+${raw.charCodeAt(0).toString(16)}`);
  assert.match(r.stdout, /\\u001b\[2Jwrong\\u202e unit/);
  assert.match(r.stdout, /record r\d\\u0007\\u000aforged line \(missing\)/);
  assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('forged')), 'an id cannot start a line');
});

test('ratifications are appended beside the file and applied on every later run; the dataset is never written', async () => {
  const file = planted();
  const before = readFileSync(file);
  const renamed = await cli('themes', file, '--rename', 't:gram+kilogram=Unit slips', '--json');
  assert.equal(renamed.code, 0, renamed.stderr);
  const merged = await cli('themes', file, '--merge', 't:arrai+element,t:limit+word', '--dismiss', 't:clearli+end', '--json');
  assert.equal(merged.code, 0, merged.stderr);
  // A later run (a reload) sees all three.
  const after = JSON.parse((await cli('themes', file, '--json')).stdout) as JsonSet;
  const unit = after.themes.find((t) => t.id === 't:gram+kilogram');
  assert.equal(unit?.title, 'Unit slips');
  assert.equal(unit?.titleSource, 'researcher');
  assert.equal(after.themes.find((t) => t.id === 't:limit+word'), undefined, 'merged away');
  assert.equal(after.themes.find((t) => t.id === 't:arrai+element')?.figures[0]?.records, 28);
  assert.deepEqual(after.dismissed.map((t) => t.id), ['t:clearli+end']);
  assert.match((await cli('themes', file)).stdout, /\* renamed by you/);
  assert.deepEqual(readFileSync(file), before);
  assert.equal(readFileSync(`${file}.rlens-themes.jsonl`, 'utf8').trim().split('\n').length, 3);
  // Restored, it is shown again.
  await cli('themes', file, '--restore', 't:clearli+end');
  assert.ok((JSON.parse((await cli('themes', file, '--json')).stdout) as JsonSet).themes.some((t) => t.id === 't:clearli+end'));
});

test('a ratification of a theme that does not exist is refused and nothing is saved', async () => {
  const file = planted();
  const r = await cli('themes', file, '--dismiss', 't:nosuch');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no theme "t:nosuch"/);
  assert.equal(existsSync(`${file}.rlens-themes.jsonl`), false);
});

test('split divides a theme by the terms its claims share beyond the ones that made it', async () => {
  const rows = ['grams to kilograms in the recipe', 'grams to kilograms in the recipe', 'grams to kilograms for the parcel', 'grams to kilograms for the parcel'].map((g, i) =>
    JSON.stringify({ id: `s${i}`, conversations: [{ role: 'user', content: 'q' }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: `Response B converts ${g} wrongly.`, model_judgment: 'A is nicer.\n\\boxed{A}', model_pred: 'A', metarm_verdict: 'Incorrect' }),
  );
  const file = tempFile('split.jsonl', rows.join('\n') + '\n');
  const one = JSON.parse((await cli('themes', file, '--json')).stdout) as JsonSet;
  assert.equal(one.themes.length, 1);
  const id = one.themes[0]?.id as string;
  const r = await cli('themes', file, '--split', id, '--json');
  assert.equal(r.code, 0, r.stderr);
  const two = JSON.parse(r.stdout) as JsonSet;
  assert.deepEqual(two.themes.map((t) => t.figures[0]?.records), [2, 2]);
  assert.ok(two.themes.every((t) => t.id.startsWith(`${id}/`)));
});

test('the embedding tier states its cost and asks first: without --yes and no terminal it sends nothing', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const r = await cli('themes', planted(), '--group', 'embedding', '--base-url', server.baseUrl, '--model', 'fake-judge', '--embedding-model', 'fake-embed', '--no-cache');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /estimate: embeddings of \d+ failure claims .* titling: at most \d+ requests/);
    assert.match(r.stderr, /add --yes to go ahead/);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('the embedding tier titles each cluster with one call, journaled beside the file: a second run asks nothing, even without the cache', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: '"Unit conversion slips"' }) });
  try {
    const file = planted();
    const args = ['themes', file, '--group', 'embedding', '--cut', '0.3', '--base-url', server.baseUrl, '--model', 'fake-judge', '--embedding-model', 'fake-embed', '--no-cache', '--no-stream', '--yes', '--json'];
    const first = await cli(...args);
    assert.equal(first.code, 0, first.stderr);
    const set = JSON.parse(first.stdout) as JsonSet;
    assert.equal(set.grouping.kind, 'embedding');
    assert.ok(set.themes.length >= 5);
    assert.ok(set.themes.every((t) => t.title === 'Unit conversion slips' && t.titleSource === 'model'));
    assert.equal(server.chatRequests.length, set.themes.length, 'one call a cluster');
    const titled = readFileSync(`${file}.rlens-themes.jsonl`, 'utf8').trim().split('\n');
    assert.equal(titled.length, server.chatRequests.length);
    server.reset();
    const second = await cli(...args);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.chatRequests.length, 0, 'titles come from the themes file');
    assert.match(second.stderr, /titles: 0 asked · 0 from the cache · \d+ from the themes file/);
  } finally {
    await server.close();
  }
});

test('--aligner embedding takes the failure claims from the embedding aligner, journaled: a second run makes no request', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const file = planted();
    const args = ['themes', file, '--aligner', 'embedding', '--threshold', '0.5', '--base-url', server.baseUrl, '--embedding-model', 'fake-embed', '--no-cache', '--yes', '--json'];
    const first = await cli(...args);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /estimate: the embedding aligner: 90 records not journaled yet/);
    assert.ok(existsSync(`${file}.rlens-alignments.jsonl`));
    assert.ok(server.requests.length > 0);
    server.reset();
    const second = await cli(...args);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.requests.length, 0);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  } finally {
    await server.close();
  }
});

test('compare --themes shows how each theme\'s size changed between two runs', async () => {
  const a = planted(1);
  // Run b: the same records, with the unit-conversion failures fixed (their rationales now state the planted claim).
  const fixed = readFileSync(a, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const r = JSON.parse(line) as Record<string, string>;
      if (!/kilogram/.test(r.gt_judgment ?? '')) return line;
      const loser = r.gt_label === 'A' ? 'B' : 'A';
      return JSON.stringify({ ...r, model_judgment: `Response ${loser} converts grams to kilograms wrongly. \\boxed{${r.gt_label}}`, metarm_verdict: r.model_pred === r.gt_label ? 'Correct' : r.metarm_verdict });
    });
  const b = tempFile('b.jsonl', fixed.join('\n') + '\n');
  writeFileSync(b, fixed.join('\n') + '\n');
  const r = await cli('compare', a, b, '--themes');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /failure themes, a → b/);
  assert.match(r.stdout, /grams, kilogram, conversion\s+records 14 → \d \(-1\d\) · spurious 12 → 0 \(-12\)/);
  assert.match(r.stdout, /array, element, loop\s+records 14 → 14 \(0\) · spurious 12 → 12 \(0\)/);
});
