// The demo's workspace and its address, shared by `npm run demo` and the end-to-end scenario that
// checks the first run (demo-first-run): what a newcomer sees is what the test sees.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ROOT } from './buildTools.mjs';

/** The sample the demo opens in the Inspector, relative to the workspace. */
export const DEMO_MAIN_SAMPLE = 'samples/r-align-synthetic.jsonl';

/**
 * Copies a file or folder and makes the copy writable by its owner (a CI clone's shared/ is
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

/**
 * A fresh demo workspace in `dir`: the project's samples (the main sample, a second run of it for
 * Compare, a results folder for the leaderboard) and, when present, copies of ../shared/fixtures.
 * The main sample opens in the Inspector by default there (a workspace editor association), so the
 * demo starts on the comparison; every other file opens as text.
 */
export function makeDemoWorkspace(dir, { fixturesDir = resolve(ROOT, '..', 'shared', 'fixtures'), warn = console.warn } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  if (existsSync(fixturesDir)) copyWritable(fixturesDir, join(dir, 'fixtures'));
  else warn(`${fixturesDir} not found: the workspace has no fixtures`);
  copyWritable(join(ROOT, 'samples'), join(dir, 'samples'));
  writeFileSync(
    join(dir, '.vscode', 'settings.json'),
    `${JSON.stringify({ 'workbench.editorAssociations': { [basename(DEMO_MAIN_SAMPLE)]: 'rationaleLens.inspector' } }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'README.md'),
    '# Rationale Lens demo workspace\n\n' +
      `- \`${DEMO_MAIN_SAMPLE}\` opens in the Inspector (this folder's \`.vscode/settings.json\` says so); every other file opens as text.\n` +
      '- Right-click `samples/results` and choose **Show Leaderboard** (2 models × 2 benchmarks).\n' +
      '- In the Inspector, **Compare with…** `samples/r-align-synthetic-run2.jsonl` (the same records, five answered anew).\n' +
      '- `fixtures/` holds copies of real judge outputs from public research repositories.\n\n' +
      'Recreated by every `npm run demo`: edits here are lost.\n',
  );
  return dir;
}

/** The workbench address that opens `folder` with the main sample in front (VS Code web's `openFile` payload). */
export function demoUrl(base, folder) {
  const authority = new URL(base).host;
  const q = new URLSearchParams();
  q.set('folder', folder);
  q.set('payload', JSON.stringify([['openFile', `vscode-remote://${authority}${join(folder, DEMO_MAIN_SAMPLE)}`]]));
  return `${base}/?${q}`;
}
