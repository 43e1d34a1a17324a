/** The openai package is loaded by the first model call: starting the extension, or a CLI command that makes none, never pays for it. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../../paths';

const run = promisify(execFile);

test('importing the LLM client loads no openai code; the first call does', async () => {
  const client = join(repoRoot, 'out', 'src', 'core', 'llm', 'client.js');
  const script = `
    const loaded = () => Object.keys(require.cache).some((k) => /node_modules[\\\\/]openai[\\\\/]/.test(k));
    const { LlmClient } = require(${JSON.stringify(client)});
    const { resolveProfile } = require(${JSON.stringify(join(repoRoot, 'out', 'src', 'core', 'llm', 'profile.js'))});
    const c = new LlmClient(resolveProfile({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }), { retry: { maxRetries: 0 } });
    const before = loaded();
    c.listModels().catch(() => undefined).finally(() => console.log(JSON.stringify({ before, after: loaded() })));
  `;
  const { stdout } = await run(process.execPath, ['-e', script]);
  assert.deepEqual(JSON.parse(stdout.trim()), { before: false, after: true });
});
