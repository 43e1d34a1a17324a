// With no endpoint set up, at 1400×900 and 1000×700: Re-judge and Re-query are secondary buttons;
// a click says why ONCE, in the record (no notification toast, nothing in the list's status line)
// and offers "Set Up Endpoints…", which starts that flow; the message belongs to its record (gone
// on the next one). Once a base URL is in the user settings the buttons are primary.
import { join } from 'node:path';

export const timeout = 180_000;

const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 1000, height: 700 },
];

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const FILE = 'r-align-synthetic.jsonl';
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    await page.setViewportSize(viewport);
    const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
    const view = await openInspector(harness, page, server, folder, FILE);
    await view.locator('.record-pane:not(.stale) .record .record-id', { hasText: 'ra-001' }).waitFor({ timeout: 30_000 });
    const rejudge = view.locator('vscode-button[data-action="rejudge"]');
    const requery = view.locator('vscode-button[data-action="requery"]');
    for (const [what, button] of [['Re-judge', rejudge], ['Re-query', requery]]) {
      if ((await button.getAttribute('data-endpoint')) !== 'unset' || (await button.getAttribute('secondary')) === null) throw new Error(`${size}: ${what} is a primary button with no endpoint set up`);
    }
    // The click: one message, in the record.
    await rejudge.click();
    const notice = view.locator('.record-pane .llm-notice');
    await notice.filter({ hasText: 'rationaleLens.fidelity.baseUrl' }).waitFor({ timeout: 15_000 });
    const setUp = notice.locator('[data-action="set-up-endpoints"]', { hasText: 'Set Up Endpoints…' });
    await setUp.waitFor();
    if ((await notice.count()) !== 1) throw new Error(`${size}: ${await notice.count()} notices in the record`);
    await view.locator('.list-status').filter({ hasNotText: /Re-judging/ }).waitFor({ state: 'attached' });
    // Nothing else says it: no banner in the record, no toast, no status line. (The toast would be
    // posted before the Inspector is told; one more round trip to the host makes sure it is not coming.)
    await view.locator('.record-pane .record-meta').click();
    await page.keyboard.press('j');
    await view.locator('.record-pane:not(.stale) .record .record-id', { hasText: 'ra-002' }).waitFor();
    if (await view.locator('.record-pane .llm-notice').count()) throw new Error(`${size}: the message outlived its record`);
    if ((await view.locator('.llm-unavailable').count()) > 0) throw new Error(`${size}: a banner says it too`);
    if ((await harness.notification(page, 'baseUrl').count()) > 0) throw new Error(`${size}: a notification toast says it too`);
    const status = await view.locator('.list-status').textContent();
    if (/baseUrl|endpoint/i.test(status)) throw new Error(`${size}: the list's status line says it too: ${status}`);
    await page.keyboard.press('k');
    await view.locator('.record-pane:not(.stale) .record .record-id', { hasText: 'ra-001' }).waitFor();
    // The offer starts the flow.
    await page.keyboard.press('f');
    await setUp.waitFor({ timeout: 15_000 });
    await harness.screenshot(page, `${name}-${size}-no-endpoint`);
    await setUp.click();
    await page.locator('.quick-input-widget input[placeholder="Set up which endpoint?"]').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');

    // A base URL set (user settings; the window reloaded to read them): primary buttons.
    const restore = harness.patchUserSettings(server, { 'rationaleLens.fidelity.baseUrl': 'http://127.0.0.1:9/v1', 'rationaleLens.genrm.baseUrl': 'http://127.0.0.1:9/v1' });
    try {
      await page.reload();
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
      let again = harness.webviewFrame(page);
      const restored = await again.locator('.record .record-id').first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (!restored) {
        await harness.explorerItem(page, FILE).click();
        await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
        again = harness.webviewFrame(page);
      }
      await again.locator('vscode-button[data-action="rejudge"][data-endpoint="set"]:not([secondary])').waitFor({ timeout: 30_000 });
    } finally {
      restore();
    }
  }
}

/** harness.openInInspector with a longer wait for the command (the machine's two cores are shared). */
async function openInspector(harness, page, server, folder, file) {
  await harness.openWorkbench(page, server, folder, { waitForFile: file });
  await harness.explorerItem(page, file).click();
  await page.locator('.tabs-container .tab', { hasText: file }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  return harness.webviewFrame(page);
}
