// Problems-panel diagnostics, their quick fixes, Select Format and settings changes in the real
// extension host.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';
import { DatasetSession } from '../../src/core/session/session';
import { applyFormatChoice } from '../../src/extension/commands/selectFormat';
import { SessionRegistry } from '../../src/extension/sessions';
import { recordingLog } from '../support/recordingLog';
import { file, fixtures, hoverValues, lensHover, placeFixtures, unescape } from './editorFixtures';

suite('Editor: problems, quick fixes, formats and settings', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await placeFixtures();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('rationaleLens').update('verdictPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('diagnostics on samples/malformed.jsonl: truncated line 3, [1,2] line 5, invalid UTF-8 line 11, missing gt_label line 9', async () => {
    const uri = file('malformed.jsonl');
    await vscode.window.showTextDocument(uri);
    const diags = await until('Rationale Lens diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Rationale Lens');
      return d.some((x) => x.code === 'no-verdict') ? d : undefined;
    });
    const at = (line: number) => diags.filter((d) => d.range.start.line === line - 1);
    const E = vscode.DiagnosticSeverity.Error;
    const W = vscode.DiagnosticSeverity.Warning;
    assert.ok(at(3).some((d) => d.severity === E && /truncated/.test(d.message)), 'line 3 truncated');
    const truncated = at(3).find((d) => /truncated/.test(d.message)) as vscode.Diagnostic;
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(truncated.range.start.character >= doc.lineAt(2).text.length - 1, 'the truncated line is flagged at its end');
    assert.ok(at(5).some((d) => d.severity === E && /expected a JSON object, found an array/.test(d.message)), 'line 5 array');
    assert.ok(at(11).some((d) => d.severity === E && /invalid UTF-8/.test(d.message)), 'line 11 UTF-8');
    assert.ok(at(9).some((d) => d.severity === W && /gt_label/.test(d.message)), 'line 9 missing gt_label');
    assert.ok(at(13).some((d) => d.severity === W && /gt_label is the string "C"/.test(d.message)), 'line 13 gold C');
    const gold13 = at(13).find((d) => /gt_label/.test(d.message)) as vscode.Diagnostic;
    assert.equal(doc.getText(gold13.relatedInformation?.[0]?.location.range).startsWith('"gt_label"'), true, 'line 13: the entry sits on the id, its related location at the gt_label key');
    // ra-006 (line 16): model_pred null → at the field.
    const noVerdict = at(16).find((d) => d.code === 'no-verdict');
    assert.ok(noVerdict, 'line 16 has no usable verdict');
    assert.match(doc.getText(noVerdict.relatedInformation?.[0]?.location.range), /^"model_pred":\s*null$/);
    assert.equal(at(7).length, 0, 'no diagnostic for the blank line');
    assert.equal(at(1).length + at(2).length + at(4).length, 0, 'good records have none');
  });

  test('the same warning on many records is one Problems entry that says how many (the count in the header)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ pair_id: `p${i}`, question: 'q', response_A: 'a', response_B: 'b', label: 'A>B', judgments: [{ judgment: { response: 'A is better. [[A>B]]' }, decision: 'A>B' }] }));
    const path = join(fixtures.folder, 'single-judgment.jsonl');
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const uri = vscode.Uri.file(path);
    // Not in preview: the preview tab (malformed.jsonl, which the next test reads) stays open.
    await vscode.window.showTextDocument(uri, { preview: false });
    const diags = await until('the grouped warning', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Rationale Lens' && /expected two judgments/.test(x.message));
      return d.length ? d : undefined;
    });
    assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
    assert.match(diags[0]?.message ?? '', /30 records with this warning: lines 1, 2, 3, 4, 5/);
    const session = await DatasetSession.open(path);
    await session.load();
    assert.equal(session.warnings, 30);
    assert.deepEqual(session.issueGroups.map((g) => g.count), [30]);
  });

  test('quick fixes: Select format for field problems; Add a verdict pattern for unreadable verdicts, which then reads them', async function () {
    this.timeout(60_000);
    const malformed = file('malformed.jsonl');
    const fieldDiag = vscode.languages.getDiagnostics(malformed).find((d) => d.range.start.line === 8 && d.source === 'Rationale Lens');
    assert.ok(fieldDiag);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', malformed, fieldDiag.range, vscode.CodeActionKind.QuickFix.value);
    const select = actions.find((a) => a.title === 'Select format / field mapping…');
    assert.ok(select, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(select.command?.command, 'rationaleLens.selectFormat');

    const uri = file('mm-custom.jsonl');
    await vscode.window.showTextDocument(uri);
    const diag = await until('the unparseable verdict of m1', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'unparseable-verdict'));
    assert.equal(diag.range.start.line, 0);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const add = fixes.find((a) => a.title === 'Add a verdict pattern…');
    assert.ok(add, `actions: ${fixes.map((a) => a.title).join(', ')}`);
    assert.equal(add.command?.command, 'rationaleLens.addVerdictPattern');
    // An invalid pattern is refused; a valid one lands in the workspace settings and the verdict is read.
    assert.equal(await vscode.commands.executeCommand('rationaleLens.addVerdictPattern', uri, 'Selected: #[12]'), false);
    assert.equal(await vscode.commands.executeCommand('rationaleLens.addVerdictPattern', uri, 'Selected: #(?<verdict>[12])'), true);
    const inspected = vscode.workspace.getConfiguration('rationaleLens', uri).inspect<string[]>('verdictPatterns');
    assert.deepEqual(inspected?.workspaceValue, ['Selected: #(?<verdict>[12])']);
    await until('the diagnostic to go', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'unparseable-verdict') || undefined, 20_000);
    const md = unescape(await lensHover(uri, 0));
    assert.match(md, /verdict \*\*B\*\* parsed from the text/);
  });

  test('an ordinary JSON file (one object over many lines) gets no hover and no diagnostics', async () => {
    const path = join(fixtures.folder, 'config.json');
    writeFileSync(path, JSON.stringify({ name: 'not-an-evaluation', version: '1.0.0', scripts: { test: 'x' } }, null, 2));
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(uri);
    for (const line of [0, 1, 2]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 3));
      assert.ok(!hoverValues(hovers).some((v) => v.includes('Rationale Lens')), `hover on line ${line + 1}`);
    }
    // Wait for the condition, not a time: a command that needs the whole file returns only once the
    // shared load has ended (here: found no evaluation records), and whatever diagnostics that load
    // publishes are published before it.
    await vscode.commands.executeCommand('rationaleLens.copySummaryMarkdown', uri);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Rationale Lens'), []);
  });

  test('Select Format writes the workspace-folder setting; auto clears it', async () => {
    const uri = file('arena-hard_claude-3-haiku.jsonl');
    await applyFormatChoice(uri, { format: 'judgebench' });
    const pinned = vscode.workspace.getConfiguration('rationaleLens', uri).inspect<string>('format');
    assert.equal(pinned?.workspaceFolderValue, 'judgebench');
    await applyFormatChoice(uri, { format: 'auto' });
    assert.equal(vscode.workspace.getConfiguration('rationaleLens', uri).inspect<string>('format')?.workspaceFolderValue, undefined);
    await applyFormatChoice(uri, { mapping: 'mappings/custom.json' });
    assert.equal(vscode.workspace.getConfiguration('rationaleLens', uri).inspect<string>('fieldMapping')?.workspaceFolderValue, 'mappings/custom.json');
    await applyFormatChoice(uri, { format: 'auto' });
    assert.equal(vscode.workspace.getConfiguration('rationaleLens', uri).inspect<string>('fieldMapping')?.workspaceFolderValue, undefined);
  });

  test('after a settings change, a session read under the old settings is never handed out, even before the debounced reload', async function () {
    this.timeout(30_000);
    const uri = file('r-align-synthetic.jsonl');
    const registry = new SessionRegistry(recordingLog());
    const settingsChanged = () =>
      new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeConfiguration((e) => {
          if (!e.affectsConfiguration('rationaleLens.format', uri)) return;
          sub.dispose();
          resolve();
        });
      });
    try {
      const first = await registry.get(uri);
      assert.equal(first.dataset.adapter.name, 'r-align');
      let changed = settingsChanged();
      await vscode.workspace.getConfiguration('rationaleLens', uri).update('format', 'rewardbench', vscode.ConfigurationTarget.WorkspaceFolder);
      await changed;
      // Within the 150 ms debounce: the session is stale (never handed out), get reads again with the pinned format.
      assert.equal(registry.state(uri).phase, 'stale');
      const pinned = await registry.get(uri).catch((err: unknown) => err as Error);
      assert.ok(pinned !== first, 'not the session read before the change');
      if (!(pinned instanceof Error)) assert.equal(pinned.dataset.adapter.name, 'rewardbench');
      changed = settingsChanged();
      await vscode.workspace.getConfiguration('rationaleLens', uri).update('format', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await changed;
      const again = await registry.get(uri);
      assert.equal(again.dataset.adapter.name, 'r-align');
      assert.equal(again.count, 48);
      assert.equal(again.snapshot().summary.sCorr, 0.25);
    } finally {
      registry.dispose();
      await vscode.workspace.getConfiguration('rationaleLens', uri).update('format', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });
});
