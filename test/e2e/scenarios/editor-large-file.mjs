// A file over 50 MB is never handed to extensions as a document (no activeTextEditor, no hover
// requests), yet the status bar reads it from disk through the active tab, the commands are offered
// (context key) and the summary opens. 547 copies of samples/r-align-synthetic.jsonl: same figures.
// The large-file confirmation is lowered to 10 MB so VS Code shows its "very large" placeholder and
// opens nothing, as it does for a 1 GB file: no language, so no onLanguage activation either; the
// extension starts through `workspaceContains:**/*.jsonl` and indexes the file in its workers (byte
// ranges, one a core: the one whole-file pass, whose final figures the status bar shows, the same as
// `rationale-lens stats` on the file).
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { execPath } from 'node:process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

export default async function ({ page, server, harness, ROOT, tmp, name }) {
  const restore = harness.patchUserSettings(server, { 'workbench.editorLargeFileConfirmation': 10 });
  try {
    await run({ page, server, harness, ROOT, tmp, name });
  } finally {
    restore();
  }
}

async function run({ page, server, harness, ROOT, tmp, name }) {
  const FILE = 'large-r-align.jsonl';
  const folder = harness.makeWorkspace([], { parent: tmp });
  const lines = readFileSync(join(ROOT, 'samples', 'r-align-synthetic.jsonl'), 'utf8').split('\n').filter(Boolean);
  const copies = 547;
  const out = [];
  for (let c = 0; c < copies; c++) for (const line of lines) out.push(line.replace(/^\{"id":"(ra-\d+)"/, `{"id":"$1-${c}"`));
  const text = `${out.join('\n')}\n`;
  writeFileSync(join(folder, FILE), text);
  if (Buffer.byteLength(text) <= 50 * 1024 * 1024) throw new Error(`the test file is only ${Buffer.byteLength(text)} bytes`);

  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ state: 'visible' });
  // VS Code asks whether to open the file at all; it stays unopened.
  await page.getByRole('button', { name: /open anyway/i }).first().waitFor({ state: 'visible', timeout: 15_000 });

  // While the file is read the figures of the records so far may show, with a spinner; then the whole file's.
  const status = page.locator('.part.statusbar .statusbar-item', { hasText: 'S-Corr' }).filter({ hasNot: page.locator('.codicon') }).first();
  await status.waitFor({ state: 'visible', timeout: 60_000 });
  const shown = (await status.innerText()).replace(/\s+/g, ' ').trim();
  if (shown !== `S-Corr 25.0% · L-Acc 75.0% (n=${(copies * 48).toLocaleString('en-US')})`) throw new Error(`status bar says "${shown}"`);
  const cli = JSON.parse(execFileSync(execPath, [join(ROOT, 'dist', 'cli.js'), 'stats', join(folder, FILE), '--json', '--quiet'], { encoding: 'utf8' }));
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const fromCli = `S-Corr ${pct(cli.sCorr)} · L-Acc ${pct(cli.labelAccuracy)} (n=${cli.records.toLocaleString('en-US')})`;
  if (shown !== fromCli) throw new Error(`status bar says "${shown}", \`rationale-lens stats\` "${fromCli}"`);
  await harness.screenshot(page, `${name}-status`);

  // The placeholder holds the keyboard focus (and F1 with it): give it to the explorer.
  await harness.explorerItem(page, FILE).click();
  await harness.runCommand(page, 'Rationale Lens: Show S-Corr Summary');
  await page.locator('.tabs-container .tab', { hasText: 'summary' }).first().waitFor({ state: 'visible' });
  await harness.webviewFrame(page).locator('td', { hasText: '26256' }).first().waitFor({ state: 'visible' });

  // The hint VS Code's own page does not give: the Inspector reads the file; its button opens it.
  const hint = harness.notification(page, 'VS Code does not give files over 50 MB to extensions');
  await hint.waitFor({ timeout: 15_000 });
  await hint.locator('.monaco-button', { hasText: 'Open in Rationale Lens Inspector' }).click();
  await harness.webviewFrame(page).locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value', { hasText: '25.0%' }).waitFor({ timeout: 60_000 });
}
