/**
 * Re-query ×k against a local OpenAI-compatible server through the real client: k streams a record,
 * each sample journaled with its number, swapped samples read back in the original frame, a kill
 * mid-run resumed without asking or journaling a sample twice, the cost estimate, the fidelity of
 * the samples, and the batch hand-off of k requests a record.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { MemoryCacheStore } from '../../../../src/core/llm/cache';
import type { LlmDelta } from '../../../../src/core/llm/client';
import { journalPathFor, readJournal } from '../../../../src/core/llm/journal';
import { estimatePending } from '../../../../src/core/llm/pending';
import { readSampleJournal, samplesOfRecord } from '../../../../src/core/llm/sampleJournal';
import { runGenrmSamples, runSampleFidelity } from '../../../../src/core/llm/sampleRuns';
import type { SampleSlot } from '../../../../src/core/llm/sampling';
import { VerdictOverlay } from '../../../../src/core/verdicts/verdictOverlay';
import { runBatch } from '../../../support/batch-runner';
import { FakeOpenAIServer, fakeUsage, genrmAnswer, judgeAnswer, promptText } from '../../../support/fake-openai-server';
import type { FakeHandler } from '../../../support/fake-openai-server';
import { cliPath } from '../../paths';
import { FAST_RETRY, makeRecord, profileFor, tempDir } from './helpers';

/**
 * The GenRM answers by the position of the right answer in what it was shown: it prefers the
 * answer containing "RIGHT", so a swapped sample says "B" for the record's A. The judge says
 * Incorrect when the rationale mentions "luck".
 */
const handler: FakeHandler = (req) => {
  const p = promptText(req.body);
  if (p.includes('final_verdict')) return { kind: 'reply', content: judgeAnswer(p.includes('Picked by luck') ? 'Incorrect' : 'Correct') };
  const a = p.indexOf("Assistant A's Answer");
  const right = p.indexOf('RIGHT');
  const shownFirst = right > a && right < p.indexOf("Assistant B's Answer");
  const n = req.seq;
  return { kind: 'reply', content: genrmAnswer(shownFirst ? 'A' : 'B', n % 3 === 0 ? 'Picked by luck.' : `The shown ${shownFirst ? 'first' : 'second'} answer is RIGHT.`), chunks: 3 };
};

let server: FakeOpenAIServer;
before(async () => {
  server = await FakeOpenAIServer.start({ handler });
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setHandler(handler);
});

// eslint-disable-next-line @typescript-eslint/require-await -- an async source, as the dataset reader is
async function* toAsyncRecords<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const records = () => [0, 1, 2].map((i) => makeRecord(i, { responseA: `RIGHT answer ${i}`, responseB: `wrong answer ${i}`, gold: 'A' }));

test('k samples a record: k streams, one journal line each with its number and order, swapped verdicts in the original frame', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const journal = join(dir, 'j.jsonl');
    const streamed = new Map<string, string>();
    const summary = await runGenrmSamples(records(), {
      profile: profileFor(server, { concurrency: 4 }),
      retry: FAST_RETRY,
      journal,
      plan: { count: 4, bothOrders: true },
      onDelta: (record, d: LlmDelta, slot?: SampleSlot) => {
        const k = `${record.index}/${slot?.sample}`;
        streamed.set(k, (streamed.get(k) ?? '') + d.content);
      },
    });
    assert.equal(summary.progress.total, 12, 'progress counts samples');
    assert.equal(summary.results.length, 12);
    assert.equal(server.chatRequests.length, 12, 'one request a sample');
    assert.equal(streamed.size, 12, 'every sample streamed on its own');
    for (const r of summary.results) assert.equal(streamed.get(`${r.recordIndex}/${r.sample?.sample}`), r.raw, 'the stream is the answer');
    // Swapped samples were shown B first, and their "B" (the RIGHT answer shown second) reads as A.
    const swappedPrompts = server.chatRequests.filter((q) => promptText(q.body).indexOf('wrong answer') < promptText(q.body).indexOf('RIGHT answer'));
    assert.equal(swappedPrompts.length, 6);
    for (const r of summary.results) {
      assert.equal(r.sample?.order, r.sample && r.sample.sample % 2 === 0 ? 'swapped' : 'original');
      assert.equal(r.pred, 'A', `record ${r.recordIndex} sample ${r.sample?.sample}: in the original frame`);
    }
    const { entries } = await readJournal(journal);
    assert.equal(entries.length, 12);
    assert.equal(new Set(entries.map((e) => e.key)).size, 12, 'each sample its own key');
    assert.deepEqual(
      entries.map((e) => `${e.recordIndex}:${e.sample}:${e.order}`).sort(),
      [0, 1, 2].flatMap((i) => [1, 2, 3, 4].map((n) => `${i}:${n}:${n % 2 === 0 ? 'swapped' : 'original'}`)).sort(),
    );
    // The record's own single re-query and fidelity readers never take a sample for the record's.
    const overlay = await VerdictOverlay.load(join(dir, 'none.jsonl'));
    assert.equal(overlay.size, 0);
  } finally {
    cleanup();
  }
});

