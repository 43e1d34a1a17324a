// The Themes view: a file whose spurious rationales miss one of two decisive reasons (a unit slip, an
// off-by-one loop) shows two failure themes with their figures; a theme's title lists only its
// records, a record shows its themes, a rename is saved beside the file and shown again after the
// Inspector is closed and reopened (a later CLI run reads it too: test/unit/core/themes/cli-themes.test.ts),
// and "list all" lists every record again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const FILE = 'themes.jsonl';

function row(i, gold, rationale, pred, verdict) {
  return JSON.stringify({
    id: `t${i}`,
    conversations: [{ role: 'user', content: `Question ${i}` }],
    response_A: `Answer A ${i}`,
    response_B: `Answer B ${i}`,
    gt_label: 'A',
    gt_judgment: gold,
    model_judgment: `${rationale}\n\n\\boxed{${pred}}`,
    model_pred: pred,
    metarm_verdict: verdict,
  });
}

function themesFile() {
  const unit = (n) => `Response B converts grams to kilograms wrongly, dividing by ${n} instead of 1000.`;
  const loop = (n) => `Response B has an off-by-one loop that skips the last element of the array after ${n} steps.`;
  const rows = [];
  for (let i = 0; i < 4; i++) rows.push(row(rows.length, unit(10 + i), 'Response A is more detailed and more helpful overall.', 'A', 'Incorrect'));
  for (let i = 0; i < 3; i++) rows.push(row(rows.length, loop(20 + i), 'Response A feels more complete and polished.', 'A', 'Incorrect'));
  rows.push(row(rows.length, unit(99), 'Response B converts grams to kilograms wrongly.', 'A', 'Correct'));
  return rows.join('\n') + '\n';
}

export default async function ({ page, server, harness, tmp, name }) {
  const folder = harness.makeWorkspace([], { parent: tmp });
  writeFileSync(join(folder, FILE), themesFile());
  const view = await harness.openInInspector(page, server, folder, FILE);
  await view.locator('.metrics[data-state="final"]').waitFor({ timeout: 30_000 });
  await view.locator('.list-status', { hasText: /^8 records/ }).waitFor({ timeout: 15_000 });

  await view.locator('button.themes-toggle').click();
  const unit = view.locator('li.theme', { hasText: 'grams' });
  await unit.waitFor({ timeout: 30_000 });
  await unit.locator('.theme-figures', { hasText: '4 records · 4 spurious · S-Corr 100.0% · L-Acc 100.0%' }).waitFor();
  await view.locator('li.theme', { hasText: 'array' }).locator('.theme-figures', { hasText: '3 records · 3 spurious' }).waitFor();
  await view.locator('.themes-summary', { hasText: '7 spurious records, 7 explained by a theme' }).waitFor();

  // The theme filters the list: its four records only, with the note that says why.
  await unit.locator('button.theme-title').click();
  await view.locator('.list-status', { hasText: /^4 records/ }).waitFor({ timeout: 15_000 });
  await view.locator('text=failure theme').first().waitFor();
  const rows = view.locator('.vrow[data-index]:not([hidden])');
  const shown = [];
  for (let i = 0; i < 4; i++) shown.push(await rows.nth(i).getAttribute('data-index'));
  if (shown.join(',') !== '0,1,2,3') throw new Error(`the unit theme listed records ${shown.join(',')}`);

  // A record shows its themes.
  await rows.nth(1).click();
  await view.locator('.record[data-index="1"] .record-themes .theme-chip', { hasText: 'grams' }).waitFor({ timeout: 15_000 });
  await harness.screenshot(page, `${name}-filtered`);

  // Rename: saved beside the file, and shown after the Inspector is opened again.
  await unit.locator('button[data-action="rename-theme"]').click();
  const field = view.locator('input.theme-rename');
  await field.fill('Unit slips');
  await field.press('Enter');
  await view.locator('li.theme button.theme-title', { hasText: 'Unit slips' }).waitFor({ timeout: 15_000 });
  const side = readFileSync(join(folder, `${FILE}.rlens-themes.jsonl`), 'utf8');
  if (!side.includes('"action":"rename"') || !side.includes('Unit slips')) throw new Error(`the rename was not saved beside the file: ${side}`);

  // "list all" lists every record again.
  await view.locator('button[data-action="clear-theme"]').click();
  await view.locator('.list-status', { hasText: /^8 records/ }).waitFor({ timeout: 15_000 });

  await harness.screenshot(page, `${name}-renamed`);

  // The rename survives a reload: the Inspector closed and opened again reads it from beside the file.
  const again = await harness.reopenInspector(page, FILE);
  await again.locator('.metrics[data-state="final"]').waitFor({ timeout: 30_000 });
  await again.locator('button.themes-toggle').click();
  await again.locator('li.theme button.theme-title', { hasText: 'Unit slips' }).waitFor({ timeout: 30_000 });
  await again.locator('li.theme', { hasText: 'Unit slips' }).locator('.theme-figures', { hasText: '4 records · 4 spurious' }).waitFor();
  await harness.screenshot(page, `${name}-reopened`);
}
