/**
 * `rationale-lens judge` against a real local OpenAI-compatible server: SIGKILL mid-run and resume
 * (every record judged exactly once, S-Corr identical to an uninterrupted run), the R-Align output
 * file, and an API key that never reaches a file or a message.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { FakeOpenAIServer, judgeAnswer, promptText } from '../../support/fake-openai-server';
import { journalPathFor } from '../../../src/core/llm/journal';
import { computeStats } from '../../../src/core/tally/fileTally';
import { cliPath, tempFile } from '../paths';
import { seeded, syntheticRAlignRecord } from '../core/synthetic';
import { waitFor } from '../../support/waitFor';

const KEY = 'sk-test-DO-NOT-LEAK-8f3a9c';

/** The verdict depends only on the prompt, so two runs over the same file agree. */
function verdictFor(prompt: string): 'Correct' | 'Incorrect' {
  return createHash('sha256').update(prompt).digest()[0]! % 3 === 0 ? 'Incorrect' : 'Correct';
}

function dataset(n: number): string {
  const rand = seeded(99);
  const lines = Array.from({ length: n }, (_, i) => {
    const r = syntheticRAlignRecord(i, rand, 80, false);
    delete r.metarm_verdict;
    delete r.metarm_score;
    delete r.metarm_raw;
    delete r.meta;
    return JSON.stringify(r);
  });
  return tempFile('eval.jsonl', lines.join('\n') + '\n');
}

function runCli(args: string[], env: Record<string, string> = {}): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** The journal's complete lines: read while the run appends, the last one may still be half written. */
function journalLines(path: string): { key: string; verdict: string }[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { key: string; verdict: string });
}

test('SIGKILL in the middle of a 1,000-record judge run, then a rerun: each record judged exactly once', async () => {
  const server = await FakeOpenAIServer.start({
    fixedDelayMs: 15,
    requireApiKey: KEY,
    handler: (req) => ({ kind: 'reply', content: judgeAnswer(verdictFor(promptText(req.body))) }),
  });
  try {
    const file = dataset(1000);
    const args = ['judge', file, '--base-url', server.baseUrl, '--model', 'judge-1', '--api-key-env', 'RLENS_TEST_KEY', '--concurrency', '8', '--no-cache', '--quiet'];
    const journal = journalPathFor(file);

    const first = runCli(args, { RLENS_TEST_KEY: KEY });
    // Kill once a good part, but not all, of the work is journaled.
    await waitFor(() => journalLines(journal).length >= 150, { what: '150 journaled answers before the kill', timeout: 120_000 });
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    const before = journalLines(journal).length;
    assert.ok(before >= 150, `journal had ${before} entries at the kill`);

    const out = file.replace(/\.jsonl$/, '.judged.jsonl');
    const second = await runCli([...args, '--out', out], { RLENS_TEST_KEY: KEY }).done;
    assert.equal(second.code, 0, second.stderr);

    const entries = journalLines(journal);
    const keys = new Set(entries.map((e) => e.key));
    assert.equal(keys.size, entries.length, 'no record is journaled twice');
    const judgeable = (await computeStats(file)).overall.labelCorrect;
    assert.equal(entries.length, judgeable, 'every label-correct record is journaled');
    const prompts = server.chatRequests.map((r) => promptText(r.body));
    // Calls in flight at the kill (8) and answers not yet fsynced were never journaled: only they are asked twice.
    assert.ok(prompts.length >= judgeable && prompts.length <= judgeable + 16, `${prompts.length} requests for ${judgeable} records`);
    assert.ok(server.chatRequests.every((r) => r.headers.authorization === `Bearer ${KEY}`));

    // An uninterrupted run over a copy gives the same S-Corr.
    const copy = tempFile('copy.jsonl', readFileSync(file));
    const outCopy = copy.replace(/\.jsonl$/, '.judged.jsonl');
    const clean = await runCli(['judge', copy, '--base-url', server.baseUrl, '--model', 'judge-1', '--api-key-env', 'RLENS_TEST_KEY', '--no-cache', '--quiet', '--out', outCopy], { RLENS_TEST_KEY: KEY }).done;
    assert.equal(clean.code, 0, clean.stderr);
    const resumed = await computeStats(out);
    const uninterrupted = await computeStats(outCopy);
    assert.equal(resumed.overall.records, 1000);
    assert.ok(resumed.overall.sCorr !== null && resumed.overall.sCorr > 0.2 && resumed.overall.sCorr < 0.5);
    assert.equal(resumed.overall.sCorr, uninterrupted.overall.sCorr);
    assert.equal(resumed.overall.fScore, uninterrupted.overall.fScore);
    assert.deepEqual(resumed.overall.fidelity, uninterrupted.overall.fidelity);

    // The key never reaches a file or a message.
    for (const path of [journal, out, journalPathFor(copy), outCopy]) assert.ok(!readFileSync(path, 'utf8').includes(KEY), `${path} holds the key`);
    for (const text of [killed.stdout, killed.stderr, second.stdout, second.stderr, clean.stderr]) assert.ok(!text.includes(KEY));
    assert.ok(statSync(out).size > statSync(file).size);
  } finally {
    await server.close();
  }
});

test('judge: a rejected key and an unreachable server give clear messages without the key', async () => {
  const server = await FakeOpenAIServer.start({ requireApiKey: 'the-right-key' });
  try {
    const file = dataset(5);
    const r = await runCli(['judge', file, '--base-url', server.baseUrl, '--model', 'm', '--api-key-env', 'RLENS_TEST_KEY', '--no-cache', '--quiet', '--out', `${file}.out.jsonl`], { RLENS_TEST_KEY: KEY }).done;
    assert.equal(r.code, 3, 'every call failed');
    assert.match(r.stderr, /× http 401/);
    assert.ok(!r.stderr.includes(KEY) && !readFileSync(journalPathFor(file), 'utf8').includes(KEY));
    const stats = await computeStats(`${file}.out.jsonl`);
    assert.equal(stats.overall.fidelity.callFail, stats.overall.labelCorrect, 'a 401 is a CallFail, not a verdict');
  } finally {
    await server.close();
  }
  const missing = await runCli(['judge', dataset(2), '--model', 'm']).done;
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no baseUrl/);
});
