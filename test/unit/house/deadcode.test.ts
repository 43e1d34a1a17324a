// The dead-code check (knip.jsonc) runs in `npm test`; this proves it bites: a small tree with a
// dead export, an export only its own module uses and a file nothing reaches fails, each named with
// its file (and line for an export). `npm test` runs the same configuration over the project itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../paths';

const knip = join(repoRoot, 'node_modules', 'knip', 'bin', 'knip.js');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-deadcode-'));
  copyFileSync(join(repoRoot, 'knip.jsonc'), join(dir, 'knip.jsonc'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'deadcode-demo', private: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', strict: true } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function deadcode(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [knip, '--no-progress', '--no-config-hints'], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const entry = "import { used } from '../core/text/words';\nexport function activate(): number {\n  return used();\n}\n";

test('a tree whose exports are all imported passes', () => {
  const dir = tree({
    'src/extension/extension.ts': entry,
    'src/core/text/words.ts': 'export function used(): number {\n  return 1;\n}\n',
  });
  const r = deadcode(dir);
  assert.equal(r.status, 0, r.out);
});

test('a dead export, an export used only in its own module and an unreached file fail, each named', () => {
  const dir = tree({
    'src/extension/extension.ts': entry,
    'src/core/text/words.ts': [
      'export function used(): number {',
      '  return LOCAL_ONLY;',
      '}',
      '',
      'export const LOCAL_ONLY = 1;',
      '',
      'export const DEMO_DEAD_EXPORT = 2;',
      '',
    ].join('\n'),
    'src/core/text/orphan.ts': 'export const orphan = 3;\n',
  });
  const r = deadcode(dir);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /DEMO_DEAD_EXPORT\s+src\/core\/text\/words\.ts:7:\d+/);
  assert.match(r.out, /LOCAL_ONLY\s+src\/core\/text\/words\.ts:5:\d+/);
  assert.match(r.out, /src\/core\/text\/orphan\.ts/);
  assert.doesNotMatch(r.out, /\bused\b/);
});
