// The Inspector's view state (selected record, filters, scroll, collapsed sections) survives
// hiding the editor and reloading the window: it lives in the webview's getState/setState, not in
// a retained context. The harness's quiet settings restore no editors on reload
// (window.restoreWindows: none), so this scenario sets "all" for its own page and puts the user
// settings back afterwards.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

export default async function (ctx) {
  const settingsFile = join(ctx.server.userDataDir, 'User', 'settings.json');
  const original = readFileSync(settingsFile, 'utf8');
  writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(original), 'window.restoreWindows': 'all' }, null, 2));
  try {
    await scenario(ctx);
  } finally {
    writeFileSync(settingsFile, original);
  }
}

async function scenario({ page, server, harness, tmp, ROOT }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  let view = await harness.openInInspector(page, server, folder, FILE);
  await view.locator('.vrow.selected').waitFor({ timeout: 30_000 });

  // Filter to label-wrong + unparseable in one subset, search, pick the second row, open thinking, hide responses.
  await view.locator('.chip[data-kind="label-wrong"]').click();
  await view.locator('.chip[data-kind="unparseable"]').click({ modifiers: ['Control'] });
  await view.locator('.list-status', { hasText: '12 records' }).waitFor();
  await view.locator('.details-toggle', { hasText: 'Show details' }).click();
  await view.locator('.subsets .subset-row[data-subset="math"]').click();
  await view.locator('.list-status', { hasText: '4 records' }).waitFor();
  await view.locator('.vrow[data-position="1"]').click();
  const id = (await view.locator('.vrow.selected .c-id').textContent()).trim();
  await view.locator('.record .record-id', { hasText: id }).waitFor();
  await view.locator('.list-head').click();
  await page.keyboard.press('r');
  await view.locator('vscode-collapsible[data-section="responses"][open]').waitFor();
  await view.locator('.details-toggle').click();
  await view.locator('.subsets').waitFor({ state: 'detached' });

  // Hidden (another tab in front: the webview is destroyed), then shown again.
  await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
  await page.locator('.editor-group-container.active .monaco-editor').first().waitFor();
  await page.locator('.tabs-container .tab', { hasText: FILE }).nth(1).click();
  view = harness.webviewFrame(page);
  await view.locator('.record .record-id', { hasText: id }).waitFor({ timeout: 30_000 });
  await view.locator('.list-status', { hasText: '4 records' }).waitFor();

  // Reloaded with the window.
  await harness.runCommand(page, 'Developer: Reload Window');
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
  view = harness.webviewFrame(page);
  await view.locator('.record .record-id', { hasText: id }).waitFor({ timeout: 30_000 });
  await view.locator('.vrow.selected .c-id', { hasText: id }).waitFor();
  await view.locator('.list-status', { hasText: '4 records' }).waitFor();
  await view.locator('.chip[data-kind="label-wrong"][aria-pressed="true"]').waitFor();
  await view.locator('.chip[data-kind="unparseable"][aria-pressed="true"]').waitFor();
  await view.locator('.chip[data-kind="spurious"][aria-pressed="false"]').waitFor();
  await view.locator('vscode-collapsible[data-section="responses"][open]').waitFor();
  await view.locator('.details-toggle', { hasText: 'Show details' }).waitFor();
  const subset = await view.locator('vscode-single-select.subset-select').evaluate((el) => el.value);
  if (subset !== 'math') throw new Error(`subset filter after reload: ${JSON.stringify(subset)}`);
}
