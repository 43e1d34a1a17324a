/** Token usage: read from streamed and plain answers, journaled, totalled in the CLI's closing line, priced and estimated. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { journalPathFor } from '../../../../src/core/llm/journal';
import { estimateRun, formatUsage, MAX_TOKEN_COUNT, readUsage } from '../../../../src/core/llm/usage';
import { runBatch } from '../../../support/batch-runner';
import { FakeOpenAIServer, fakeUsage, judgeAnswer, promptText } from '../../../support/fake-openai-server';
import { cliPath } from '../../paths';
import { clientFor } from './helpers';

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'rlens-home-')) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function dataset(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-usage-'));
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    conversations: [{ role: 'user', content: `Question ${i}: ${'why '.repeat(i * 5)}?` }],
    response_A: 'Answer A',
    response_B: 'Answer B',
    gt_label: 'A',
    gt_judgment: `A is right (${i}).`,
    model_judgment: `A is right. \\boxed{A}`,
    model_pred: 'A',
  }));
  const path = join(dir, 'eval.jsonl');
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

const grouped = (n: number) => n.toLocaleString('en-US');

for (const streaming of [true, false]) {
  test(`judge totals the tokens the server reports (${streaming ? 'streamed, include_usage' : 'plain JSON'}), prices them and journals them`, async () => {
    const answer = judgeAnswer('Correct');
    const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: answer }) });
    try {
      const file = dataset(12);
      const args = ['judge', file, '--base-url', server.baseUrl, '--model', 'j', '--no-cache', '--price-in', '3', '--price-out', '15', ...(streaming ? [] : ['--no-stream'])];
      const r = await cli(args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.chatRequests.length, 12);
      if (streaming) assert.ok(server.chatRequests.every((q) => (q.body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage === true));
      const expected = server.chatRequests.map((q) => fakeUsage(q.body, answer, '')).reduce((a, u) => ({ prompt: a.prompt + u.prompt_tokens, completion: a.completion + u.completion_tokens }), { prompt: 0, completion: 0 });
      const cost = (expected.prompt * 3 + expected.completion * 15) / 1e6;
      assert.match(r.stderr, /estimate: 12 requests · ~[\d,]+ tokens in · up to 196,608 out · at most \$[\d.]+ \(prompt size ÷ 4 characters a token; answers not measured yet\)/);
      assert.ok(r.stderr.includes(`tokens ${grouped(expected.prompt)} in · ${grouped(expected.completion)} out · $${cost.toFixed(2)}`), r.stderr);
      const journal = readFileSync(journalPathFor(file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { usage: { prompt: number; completion: number }; promptChars: number });
      assert.equal(journal.reduce((s, e) => s + e.usage.prompt, 0), expected.prompt);
      assert.ok(journal.every((e) => e.promptChars > 0));
      // The next run's estimate uses the measured tokens per character and answer length: here exactly the totals.
      const again = await cli([...args, '--refresh', '--quiet']);
      assert.equal(again.code, 0, again.stderr);
      const re = await cli([...args, '--refresh']);
      assert.ok(re.stderr.includes(`estimate: 12 requests · ~${grouped(expected.prompt)} tokens in · ~${grouped(expected.completion)} out`), re.stderr);
      assert.match(re.stderr, /measured on 24 earlier answers/);
    } finally {
      await server.close();
    }
  });
}

test('the client reads usage from the last streamed chunk; odd usage objects are no usage', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: 'hello world!', reasoning: 'thinking...' }) });
  try {
    const c = await clientFor(server).complete([{ role: 'user', content: 'abcdefgh' }]);
    assert.deepEqual(c.usage, { prompt: 2, completion: 6, reasoning: 3 });
  } finally {
    await server.close();
  }
  assert.deepEqual(readUsage({ prompt_tokens: -4, completion_tokens: 'x' }), {
    usage: null,
    notes: [
      { kind: 'dropped', text: 'usage.prompt_tokens: expected an integer in [0, 100000000], got -4: dropped' },
      { kind: 'dropped', text: 'usage.completion_tokens: expected an integer in [0, 100000000], got string: dropped' },
    ],
  });
  assert.deepEqual(readUsage('lots'), { usage: null, notes: [{ kind: 'dropped', text: 'usage: expected an object, got string: dropped' }] });
  assert.deepEqual(readUsage(undefined), { usage: null, notes: [] });
  assert.deepEqual(readUsage({ prompt_tokens: 7, completion_tokens: 3 }), { usage: { prompt: 7, completion: 3, reasoning: 0 }, notes: [] });
  assert.equal(formatUsage({ prompt: 1_000_000, completion: 2_000, reasoning: 500 }, { inputPerMillion: 1, outputPerMillion: 10 }), 'tokens 1,000,000 in · 2,000 out (500 reasoning) · $1.02');
  const e = estimateRun({ requests: 10, promptChars: 4000, maxTokens: 100, measured: null, prices: { inputPerMillion: 1, outputPerMillion: 1 } });
  assert.deepEqual([e.promptTokens, e.completionTokens, e.completionCeiling, e.cost], [1000, null, 1000, null]);
  assert.equal(e.costCeiling, 0.002);
});

test('readUsage keeps every valid count and drops, with a note, each count that is no count', () => {
  const bad = [-1, 1.5, Number.NaN, Infinity, '12', true, [3], { n: 1 }, MAX_TOKEN_COUNT + 1, 1e300];
  for (const v of bad) {
    const r = readUsage({ prompt_tokens: v, completion_tokens: 9, completion_tokens_details: { reasoning_tokens: 4 } });
    assert.deepEqual(r.usage, { prompt: 0, completion: 9, reasoning: 4 }, JSON.stringify(v));
    assert.equal(r.notes.length, 1, JSON.stringify(v));
    assert.match(r.notes[0]?.text ?? '', /^usage\.prompt_tokens: expected an integer in \[0, 100000000\], got .*: dropped$/);
  }
  // The bound itself is a count.
  assert.deepEqual(readUsage({ prompt_tokens: MAX_TOKEN_COUNT, completion_tokens: 1 }).notes, []);
  // An odd reasoning count or details object drops that count alone.
  assert.deepEqual(readUsage({ prompt_tokens: 5, completion_tokens: 9, completion_tokens_details: { reasoning_tokens: -2 } }).usage, { prompt: 5, completion: 9, reasoning: 0 });
  assert.deepEqual(readUsage({ prompt_tokens: 5, completion_tokens: 9, completion_tokens_details: 'n/a' }), {
    usage: { prompt: 5, completion: 9, reasoning: 0 },
    notes: [{ kind: 'dropped', text: 'usage.completion_tokens_details: expected an object, got string: dropped' }],
  });
  // Reasoning over completion: kept as sent, flagged.
  assert.deepEqual(readUsage({ prompt_tokens: 5, completion_tokens: 9, completion_tokens_details: { reasoning_tokens: 30 } }), {
    usage: { prompt: 5, completion: 9, reasoning: 30 },
    notes: [{ kind: 'implausible', text: 'usage: 30 reasoning tokens exceed the 9 completion tokens they are part of: kept as sent' }],
  });
});

/**
 * A server whose usage is odd for some answers: record i%4 = 0 sends a negative prompt count and a
 * string completion count, 1 an absurd prompt count and more reasoning than completion tokens, 2 a
 * usage that is no object, 3 valid counts.
 */
