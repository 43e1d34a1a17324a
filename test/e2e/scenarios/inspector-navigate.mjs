// Filter the Inspector to spurious records, step through them with the keyboard (j/k/s, Home/End,
// PageUp/PageDown), see the alignment highlights, hover a claim and see its match light up on the
// other side, and reveal the record in a text editor at its line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

/** Spurious records by the R-Align rules: label-correct (after trimming) and metarm_verdict Incorrect. */
function spuriousIds(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter((r) => typeof r.model_pred === 'string' && ['A', 'B'].includes(r.model_pred.trim()) && r.model_pred.trim() === String(r.gt_label).trim() && r.metarm_verdict === 'Incorrect')
    .map((r) => r.id);
}

export default async function ({ page, server, harness, tmp, ROOT }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  const spurious = spuriousIds(join(folder, FILE));
  if (spurious.length < 3) throw new Error(`fixture has only ${spurious.length} spurious records`);

  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector');
  const view = harness.webviewFrame(page);
  await view.locator('.vrow.selected').waitFor({ timeout: 30_000 });

  // Filter to spurious: the list holds exactly the spurious records and the first one is shown.
  await view.locator('.chip[data-kind="spurious"]').click();
  await view.locator('.list-status', { hasText: `${spurious.length} records` }).waitFor();
  const selectedId = () => view.locator('.record .record-id').textContent();
  const expectRecord = async (id) => {
    await view.locator('.record .record-id', { hasText: id }).waitFor({ timeout: 10_000 });
    await view.locator('.vrow.selected .c-id', { hasText: id }).waitFor({ timeout: 10_000 });
  };
  await expectRecord(spurious[0]);
  const ids = await view.locator('.vrow[data-index]:not([hidden]) .c-id').allTextContents();
  if (JSON.stringify(ids) !== JSON.stringify(spurious)) throw new Error(`spurious list ${ids.join(',')}, expected ${spurious.join(',')}`);
  await view.locator('.record .c-kind.kind-spurious').waitFor();

  // Keyboard: j, j, k, then s (next spurious) from the second one.
  await view.locator('.list-head').click(); // focus inside the webview, outside any field
  await page.keyboard.press('j');
  await expectRecord(spurious[1]);
  await page.keyboard.press('j');
  await expectRecord(spurious[2]);
  await page.keyboard.press('k');
  await expectRecord(spurious[1]);
  await page.keyboard.press('s');
  await expectRecord(spurious[2]);
  await page.keyboard.press('ArrowUp');
  await expectRecord(spurious[1]);
  // Home/End/PageDown/PageUp move along the list (it fits on one screen: a page reaches its end).
  const last = spurious[spurious.length - 1];
  await page.keyboard.press('End');
  await expectRecord(last);
  await page.keyboard.press('Home');
  await expectRecord(spurious[0]);
  await page.keyboard.press('PageDown');
  await expectRecord(last);
  await page.keyboard.press('PageUp');
  await expectRecord(spurious[0]);
  // After a click in the record they scroll the record, as the browser does, and leave the list alone.
  await view.locator('.record .record-meta').click();
  await page.keyboard.press('End');
  await page.waitForTimeout(300);
  await expectRecord(spurious[0]);
  await view.locator('.list-head').click();

  // Help overlay.
  await page.keyboard.press('?');
  await view.locator('.help-overlay:not([hidden])', { hasText: 'next spurious record' }).waitFor();
  for (const key of ['Home', 'End', 'PageUp', 'PageDown', 'o', 'l']) await view.locator('.help-overlay kbd', { hasText: new RegExp(`^${key}$`) }).waitFor();
  await page.keyboard.press('Escape');
  await view.locator('.help-overlay').waitFor({ state: 'hidden' });

  // Thinking toggles with t (collapsed by default).
  await page.keyboard.press('t');

  // Highlights: the rationale's claims are drawn in place, and hovering a matched claim (shared or
  // conflict) lights up its partner in the gold judgment. Spurious rationales often share nothing
  // with the gold, so look through the whole file for one that does.
  const rationale = view.locator('.judgment .annotated[data-side="rationale"]').first();
  await rationale.locator('.claim').first().waitFor();
  await view.locator('.chip[data-kind="all"]').click();
  await view.locator('.list-status', { hasText: /^48 records/ }).waitFor();
  await view.locator('.list-head').click();
  const matched = rationale.locator('.claim.cls-shared, .claim.cls-conflict');
  for (let i = 0; i < 48; i++) {
    await view.locator('.record-pane:not(.stale) .judgment').first().waitFor();
    if ((await matched.count()) > 0) break;
    await page.keyboard.press('j');
  }
  const hoverTarget = matched.first();
  await view.locator('.annotated[data-side="gold"] .claim').first().waitFor();
  await hoverTarget.scrollIntoViewIfNeeded();
  await hoverTarget.hover();
  await view.locator('.annotated[data-side="gold"] .claim.linked').first().waitFor({ timeout: 5000 });
  await view.locator('.annotated[data-side="rationale"] .claim.linked-source').first().waitFor();
  const id = (await selectedId()).trim();

  // Reveal in text editor (o): a text editor opens on the file with the record's line selected.
  const line = Number(/line (\d+)/.exec(await view.locator('.record .record-meta').textContent())[1]);
  // Keys: l copies the record's link (the status bar says so), o reveals it, like the Reveal button.
  await page.keyboard.press('l');
  await harness.statusBarItem(page, 'copied').waitFor({ timeout: 15_000 });
  await page.keyboard.press('o');
  await harness.statusBarItem(page, `Ln ${line}, Col 1`).waitFor({ timeout: 15_000 });
  await page.locator('.editor-group-container.active .tab.active', { hasText: FILE }).waitFor();
  if (!(await page.locator('.editor-group-container.active .monaco-editor').first().isVisible())) throw new Error('no text editor after Reveal');
  if (!id) throw new Error('no record id');
}
