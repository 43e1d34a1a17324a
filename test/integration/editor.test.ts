// The status bar wording, Go to Next Spurious Record, human marks and the summary commands in the
// real extension host.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';
import { DatasetSession } from '../../src/core/session/session';
import { statusText, summaryView } from '../../src/presentation/summary';
import { file, fixtures, lensHover, placeFixtures, unescape } from './editorFixtures';

suite('Editor: status bar, marks, summary', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await placeFixtures();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('status bar wording for defined and undefined S-Corr', async () => {
    const text = async (path: string) => {
      const s = await DatasetSession.open(path);
      await s.load();
      return statusText(summaryView(s));
    };
    assert.equal(await text(join(fixtures.folder, 'r-align-synthetic.jsonl')), 'S-Corr 25.0% · L-Acc 75.0% (n=48)');
    assert.equal(await text(join(fixtures.folder, 'arena-hard_claude-3-haiku.jsonl')), 'L-Acc 29.6% (n=270) · S-Corr: no gold judgments');
    assert.equal(await text(join(fixtures.folder, 'malformed.jsonl')), 'S-Corr 33.3% · L-Acc 57.1% (n=14) · $(warning) 3 unreadable');
  });

  test('Go to Next Spurious Record moves the cursor, in file order, and wraps', async () => {
    const uri = file('r-align-synthetic.jsonl');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const spurious = [8, 12, 18, 22, 30, 33, 40, 45]; // ra-0NN on line NN (samples/README.md)
    for (const line of [...spurious, spurious[0] as number]) {
      await vscode.commands.executeCommand('rationaleLens.nextSpurious');
      assert.equal(editor.selection.active.line + 1, line);
    }
  });

  test('Mark aligned: a human verdict that the hover shows and S-Corr counts', async function () {
    this.timeout(30_000);
    const uri = file('r-align-synthetic.jsonl');
    assert.equal(await vscode.commands.executeCommand('rationaleLens.markAligned', uri, 7, 'names the decisive reason after all'), true);
    assert.ok(existsSync(`${uri.fsPath}.rlens-marks.jsonl`), 'marks file beside the dataset');
    const md = unescape(
      await until('the hover to show the human mark', async () => {
        const v = await lensHover(uri, 7);
        return v.includes('human mark') ? v : undefined;
      }),
    );
    assert.match(md, /Fidelity: \*\*Correct\*\* \(aligned\) · human mark: “names the decisive reason after all” · overrides Incorrect \(from the file\)/);
    // Back to misaligned with the cursor on the record (no arguments but the note).
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(7, 3, 7, 3);
    assert.equal(await vscode.commands.executeCommand('rationaleLens.markMisaligned', undefined, undefined, ''), true);
    await until('misaligned again', async () => ((await lensHover(uri, 7)).includes('**Incorrect**') ? true : undefined));
  });

  test('summary: show (preview document), copy as Markdown, export Markdown and CSV atomically', async () => {
    const uri = file('r-align-synthetic.jsonl');
    const shown = await vscode.commands.executeCommand<vscode.Uri>('rationaleLens.showSummary', uri);
    assert.ok(shown);
    const doc = await vscode.workspace.openTextDocument(shown);
    assert.match(doc.getText(), /\| S-Corr \| 25\.0% \|/);
    assert.match(doc.getText(), /\| label correct \| 24 \| 8 \| 4 \|/);

    const copied = await vscode.commands.executeCommand<string>('rationaleLens.copySummaryMarkdown', uri);
    assert.match(copied, /\| L-Acc \| 75\.0% \|/);
    // A headless browser may refuse clipboard access; when it reads back, it is what was copied.
    const clipboard = await Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
    if (clipboard) assert.equal(clipboard, copied);
    else console.log('      (the clipboard could not be read back in this browser)');

    const dest = vscode.Uri.file(join(fixtures.folder, 'exports', 'synthetic'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(join(fixtures.folder, 'exports')));
    const files = await vscode.commands.executeCommand<string[]>('rationaleLens.exportSummary', uri, dest);
    assert.deepEqual(files, [join(fixtures.folder, 'exports', 'synthetic.summary.md'), join(fixtures.folder, 'exports', 'synthetic.summary.csv')]);
    const md = readFileSync(files[0] as string, 'utf8');
    assert.match(md, /\| F-Score \| 54\.5% \|[\s\S]*Rationale argues for the other response than its verdict \(heuristic\): \d+ of \d+ judgments checked/);
    // The failure themes (issue 26) follow the figures: the section and its grouping line, a table or "no theme".
    assert.match(md, /\n## Failure themes\n\n.*(grouped|key terms).*\n\n(\| Theme \| Records|No failure is shared)/);
    const csv = readFileSync(files[1] as string, 'utf8').split('\n');
    assert.match(csv[0] as string, /^group,records,labelCorrect,labelAccuracy,sCorr/);
    assert.match(csv[1] as string, /^\(all\),48,36,0\.75,0\.25,/);
    assert.deepEqual(readdirSync(join(fixtures.folder, 'exports')).sort(), ['synthetic.summary.csv', 'synthetic.summary.md'], 'no temporary files left');
  });
});
