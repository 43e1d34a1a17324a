// samples/malformed.jsonl in the text editor: squiggles and Problems panel entries for the bad
// lines, gutter marks on label-wrong/unparseable/spurious records, and the marks switched off live
// by `rationaleLens.marks.enabled`.
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

  // Problems panel.
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  for (const text of ['invalid JSON', 'expected a JSON object, found an array', 'invalid UTF-8 bytes', 'missing gt_label', 'No usable verdict in model_pred']) {
    await panel.locator('.monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  await harness.screenshot(page, `${name}-problems`);

  // Switching the marks off in the workspace settings removes them without a reload.
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'rationaleLens.marks.enabled': false }));
  const deadline = Date.now() + 15_000;
  while ((await marks.count()) > 0) {
    if (Date.now() > deadline) throw new Error(`gutter marks still shown after disabling them (${await marks.count()})`);
    await page.waitForTimeout(200);
  }
}