test('the cache never answers one sample with another, and a rerun resumes every sample from the journal', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const journal = join(dir, 'j.jsonl');
    const cache = new MemoryCacheStore();
    const opts = { profile: profileFor(server), retry: FAST_RETRY, journal, cache, plan: { count: 3 } };
    await runGenrmSamples(records(), opts);
    assert.equal(server.chatRequests.length, 9);
    assert.equal(cache.size, 9);
    const again = await runGenrmSamples(records(), opts);
    assert.equal(server.chatRequests.length, 9, 'nothing asked again');
    assert.ok(again.results.every((r) => r.resumed));
    // Two more: samples 4 and 5 only.
    await runGenrmSamples(records(), { ...opts, plan: { count: 2, first: 4 } });
    assert.equal(server.chatRequests.length, 15);
    assert.equal((await readJournal(journal)).entries.length, 15);
    await assert.rejects(runGenrmSamples(records(), { ...opts, plan: { count: 0 } }), /whole number from 1/);
  } finally {
    cleanup();
  }
});

test('the fidelity of the samples: label-correct ones judged, tagged with their sample, never the record\'s verdict', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const data = join(dir, 'd.jsonl');
    writeFileSync(data, '');
    const journal = journalPathFor(data);
    const recs = records();
    await runGenrmSamples(recs, { profile: profileFor(server), retry: FAST_RETRY, journal, plan: { count: 3 } });
    // Sample 1 of record 0 came back as "B" (record-level gold is A): label-wrong, so not sent.
    const sj = await readSampleJournal(journal);
    const answered = [...sj.byRecord.values()].flat();
    assert.equal(answered.length, 9);
    const labelCorrect = answered.filter((s) => s.pred === 'A').length;
    server.reset();
    const judged = await runSampleFidelity(recs, sj, { profile: profileFor(server, { model: 'judge' }), retry: FAST_RETRY, journal });
    assert.equal(server.chatRequests.length, labelCorrect);
    assert.equal(judged.progress.skipped, 9 - labelCorrect);
    const after = await readSampleJournal(journal);
    for (const r of recs) {
      for (const s of samplesOfRecord(after, r)) {
        if (s.pred !== 'A') assert.equal(s.fidelity, null);
        else assert.equal(s.fidelity?.verdict, s.raw?.includes('luck') ? 'Incorrect' : 'Correct', `record ${r.index} sample ${s.sample}`);
      }
    }
    const overlay = await VerdictOverlay.load(data);
    assert.equal(overlay.llmVerdict(0), undefined, 'a sample\'s verdict is not the record\'s');
    // Judging again asks nothing: every sample's verdict is journaled under its own key.
    server.reset();
    await runSampleFidelity(recs, await readSampleJournal(journal), { profile: profileFor(server, { model: 'judge' }), retry: FAST_RETRY, journal });
    assert.equal(server.chatRequests.length, 0);
  } finally {
    cleanup();
  }
});

test('the estimate counts k requests a record, less what the journal holds; the run\'s tokens are what the server reports', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const data = join(dir, 'd.jsonl');
    const journal = journalPathFor(data);
    const recs = records();
    const inputs = { kind: 'genrm' as const, profile: profileFor(server, { prices: { inputPerMillion: 2, outputPerMillion: 10 } }), datasetPath: data, journalPath: journal, records: () => toAsyncRecords(recs), plan: { count: 5 } };
    const before = await estimatePending(inputs, false, inputs.profile.prices);
    assert.equal(before.requests, 15);
    const summary = await runGenrmSamples(recs, { profile: inputs.profile, retry: FAST_RETRY, journal, plan: { count: 2 } });
    const prompts = server.chatRequests.map((q) => fakeUsage(q.body, '', '').prompt_tokens).reduce((a, b) => a + b, 0);
    assert.equal(summary.progress.tokens.prompt, prompts, 'tokens in as the server counted them');
    const later = await estimatePending(inputs, false, inputs.profile.prices);
    assert.equal(later.requests, 9, 'samples 1 and 2 are journaled: 3 of 5 left a record');
    assert.equal(later.alreadyDone, 6);
    assert.ok(later.cost !== null && later.cost > 0, 'priced from the measured answers');
  } finally {
    cleanup();
  }
});

function dataset(dir: string, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    conversations: [{ role: 'user', content: `Question ${i}?` }],
    response_A: `RIGHT answer ${i}`,
    response_B: `wrong answer ${i}`,
    gt_label: 'A',
    gt_judgment: `A is right about item ${i}.`,
    model_judgment: `A. \\boxed{A}`,
    model_pred: 'A',
  }));
  const path = join(dir, 'eval.jsonl');
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

const home = () => mkdtempSync(join(tmpdir(), 'rlens-home-'));

