// The raw evaluation file is informative by itself: opening samples/r-align-synthetic.jsonl as
// text shows its figures in the status bar, a hover on a record line tells that record's story and
// its command links run (a human mark updates the status bar), Go to Next Spurious Record is in the
// palette and moves the cursor, and a click on the status bar opens the summary. Hostile record
// text shows as text in the rendered hover.
import { join } from 'node:path';

export const timeout = 90_000;

export default async function ({ page, server, harness, ROOT, tmp, name }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE), join(ROOT, 'samples', 'hostile.jsonl')], { parent: tmp });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ state: 'visible' });

  // Status bar: the figures of the file (samples/README.md: L-Acc 75.00%, S-Corr 25.00%).
  const status = harness.statusBarItem(page, 'S-Corr');
  await status.waitFor({ state: 'visible', timeout: 30_000 });
  const text = (await status.innerText()).replace(/\s+/g, ' ').trim();
  if (text !== 'S-Corr 25.0% · L-Acc 75.0% (n=48)') throw new Error(`status bar says "${text}"`);

  // Hover on record ra-008 (line 8): spurious, with the fidelity verdict's origin and command links.
  const token = harness.editorToken(page, '"ra-008"');
  await token.waitFor({ state: 'visible' });
  const box = await harness.hover(page, token);
  const card = box.locator('.hover-contents').filter({ hasText: 'Rationale Lens' }).first();
  await card.waitFor({ state: 'visible' });
  const hoverText = (await card.innerText()).replace(/\s+/g, ' ');
  for (const expected of ['record ra-008 (8 of 48)', 'spurious: label-correct, rationale misaligned', 'Fidelity: Incorrect (misaligned) · from the file', 'lexical heuristic', 'Rationale', 'Gold judgment', 'Open in Inspector', 'Mark aligned', 'Mark misaligned']) {
    if (!hoverText.includes(expected)) throw new Error(`hover lacks "${expected}": ${hoverText.slice(0, 600)}`);
  }
  const links = await card.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
  if (!links.some((h) => h.startsWith('command:rationaleLens.openRecord'))) throw new Error(`no Inspector link among ${links.join(' ')}`);
  await harness.screenshot(page, `${name}-hover`);

  // A command link in the hover runs (enabledCommands): mark ra-008 aligned; S-Corr drops to 7/32.
  await card.getByRole('link', { name: /Mark aligned/ }).click();
  const note = page.locator('.quick-input-widget input.input');
  await note.waitFor({ state: 'visible' });
  await note.fill('names the unit mistake after all');
  await page.keyboard.press('Enter');
  await harness.statusBarItem(page, 'S-Corr 21.9% · L-Acc 75.0% (n=48)').waitFor({ state: 'visible', timeout: 15_000 });
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');

  // The palette offers the command on an evaluation file (context key), and it moves the cursor.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await harness.runCommand(page, 'Rationale Lens: Go to Next Spurious Record');
  await harness.statusBarItem(page, 'Ln 12,').waitFor({ state: 'visible' }); // ra-008 is aligned now
  await harness.runCommand(page, 'Rationale Lens: Go to Next Spurious Record');
  await harness.statusBarItem(page, 'Ln 18,').waitFor({ state: 'visible' });

  // Tooltip, then click: the summary opens as a rendered preview.
  await status.hover();
  const tooltip = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'F-Score' }).first();
  await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
  const tip = (await tooltip.innerText()).replace(/\s+/g, ' ');
  for (const expected of ['56.8%', '25/44 aligned', 'label correct', 'misaligned']) if (!tip.includes(expected)) throw new Error(`tooltip lacks "${expected}": ${tip.slice(0, 400)}`);
  await harness.screenshot(page, `${name}-tooltip`);
  await status.click();
  await page.locator('.tabs-container .tab', { hasText: 'summary' }).first().waitFor({ state: 'visible' });
  const view = harness.webviewFrame(page);
  await view.locator('td', { hasText: 'S-Corr' }).first().waitFor({ state: 'visible' });
  await view.locator('td', { hasText: '21.9%' }).first().waitFor({ state: 'visible' });

  // Hostile record text renders as text: no element from the record, only command links.
  await harness.explorerItem(page, 'hostile.jsonl').click();
  await page.locator('.tabs-container .tab', { hasText: 'hostile.jsonl' }).waitFor({ state: 'visible' });
  // Its raw U+2028/U+2029 make VS Code offer to strip them (editor.unusualLineTerminators): keep the data.
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'unusual line terminators' });
  await dialog.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Ignore' }).click();
  const hostile = await harness.hover(page, harness.editorToken(page, '"rx-002'));
  const hostileCard = hostile.locator('.hover-contents').filter({ hasText: 'Rationale Lens' }).first();
  await hostileCard.waitFor({ state: 'visible' });
  const injected = await hostileCard.locator('img, iframe, script, svg:not(.codicon), object, style, details, base, meta, a:not([data-href^="command:rationaleLens."])').count();
  await harness.screenshot(page, `${name}-hostile`);
  if (injected) throw new Error(`${injected} element(s) from record text in the hover`);
  const shownText = await hostileCard.innerText();
  if (!shownText.includes('rx-002"><svg onload=alert(1)>')) throw new Error(`the hostile id is not shown as text: ${shownText.slice(0, 300)}`);
}
