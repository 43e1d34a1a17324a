// Marking a spurious record aligned (with a note) updates the header live — S-Corr, the class
// counts, the list — and the record shows the human verdict; clearing the mark restores the figures.
// Editing the file on disk refreshes the view too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

export default async function ({ page, server, harness, tmp, ROOT }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  const view = await harness.openInInspector(page, server, folder, FILE);
  const sCorr = view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
  await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 30_000 });

  await view.locator('.chip[data-kind="spurious"]').click();
  await view.locator('.list-status', { hasText: /^8 records/ }).waitFor();
  const id = (await view.locator('.vrow.selected .c-id').textContent()).trim();
  await view.locator('.record .record-id', { hasText: id }).waitFor();
  await view.locator('.mark-note input').fill('names the decisive error after all');
  await view.locator('vscode-button[data-action="mark-aligned"]').click();

  // 7 of 32 judged label-correct rationales are now misaligned.
  await sCorr.filter({ hasText: '21.9%' }).waitFor({ timeout: 15_000 });
  await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-note', { hasText: '7/32' }).waitFor();
  await view.locator('.chip[data-kind="spurious"] .chip-count', { hasText: /^7$/ }).waitFor();
  await view.locator('.list-status', { hasText: /^7 records/ }).waitFor();
  await view.locator('.record .record-id', { hasText: id }).waitFor();
  await view.locator('.record .origin-human').waitFor();
  await view.locator('.record .fidelity-note', { hasText: 'names the decisive error after all' }).waitFor();
  // The file's verdict the mark overrides stays in sight.
  await view.locator('.record .overridden[data-origin="file"]', { hasText: 'overrides Incorrect: misaligned from the file' }).waitFor();
  await harness.screenshot(page, 'inspector-mark-marked');

  await view.locator('vscode-button[data-action="mark-clear"]').click();
  await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 15_000 });
  await view.locator('.list-status', { hasText: /^8 records/ }).waitFor();

  // The file changes on disk (another spurious record's verdict flips to Correct): the view follows.
  const path = join(folder, FILE);
  const lines = readFileSync(path, 'utf8').split('\n');
  const k = lines.findIndex((l) => l.includes('"metarm_verdict":"Incorrect"') && !l.includes(`"id":"${id}"`));
  lines[k] = lines[k].replace('"metarm_verdict":"Incorrect"', '"metarm_verdict":"Correct"');
  writeFileSync(path, lines.join('\n'));
  await sCorr.filter({ hasText: '21.9%' }).waitFor({ timeout: 20_000 });
  await view.locator('.list-status', { hasText: /^7 records/ }).waitFor();
}
