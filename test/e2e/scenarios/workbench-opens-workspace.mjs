// The workbench opens a workspace folder holding a real evaluation file, the explorer lists the
// file, and Rationale Lens is listed among the installed extensions.
//
// A scenario is a module in test/e2e/scenarios/ whose default export receives
//   { page, server, browser, harness, name, fixture(rel), FIXTURES_DIR, ROOT, tmp }
// on a fresh page; it throws to fail. run.mjs saves test-results/<file name>.png after it.
// `export const timeout = ms` overrides the default 90 s.
export const timeout = 90_000;

export default async function ({ page, server, harness, fixture, tmp }) {
  const FILE = 'arena-hard_claude-3-haiku.jsonl';
  const folder = harness.makeWorkspace([fixture(`judgebench/${FILE}`)], { parent: tmp });

  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });

  // Opening the file shows its first record in an editor.
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ state: 'visible' });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });

  // The Extensions view lists it under the code-server host's INSTALLED section.
  await harness.runCommand(page, 'View: Show Extensions');
  const installed = page.locator('.extensions-viewlet .pane').filter({ has: page.locator('.pane-header', { hasText: /- Installed/i }) });
  const item = installed.locator('.extension-list-item').filter({ has: page.locator('.name', { hasText: harness.PKG.displayName }) });
  await item.first().waitFor({ state: 'visible' });
  await item.first().click();
  // Its details page opens in an editor, with the manifest's description.
  await page.locator('.extension-editor .description', { hasText: harness.PKG.description.slice(0, 40) }).waitFor({ state: 'visible' });
}
