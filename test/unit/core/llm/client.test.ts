import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { AbortedError } from '../../../../src/core/llm/retry';
import { LlmCallError, LlmClient } from '../../../../src/core/llm/client';
import type { LlmDelta } from '../../../../src/core/llm/client';
import { FakeOpenAIServer, judgeAnswer } from '../../../support/fake-openai-server';
import { API_KEY, clientFor, FAST_RETRY, profileFor } from './helpers';
import { waitFor } from '../../../support/waitFor';

let server: FakeOpenAIServer;
before(async () => {
  server = await FakeOpenAIServer.start();
});
after(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const MSG = [{ role: 'user' as const, content: 'judge this' }];

test('streams content and reasoning_content apart, with deltas, auth header and parameters', async () => {
  server.enqueue({ kind: 'reply', content: 'the answer text', reasoning: 'private thoughts', chunks: 3 });
  const client = clientFor(server, { extraBody: { chat_template_kwargs: { enable_thinking: true } } });
  const deltas: LlmDelta[] = [];
  const r = await client.complete(MSG, { onDelta: (d) => deltas.push(d) });
  assert.equal(r.content, 'the answer text');
  assert.equal(r.reasoning, 'private thoughts');
  assert.equal(r.finishReason, 'stop');
  assert.equal(r.attempts, 1);
  assert.equal(deltas.map((d) => d.content).join(''), 'the answer text');
  assert.equal(deltas.map((d) => d.reasoning).join(''), 'private thoughts');
  assert.ok(deltas.filter((d) => d.content !== '').length >= 2, 'content arrives in several deltas');
  const req = server.chatRequests[0];
  assert.ok(req);
  assert.equal(req.headers.authorization, `Bearer ${API_KEY}`);
  assert.equal(req.body?.stream, true);
  assert.equal(req.body?.temperature, 0.4);
  assert.equal(req.body?.model, 'fake-judge');
  assert.equal(req.body?.max_tokens, 16384);
  assert.deepEqual(req.body?.['chat_template_kwargs'], { enable_thinking: true });
});

test('non-streaming mode reads message.content and reasoning_content', async () => {
  server.enqueue({ kind: 'reply', content: 'plain', reasoning: 'why' });
  const r = await clientFor(server, { stream: false }).complete(MSG);
  assert.equal(r.content, 'plain');
  assert.equal(r.reasoning, 'why');
  assert.equal(server.chatRequests[0]?.body?.stream, false);
});

test('429 with retry-after-ms is honoured (the wait is measured)', async () => {
  server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after-ms': '300' } }, { kind: 'reply', content: 'ok' });
  const r = await clientFor(server).complete(MSG);
  assert.equal(r.content, 'ok');
  assert.equal(r.attempts, 2);
  const [a, b] = server.chatRequests;
  assert.ok(a && b);
  const waited = b.receivedAt - a.receivedAt;
  assert.ok(waited >= 290, `waited ${waited} ms, expected >= 300`);
  assert.ok(waited < 1500, `waited ${waited} ms, expected about 300`);
});

test('429 with Retry-After in seconds is honoured', async () => {
  server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '1' } }, { kind: 'reply', content: 'ok' });
  const retries: number[] = [];
  const r = await new LlmClient(profileFor(server), { retry: FAST_RETRY, onRetry: (e) => retries.push(e.delayMs) }).complete(MSG);
  assert.equal(r.content, 'ok');
  assert.deepEqual(retries, [1000]);
  const [a, b] = server.chatRequests;
  assert.ok(a && b);
  assert.ok(b.receivedAt - a.receivedAt >= 990, `waited ${b.receivedAt - a.receivedAt} ms`);
});

test('500 then success', async () => {
  server.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 503 }, { kind: 'reply', content: 'fine' });
  const r = await clientFor(server).complete(MSG);
  assert.equal(r.content, 'fine');
  assert.equal(r.attempts, 3);
  assert.equal(server.chatRequests.length, 3);
});

