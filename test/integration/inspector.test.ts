// The Inspector custom editor in the real extension host: opening a fixture with vscode.openWith,
// the Open Inspector command on the active text file, and rationaleLens.openRecord.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';

const VIEW_TYPE = 'rationaleLens.inspector';
const FIXTURE = 'arena-hard_claude-3-haiku.jsonl';

function fixtureUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace has a folder');
  return vscode.Uri.joinPath(folder.uri, FIXTURE);
}

function inspectorTabs(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE && fileOf(t.input.uri).toString() === uri.toString());
}

/** The file an Inspector tab shows: its tab's URI is the file's own, or rationale-lens-inspector:<folder>/Inspector · <name>. */
function fileOf(tabUri: vscode.Uri): vscode.Uri {
  if (tabUri.scheme !== 'rationale-lens-inspector') return tabUri;
  return vscode.Uri.from({ scheme: 'file', authority: tabUri.authority, path: tabUri.path.replace(/\/Inspector · ([^/]+)$/, '/$1') });
}

/** UI state lags commands a moment: poll. */

suite('Inspector', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('rationale-lens.rationale-lens')?.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('vscode.openWith opens the fixture in a custom editor tab of view type rationaleLens.inspector', async () => {
    const uri = fixtureUri();
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const tab = await until('an Inspector tab', () => inspectorTabs(uri)[0], 10_000);
    assert.ok(tab.input instanceof vscode.TabInputCustom);
    assert.equal(tab.input.viewType, VIEW_TYPE);
    assert.equal(tab.input.uri.fsPath, uri.fsPath);
    assert.equal(tab.isActive, true);
  });

  test('Reopen With the text editor on an Inspector tab opens the file itself as text', async () => {
    const uri = fixtureUri();
    await vscode.commands.executeCommand('rationaleLens.openInspector', uri);
    const tab = await until('an Inspector tab', () => inspectorTabs(uri)[0], 10_000);
    assert.ok(tab.input instanceof vscode.TabInputCustom);
    const tabUri = tab.input.uri;
    assert.equal(tabUri.scheme, 'rationale-lens-inspector');
    // What "Reopen Editor With… → Text Editor" runs: the default (text) editor on the tab's URI.
    await vscode.commands.executeCommand('vscode.openWith', tabUri, 'default');
    const text = await until('a text tab on the file', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
    );
    assert.equal(text.label, FIXTURE);
    await until('no text tab on the Inspector URI', () =>
      !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'rationale-lens-inspector'),
    );
  });

  test('Open Inspector works on the active text editor’s file', async () => {
    const uri = fixtureUri();
    await vscode.window.showTextDocument(uri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
    await vscode.commands.executeCommand('rationaleLens.openInspector');
    const tab = await until('an Inspector tab', () => inspectorTabs(uri)[0], 10_000);
    assert.equal(tab.isActive, true);
    // The text editor stays open beside it in the same group.
    assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === uri.fsPath));
    // The two tabs can be told apart: the Inspector's reads "Inspector · <file>", the text tab the file's name.
    assert.equal(tab.label, `Inspector · ${FIXTURE}`);
    const text = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === uri.fsPath);
    assert.equal(text?.label, FIXTURE);
  });

  test('Open Inspector takes the explorer’s file as its argument', async () => {
    const uri = fixtureUri();
    await vscode.commands.executeCommand('rationaleLens.openInspector', uri);
    await until('an Inspector tab', () => inspectorTabs(uri)[0], 10_000);
  });

  test('rationaleLens.openRecord opens the Inspector on the file, with a Uri or its JSON form', async () => {
    const uri = fixtureUri();
    await vscode.commands.executeCommand('rationaleLens.openRecord', uri, 5);
    await until('an Inspector tab', () => inspectorTabs(uri)[0], 10_000);
    // Asking again for another record reuses the open Inspector.
    await vscode.commands.executeCommand('rationaleLens.openRecord', uri.toJSON(), 7);
    // The command resolves once VS Code has opened (or focused) the editor: wait for that tab to be active, then count.
    await until('the Inspector active', () => inspectorTabs(uri).find((t) => t.isActive), 10_000);
    assert.equal(inspectorTabs(uri).length, 1);
  });

  test('Copy Link to Record puts a link in the clipboard that opens the Inspector at that record', async () => {
    const uri = fixtureUri();
    await vscode.commands.executeCommand('rationaleLens.copyRecordLink', uri, 3);
    const link = vscode.Uri.parse(await vscode.env.clipboard.readText());
    assert.equal(link.scheme, vscode.env.uriScheme);
    assert.equal(link.authority, 'rationale-lens.rationale-lens');
    assert.equal(link.path, '/open');
    const q = new URLSearchParams(link.query);
    assert.equal(q.get('file'), uri.fsPath);
    assert.equal(q.get('index'), '3');
    assert.ok(q.get('record'), 'the link carries the record id');
    // The URI handler's path (a browser's code-server cannot route vscode:// links, so the test pastes it).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('rationaleLens.openRecordLink', link.toString());
    const tab = await until('an Inspector tab opened by the link', () => inspectorTabs(uri)[0], 10_000);
    assert.equal(tab.isActive, true);
  });

  test('a link whose path climbs out of the open folder with .. asks before opening (VS Code refuses modal dialogs under test: the refusal quotes the question)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    // A sibling of the workspace folder: the link's text starts with the folder, the file is outside it.
    const outside = fs.mkdtempSync(path.join(path.dirname(folder.uri.fsPath), 'rlens-outside-'));
    try {
      fs.copyFileSync(fixtureUri().fsPath, path.join(outside, FIXTURE));
      const file = `${folder.uri.fsPath}/../${path.basename(outside)}/${FIXTURE}`;
      const link = `${vscode.env.uriScheme}://rationale-lens.rationale-lens/open?${new URLSearchParams({ file, index: '0' }).toString()}`;
      await assert.rejects(() => Promise.resolve(vscode.commands.executeCommand('rationaleLens.openRecordLink', link)), /outside the open folders/);
      assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE).length, 0, 'nothing was opened');
      // A .. that stays inside opens without a question, at the normalised path.
      const inside = `${vscode.env.uriScheme}://rationale-lens.rationale-lens/open?${new URLSearchParams({ file: `${folder.uri.fsPath}/sub/../${FIXTURE}`, index: '2' }).toString()}`;
      await vscode.commands.executeCommand('rationaleLens.openRecordLink', inside);
      await until('an Inspector tab at the normalised path', () => inspectorTabs(fixtureUri())[0], 10_000);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('rationaleLens.openRecord rejects arguments that are not (uri, index)', async () => {
    await assert.rejects(() => Promise.resolve(vscode.commands.executeCommand('rationaleLens.openRecord', fixtureUri(), -1)), /expects \(uri, record index/);
    await assert.rejects(() => Promise.resolve(vscode.commands.executeCommand('rationaleLens.openRecord')), /expects \(uri, record index/);
  });
});
