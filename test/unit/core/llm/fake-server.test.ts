import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import { runGenrmGeneration } from '../../../../src/core/llm/runner';
import type { RecordedRequest } from '../../../support/fake-openai-server';
import { FakeOpenAIServer } from '../../../support/fake-openai-server';
import { FAST_RETRY, makeRecord } from './helpers';
import { repoRoot } from '../../paths';

test('the default handler answers GenRM and judge prompts in their formats', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const s = await runGenrmGeneration([makeRecord(0)], { profile: resolveProfile({ baseUrl: server.baseUrl, model: 'g' }), journal: false });
    assert.equal(s.results[0]?.pred, 'A');
  } finally {
    await server.close();
  }
});

test('standalone process, scripted over /__control/ (for end-to-end tests)', async () => {
  const script = resolve(repoRoot, 'out', 'test', 'support', 'fake-openai-server.js');
  const child = spawn(process.execPath, [script, '--delay', '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const baseUrl = await new Promise<string>((res, rej) => {
      child.stdout.once('data', (d: Buffer) => res((JSON.parse(d.toString()) as { baseUrl: string }).baseUrl));
      child.once('error', rej);
    });
    const root = baseUrl.replace(/\/v1$/, '');
    const post = (path: string, body: unknown): Promise<Response> => fetch(root + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await post('/__control/enqueue', [{ kind: 'error', status: 500 }, { kind: 'reply', content: 'scripted' }])).status, 200);
    const client = new LlmClient(resolveProfile({ baseUrl, model: 'm', apiKey: 'sk-standalone-123456' }), { retry: FAST_RETRY });
    const r = await client.complete([{ role: 'user', content: 'hi' }]);
    assert.equal(r.content, 'scripted');
    assert.equal(r.attempts, 2);
    const log = (await (await fetch(root + '/__control/requests')).json()) as RecordedRequest[];
    assert.equal(log.length, 2);
    assert.equal(log[1]?.headers.authorization, 'Bearer sk-standalone-123456');
    await post('/__control/reset', {});
    assert.deepEqual(await (await fetch(root + '/__control/requests')).json(), []);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});
