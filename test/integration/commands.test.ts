// Every command declared in package.json is registered, and every registered rationaleLens.*
// command is declared (with a title in the "Rationale Lens" category): the two lists must match.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'rationale-lens.rationale-lens';

interface DeclaredCommand {
  command: string;
  title?: string;
  category?: string;
}

suite('Commands', () => {
  test('declared commands and registered rationaleLens.* commands are the same set', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const pkg = ext.packageJSON as { contributes?: { commands?: DeclaredCommand[] } };
    const declared = new Set((pkg.contributes?.commands ?? []).map((c) => c.command));
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('rationaleLens.')));
    const notRegistered = [...declared].filter((c) => !registered.has(c)).sort();
    const notDeclared = [...registered].filter((c) => !declared.has(c)).sort();
    assert.deepEqual(
      { notRegistered, notDeclared },
      { notRegistered: [], notDeclared: [] },
      `declared in package.json but not registered: ${notRegistered.join(', ') || 'none'}; registered but not declared: ${notDeclared.join(', ') || 'none'}`,
    );
  });

  test('every declared command has a title and the "Rationale Lens" category', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { commands?: DeclaredCommand[] } };
    for (const c of pkg.contributes?.commands ?? []) {
      assert.ok(c.command.startsWith('rationaleLens.'), `${c.command} is outside the rationaleLens namespace`);
      assert.ok(c.title, `${c.command} has no title`);
      assert.equal(c.category, 'Rationale Lens', `${c.command} category`);
    }
  });
});
