/* global process, fetch, setTimeout -- Node globals (eslint.config.mjs gives .mjs files none) */
// The fake OpenAI-compatible server (test/support/fake-openai-server.ts) run standalone over real
// HTTP, for scenarios that call models: started, scripted through its /__control/ routes, stopped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './processes.mjs';

/** The fake server's JS: tsc's output (npm test compiles it first), else bundled here from the source. */
async function fakeServerScript(tmp) {
  const src = join(ROOT, 'test', 'support', 'fake-openai-server.ts');
  const out = join(ROOT, 'out', 'test', 'support', 'fake-openai-server.js');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return out;
  const { build } = await import('esbuild');
  const bundled = join(tmp, 'fake-openai-server', 'fake-openai-server.js');
  mkdirSync(join(tmp, 'fake-openai-server'), { recursive: true });
  await build({ entryPoints: [src], outfile: bundled, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return bundled;
}

/** Starts the fake server on a free port; `delayMs` before each answer, `apiKey` required when given. */
export async function startFakeServer(tmp, { delayMs = 0, apiKey } = {}) {
  const args = ['--port', '0', '--delay', String(delayMs), ...(apiKey ? ['--api-key', apiKey] : [])];
  const child = spawn(process.execPath, [await fakeServerScript(tmp), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the fake server exited (${code})`)));
    setTimeout(() => reject(new Error('the fake server did not start in 10 s')), 10_000);
  });
  const { baseUrl } = JSON.parse(line);
  const origin = baseUrl.replace(/\/v1$/, '');
  const control = async (what, body) => {
    const r = await fetch(`${origin}/__control/${what}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`fake server control ${what}: HTTP ${r.status}`);
    return r.json();
  };
  return { child, baseUrl, control, stop: () => child.kill('SIGTERM') };
}
