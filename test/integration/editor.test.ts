// The text-editor integration in the real extension host: record hovers (content, escaping, command
// links, speed), Problems panel diagnostics and quick fixes, the status bar wording, Go to Next
// Spurious Record, human marks and the summary commands. Works on copies of samples/ placed in the
// workspace folder the runner opens (marks and exports are written beside them).
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { until } from './until';
import { DatasetSession } from '../../src/core/session/session';
import type { Services } from '../../src/extension/services';
import { RecordHoverProvider } from '../../src/extension/editor/hoverProvider';
import { applyFormatChoice } from '../../src/extension/commands/selectFormat';
import { statusText, summaryView } from '../../src/presentation/summary';
import { SessionRegistry } from '../../src/extension/sessions';
import { recordingLog } from '../support/recordingLog';

const EXTENSION_ID = 'rationale-lens.rationale-lens';
const ALLOWED = new Set(['rationaleLens.openRecord', 'rationaleLens.rejudgeRecord', 'rationaleLens.markAligned', 'rationaleLens.markMisaligned', 'rationaleLens.copyRecordLink']);

let root = '';
let folder = '';
const file = (name: string) => vscode.Uri.file(join(folder, name));


function hoverValues(hovers: vscode.Hover[] | undefined): string[] {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

/** The Rationale Lens hover at a line, once the file has been read. */
async function lensHover(uri: vscode.Uri, line: number, character = 1): Promise<string> {
  return until(`a record hover at ${uri.path}:${line + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
    return hoverValues(hovers).find((v) => v.includes('Rationale Lens') && v.includes('record'));
  });
}

/** Markdown with backslash escapes removed, to compare with the record's text. */
const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Unescaped link targets `](target)` in Markdown. */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\(([^)\s]+)/g)].map((m) => m[1] as string);
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
}

suite('Editor: hovers, problems, status bar, marks', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    root = ext.extensionPath;
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'the runner opens a workspace folder');
    folder = ws.uri.fsPath;
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
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('rationaleLens').update('verdictPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('hover on an R-Align line: id, gold vs verdict, fidelity and origin, heuristic coverage, excerpts, command links', async () => {
    const uri = file('r-align-synthetic.jsonl');
    await vscode.window.showTextDocument(uri);
    const md = await lensHover(uri, 7); // ra-008: label-correct, Incorrect (spurious)
    const text = unescape(md);
    assert.match(text, /record \*\*ra-008\*\* \(8 of 48\)/);
    assert.match(text, /Gold \*\*[AB]\*\* · verdict \*\*[AB]\*\* from the file/);
    assert.match(text, /🟡 spurious: label-correct, rationale misaligned/);
    // The gutter's legend, in the Inspector's colours: no error/warning glyphs for record classes.
    assert.ok(text.includes("Gutter: one dot on a record's first line · 🟡 spurious · 🔴 label-wrong · 🔵 unparseable"), text);
    assert.ok(!/\$\((warning|error)\)/.test(text), 'no error/warning glyphs for classes');
    assert.match(text, /Fidelity: \*\*Incorrect\*\* \(misaligned\) · from the file/);
    assert.match(text, /Alignment (of the gold's decisive claims: coverage \d+%.*→ looks (aligned|misaligned)|coverage: n\/a).*lexical heuristic/);
    assert.match(text, /\*\*Rationale\*\* \(model_judgment\)/);
    assert.match(text, /\*\*Gold judgment\*\*/);
    const targets = linkTargets(md);
    for (const command of ['openRecord', 'markAligned', 'markMisaligned']) assert.ok(targets.some((t) => t.startsWith(`command:rationaleLens.${command}?`)), `link to ${command}`);
    const open = targets.find((t) => t.startsWith('command:rationaleLens.openRecord?')) as string;
    const args = JSON.parse(decodeURIComponent(open.slice(open.indexOf('?') + 1))) as [{ path: string }, number];
    assert.equal(args[1], 7);
    assert.ok(args[0].path.endsWith('/r-align-synthetic.jsonl'));
  });

  test('the hover carries the gutter legend only while the marks are on, also for a hover shown before', async () => {
    const uri = file('r-align-synthetic.jsonl');
    await vscode.window.showTextDocument(uri);
    assert.ok(unescape(await lensHover(uri, 7)).includes('Gutter: one dot'), 'legend with the marks on');
    const config = vscode.workspace.getConfiguration('rationaleLens', uri);
    await config.update('marks.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const off = unescape(await lensHover(uri, 7));
      assert.ok(!off.includes('Gutter: one dot'), 'no legend for marks that are not drawn');
    } finally {
      await config.update('marks.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.ok(unescape(await lensHover(uri, 7)).includes('Gutter: one dot'), 'legend again');
  });

  test('hover on a JudgeBench line: both orders, no fidelity without gold judgments', async () => {
    const uri = file('arena-hard_claude-3-haiku.jsonl');
    const md = unescape(await lensHover(uri, 0));
    assert.match(md, /record \*\*b5ce1305-50fe-5a5e-b785-325ab15c6d2b\*\* \(1 of 270\)/);
    assert.match(md, /Gold \*\*A\*\* · verdict \*\*B\*\* from the file · swapped order: \*\*tie\*\*/);
    assert.match(md, /label-wrong/);
    assert.match(md, /No gold judgment in this record/);
    assert.ok(!md.includes('Mark aligned'), 'no fidelity marks on a label-wrong record');
    // Whole sentences, and no Re-judge where the judge cannot answer (no gold judgment, label-wrong).
    assert.match(md, /Fidelity: not judged, and it will not be: the fidelity judge reads only label-correct records, and the verdict is wrong/);
    assert.ok(!md.includes('rationaleLens.rejudgeRecord'), 'no Re-judge link on a JudgeBench record');
  });

  test('hover on lines of a JSON-array element (LLMBar), none on the array brackets', async function () {
    const path = join(folder, 'llmbar-result.json');
    if (!existsSync(path)) this.skip();
    const uri = vscode.Uri.file(path);
    const session = await DatasetSession.open(path);
    await session.load();
    const second = session.row(1).line - 1; // 0-based first line of the second element
    const md = unescape(await lensHover(uri, second + 3, 6));
    assert.match(md, /record \*\*2\*\* \(2 of 100\)/);
    const first = unescape(await lensHover(uri, session.row(0).line, 6));
    assert.match(first, /\(1 of 100\)/);
    const bracket = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 0));
    assert.ok(!hoverValues(bracket).some((v) => v.includes('Rationale Lens')), 'no record hover on the opening bracket');
  });

  test('record text in a hover is escaped: no links, images or HTML from hostile records', async () => {
    const uri = file('hostile.jsonl');
    const lines = readFileSync(uri.fsPath, 'utf8').split('\n').filter(Boolean).length;
    for (let line = 0; line < lines; line++) {
      const md = await lensHover(uri, line);
      for (const target of linkTargets(md)) {
        const command = /^command:([\w.]+)\?/.exec(target)?.[1];
        assert.ok(command && ALLOWED.has(command), `line ${line + 1}: unexpected link target ${target.slice(0, 80)}`);
      }
      assert.ok(!/(?<!\\)<(script|img|iframe|svg|object|base|meta|style|details)/i.test(md), `line ${line + 1}: raw HTML tag`);
      assert.ok(!/(?<!\\)!\[/.test(md), `line ${line + 1}: image syntax`);
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(md), `line ${line + 1}: bidi control characters shown raw`);
    }
  });

  test('hovers answer on 200 lines, cold and warm, through the workbench and the provider alone (timings printed; limits live in the benches)', async function () {
    this.timeout(120_000);
    const uri = file('arena-hard_claude-3-haiku.jsonl');
    const doc = await vscode.workspace.openTextDocument(uri);
    const lines = Array.from({ length: 200 }, (_, i) => i);
    const cold: number[] = [];
    for (const line of lines) {
      const t = performance.now();
      await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, 1));
      cold.push(performance.now() - t);
    }
    const warm: number[] = [];
    for (const line of lines) {
      const t = performance.now();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 1));
      warm.push(performance.now() - t);
      assert.ok(hoverValues(hovers).some((v) => v.includes(`(${line + 1} of 270)`)), `line ${line + 1}`);
    }
    // The provider itself (this bundle's copy, its own registry), without the workbench round trip.
    const sessions = new SessionRegistry(recordingLog());
    try {
      const provider = new RecordHoverProvider({ sessions } as unknown as Services);
      await sessions.get(uri);
      const token = new vscode.CancellationTokenSource().token;
      for (const line of lines) await provider.provideHover(doc, new vscode.Position(line, 1), token);
      const direct: number[] = [];
      for (const line of lines) {
        const t = performance.now();
        await provider.provideHover(doc, new vscode.Position(line, 1), token);
        direct.push(performance.now() - t);
      }
      // Cold hovers with alignment (R-Align records have gold judgments): read + align + render.
      const ralign = file('r-align-synthetic.jsonl');
      const ralignDoc = await vscode.workspace.openTextDocument(ralign);
      await sessions.get(ralign);
      const aligned: number[] = [];
      for (let line = 0; line < 48; line++) {
        const t = performance.now();
        await provider.provideHover(ralignDoc, new vscode.Position(line, 1), token);
        aligned.push(performance.now() - t);
      }
      const c = stats(cold);
      const w = stats(warm);
      const d = stats(direct);
      const a = stats(aligned);
      const f = (x: number) => x.toFixed(3);
      console.log(`      hover timings (ms): JudgeBench 200 lines: cold executeHoverProvider median ${f(c.median)} p95 ${f(c.p95)}; warm executeHoverProvider median ${f(w.median)} p95 ${f(w.p95)}; warm provider median ${f(d.median)} p95 ${f(d.p95)}; R-Align 48 lines cold provider (with alignment) median ${f(a.median)} p95 ${f(a.p95)}`);
      assert.equal(aligned.length, 48);
    } finally {
      sessions.dispose();
    }
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
    const path = join(folder, 'single-judgment.jsonl');
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
    const path = join(folder, 'config.json');
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
      // Within the 150 ms debounce: peek declines, get reads again with the pinned format.
      assert.equal(registry.peek(uri), undefined);
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

  test('status bar wording for defined and undefined S-Corr', async () => {
    const text = async (path: string) => {
      const s = await DatasetSession.open(path);
      await s.load();
      return statusText(summaryView(s));
    };
    assert.equal(await text(join(folder, 'r-align-synthetic.jsonl')), 'S-Corr 25.0% · L-Acc 75.0% (n=48)');
    assert.equal(await text(join(folder, 'arena-hard_claude-3-haiku.jsonl')), 'L-Acc 29.6% (n=270) · S-Corr: no gold judgments');
    assert.equal(await text(join(folder, 'malformed.jsonl')), 'S-Corr 33.3% · L-Acc 57.1% (n=14) · $(warning) 3 unreadable');
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

    const dest = vscode.Uri.file(join(folder, 'exports', 'synthetic'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(join(folder, 'exports')));
    const files = await vscode.commands.executeCommand<string[]>('rationaleLens.exportSummary', uri, dest);
    assert.deepEqual(files, [join(folder, 'exports', 'synthetic.summary.md'), join(folder, 'exports', 'synthetic.summary.csv')]);
    const md = readFileSync(files[0] as string, 'utf8');
    assert.match(md, /\| F-Score \| 54\.5% \|[\s\S]*Rationale argues for the other response than its verdict \(heuristic\): \d+ of \d+ judgments checked/);
    // The failure themes (issue 26) follow the figures: the section and its grouping line, a table or "no theme".
    assert.match(md, /\n## Failure themes\n\n.*(grouped|key terms).*\n\n(\| Theme \| Records|No failure is shared)/);
    const csv = readFileSync(files[1] as string, 'utf8').split('\n');
    assert.match(csv[0] as string, /^group,records,labelCorrect,labelAccuracy,sCorr/);
    assert.match(csv[1] as string, /^\(all\),48,36,0\.75,0\.25,/);
    assert.deepEqual(readdirSync(join(folder, 'exports')).sort(), ['synthetic.summary.csv', 'synthetic.summary.md'], 'no temporary files left');
  });
});