test('400/401/403/404 are not retried', async () => {
  for (const status of [400, 401, 403, 404]) {
    server.reset();
    server.enqueue({ kind: 'error', status, message: `nope ${status}` });
    await assert.rejects(clientFor(server).complete(MSG), (e: unknown) => {
      assert.ok(e instanceof LlmCallError);
      assert.equal(e.status, status);
      assert.equal(e.retryable, false);
      assert.equal(e.attempts, 1);
      assert.match(e.message, new RegExp(`http ${status}`));
      return true;
    });
    assert.equal(server.chatRequests.length, 1);
  }
});

test('retries are bounded: persistent 500 fails after maxRetries + 1 attempts', async () => {
  server.setHandler(() => ({ kind: 'error', status: 500 }));
  try {
    await assert.rejects(clientFor(server).complete(MSG), (e: unknown) => e instanceof LlmCallError && e.attempts === 4 && e.status === 500);
    assert.equal(server.chatRequests.length, 4);
  } finally {
    server.setHandler(() => ({ kind: 'reply', content: judgeAnswer('Correct') }));
  }
});

test('a request slower than the timeout is cut and retried', async () => {
  server.enqueue({ kind: 'hang' }, { kind: 'reply', content: 'second try' });
  const t0 = Date.now();
  const r = await clientFor(server, { timeoutMs: 200 }).complete(MSG);
  assert.equal(r.content, 'second try');
  assert.equal(r.attempts, 2);
  assert.ok(Date.now() - t0 >= 195);
  await waitFor(() => server.chatRequests[0]?.closedByClient === true, { what: 'the client to close the request' });
});

test('a stream that stalls mid-answer also times out', async () => {
  server.enqueue({ kind: 'reply', content: 'slow slow slow slow', chunks: 4, chunkDelayMs: 150 }, { kind: 'reply', content: 'fast' });
  const deltas: LlmDelta[] = [];
  const r = await clientFor(server, { timeoutMs: 250 }).complete(MSG, { onDelta: (d) => deltas.push(d) });
  assert.equal(r.content, 'fast');
  assert.ok(deltas.some((d) => d.reset), 'the UI is told to discard the partial text');
});

test('timeouts every time give a timeout CallError', async () => {
  server.setHandler(() => ({ kind: 'hang' }));
  try {
    await assert.rejects(clientFor(server, { timeoutMs: 100 }, { ...FAST_RETRY, maxRetries: 1 }).complete(MSG), (e: unknown) => {
      assert.ok(e instanceof LlmCallError);
      assert.equal(e.kind, 'timeout');
      assert.equal(e.attempts, 2);
      return true;
    });
  } finally {
    server.setHandler(() => ({ kind: 'reply', content: judgeAnswer('Correct') }));
  }
});

test('a connection dropped mid-stream is retried from scratch, the partial text discarded', async () => {
  server.enqueue({ kind: 'drop', content: 'PARTIAL-PARTIAL-PARTIAL-PARTIAL', reasoning: 'half a thought', afterChunks: 2 }, { kind: 'reply', content: 'complete answer', reasoning: 'whole thought' });
  const deltas: LlmDelta[] = [];
  const r = await clientFor(server).complete(MSG, { onDelta: (d) => deltas.push(d) });
  assert.equal(r.content, 'complete answer');
  assert.equal(r.reasoning, 'whole thought');
  assert.equal(r.attempts, 2);
  const resetAt = deltas.findIndex((d) => d.reset === true);
  assert.ok(resetAt > 0, 'a reset delta separates the attempts');
  const partial = deltas.slice(0, resetAt).map((d) => d.content).join('');
  assert.ok(partial.length > 0 && 'PARTIAL-PARTIAL-PARTIAL-PARTIAL'.startsWith(partial), `partial text ${JSON.stringify(partial)} was streamed before the drop`);
  assert.ok(!r.content.includes('PARTIAL'), 'nothing of the dropped attempt is in the answer');
  assert.equal(deltas.slice(resetAt + 1).map((d) => d.content).join(''), 'complete answer');
});

test('a stream that ends without finish_reason is treated as incomplete', async () => {
  server.enqueue({ kind: 'reply', content: 'cut', finishReason: null }, { kind: 'reply', content: 'whole' });
  const r = await clientFor(server).complete(MSG);
  assert.equal(r.content, 'whole');
  assert.equal(r.attempts, 2);
});

