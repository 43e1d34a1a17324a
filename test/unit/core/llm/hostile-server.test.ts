/**
 * Endpoints that misbehave cannot hang, flood or leak: huge and endless answers end as "answer too
 * large" with memory bounded, a trickling server meets the idle timeout or the call's time limit, a
 * Retry-After of hours is not waited for past the record's deadline, and a key echoed back across
 * stream chunks reaches no written field.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LlmCallError, LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import type { LlmProfileInput } from '../../../../src/core/llm/profile';
import { journalPathFor } from '../../../../src/core/llm/journal';
import { HostileServer } from '../../../support/hostile-server';
import type { Hostility } from '../../../support/hostile-server';
import { cliPath, tempFile } from '../../paths';

const MB = 1024 * 1024;

async function call(h: Hostility, profile: Partial<LlmProfileInput> = {}): Promise<{ error: LlmCallError | null; ms: number; server: HostileServer }> {
  const server = await HostileServer.start(() => h);
  const client = new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'm', ...profile }), { retry: { maxRetries: 0 } });
  const started = Date.now();
  try {
    await client.complete([{ role: 'user', content: 'hi' }]);
    return { error: null, ms: Date.now() - started, server };
  } catch (e) {
    if (!(e instanceof LlmCallError)) throw e;
    return { error: e, ms: Date.now() - started, server };
  } finally {
    await server.close();
  }
}

test('a huge streamed answer ends as "answer too large" and memory stays bounded', async () => {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const { error, server } = await call({ kind: 'flood-sse', bytes: 500 * MB }, { maxAnswerBytes: 8 * MB });
    assert.ok(error, 'the call fails');
    assert.equal(error.kind, 'too-large');
    assert.match(error.message, /answer too large: the server sent more than 8 MB/);
    assert.ok(server.bytesSent < 100 * MB, `the call was ended early (${(server.bytesSent / MB).toFixed(0)} MB sent)`);
    const endless = await call({ kind: 'flood-sse', bytes: 0, endless: true, chunkBytes: 1024 }, { maxAnswerBytes: 2 * MB });
    assert.equal(endless.error?.kind, 'too-large');
  } finally {
    clearInterval(sampler);
  }
  assert.ok(peak - before < 150 * MB, `peak RSS grew by ${((peak - before) / MB).toFixed(0)} MB`);
  console.log(`peak RSS growth on a 500 MB streamed answer (8 MB cap): ${((peak - before) / MB).toFixed(0)} MB`);
});

test('a huge plain (non-streamed) answer is cut on the wire too', async () => {
  const { error, server } = await call({ kind: 'flood-json', bytes: 300 * MB }, { maxAnswerBytes: 4 * MB, stream: false });
  assert.equal(error?.kind, 'too-large');
  assert.ok(server.bytesSent < 100 * MB);
});

test('a server that trickles bytes meets the idle timeout or the call\'s time limit', async () => {
  const idle = await call({ kind: 'trickle', everyMs: 5000 }, { idleTimeoutMs: 500 });
  assert.match(idle.error?.message ?? '', /idle timeout: the server sent nothing for 1 s|idle timeout/);
  assert.ok(idle.ms < 3000, `${idle.ms} ms`);
  const slow = await call({ kind: 'trickle', everyMs: 100 }, { idleTimeoutMs: 1000, timeoutMs: 1500 });
  assert.match(slow.error?.message ?? '', /timeout: no complete answer within 1500 ms/);
  assert.ok(slow.ms < 4000, `${slow.ms} ms`);
});

test('a Retry-After of hours is not waited for past the record\'s deadline', async () => {
  const server = await HostileServer.start(() => ({ kind: 'status', status: 429, headers: { 'retry-after': '36000' } }));
  try {
    const client = new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'm', deadlineMs: 2000 }));
    const started = Date.now();
    await assert.rejects(client.complete([{ role: 'user', content: 'hi' }]), /no more retries: the record's deadline of 2 s would pass/);
    assert.ok(Date.now() - started < 1500);
  } finally {
    await server.close();
  }
});

test('invalid SSE and auth errors are failures with a reason, never verdicts', async () => {
  for (const [h, re] of [
    [{ kind: 'invalid-sse' }, /stream|malformed|finish_reason|connection/],
    [{ kind: 'status', status: 401 }, /http 401/],
    [{ kind: 'status', status: 403 }, /http 403/],
    [{ kind: 'status', status: 307, headers: { location: 'http://127.0.0.1:9/v1/chat/completions' } }, /http 307|connection|redirect/],
  ] as const) {
    const { error } = await call(h);
    assert.match(error?.message ?? 'no error', re, JSON.stringify(h));
  }
});

test('a key echoed back across stream chunks reaches no written field (journal, --out), at every split', async () => {
  const KEY = 'sk-hostile-echo-0123456789abcdef';
  for (const piece of [1, 2, 3, 5, 7, 11, 13]) {
    const server = await HostileServer.start(() => ({ kind: 'echo-key', pieceLength: piece }));
    try {
      const file = tempFile('d.jsonl', JSON.stringify({ id: 'r0', conversations: [{ role: 'user', content: 'q' }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: 'gold', model_judgment: 'A \\boxed{A}', model_pred: 'A' }) + '\n');
      const out = `${file}.out.jsonl`;
      const child = spawn(process.execPath, [cliPath, 'judge', file, '--base-url', server.baseUrl, '--model', 'm', '--api-key-env', 'RLENS_ECHO_KEY', '--no-cache', '--quiet', '--out', out], { env: { ...process.env, RLENS_ECHO_KEY: KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0, text);
      for (const path of [out, journalPathFor(file)]) assert.ok(!readFileSync(path, 'utf8').includes(KEY), `piece ${piece}: ${path} holds the key`);
      assert.ok(!text.includes(KEY));
      assert.ok(readFileSync(out, 'utf8').includes('***'), 'the key was there and was replaced');
    } finally {
      await server.close();
    }
  }
});
