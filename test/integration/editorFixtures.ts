// What the editor's in-host suites share (hovers.test.ts, diagnostics.test.ts, editor.test.ts): copies
// of samples/ placed once in the workspace folder the runner opens (marks and exports are written
// beside them), and reading the Rationale Lens hover.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';

const EXTENSION_ID = 'rationale-lens.rationale-lens';

/** The workspace folder the fixtures are copied to, set by `placeFixtures`. */
export const fixtures = { folder: '' };
export const file = (name: string) => vscode.Uri.file(join(fixtures.folder, name));

let placed = false;

/** Activates the extension and, the first time, copies the fixtures into the workspace folder. */
export async function placeFixtures(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  await ext.activate();
  const root = ext.extensionPath;
  const ws = vscode.workspace.workspaceFolders?.[0];
  assert.ok(ws, 'the runner opens a workspace folder');
  fixtures.folder = ws.uri.fsPath;
  if (placed) return;
  placed = true;
  const folder = fixtures.folder;
  for (const name of ['r-align-synthetic.jsonl', 'hostile.jsonl', 'malformed.jsonl']) copyFileSync(join(root, 'samples', name), join(folder, name));
  const llmbar = join(root, '..', 'shared', 'fixtures', 'llmbar', 'natural_gpt-4_cot', 'result.json');
  if (existsSync(llmbar)) copyFileSync(llmbar, join(folder, 'llmbar-result.json'));
  // A judge whose verdict only a user pattern can read (record m1), next to one the parser reads.
  writeFileSync(
    join(folder, 'mm-custom.jsonl'),
    [
      { ID: 'm1', Image: 'img/1.jpg', Label: 'B', output: 'Both captions are fine; the second names the teapot. Selected: #2' },
      { ID: 'm2', Image: 'img/2.jpg', Label: 'A', output: 'A is more precise. [[A]]' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
}

export function hoverValues(hovers: vscode.Hover[] | undefined): string[] {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

/** The Rationale Lens hover at a line, once the file has been read. */
export async function lensHover(uri: vscode.Uri, line: number, character = 1): Promise<string> {
  return until(`a record hover at ${uri.path}:${line + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
    return hoverValues(hovers).find((v) => v.includes('Rationale Lens') && v.includes('record'));
  });
}

/** Markdown with backslash escapes removed, to compare with the record's text. */
export const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
