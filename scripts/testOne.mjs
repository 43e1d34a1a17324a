// The edit-test loop: `npm run test:one -- test/unit/core/record/verdict.test.ts [more…]` bundles, compiles
// and runs just those unit test files (source paths or their compiled out/… paths), with the same
// per-test deadline as `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const UNIT_TEST_TIMEOUT_MS = 180_000;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run test:one -- test/unit/<area>/<name>.test.ts [more…]');
  process.exit(2);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}

const compiled = files.map((f) => (f.startsWith('out/') ? f : `out/${f.replace(/\.ts$/, '.js')}`));
run('node', ['scripts/build.mjs']);
run('npx', ['tsc', '-p', 'tsconfig.json']);
const missing = compiled.filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`not found after compiling: ${missing.join(', ')} (give paths under test/unit/)`);
  process.exit(2);
}
run('node', ['--test', `--test-timeout=${UNIT_TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...compiled]);
