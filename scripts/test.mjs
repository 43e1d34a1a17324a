// The one test command: type-check, lint, the layer rules, the dead-code check, unit tests (node:test), then the end-to-end suites
// (Mocha in the real extension host and Playwright in Chromium, through code-server) when present.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const unitOnly = process.argv.includes('--unit');
const UNIT_TEST_TIMEOUT_MS = 180_000; // also in scripts/testOne.mjs

function run(label, cmd, args, opts = {}) {
  console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return findTests(p);
    return name.endsWith('.test.js') ? [p] : [];
  });
}

run('build', 'node', ['scripts/build.mjs']);
rmSync('out', { recursive: true, force: true });
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
if (existsSync('webview/inspector/main.ts')) run('typecheck webview', 'npx', ['tsc', '-p', 'webview/tsconfig.json']);
run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
run('layers', 'npx', ['depcruise', 'src', 'webview', 'scripts', 'bench', 'test', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
// Dead code (knip.jsonc): no file unreached from an entry point, no export that no other module imports.
run('dead code', 'npx', ['knip', '--no-progress']);
// A per-test deadline: a test whose child process hangs fails by name instead of holding the suite
// until CI's limit. Generous, since it is a hang detector and never a speed check (benches time).
run('unit tests', 'node', ['--test', `--test-timeout=${UNIT_TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...findTests('out/test/unit')]);
if (!unitOnly && existsSync('test/e2e/run.mjs')) run('end-to-end tests', 'node', ['test/e2e/run.mjs']);
