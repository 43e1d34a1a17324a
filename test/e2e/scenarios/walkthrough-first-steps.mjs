// The first-run path: the "Get started with Rationale Lens" walkthrough opens from the Welcome
// page's walkthrough list; its first step opens the shipped sample in the Inspector (copied into the
// extension's storage: the workspace gets no file); Set Up Endpoints… asks for the address, the key
// and the model, probes the local server once (GET /models, no chat call), and says what it found;
// the settings land in user settings and the key in none of them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const KEY = 'sk-rlens-walkthrough-5e2a91';

export default async function ({ page, server, harness, tmp, name }) {
  const fake = await harness.startFakeServer(tmp, { apiKey: KEY });
  try {
    const folder = harness.makeWorkspace([], { parent: tmp });
    await harness.openWorkbench(page, server, folder);

    // The Welcome page's walkthrough list has ours; its first step's button opens the sample.
    await harness.runCommand(page, 'Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('Get started with Rationale Lens');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Rationale Lens' }).first().waitFor();
    await input.press('Enter');
    await page.locator('.gettingStartedContainer', { hasText: 'Get started with Rationale Lens' }).waitFor({ timeout: 20_000 });
    await page.locator('.getting-started-step', { hasText: 'Open a sample' }).first().click();
    await page.getByRole('button', { name: 'Open the Sample' }).first().click();
    const inspector = harness.webviewFrame(page);
    const sCorr = inspector.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
    await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 60_000 });
    if (readdirSync(folder).length !== 0) throw new Error(`Open Sample wrote into the workspace: ${readdirSync(folder).join(', ')}`);
    await harness.screenshot(page, `${name}-sample`);

    // Set Up Endpoints…: both roles, the address, the key, then a model the server lists.
    await harness.runCommand(page, 'Rationale Lens: Set Up Endpoints…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Both' }).first().waitFor();
    await input.fill('Both');
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'address' }).waitFor();
    await input.fill(fake.baseUrl);
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'the API key' }).waitFor();
    await input.fill(KEY);
    await input.press('Enter');
    const judge = page.locator('.quick-input-list .monaco-list-row', { hasText: 'fake-judge' }).first();
    await judge.waitFor({ timeout: 20_000 });
    const finding = await input.getAttribute('placeholder');
    if (!finding?.includes('answers and serves 2 models: fake-genrm, fake-judge')) throw new Error(`the model step says: ${finding}`);
    await input.fill('fake-judge');
    await input.press('Enter');
    await harness.notification(page, 'Rationale Lens set up the GenRM and fidelity judge').waitFor({ timeout: 15_000 });
    await harness.screenshot(page, `${name}-endpoints`);

    const calls = await fake.control('requests');
    const paths = calls.map((r) => `${r.method} ${r.path}`);
    if (paths.join() !== 'GET /v1/models') throw new Error(`the probe made ${JSON.stringify(paths)}, expected one GET /v1/models`);
    const settingsText = readFileSync(join(server.userDataDir, 'User', 'settings.json'), 'utf8');
    const settings = JSON.parse(settingsText);
    for (const role of ['genrm', 'fidelity']) {
      if (settings[`rationaleLens.${role}.baseUrl`] !== fake.baseUrl || settings[`rationaleLens.${role}.model`] !== 'fake-judge') throw new Error(`user settings for ${role}: ${settingsText}`);
    }
    if (settingsText.includes(KEY)) throw new Error('the API key was written into the user settings');
  } finally {
    fake.stop();
  }
}
