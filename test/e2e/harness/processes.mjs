/* global process, console, setTimeout -- Node globals (eslint.config.mjs gives .mjs files none) */
// The harness's processes: paths, isolated environments, process groups killed as a whole, the build and the .vsix.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { PKG, ROOT } from '../../../scripts/buildTools.mjs';

export { PKG, ROOT, build, ensureInstalled, packageVsix, runSync } from '../../../scripts/buildTools.mjs';
export const RESULTS_DIR = join(ROOT, 'test-results');
/** ../shared/fixtures beside the repository (in CI too: a read-only copy of shared/ sits beside the clone). */
export const FIXTURES_DIR = resolve(ROOT, '..', 'shared', 'fixtures');
export const CODE_SERVER_BIN = join(ROOT, 'tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
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

/** Runs `fn` when the harness stops (stopAll, exit or a signal). */
export function onStop(fn) {
  cleanups.push(fn);
}
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

export function spawnGroup(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true }); // detached = setsid(): own process group
  groups.add(child.pid); // kept after the leader exits: the extension host may still be in the group
  return child;
}

export async function killGroup(child, graceMs = 3000) {
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
// Build and package: scripts/buildTools.mjs (re-exported above)

