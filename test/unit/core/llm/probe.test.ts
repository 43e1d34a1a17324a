// Set Up Endpoints' probe: one GET /models over real HTTP, and a finding in words for each outcome.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { probeEndpoint } from '../../../../src/core/llm/probe';
import { FakeOpenAIServer } from '../../../support/fake-openai-server';

test('a server that answers: its models, listed and counted; no chat call is made', async () => {
  const server = await FakeOpenAIServer.start({ models: ['qwen3-8b', 'judge-7b', 'a', 'b', 'c', 'd'] });
  try {
    const found = await probeEndpoint(`${server.baseUrl}/`, '');
    assert.equal(found.ok, true);
    assert.deepEqual(found.models, ['a', 'b', 'c', 'd', 'judge-7b', 'qwen3-8b']);
    assert.equal(found.summary, `${server.baseUrl} answers and serves 6 models: a, b, c, d, judge-7b, … (1 more).`);
    assert.equal(server.chatRequests.length, 0);
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/models']);
  } finally {
    await server.close();
  }
});

test('a refused key says so, and the key is never in the finding', async () => {
  const server = await FakeOpenAIServer.start({ requireApiKey: 'right-key' });
  try {
    const found = await probeEndpoint(server.baseUrl, 'sk-wrong-secret-123');
    assert.equal(found.ok, false);
    assert.match(found.summary, /refused the key \(HTTP 401\)/);
    assert.ok(!found.summary.includes('sk-wrong-secret-123'));
    assert.equal((await probeEndpoint(server.baseUrl, 'right-key')).ok, true);
  } finally {
    await server.close();
  }
});

test('nothing listening: a connection failure in words, at once', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const found = await probeEndpoint(`http://127.0.0.1:${port}/v1`, '');
  assert.equal(found.ok, false);
  assert.match(found.summary, new RegExp(`^http://127\\.0\\.0\\.1:${port}/v1 did not answer GET /models: .+`));
});

test('an address that is not http(s) is refused before any call', async () => {
  await assert.rejects(probeEndpoint('ftp://example.org/v1', ''), /must start with http:\/\/ or https:\/\//);
});
