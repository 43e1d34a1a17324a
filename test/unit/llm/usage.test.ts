/** Token usage: read from streamed and plain answers, journaled, totalled in the CLI's closing line, priced and estimated. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { journalPathFor } from '../../../src/core/llm/journal';
import { estimateRun, formatUsage, usageFrom } from '../../../src/core/llm/usage';
import { FakeOpenAIServer, fakeUsage, judgeAnswer } from '../../support/fake-openai-server';
import { cliPath } from '../paths';
import { clientFor } from './helpers';

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'rlens-home-')) } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
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
  assert.equal(usageFrom({ prompt_tokens: -4, completion_tokens: 'x' }), null);
  assert.equal(usageFrom('lots'), null);
  assert.deepEqual(usageFrom({ prompt_tokens: 5, completion_tokens: 1e300 }), { prompt: 5, completion: 0, reasoning: 0 });
  assert.equal(formatUsage({ prompt: 1_000_000, completion: 2_000, reasoning: 500 }, { inputPerMillion: 1, outputPerMillion: 10 }), 'tokens 1,000,000 in · 2,000 out (500 reasoning) · $1.02');
  const e = estimateRun({ requests: 10, promptChars: 4000, maxTokens: 100, measured: null, prices: { inputPerMillion: 1, outputPerMillion: 1 } });
  assert.deepEqual([e.promptTokens, e.completionTokens, e.completionCeiling, e.cost], [1000, null, 1000, null]);
  assert.equal(e.costCeiling, 0.002);
});
