// samples/malformed.jsonl in the text editor: squiggles and Problems panel entries for the bad
// lines, gutter marks on label-wrong/unparseable/spurious records, and the marks switched off live
// by `rationaleLens.marks.enabled`. With word wrap on, a record that wraps over many rows has one
// dot, on its first row, in its Inspector class colour (not VS Code's error/warning glyphs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 90_000;

export default async function ({ page, server, harness, ROOT, tmp, name }) {
  const FILE = 'malformed.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ state: 'visible' });

  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
  const marks = editor.locator('.cgmr');
  await marks.first().waitFor({ state: 'attached' });
  // ra-007, ra-003, ra-006, ra-020, ra-047, ra-023-gold-c, ra-021-no-gold are label-wrong or unparseable;
  // ra-008 and ra-012 are spurious: at least those visible in the viewport carry a mark.
  const count = await marks.count();
  if (count < 5) throw new Error(`only ${count} gutter marks`);
  // The line numbers of the marks in view, before wrapping.
  const markedLines = await editor.evaluate((el) => {
    const numbered = [...el.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({ top: Math.round(n.getBoundingClientRect().top), text: n.textContent.trim() }));
    return [...el.querySelectorAll('.cgmr')].map((m) => numbered.find((n) => Math.abs(n.top - Math.round(m.getBoundingClientRect().top)) <= 2)?.text).filter(Boolean);
  });
  if (!markedLines.length) throw new Error('no mark on a numbered row');
  // Word wrap on (live, from the workspace settings).
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'editor.wordWrap': 'on' }));
  // A wrapped row has a view line but no line number.
  const continuationRows = () => editor.evaluate((el) => el.querySelectorAll('.view-lines .view-line').length - el.querySelectorAll('.margin-view-overlays .line-numbers').length);
  for (const until = Date.now() + 15_000; (await continuationRows()) < 3; ) {
    if (Date.now() > until) throw new Error('word wrap did not wrap any record');
    await page.waitForTimeout(200);
  }
  // Go to a marked record: it now wraps over many rows.
  await editor.click({ position: { x: 400, y: 100 } });
  await page.keyboard.press('Control+G');
  await page.keyboard.type(markedLines[0]);
  await page.keyboard.press('Enter');
  await harness.statusBarItem(page, `Ln ${markedLines[0]}, Col 1`).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await harness.screenshot(page, `${name}-wrapped`);
  // One dot per record: every mark sits on a row that shows a line number (a record's first row),
  // never on a wrapped continuation row, and no two marks share a row.
  const rows = await editor.evaluate((el) => {
    const numbered = [...el.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({ top: Math.round(n.getBoundingClientRect().top), text: n.textContent.trim() }));
    return [...el.querySelectorAll('.cgmr')].map((m) => {
      const top = Math.round(m.getBoundingClientRect().top);
      const row = numbered.find((n) => Math.abs(n.top - top) <= 2);
      return { top, line: row ? row.text : null, icon: m.ownerDocument.defaultView.getComputedStyle(m).backgroundImage };
    });
  });
  if (rows.length === 0) throw new Error(`no gutter marks with word wrap on (${await marks.count()} .cgmr; glyph margin ${await editor.locator('.glyph-margin').count()}; ${JSON.stringify(await editor.evaluate((el) => [...el.querySelectorAll('[class*=cgmr], .glyph-margin-widgets > div')].slice(0,5).map((d) => d.className + ' ' + d.style.top)))})`);
  const offRow = rows.filter((r) => !r.line);
  if (offRow.length) throw new Error(`${offRow.length} of ${rows.length} gutter marks sit on wrapped continuation rows`);
  if (new Set(rows.map((r) => r.top)).size !== rows.length) throw new Error('two gutter marks on one row');
  const icons = new Set(rows.map((r) => /marks\/([a-z-]+)-(dark|light)\.svg/.exec(decodeURIComponent(r.icon))?.[1] ?? r.icon));
  for (const icon of icons) if (!['spurious', 'label-wrong', 'unparseable'].includes(icon)) throw new Error(`unexpected gutter icon ${icon}`);

  // Problems panel.
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  for (const text of ['invalid JSON', 'expected a JSON object, found an array', 'invalid UTF-8 bytes', 'missing gt_label', 'No usable verdict in model_pred']) {
    await panel.locator('.monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  await harness.screenshot(page, `${name}-problems`);

  // Switching the marks off in the workspace settings removes them without a reload.
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'editor.wordWrap': 'on', 'rationaleLens.marks.enabled': false }));
  const deadline = Date.now() + 15_000;
  while ((await marks.count()) > 0) {
    if (Date.now() > deadline) throw new Error(`gutter marks still shown after disabling them (${await marks.count()})`);
    await page.waitForTimeout(200);
  }
}
