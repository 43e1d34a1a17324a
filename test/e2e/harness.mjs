/* global process, console, setTimeout, clearTimeout, fetch, URLSearchParams -- Node globals (eslint.config.mjs gives .mjs files none) */
// End-to-end harness: a real VS Code 1.100.3 workbench (code-server, from tools/code-server)
// driven by Debian's Chromium through playwright-core. Offline; see ../shared/docs/E2E.md.
//
//   const server = await startCodeServer({ vsix });        // isolated, on a free port
//   const browser = await launchBrowser(server.tmp);
//   const page = await newPage(browser);
//   await openWorkbench(page, server, folder, { waitForFile: 'data.jsonl' });
//   await runCommand(page, 'View: Show Extensions');          // full palette title
//   await screenshot(page, 'name');                        // test-results/name.png
//   await stopAll();
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { format } from 'node:util';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results');
/** ../shared/fixtures beside the repository (in CI too: a read-only copy of shared/ sits beside the clone). */
export const FIXTURES_DIR = resolve(ROOT, '..', 'shared', 'fixtures');
export const CODE_SERVER_BIN = join(ROOT, 'tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;

/** User settings that keep the workbench quiet and deterministic. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'window.restoreWindows': 'none',
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

// ------------------------------------------------------------------------------------------------
// Process bookkeeping: every child runs in its own process group (setsid) and the whole group is
// killed on exit, since code-server's extension host and file watcher otherwise outlive it.

const groups = new Set();
const cleanups = [];
let exiting = false;

function killGroups(signal) {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      groups.delete(pid);
    }
  }
}
process.on('exit', () => killGroups('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${sig}: stopping code-server and Chromium`);
    stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}

/** True once a signal asked the process to stop. */
export const isStopping = () => exiting;

/** Stops everything the harness started (browsers first, then process groups). */
export async function stopAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch {
      // best effort
    }
  }
  killGroups('SIGKILL');
}

function spawnGroup(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true }); // detached = setsid(): own process group
  groups.add(child.pid); // kept after the leader exits: the extension host may still be in the group
  return child;
}

async function killGroup(child, graceMs = 3000) {
  if (!groups.has(child.pid)) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    groups.delete(child.pid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      groups.delete(child.pid);
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone
  }
  groups.delete(child.pid);
}

/** A fresh temporary directory, removed by stopAll(). */
export function makeTempDir(prefix = 'rlens-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** HOME and XDG_* pointing into `dir`: code-server and Chromium otherwise write into the home directory. */
export function isolatedEnv(dir, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('npm_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  const home = join(dir, 'home');
  const dirs = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: join(dir, 'runtime'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  return { ...env, ...dirs, ...extra };
}

// ------------------------------------------------------------------------------------------------
// Build and package

/** Runs a command in the project root, inheriting stdio; throws on failure. */
export function runSync(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return r;
}

/** Runs scripts/install-e2e.sh (fast no-op when already installed). */
export function ensureInstalled() {
  runSync('bash', [join(ROOT, 'scripts', 'install-e2e.sh')]);
}

/** Bundles the extension (and the in-host test suite) with scripts/build.mjs. */
export function build(args = []) {
  runSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), ...args]);
}

/**
 * Packages the built extension as a .vsix (no network: dependencies are bundled by esbuild, so
 * --no-dependencies; .vscodeignore keeps only dist/, media/ and the manifest files).
 */
export function packageVsix(outFile) {
  mkdirSync(dirname(outFile), { recursive: true });
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(
    vsce,
    // No public repository yet: --allow-missing-repository is the one warning silenced, on purpose.
    ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', outFile],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // vsce's warnings are shown, never hidden.
  const warnings = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /warn/i.test(l));
  if (warnings.length) process.stderr.write(`${warnings.join('\n')}\n`);
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`vsce package failed (exit ${r.status ?? r.signal})`);
  }
  return outFile;
}

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
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready:\n${log}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz in 60 s:\n${log}`);
    await sleep(100);
  }

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
  cleanups.push(() => server.stop());
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

// ------------------------------------------------------------------------------------------------
// Chromium through playwright-core

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium with a fresh profile inside `tmp`. Returns a Playwright Browser;
 * give each scenario its own context and page with newPage().
 */
export async function launchBrowser(tmp) {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmp ?? tmpdir(), 'chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(dir, { TMPDIR: dir }),
    timeout: 60_000,
  });
  cleanups.push(() => browser.close());
  return browser;
}

/** A fresh browser context (fresh storage) and page. Close it with page.context().close(). */
export async function newPage(browser, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Explorer row of a file or folder name. */
export function explorerItem(page, name) {
  return page.locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true }).first();
}

/**
 * Opens the workbench on a folder. Ready when the explorer shows `waitForFile` (if given), else
 * when the workbench's status bar is there.
 */
export async function openWorkbench(page, server, folder, { waitForFile, payload, timeout = 60_000 } = {}) {
  await page.goto(server.workbenchUrl(folder, payload), { timeout });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  if (waitForFile) await explorerItem(page, waitForFile).waitFor({ state: 'visible', timeout });
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs a command from the command palette by its full title, e.g. 'View: Show Extensions'.
 * Commands with a `when` clause appear only once its context holds (an editor's language, a view's
 * focus): while the row is missing, the palette is reopened and the filter typed again.
 */
export async function runCommand(page, title, { timeout = 20_000, onRun } = {}) {
  const input = page.locator('.quick-input-widget input.input');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`) }) })
    .first();
  const deadline = Date.now() + timeout;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && (await input.isVisible())) {
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
    }
    // F1 is ignored until the workbench has keyboard focus: retry until the palette shows.
    while (!(await input.isVisible())) {
      if (Date.now() > deadline) throw new Error(`command palette did not open for "${title}"`);
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 2000 }).catch(() => {});
    }
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(500, deadline - Date.now())) });
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        const shown = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents().catch(() => []);
        throw new Error(`command "${title}" not in the palette (it shows: ${shown.join(' | ') || 'nothing'})`, { cause: e });
      }
    }
  }
  onRun?.(); // the moment the command is chosen (benchmarks time from here, not from the typing)
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