test('empty answers are retried, then fail as empty', async () => {
  server.enqueue({ kind: 'reply', content: '' }, { kind: 'reply', content: '<think>only thinking</think>  ' }, { kind: 'reply', content: 'now' });
  const r = await clientFor(server).complete(MSG);
  assert.equal(r.content, 'now');
  assert.equal(r.attempts, 3);
  server.reset();
  server.setHandler(() => ({ kind: 'reply', content: '', reasoning: 'thinking only' }));
  try {
    await assert.rejects(clientFor(server).complete(MSG), (e: unknown) => e instanceof LlmCallError && e.kind === 'empty' && e.attempts === 4);
  } finally {
    server.setHandler(() => ({ kind: 'reply', content: judgeAnswer('Correct') }));
  }
});

test('cancellation stops an in-flight request', async () => {
  server.enqueue({ kind: 'hang' });
  const ctrl = new AbortController();
  const p = clientFor(server).complete(MSG, { signal: ctrl.signal });
  await waitFor(() => server.chatRequests.length === 1, { what: 'the first request' });
  const t0 = Date.now();
  ctrl.abort();
  await assert.rejects(p, AbortedError);
  assert.ok(Date.now() - t0 < 1000);
  await waitFor(() => server.chatRequests[0]?.closedByClient === true, { what: 'the client to close the request' });
});

test('cancellation during a streamed answer and during a backoff wait', async () => {
  server.enqueue({ kind: 'reply', content: 'a b c d e f g h', chunks: 8, chunkDelayMs: 100 });
  const ctrl = new AbortController();
  const p = clientFor(server).complete(MSG, { signal: ctrl.signal, onDelta: (d) => d.content && ctrl.abort() });
  await assert.rejects(p, AbortedError);
  await waitFor(() => server.chatRequests[0]?.closedByClient === true, { what: 'the client to close the request' });

  server.reset();
  server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '30' } });
  const c2 = new AbortController();
  // A gate, not a sleep: the client announces the retry just before its 30 s wait.
  let waiting = false;
  const p2 = clientFor(server).complete(MSG, { signal: c2.signal, onRetry: () => (waiting = true) });
  await waitFor(() => waiting, { what: 'the client to start the Retry-After wait' });
  const t0 = Date.now();
  c2.abort();
  await assert.rejects(p2, AbortedError);
  assert.ok(Date.now() - t0 < 1000, 'the 30 s wait was interrupted');
  assert.equal(server.chatRequests.length, 1);
});

test('the API key never appears in error messages', async () => {
  const strict = await FakeOpenAIServer.start({ requireApiKey: 'the-right-key-000000' });
  try {
    await assert.rejects(clientFor(strict).complete(MSG), (e: unknown) => {
      assert.ok(e instanceof LlmCallError);
      assert.equal(e.status, 401);
      assert.ok(!e.message.includes(API_KEY), e.message);
      assert.ok(!String(e.stack).includes(API_KEY));
      assert.match(e.message, /\*\*\*/);
      return true;
    });
  } finally {
    await strict.close();
  }
});

test('connection refused is a connection error (retried, then reported)', async () => {
  const gone = await FakeOpenAIServer.start();
  const client = clientFor(gone, {}, { ...FAST_RETRY, maxRetries: 1 });
  await gone.close();
  await assert.rejects(client.complete(MSG), (e: unknown) => e instanceof LlmCallError && e.kind === 'connection' && e.attempts === 2);
});

test('listModels', async () => {
  assert.deepEqual(await clientFor(server).listModels(), ['fake-judge', 'fake-genrm']);
});

test('the limiter caps requests in flight', async () => {
  server.setHandler(() => ({ kind: 'reply', content: 'x', delayMs: 30 }));
  try {
    const client = clientFor(server, { concurrency: 3 });
    await Promise.all(Array.from({ length: 10 }, () => client.complete(MSG)));
    assert.equal(server.maxInFlight, 3);
  } finally {
    server.setHandler(() => ({ kind: 'reply', content: judgeAnswer('Correct') }));
  }
});

