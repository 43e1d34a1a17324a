// Build and release helpers shared by `npm run package`, `npm run demo` and the end-to-end harness
// (which imports them from here: release packaging never depends on test code).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

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