function oddUsage(i: number): unknown {
  if (i % 4 === 0) return { prompt_tokens: -5, completion_tokens: '12' };
  if (i % 4 === 1) return { prompt_tokens: 1e15, completion_tokens: 40, completion_tokens_details: { reasoning_tokens: 90 } };
  if (i % 4 === 2) return 'lots';
  return { prompt_tokens: 100, completion_tokens: 20, completion_tokens_details: { reasoning_tokens: 5 } };
}

interface UsageJson {
  done: number;
  failed: number;
  tokens: { prompt: number; completion: number; reasoning: number };
  usageNotes: { dropped: number; implausible: number; first: { record: number; kind: string; text: string }[] };
}

test('odd token counts never cost an answer: the live path and a batch import keep it, drop the bad counts, flag reasoning over completion, and say so', async () => {
  const answer = judgeAnswer('Correct');
  const server = await FakeOpenAIServer.start({ handler: (req) => ({ kind: 'reply', content: answer, usage: oddUsage(Number(/Question (\d+):/.exec(promptText(req.body))?.[1])) }) });
  try {
    // Records 0..7: two of each kind. Valid counts left: record 1, 5: completion 40, reasoning 90; 3, 7: 100/20/5.
    const expected = { prompt: 200, completion: 2 * 40 + 2 * 20, reasoning: 2 * 90 + 2 * 5 };
    const check = (r: { code: number | null; stdout: string; stderr: string }, file: string) => {
      const summary = JSON.parse(r.stdout) as UsageJson;
      assert.equal(summary.done, 8, r.stderr);
      assert.equal(summary.failed, 0, r.stderr);
      assert.deepEqual(summary.tokens, expected);
      assert.equal(summary.usageNotes.dropped, 6);
      assert.equal(summary.usageNotes.implausible, 2);
      assert.deepEqual(summary.usageNotes.first[0], { record: 1, kind: 'dropped', text: 'usage.prompt_tokens: expected an integer in [0, 100000000], got -5: dropped' });
      assert.match(r.stderr, /usage of 6 answers dropped in part \(the totals count those as 0\): record 1: usage\.prompt_tokens: expected an integer in \[0, 100000000\], got -5: dropped; record 1: usage\.completion_tokens: expected an integer in \[0, 100000000\], got string: dropped; record 2: usage\.prompt_tokens: .*got 1000000000000000: dropped/);
      assert.match(r.stderr, /usage of 2 answers implausible \(more reasoning than completion tokens, kept as sent\): record 2: usage: 90 reasoning tokens exceed the 40 completion tokens they are part of: kept as sent/);
      assert.ok(r.stderr.includes(`tokens ${grouped(expected.prompt)} in · ${grouped(expected.completion)} out (${grouped(expected.reasoning)} reasoning)`), r.stderr);
      const journal = readFileSync(journalPathFor(file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { recordIndex: number; verdict: string; usage?: unknown; usageNotes?: string[] });
      assert.equal(journal.length, 8);
      assert.ok(journal.every((e) => e.verdict === 'Correct'));
      const byRecord = (i: number) => journal.find((e) => e.recordIndex === i);
      assert.deepEqual(byRecord(1)?.usage, { prompt: 0, completion: 40, reasoning: 90 });
      assert.deepEqual(byRecord(1)?.usageNotes, ['usage.prompt_tokens: expected an integer in [0, 100000000], got 1000000000000000: dropped', 'usage: 90 reasoning tokens exceed the 40 completion tokens they are part of: kept as sent']);
      assert.equal(byRecord(0)?.usage, undefined);
      assert.deepEqual(byRecord(2)?.usageNotes, ['usage: expected an object, got string: dropped']);
      assert.deepEqual(byRecord(3)?.usage, { prompt: 100, completion: 20, reasoning: 5 });
      assert.equal(byRecord(3)?.usageNotes, undefined);
    };

    for (const streaming of [true, false]) {
      const live = dataset(8);
      const r = await cli(['judge', live, '--base-url', server.baseUrl, '--model', 'j', '--no-cache', '--json', '--quiet', ...(streaming ? [] : ['--no-stream'])]);
      assert.equal(r.code, 0, r.stderr);
      check(r, live);
    }

    const batched = dataset(8);
    const requests = join(dirname(batched), 'requests.jsonl');
    const results = join(dirname(batched), 'results.jsonl');
    assert.equal((await cli(['judge', batched, '--batch-export', requests, '--model', 'j'])).code, 0);
    await runBatch(requests, results, server.baseUrl);
    const imported = await cli(['judge', batched, '--batch-import', results, '--model', 'j', '--json', '--quiet']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /imported 8 answers \(0 failed on the batch engine\) · 0 already in the journal · 0 refused · 0 unknown · 0 unreadable lines/);
    check(imported, batched);
  } finally {
    await server.close();
  }
});
