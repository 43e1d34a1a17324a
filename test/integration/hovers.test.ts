// Record hovers in the real extension host: content, the gutter legend, JSON-array elements,
// escaping of hostile records and their command links, and hover timings (printed; the limits live in
// the benches).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { DatasetSession } from '../../src/core/session/session';
import type { Services } from '../../src/extension/services';
import { RecordHoverProvider } from '../../src/extension/editor/hoverProvider';
import { SessionRegistry } from '../../src/extension/sessions';
import { recordingLog } from '../support/recordingLog';
import { file, fixtures, hoverValues, lensHover, placeFixtures, unescape } from './editorFixtures';

const ALLOWED = new Set(['rationaleLens.openRecord', 'rationaleLens.rejudgeRecord', 'rationaleLens.markAligned', 'rationaleLens.markMisaligned', 'rationaleLens.copyRecordLink']);

/** Unescaped link targets `](target)` in Markdown. */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\(([^)\s]+)/g)].map((m) => m[1] as string);
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
}

suite('Editor: record hovers', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await placeFixtures();
  });

  suiteTeardown(async () => {
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

  test('hover on a judge-failed record names its class and how F-Score counts it', async () => {
    const uri = file('r-align-synthetic.jsonl');
    await vscode.window.showTextDocument(uri);
    const text = unescape(await lensHover(uri, 13)); // ra-014: label-correct, CallFail
    assert.match(text, /record \*\*ra-014\*\*/);
    assert.match(text, /⚪ judge failed: label-correct, the fidelity judge gave no usable verdict · F-Score leaves it out/);
    assert.match(text, /Fidelity: \*\*CallFail\*\*/);
    assert.ok(text.includes('aligned, judge-failed and never-judged records have none'), text);
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
    const path = join(fixtures.folder, 'llmbar-result.json');
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
});
