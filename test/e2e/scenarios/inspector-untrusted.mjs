// In an untrusted workspace the Inspector still reads and scores the file, but Re-query GenRM and
// Re-judge Fidelity are disabled, with the reason shown in the record view and as the buttons'
// tooltip, in the keyboard help's action list too; marks by hand still work. Runs its own
// code-server with workspace trust on (the shared one has it off), with the extension copied from
// the shared one's extensions folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const FILE = 'r-align-synthetic.jsonl';
  const installed = readdirSync(server.extensionsDir).find((d) => d.startsWith(`${harness.EXTENSION_ID}-`));
  if (!installed) throw new Error(`the extension is not in ${server.extensionsDir}`);
  const trusting = await harness.startCodeServer({ workspaceTrust: true, extensionFolders: [join(server.extensionsDir, installed)], tmp: join(tmp, 'untrusted-server') });
  try {
    const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
    await page.goto(trusting.workbenchUrl(folder), { timeout: 60_000 });
    // The trust prompt: do not trust the folder (restricted mode).
    const noTrust = page.getByRole('button', { name: /No, I don.t trust the authors/ });
    await noTrust.waitFor({ state: 'visible', timeout: 60_000 });
    await noTrust.click();
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible' });
    await harness.explorerItem(page, FILE).click();
    await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();
    await harness.runCommand(page, 'Rationale Lens: Open Inspector');
    const view = harness.webviewFrame(page);
    await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value', { hasText: '25.0%' }).waitFor({ timeout: 30_000 });
    await view.locator('.record .record-id', { hasText: 'ra-001' }).waitFor();

    const reason = view.locator('.llm-unavailable');
    await reason.waitFor();
    if (!/untrusted workspace/.test(await reason.textContent())) throw new Error(`no reason shown: ${await reason.textContent()}`);
    for (const action of ['requery', 'rejudge']) {
      const button = view.locator(`vscode-button[data-action="${action}"]`);
      if ((await button.getAttribute('disabled')) === null) throw new Error(`${action} is enabled in an untrusted workspace`);
      if (!/untrusted workspace/.test((await button.getAttribute('title')) ?? '')) throw new Error(`${action} does not say why it is disabled`);
    }
    // The keyboard help lists the actions, disabled for the same reason.
    await view.locator('.record-pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = view.locator('.help-overlay');
    await help.waitFor({ state: 'visible' });
    const requeryHelp = help.locator('vscode-button[data-help-action="requery"]');
    if ((await requeryHelp.getAttribute('disabled')) === null) throw new Error('the help overlay offers Re-query GenRM');
    await help.locator('vscode-button[data-help-action="mark-aligned"]:not([disabled])').waitFor();
    await harness.screenshot(page, `${name}-help`);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    // The key does nothing but say why.
    await page.keyboard.press('f');
    await view.locator('.list-status.error', { hasText: 'untrusted workspace' }).waitFor();
    await harness.screenshot(page, name);
  } finally {
    await trusting.stop();
  }
}
