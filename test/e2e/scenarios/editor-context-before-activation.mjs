// "Open Inspector" is in the palette whenever the status bar shows an evaluation file's figures,
// whatever the order of events: the file open before the extension activates (a window reloaded
// with it open), opened from Quick Open (a preview tab), and again after another file was shown.
// The palette is checked once per case, without the retry that runCommand uses for slow starts:
// a missing context key fails the check instead of being waited out. A non-evaluation JSON file
// does not get the command. Ctrl+Alt+I opens the Inspector from the explorer's focused file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const TITLE = 'Rationale Lens: Open Inspector';

/** Whether the palette lists `title` now (the `when` clauses are evaluated when it opens). */
async function paletteHas(page, title) {
  const input = page.locator('.quick-input-widget input.input');
  await page.keyboard.press('Control+Shift+P');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).first();
  const found = await row
    .waitFor({ state: 'visible', timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
  return found;
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  writeFileSync(join(folder, 'config.json'), JSON.stringify({ name: 'not an evaluation file', version: 1 }, null, 2));
  const figures = () => harness.statusBarItem(page, 'S-Corr 25.0%').waitFor({ timeout: 30_000 });

  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await figures();

  // The window reloads with the file open: its tab is restored before the extension activates.
  await harness.runCommand(page, 'Developer: Reload Window');
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ timeout: 30_000 });
  await figures();
  if (!(await paletteHas(page, TITLE))) throw new Error('after a reload with the file open, the status bar shows its figures but the palette has no Open Inspector');

  // Quick Open, three times, with another file shown in between.
  for (let i = 0; i < 3; i++) {
    await harness.runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input.input').fill(i === 1 ? 'config.json' : FILE);
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: i === 1 ? 'config.json' : FILE }).first();
    await pick.waitFor();
    await pick.click();
    if (i === 1) {
      await page.locator('.tabs-container .tab', { hasText: 'config.json' }).waitFor();
      await page.waitForTimeout(1000); // the extension reads it and finds no records
      if (await paletteHas(page, TITLE)) throw new Error('Open Inspector is offered for config.json, which is not an evaluation file');
      continue;
    }
    await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();
    await figures();
    if (!(await paletteHas(page, TITLE))) throw new Error(`Quick Open #${i + 1}: the status bar shows the figures but the palette has no Open Inspector`);
  }
  await harness.screenshot(page, `${name}-quick-open`);

  // The explorer's menu shows Ctrl+Alt+I for Open Inspector: the key works there too, on the
  // explorer's focused file, not on the active editor's (config.json here, not an evaluation file).
  await harness.explorerItem(page, 'config.json').click();
  await page.locator('.editor-group-container.active .tab.active', { hasText: 'config.json' }).waitFor();
  await harness.explorerItem(page, FILE).click({ button: 'right' }); // focuses the row without opening it
  await page.locator('.context-view .monaco-menu').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
  await page.locator('.explorer-folders-view .monaco-list-row.focused', { hasText: FILE }).waitFor();
  await page.keyboard.press('Control+Alt+I');
  await harness.webviewFrame(page).locator('.vrow.selected').waitFor({ timeout: 30_000 });
  await page.locator('.editor-group-container.active .tab.active', { hasText: FILE }).waitFor();
  await harness.screenshot(page, `${name}-explorer-key`);
}
