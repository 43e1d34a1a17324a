/* global process, setTimeout, clearTimeout, fetch, URLSearchParams -- Node globals (eslint.config.mjs gives .mjs files none) */
// code-server, isolated on a free port, and the bundled Mocha suite run inside its real extension host.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
import { CODE_SERVER_BIN, QUIET_SETTINGS, ROOT, freePort, isolatedEnv, killGroup, makeTempDir, onStop, spawnGroup } from './processes.mjs';
import { newPage, screenshot } from './workbench.mjs';
import { waitFor } from './waitFor.mjs';

// ------------------------------------------------------------------------------------------------
// code-server
/**
 * Starts an isolated code-server: fresh user-data-dir, extensions-dir, config and HOME in a temp
 * folder (`server.tmp`), quiet user settings, optional extensions (.vsix paths or unpacked folders).
 * @param {{ port?: number, host?: string, tmp?: string, vsix?: string[], extensionFolders?: string[],
 *           settings?: object, workspaceTrust?: boolean, verbose?: boolean }} [opts]
 */
export async function startCodeServer(opts = {}) {
  if (!existsSync(CODE_SERVER_BIN)) throw new Error(`code-server is not installed: run scripts/install-e2e.sh`);
  const tmp = opts.tmp ?? makeTempDir();
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const config = join(tmp, 'code-server.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const trust = opts.workspaceTrust ?? false;
  const settings = { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': trust, ...opts.settings };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(config, 'auth: none\ncert: false\n');
  const env = isolatedEnv(tmp);
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', config];

  for (const vsix of opts.vsix ?? []) {
    const r = spawnSync(CODE_SERVER_BIN, [...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}${r.stderr}`);
  }
  for (const folder of opts.extensionFolders ?? []) {
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    cpSync(folder, join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), { recursive: true });
  }

  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const args = [
    ...common,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
  ];
  const logFile = join(tmp, 'code-server.log');
  let log = '';
  const child = spawnGroup(CODE_SERVER_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (d) => {
    log += d;
    if (opts.verbose) process.stderr.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const url = `http://${host}:${port}`;
  const healthy = async () => {
    if (exited) throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready:\n${log}`);
    return fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
  };
  await waitFor(healthy, { what: 'code-server to answer /healthz', timeout: 60_000, interval: 100 }).catch((err) => {
    throw exited ? err : new Error(`code-server did not answer /healthz in 60 s:\n${log}`);
  });

  const server = {
    url,
    host,
    port,
    tmp,
    userDataDir,
    extensionsDir,
    child,
    get log() {
      return log;
    },
    /** vscode-remote:// URI of an absolute path on the server (for the `payload` parameter). */
    remoteUri(absPath) {
      return `vscode-remote://${host}:${port}${absPath}`;
    },
    /** Workbench URL for a folder, with an optional payload (array of [key, value]). */
    workbenchUrl(folder, payload) {
      const q = new URLSearchParams();
      if (folder) q.set('folder', folder);
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${url}/?${q}`;
    },
    async stop() {
      writeFileSync(logFile, log);
      await killGroup(child);
    },
  };
  onStop(() => server.stop());
  return server;
}

/**
 * Merges `patch` into the code-server's user settings (`<user-data>/User/settings.json`; a value of
 * undefined removes the key) and returns a function that puts the file back as it was. The
 * workbench watches the file, but settings written before openWorkbench are there from the start.
 */
export function patchUserSettings(server, patch) {
  const file = join(server.userDataDir, 'User', 'settings.json');
  const before = readFileSync(file, 'utf8');
  const next = { ...JSON.parse(before) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  writeFileSync(file, JSON.stringify(next, null, 2));
  return () => writeFileSync(file, before);
}

// ------------------------------------------------------------------------------------------------// ------------------------------------------------------------------------------------------------
// Mocha inside the real extension host

/**
 * Runs the bundled in-host Mocha suite (dist/test/integration/suite.js) in the extension host of
 * `server`, through the workbench's `payload` URL parameter. Resolves with
 * { code, passes, failures, output }; code 0 means every test passed.
 */
export async function runInHostTests(browser, server, {
  folder,
  extensionDevelopmentPath = ROOT,
  extensionTestsPath = join(ROOT, 'dist', 'test', 'integration', 'suite.js'),
  timeout = 180_000,
  verbose = false,
  onLog = (line) => process.stdout.write(`  ${line}\n`),
} = {}) {
  if (!existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: build first`);
  const page = await newPage(browser);
  const lines = [];
  let inSuite = false;
  let result = null;
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  // The workbench forwards its log (the extension host's console included) to codeAutomationLog.
  await page.exposeFunction('codeAutomationLog', (_level, args) => {
    const text = Array.isArray(args) ? format(...args) : String(args);
    for (const line of text.split('\n')) {
      lines.push(line);
      if (line.startsWith(RESULT_MARKER)) {
        result = JSON.parse(line.slice(RESULT_MARKER.length));
        inSuite = false;
      } else if (line.startsWith(START_MARKER)) {
        inSuite = true;
      } else if (inSuite || verbose) {
        onLog(line);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)],
    ['extensionTestsPath', server.remoteUri(extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  let timer;
  try {
    await page.goto(server.workbenchUrl(folder, payload), { timeout: 60_000 });
    const code = await Promise.race([
      exited,
      new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`in-host tests timed out after ${timeout / 1000} s`)), timeout))),
    ]);
    if (code !== 0 && !result) {
      // The suite never reported: show what the workbench logged (activation errors, crashes).
      for (const line of lines.slice(-60)) onLog(line);
    }
    return { code, tests: result?.tests ?? [], reported: !!result, output: lines.join('\n') };
  } finally {
    clearTimeout(timer);
    await screenshot(page, 'in-host-mocha').catch(() => {});
    await page.context().close().catch(() => {});
  }
}

/** Lines that test/integration/suite.ts prints around the Mocha run. */
export const START_MARKER = 'RLENS_MOCHA_START';
/** Line that test/integration/suite.ts prints with the Mocha counts. */
export const RESULT_MARKER = 'RLENS_MOCHA_RESULT ';
