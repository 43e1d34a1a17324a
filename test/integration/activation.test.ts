// The extension is installed in the real extension host and activates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'rationale-lens.rationale-lens';

suite('Activation', () => {
  test('the extension is present, for VS Code ^1.100.0', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const pkg = ext.packageJSON as { engines?: { vscode?: string }; main?: string };
    assert.equal(pkg.engines?.vscode, '^1.100.0');
    assert.equal(pkg.main, './dist/extension.js');
  });

  test('it activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('it runs in the VS Code version the tests pin', () => {
    assert.match(vscode.version, /^1\.100\./);
  });
});