/** A status bar item by (part of) its text, e.g. statusBarItem(page, 'F-Score'). */
export function statusBarItem(page, text) {
  return page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
}

/** A notification toast by (part of) its message. */
export function notification(page, text) {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
}

/**
 * Opens the workbench on `folder`, opens `file` as text from the explorer, then runs "Open
 * Inspector" on it; returns the Inspector's webview frame.
 */
export async function openInInspector(page, server, folder, file) {
  await openWorkbench(page, server, folder, { waitForFile: file });
  await explorerItem(page, file).click();
  await page.locator('.tabs-container .tab', { hasText: file }).waitFor();
  await runCommand(page, 'Rationale Lens: Open Inspector');
  return webviewFrame(page);
}

/** The DOM of the active webview, two iframes deep. */
export function webviewFrame(page, { nth } = {}) {
  const outer = page.locator('iframe.webview.ready');
  return (nth == null ? outer.last() : outer.nth(nth)).contentFrame().locator('#active-frame').contentFrame();
}

/**
 * The innermost editor span (a token) containing `text`, in the visible lines of the active editor
 * (or of `editor`, a Locator of a `.monaco-editor`).
 */
export function editorToken(page, text, { editor } = {}) {
  const root = editor ?? page.locator('.editor-group-container.active .monaco-editor').first();
  return root.locator('.view-lines .view-line > span > span').filter({ hasText: text }).first();
}

/**
 * Hovers `target` (a Locator, e.g. editorToken(page, 'word')) until a `.monaco-hover` is visible.
 * Hovers need real mouse movement: every try moves the mouse away, then onto the target's centre
 * in several steps. Returns the visible hover's Locator.
 */
export async function hover(page, target, { timeout = 15_000 } = {}) {
  const hoverBox = page.locator('.monaco-hover:not(.hidden)').first();
  const deadline = Date.now() + timeout;
  for (;;) {
    await target.scrollIntoViewIfNeeded({ timeout: Math.max(1000, deadline - Date.now()) });
    const box = await target.boundingBox();
    if (box) {
      await page.mouse.move(1, 1);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      try {
        await hoverBox.waitFor({ state: 'visible', timeout: 1500 });
        return hoverBox;
      } catch {
        // retry
      }
    }
    if (Date.now() > deadline) throw new Error('no hover appeared');
    await sleep(200);
  }
}

/** Saves test-results/<name>.png; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${basename(name).replace(/\.png$/, '')}.png`);
  await page.screenshot({ path: file, timeout: 10_000 });
  return file;
}

/**
 * Copies a file or folder and makes the copy writable by its owner (CI's copy of shared/ is
 * read-only, and a workspace file a test edits must not be).
 */
export function copyWritable(from, to) {
  cpSync(from, to, { recursive: true });
  const fix = (p) => {
    const st = statSync(p);
    chmodSync(p, st.mode | (st.isDirectory() ? 0o700 : 0o600));
    if (st.isDirectory()) for (const n of readdirSync(p)) fix(join(p, n));
  };
  fix(to);
}

/** A fresh temporary workspace folder with copies of `files` (absolute paths or {from, to}). */
export function makeWorkspace(files = [], { parent } = {}) {
  const dir = mkdtempSync(join(parent ?? tmpdir(), 'rlens-ws-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of files) {
    const from = typeof f === 'string' ? f : f.from;
    const to = join(dir, typeof f === 'string' ? basename(f) : f.to);
    mkdirSync(dirname(to), { recursive: true });
    copyWritable(from, to);
  }
  return dir;
}

// ------------------------------------------------------------------------------------------------
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
