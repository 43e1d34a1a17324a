#!/usr/bin/env node
/* global process, console, setTimeout, clearTimeout -- Node globals (eslint.config.mjs gives .mjs files none) */
// The end-to-end stage of `npm test`:
//   1. scripts/install-e2e.sh (no-op when installed), build, package the .vsix;
//   2. one isolated code-server with the .vsix installed, one headless Chromium;
//   3. the in-host Mocha suite (test/integration/, bundled to dist/test/integration/suite.js);
//   4. every Playwright scenario in test/e2e/scenarios/*.mjs, serially, each with a fresh page,
//      its own timeout and a screenshot in test-results/<name>.png.
// Ends with the line `N passed, M failed`; exits 1 on any failure.
//
// Usage: node test/e2e/run.mjs [name-filter ...] [--no-install] [--no-build] [--no-mocha] [--no-scenarios] [--verbose]
//   RLENS_TEST_GREP=<pattern> runs only the matching in-host tests. See test/e2e/README.md.
//   name filters select scenarios by substring (the in-host suite still runs unless --no-mocha).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as harness from './harness.mjs';

const { ROOT, RESULTS_DIR, FIXTURES_DIR } = harness;
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const filters = argv.filter((a) => !a.startsWith('--'));
const verbose = flag('--verbose') || !!process.env.E2E_VERBOSE;
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 20 * 60_000);
const DEFAULT_SCENARIO_TIMEOUT_MS = 90_000;

const t0 = Date.now();
const timings = [];
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
async function timed(label, fn) {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([label, Date.now() - start]);
  }
}

const results = []; // { name, ok, ms, error }
function record(name, ok, ms, error) {
  results.push({ name, ok, ms, error });
  console.log(`${ok ? '  ✓' : '  ✗'} ${name} (${secs(ms)})${ok ? '' : `\n      ${String(error?.stack ?? error).split('\n').join('\n      ')}`}`);
}

const watchdog = setTimeout(() => {
  console.error(`\n[e2e] the whole run exceeded ${secs(RUN_TIMEOUT_MS)}: stopping`);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  harness.stopAll().finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);
watchdog.unref();

async function main() {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // Everything of this run lives in one temp dir (removed at the end), so that two runs in the
  // same checkout do not trip over each other.
  const tmpRoot = harness.makeTempDir();

  if (!flag('--no-install')) await timed('install check', () => harness.ensureInstalled());
  if (!flag('--no-build')) await timed('build', () => harness.build());
  const vsix = await timed('package .vsix', () => harness.packageVsix(join(tmpRoot, `${harness.PKG.name}.vsix`)));

  const server = await timed('start code-server (+ install .vsix)', () =>
    harness.startCodeServer({ vsix: [vsix], verbose, tmp: join(tmpRoot, 'code-server') }),
  );
  console.log(`[e2e] code-server ${server.url} (state in ${server.tmp})`);
  const browser = await timed('launch Chromium', () => harness.launchBrowser(server.tmp));

  // Shared context for scenarios and the in-host suite.
  const fixture = (rel) => join(FIXTURES_DIR, rel);

  // --- in-host Mocha -------------------------------------------------------------------------
  if (!flag('--no-mocha')) {
    console.log('\n[e2e] in-host Mocha suite (test/integration/)');
    const start = Date.now();
    try {
      const folder = harness.makeWorkspace([fixture('judgebench/arena-hard_claude-3-haiku.jsonl')], { parent: server.tmp });
      const r = await timed('in-host Mocha suite', () => harness.runInHostTests(browser, server, { folder, verbose }));
      const ms = Date.now() - start;
      for (const t of r.tests) results.push({ name: `in-host: ${t.title}`, ok: t.ok, ms: 0, error: t.error });
      const passes = r.tests.filter((t) => t.ok).length;
      console.log(`  in-host: ${passes} passed, ${r.tests.length - passes} failed, exit code ${r.code} (${secs(ms)})`);
      if (!r.reported) record('in-host Mocha suite', false, ms, new Error(`the suite did not report (exit code ${r.code})`));
      else if (r.code !== 0 && passes === r.tests.length) record('in-host Mocha suite', false, ms, new Error(`exit code ${r.code}`));
    } catch (e) {
      record('in-host Mocha suite', false, Date.now() - start, e);
    }
  }

  // --- Playwright scenarios ------------------------------------------------------------------
  const scenarioDir = join(ROOT, 'test', 'e2e', 'scenarios');
  const files = existsSync(scenarioDir)
    ? readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort()
    : [];
  const selected = flag('--no-scenarios') ? [] : files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  console.log(`\n[e2e] ${selected.length} Playwright scenario(s) (test/e2e/scenarios/)`);
  for (const file of selected) {
    const name = file.replace(/\.mjs$/, '');
    const start = Date.now();
    let page;
    let timer;
    try {
      const mod = await import(pathToFileURL(join(scenarioDir, file)).href);
      if (typeof mod.default !== 'function') throw new Error(`${file} has no default export function`);
      const timeout = mod.timeout ?? DEFAULT_SCENARIO_TIMEOUT_MS;
      page = await harness.newPage(browser);
      const ctx = { page, server, browser, harness, name, fixture, FIXTURES_DIR, ROOT, tmp: server.tmp };
      await Promise.race([
        mod.default(ctx),
        new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`timed out after ${secs(timeout)}`)), timeout))),
      ]);
      await harness.screenshot(page, name);
      record(name, true, Date.now() - start);
    } catch (e) {
      if (page) await harness.screenshot(page, name).catch(() => {});
      record(name, false, Date.now() - start, e);
    } finally {
      clearTimeout(timer);
      if (page) await page.context().close().catch(() => {});
    }
  }
  timings.push(['scenarios', results.filter((r) => !r.name.startsWith('in-host')).reduce((a, r) => a + r.ms, 0)]);

  await timed('stop', () => harness.stopAll());
  if (results.some((r) => !r.ok)) {
    console.log('\n[e2e] failed:');
    for (const r of results.filter((x) => !x.ok)) console.log(`  ✗ ${r.name}${r.error ? `: ${String(r.error?.message ?? r.error).split('\n')[0]}` : ''}`);
    console.log('\n[e2e] last lines of the code-server log:');
    console.log(server.log.split('\n').slice(-30).join('\n'));
  }
}

let crashed = null;
try {
  await main();
} catch (e) {
  crashed = e;
  console.error(`\n[e2e] setup failed: ${e?.stack ?? e}`);
  await harness.stopAll();
}
clearTimeout(watchdog);
console.log(`\n[e2e] timings: ${timings.map(([l, ms]) => `${l} ${secs(ms)}`).join(', ')}; total ${secs(Date.now() - t0)}`);
console.log(`[e2e] screenshots in ${RESULTS_DIR}`);
const passed = results.filter((r) => r.ok).length;
const failedCount = results.filter((r) => !r.ok).length + (crashed ? 1 : 0);
console.log(`${passed} passed, ${failedCount} failed`);
process.exit(failedCount > 0 || passed === 0 ? 1 : 0);