/** The CLI without blocking this process, whose server it calls. */
function cliAsync(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, HOME: home() } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}
const journalLines = (file: string) => (existsSync(journalPathFor(file)) ? readFileSync(journalPathFor(file), 'utf8').split('\n').filter((l) => l.trim()) : []);

test('generate --samples k killed mid-run (SIGKILL) resumes with the samples it had not finished, none asked or journaled twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-samples-'));
  const file = dataset(dir, 6);
  server.fixedDelayMs = 60;
  try {
    const args = ['generate', file, '--samples', '5', '--base-url', server.baseUrl, '--model', 'g', '--concurrency', '2', '--no-cache', '--quiet'];
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, HOME: home() }, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill it once some samples are journaled and others are still to come.
    while (journalLines(file).length < 7) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    const journaledBefore = journalLines(file).length;
    assert.ok(journaledBefore < 30, `killed mid-run (${journaledBefore} of 30 journaled)`);
    const askedBefore = server.chatRequests.length;
    // Not spawnSync: the server answering it runs in this process.
    const resumed = await cliAsync(...args.filter((a) => a !== '--quiet'));
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`estimate: ${30 - journaledBefore} requests`));
    assert.match(resumed.stderr, new RegExp(`done: 30/30 samples \\(5 of each of 6 records\\) · 0 failed · ${journaledBefore} from cache or journal`));
    assert.equal(server.chatRequests.length - askedBefore, 30 - journaledBefore, 'the rerun asks only the unfinished samples');
    const entries = journalLines(file).map((l) => JSON.parse(l) as { recordIndex: number; sample: number; key: string });
    assert.equal(entries.length, 30, 'each sample journaled once');
    assert.equal(new Set(entries.map((e) => `${e.recordIndex}:${e.sample}`)).size, 30);
  } finally {
    server.fixedDelayMs = 0;
  }
});

test('generate --samples k --batch-export writes k requests a record; the import journals each as its sample', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-samples-'));
  const file = dataset(dir, 4);
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, HOME: home() } });
  const requests = join(dir, 'requests.jsonl');
  const exported = cli('generate', file, '--samples', '3', '--batch-export', requests, '--model', 'g');
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stderr, /wrote 12 requests/);
  const input = readFileSync(requests, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; body: { n?: number } });
  assert.equal(new Set(input.map((l) => l.custom_id)).size, 12);
  assert.ok(input.every((l) => l.body.n === undefined), 'one completion a request: works on every batch engine');
  const results = join(dir, 'results.jsonl');
  await runBatch(requests, results, server.baseUrl);
  const imported = cli('generate', file, '--samples', '3', '--batch-import', results, '--model', 'g', '--quiet');
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stderr, /imported 12 answers \(0 failed on the batch engine\) · 0 already in the journal · 0 refused · 0 unknown · 0 unreadable lines · 0 lines not used · 0 records still without an answer/);
  const entries = journalLines(file).map((l) => JSON.parse(l) as { recordIndex: number; sample: number });
  assert.deepEqual(entries.map((e) => `${e.recordIndex}:${e.sample}`).sort(), [0, 1, 2, 3].flatMap((i) => [1, 2, 3].map((n) => `${i}:${n}`)).sort());
  // Imported with another k, the answers are another run's requests: refused, nothing journaled.
  const other = cli('generate', file, '--samples', '2', '--batch-import', results, '--model', 'g', '--quiet');
  assert.match(other.stderr, /imported 0 answers .* 8 already in the journal/);
  assert.equal(journalLines(file).length, 12);
});

test('the flags say what is wrong before anything is sent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-samples-'));
  const file = dataset(dir, 2);
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, HOME: home() } });
  const base = ['--base-url', server.baseUrl, '--model', 'g'];
  assert.match(cli('generate', file, '--samples', 'ten', ...base).stderr, /--samples: needs a whole number from 1 to 64, got "ten"/);
  assert.match(cli('generate', file, '--samples', '500', ...base).stderr, /at most 64 samples a record/);
  assert.match(cli('generate', file, '--both-orders', ...base).stderr, /--both-orders needs --samples k/);
  assert.match(cli('generate', file, '--samples', '2', '--both-orders', '--out', join(dir, 'o.jsonl'), ...base).stderr, /no field for the order/);
  assert.match(cli('judge', file, '--samples', ...base).stderr, /holds no answered GenRM sample: run `rationale-lens generate .* --samples k` first/);
  assert.equal(server.chatRequests.length, 0);
});

test('generate --samples k --out writes one row a sample, the id repeated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-samples-'));
  const file = dataset(dir, 3);
  const out = join(dir, 'out.jsonl');
  const r = await cliAsync('generate', file, '--samples', '4', '--base-url', server.baseUrl, '--model', 'g', '--no-cache', '--quiet', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; sample: number; model_pred: string });
  assert.deepEqual(rows.map((x) => `${x.id}#${x.sample}`), ['r0', 'r1', 'r2'].flatMap((id) => [1, 2, 3, 4].map((n) => `${id}#${n}`)));
});
