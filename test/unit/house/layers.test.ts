// The layer rules (.dependency-cruiser.cjs) are checked in `npm test`; this proves they bite: a
// small tree that breaks each kind of rule fails with every break named (`npm test` runs the same
// rules over the project itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../paths';

const depcruise = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(cwd: string, paths: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [depcruise, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-layers-'));
  copyFileSync(join(repoRoot, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', strict: true } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('every layer and folder rule fails on a violation and names it', () => {
  const dir = tree({
    'src/core/usesVscode.ts': "import * as vscode from 'vscode';\nexport const v = vscode;\n",
    'src/core/usesExtension.ts': "import { e } from '../extension/feature';\nexport const u = e;\n",
    'src/core/cycleA.ts': "import { b } from './cycleB';\nexport const a = () => b();\n",
    'src/core/cycleB.ts': "import { a } from './cycleA';\nexport const b = () => a();\n",
    'src/extension/feature.ts': "export const e = 1;\n",
    'src/cli/main.ts': "import { view } from '../presentation/view';\nexport const m = view;\n",
    'src/presentation/view.ts': "export const view = 1;\n",
    'src/protocol/messages.ts': "import { u } from '../core/usesExtension';\nexport const p = u;\n",
    'webview/logic/pure.ts': "import { a } from '../../src/core/cycleA';\nexport const w = a;\n",
    'scripts/package.mjs': "import { h } from '../test/e2e/harness.mjs';\nexport const s = h;\n",
    'test/e2e/harness.mjs': "export const h = 1;\n",
    // Folder rules: two core folders that need each other (no module circle: a folder circle), the
    // pure webview logic reaching for a DOM helper, one page importing another.
    'src/core/record/record.ts': "import type { S } from '../statistics/summary';\nexport type R = { s?: S };\n",
    'src/core/statistics/summary.ts': "export type S = number;\n",
    'src/core/statistics/metrics.ts': "import type { R } from '../record/record';\nexport const m = (r: R) => r;\n",
    // The same in the extension: the Inspector registering a command that needs the Inspector.
    'src/extension/inspector/panel.ts': "import { registerOpen } from '../commands/openPanel';\nexport const panel = registerOpen;\n",
    'src/extension/commands/openPanel.ts': "import type { Panel } from '../inspector/types';\nexport const registerOpen = (p?: Panel) => p;\n",
    'src/extension/inspector/types.ts': "export type Panel = number;\n",
    'webview/dom/dom.ts': "export const el = 1;\n",
    'webview/logic/usesDom.ts': "import { el } from '../dom/dom';\nexport const d = el;\n",
    'webview/inspector/app.ts': "export const app = 1;\n",
    'webview/compare/main.ts': "import { app } from '../inspector/app';\nexport const c = app;\n",
  });
  const r = cruise(dir, ['src', 'webview', 'scripts', 'test']);
  assert.equal(r.status !== 0, true, r.out);
  for (const rule of ['no-circular', 'no-circular-folders', 'record-model-is-the-base', 'core-is-pure', 'pure-layers-never-import-vscode', 'cli-uses-core-only', 'protocol-is-browser-safe', 'webview-sees-protocol-only', 'webview-logic-is-dom-free', 'webview-pages-stand-alone', 'harness-stays-in-tests']) {
    assert.match(r.out, new RegExp(`error ${rule}:`), `${rule} not reported:\n${r.out}`);
  }
  assert.match(r.out, /error no-circular-folders: src\/extension\/(commands|inspector) →/, `the extension's folder circle not reported:\n${r.out}`);
});

