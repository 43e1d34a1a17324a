// "Audit the Fidelity Judge…": a seeded, stratified sample of label-correct judged records, listed
// alone with a note; the user marks each by their own reading and the header reports the judge's
// agreement with them (κ, agreement, 2×2); "End Audit" lists every record again.
import { join } from 'node:path';

export const timeout = 120_000;

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  const view = await harness.openInInspector(page, server, folder, FILE);
  await view.locator('.metrics[data-state="final"]').waitFor({ timeout: 30_000 });

  await harness.runCommand(page, 'Rationale Lens: Audit the Fidelity Judge…');
  const input = page.locator('.quick-input-widget input.input');
  await page.locator('.quick-input-widget', { hasText: 'Audit the Fidelity Judge' }).waitFor();
  await input.fill('4');
  await page.keyboard.press('Enter');
  await view.locator('.list-status', { hasText: /^4 records/ }).waitFor({ timeout: 15_000 });
  await view.locator('text=audit of the fidelity judge: 4 label-correct records sampled').first().waitFor();

  // Mark the four: the two the judge called aligned as aligned, the two it called misaligned as aligned too.
  const rows = view.locator('.vrow[data-index]:not([hidden])');
  for (let i = 0; i < 4; i++) {
    await rows.nth(i).click();
    const index = await rows.nth(i).getAttribute('data-index');
    await view.locator(`.record[data-index="${index}"]`).waitFor();
    await view.locator('vscode-button[data-action="mark-aligned"]').click();
    await view.locator(`.record[data-index="${index}"] .origin-human`).waitFor({ timeout: 10_000 });
  }
  const audit = view.locator('.judge-audit');
  // Four marks are below κ's minimum of 10: the line says so and gives the counts, no rate.
  await audit.filter({ hasText: 'too few marks for κ (4 of 10) · 2 of 4 agreed' }).waitFor({ timeout: 15_000 });
  await audit.filter({ hasText: 'judge misaligned: 0 agreed, 2 marked aligned' }).waitFor();
  await harness.screenshot(page, `${name}-agreement`);

  await harness.runCommand(page, 'Rationale Lens: End Audit');
  await view.locator('.list-status', { hasText: /^48 records/ }).waitFor({ timeout: 15_000 });
}
