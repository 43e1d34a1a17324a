// Problems entries name their record and sit where its id is in view: a record whose bad field sits
// at column 1,287 of its line gets an entry on its id (column < 160) that says "Record 2 (…)", the
// field and its column, with the field's exact place as the entry's related location.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';

suite('Problems: entries name the record and land on its id', () => {
  test('a field problem far along a long line: on the id, named, with the field as related location', async () => {
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws);
    const filler = 'x'.repeat(1200);
    const record = (id: string, gold: string) => ({ id, conversations: [{ role: 'user', content: filler }], response_A: 'a', response_B: 'b', gt_judgment: 'A is right.', gt_label: gold, model_judgment: 'A. \\boxed{A}', model_pred: 'A' });
    const path = join(ws.uri.fsPath, 'long-lines-problems.jsonl');
    writeFileSync(path, [record('ok-1', 'A'), record('far-gold-2', 'C')].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(uri, { preview: false });
    const d = await until('the gold-label warning', () => vscode.languages.getDiagnostics(uri).find((x) => x.source === 'Rationale Lens' && /gt_label/.test(x.message)));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(d.message, /^Record 2 \(far-gold-2\): /, d.message);
    assert.equal(d.range.start.line, 1);
    assert.ok(d.range.start.character < 160, `the entry sits at column ${d.range.start.character + 1}`);
    assert.equal(doc.getText(d.range), '"far-gold-2"', 'on the id');
    const related = d.relatedInformation?.[0];
    assert.ok(related, 'the field is the related location');
    assert.ok(related.location.range.start.character > 1200, 'the field is far along the line');
    assert.ok(doc.getText(related.location.range).startsWith('"gt_label"'));
    assert.match(d.message, new RegExp(`column ${(related.location.range.start.character + 1).toLocaleString('en-US')}\\)$`));
  });

  test('the rationale-vs-verdict entries cover the whole file (a contradiction at record 20,401), and past the panel\u2019s 1,000 one entry says how many more', async function () {
    this.timeout(240_000);
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws);
    const argues = (x: 'A' | 'B') => `Response ${x} is correct and complete; Response ${x === 'A' ? 'B' : 'A'} contains a factual error.\n\nResponse ${x} is clearly better.`;
    const row = (i: number, contradicts: boolean) => JSON.stringify({ id: `r${i}`, conversations: [{ role: 'user', content: 'Q?' }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: 'A is right.', model_pred: 'A', model_judgment: `${argues(contradicts ? 'B' : 'A')} \\boxed{A}` });
    const write = (name: string, n: number, contradicting: (i: number) => boolean) => {
      const path = join(ws.uri.fsPath, name);
      writeFileSync(path, Array.from({ length: n }, (_, i) => row(i, contradicting(i))).join('\n') + '\n');
      return vscode.Uri.file(path);
    };
    const contradictions = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Rationale Lens' && d.code === 'contradicts-verdict');
    const whole = write('contradictions-whole.jsonl', 20_600, (i) => i === 2 || i === 20_400);
    await vscode.window.showTextDocument(whole, { preview: false });
    const found = await until('both contradictions, the second past record 20,000', () => { const c = contradictions(whole); return c.length === 2 && c; }, 200_000);
    assert.deepEqual(found.map((d) => d.range.start.line), [2, 20_400]);
    assert.match(found[1]?.message ?? '', /argues for B but the verdict is A/);
    const many = write('contradictions-many.jsonl', 1_010, (i) => i >= 5);
    await vscode.window.showTextDocument(many, { preview: false });
    const more = await until('the "more" entry', () => contradictions(many).find((d) => /more records/.test(d.message)), 200_000);
    assert.match(more.message, /^6 more records\u2019 rationales argue for the other response .* at most 1,000 entries .* \u201cContradicts its verdict\u201d to list all 1,005\.$/);
    assert.equal(contradictions(many).length, 1_000);
  });
});
