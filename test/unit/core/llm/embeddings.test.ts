/**
 * `/v1/embeddings` through the real openai client against real local servers: floats asked for and
 * read right whatever encoding the server answers in, every unusable vector refused with a message
 * naming it, the chat path's answer cap and idle timeout, and empty answers said as such.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { EmbeddingSimilarity } from '../../../../src/core/align/models/embedding';
import { MemoryCacheStore } from '../../../../src/core/llm/cache';
import type { CachedResponse } from '../../../../src/core/llm/cache';
import { LlmCallError, LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import type { LlmProfileInput } from '../../../../src/core/llm/profile';
import { FakeOpenAIServer, fakeEmbedding } from '../../../support/fake-openai-server';
import type { EmbeddingFormat } from '../../../support/fake-openai-server';
import { HostileServer } from '../../../support/hostile-server';
import type { Hostility } from '../../../support/hostile-server';
import { cliPath, fixturesDir } from '../../paths';

const MB = 1024 * 1024;
const TEXTS = ['Response A miscalculates the total distance.', 'Response B cites the source of the figure.', 'the total distance is wrong in A'];

const clientFor = (baseUrl: string, profile: Partial<LlmProfileInput> = {}): LlmClient => new LlmClient(resolveProfile({ baseUrl, model: 'fake-embed', ...profile }), { retry: { maxRetries: 0 } });

async function embedFrom(h: Hostility, profile: Partial<LlmProfileInput> = {}, texts = TEXTS): Promise<{ vectors: number[][] | null; error: LlmCallError | null; server: HostileServer; ms: number }> {
  const server = await HostileServer.start(() => h);
  const started = Date.now();
  try {
    return { vectors: await clientFor(server.baseUrl, profile).embed(texts), error: null, server, ms: Date.now() - started };
  } catch (e) {
    if (!(e instanceof LlmCallError)) throw e;
    return { vectors: null, error: e, server, ms: Date.now() - started };
  } finally {
    await server.close();
  }
}

test('floats are asked for, and float-list, base64 and OpenAI-like servers all give the vectors the server computed', async () => {
  for (const format of ['float', 'base64', 'requested'] as EmbeddingFormat[]) {
    const server = await FakeOpenAIServer.start({ embeddingFormat: format });
    try {
      const got = await clientFor(server.baseUrl).embed(TEXTS);
      assert.deepEqual(got, TEXTS.map(fakeEmbedding), `${format}: the vectors as sent`);
      const sent = server.requests.find((r) => r.path.endsWith('/embeddings'))?.body;
      assert.equal(sent?.['encoding_format'], 'float', 'floats are asked for explicitly');
    } finally {
      await server.close();
    }
  }
});

test('an unusable vector is refused, naming the field and what is wrong with it, however it was encoded', async () => {
  const ok = (t: string): number[] => fakeEmbedding(t).map((x) => x + 0.5);
  const cases: [string, Hostility, RegExp][] = [
    ['Infinity as an overflowing float literal', { kind: 'embeddings', format: 'float', vector: (t, i) => (i === 1 ? ok(t).map((x, k) => (k === 7 ? Infinity : x)) : ok(t)) }, /unusable embedding: data\[1\]\.embedding \(text 2 of 3\) has Infinity at position 7 \(sent as a list of numbers\)/],
    ['-Infinity in base64', { kind: 'embeddings', format: 'base64', vector: (t, i) => (i === 0 ? ok(t).map((x, k) => (k === 3 ? -Infinity : x)) : ok(t)) }, /data\[0\]\.embedding \(text 1 of 3\) has -Infinity at position 3 \(sent as base64 float32\)/],
    ['NaN in base64', { kind: 'embeddings', format: 'base64', vector: (t, i) => (i === 2 ? ok(t).map((x, k) => (k === 0 ? NaN : x)) : ok(t)) }, /data\[2\]\.embedding \(text 3 of 3\) has NaN at position 0/],
    ['NaN as JSON null', { kind: 'embeddings', format: 'float', vector: (t) => ok(t).map((x, k) => (k === 5 ? NaN : x)) }, /malformed embeddings answer: answer\.data\[0\]\.embedding\[5\]: expected a number, got null/],
    ['a zero vector', { kind: 'embeddings', format: 'float', vector: (t, i) => (i === 1 ? ok(t).map(() => 0) : ok(t)) }, /data\[1\]\.embedding \(text 2 of 3\) is all zeros/],
    ['a zero vector in base64', { kind: 'embeddings', format: 'base64', vector: (t, i) => (i === 1 ? ok(t).map(() => 0) : ok(t)) }, /data\[1\]\.embedding \(text 2 of 3\) is all zeros \(sent as base64 float32\)/],
    ['vectors of different lengths', { kind: 'embeddings', format: 'float', vector: (t, i) => (i === 2 ? ok(t).slice(0, 16) : ok(t)) }, /data\[2\]\.embedding \(text 3 of 3\) has 16 numbers where data\[0\]\.embedding had 64/],
    ['numbers too large to compare', { kind: 'embeddings', format: 'float', vector: (t) => ok(t).map(() => 1e300) }, /numbers too large to compare/],
    ['an empty vector', { kind: 'embeddings', format: 'float', vector: () => [] }, /data\[0\]\.embedding \(text 1 of 3\) is empty/],
  ];
  for (const [name, h, re] of cases) {
    const { vectors, error } = await embedFrom(h);
    assert.equal(vectors, null, `${name}: no vectors`);
    assert.match(error?.message ?? '', re, name);
    assert.equal(error?.retryable, false, `${name}: the server sends this on purpose; asking again would not help`);
  }
});

test('a model whose vectors change length between requests is refused (the cache keeps the first length too)', async () => {
  let dims = 64;
  const server = await HostileServer.start(() => ({ kind: 'embeddings', format: 'float', vector: (t) => fakeEmbedding(t).slice(0, dims).map((x) => x + 1) }));
  try {
    const sim = new EmbeddingSimilarity(clientFor(server.baseUrl), 0.5, new MemoryCacheStore());
    assert.equal((await sim.vectors(['first text']))[0]?.length, 64);
    dims = 32;
    await assert.rejects(sim.vectors(['a second text']), /data\[0\]\.embedding \(text 1 of 1\) has 32 numbers where this model's earlier vectors had 64/);
  } finally {
    await server.close();
  }
});

test('an unusable cached vector is asked for again, never compared', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const keys: string[] = [];
    const cache = new (class extends MemoryCacheStore {
      override set(key: string, value: CachedResponse): Promise<void> {
        keys.push(key);
        return super.set(key, value);
      }
    })();
    const sim = new EmbeddingSimilarity(clientFor(server.baseUrl), 0.5, cache);
    await sim.vectors(['the total distance']);
    // Spoil the cached vector (as JSON.stringify of an Infinity writes it), then ask again.
    for (const key of [...keys]) await cache.set(key, { content: '[null,1,2]', reasoning: '', finishReason: null, model: 'fake-embed', createdAt: '' });
    const again = new EmbeddingSimilarity(clientFor(server.baseUrl), 0.5, cache);
    assert.deepEqual(await again.vectors(['the total distance']), [fakeEmbedding('the total distance')]);
    assert.equal(again.requests, 1, 'asked again');
  } finally {
    await server.close();
  }
});

test('a 100 MB embeddings answer ends as "answer too large" with memory bounded, as chat answers do', async () => {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let result;
  try {
    result = await embedFrom({ kind: 'flood-embeddings', bytes: 100 * MB }, { maxAnswerBytes: 4 * MB });
  } finally {
    clearInterval(sampler);
  }
  assert.equal(result.error?.kind, 'too-large');
  assert.match(result.error?.message ?? '', /answer too large: the server sent more than 4 MB/);
  assert.ok(result.server.bytesSent < 50 * MB, `the call was ended early (${(result.server.bytesSent / MB).toFixed(0)} MB sent)`);
  assert.ok(peak - before < 100 * MB, `peak RSS grew by ${((peak - before) / MB).toFixed(0)} MB`);
});

test('an embeddings server that stalls meets the idle timeout, and one that trickles the time limit', async () => {
  const idle = await embedFrom({ kind: 'trickle', everyMs: 60_000 }, { idleTimeoutMs: 300 });
  assert.equal(idle.error?.kind, 'timeout');
  assert.match(idle.error?.message ?? '', /idle timeout: the server sent nothing for 0 s; the call was ended/);
  const slow = await embedFrom({ kind: 'trickle', everyMs: 50 }, { idleTimeoutMs: 1000, timeoutMs: 800 });
  assert.match(slow.error?.message ?? '', /timeout: no complete answer within 800 ms/);
});

test('an empty 200 answer says so, for chat (streamed or not) and embeddings, never an internal error', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    for (const stream of [false, true]) {
      for (const contentType of ['application/json', 'text/event-stream']) {
        server.enqueue({ kind: 'raw', body: '', contentType });
        const client = new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'm', stream }), { retry: { maxRetries: 0 } });
        const err = await client.complete([{ role: 'user', content: 'hi' }]).catch((e: unknown) => e);
        assert.ok(err instanceof LlmCallError, `stream ${stream}, ${contentType}`);
        assert.equal(err.message, 'empty answer: the server answered HTTP 200 with an empty body', `stream ${stream}, ${contentType}`);
        assert.equal(err.kind, 'empty');
        assert.equal(err.retryable, true);
      }
    }
    const bodies: [string, RegExp][] = [
      ['null', /empty answer: the server answered HTTP 200 with JSON null instead of a chat completion/],
      ['{"object":"chat.completion"}', /malformed answer: the server answered HTTP 200 with a JSON object with "object" instead of a chat completion/],
      ['<html>gateway</html>', /malformed answer: the server answered HTTP 200 with text "<html>gateway<\/html>"/],
      ['{"error":{"message":"model overloaded"}}', /server error with HTTP 200: "model overloaded"/],
    ];
    for (const [body, re] of bodies) {
      server.enqueue({ kind: 'raw', body, contentType: body.startsWith('<') ? 'text/html' : 'application/json' });
      const client = new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'm', stream: false }), { retry: { maxRetries: 0 } });
      await assert.rejects(client.complete([{ role: 'user', content: 'hi' }]), (e: Error) => re.test(e.message) && !/Cannot read|undefined|is not iterable/.test(e.message));
    }
    for (const [body, re] of [['', /^empty answer: the server answered HTTP 200 with an empty body$/], ['{}', /malformed embeddings answer: the server answered HTTP 200 with an empty JSON object instead of embeddings/], ['{"data":[{"index":0}]}', /answer\.data\[0\]\.embedding: expected an array, got undefined/]] as const) {
      server.enqueue({ kind: 'raw', body });
      await assert.rejects(clientFor(server.baseUrl).embed(['x']), (e: Error) => re.test(e.message) && !/Cannot read|is not iterable|must be of type/.test(e.message));
    }
  } finally {
    await server.close();
  }
});

test('agreement with human labels (MetaCritique dev) is the same whether the server answers in float lists or base64', async () => {
  const kappa = async (format: EmbeddingFormat): Promise<number> => {
    const server = await FakeOpenAIServer.start({ embeddingFormat: format });
    try {
      const r = await promisify(execFile)(process.execPath, [cliPath, 'agreement', join(fixturesDir, 'metacritique', 'annotation_dev.json'), '--aligner', 'embedding', '--base-url', server.baseUrl, '--model', 'fake-embed', '--threshold', '0.5', '--no-cache', '--json'], { maxBuffer: 16 * MB });
      return (JSON.parse(r.stdout) as { agreement: { kappa: number } }).agreement.kappa;
    } finally {
      await server.close();
    }
  };
  const [float, base64] = [await kappa('float'), await kappa('base64')];
  assert.equal(float, base64, `κ with float lists ${float}, with base64 ${base64}`);
  console.log(`embedding tier (hashed bag of words, threshold 0.5) on MetaCritique dev: κ ${float.toFixed(3)} with either encoding`);
});
