// The Inspector's tab can be told from the text editor's tab of the same file, both open, at
// 1400×900 and 1000×700: the text tab reads the file's name, the Inspector's "Inspector · <name>"
// (VS Code 1.100 names a custom editor's tab after its URI, so the Inspector opens on a URI of its
// own). Closing the Inspector and opening it again gives one Inspector tab, still marked.
import { join } from 'node:path';

export const timeout = 150_000;

const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 1000, height: 700 },
];

const FILE = 'r-align-synthetic.jsonl';

/** The visible name of every editor tab, in order. */
async function tabNames(page) {
  return page.locator('.tabs-container .tab .label-name').evaluateAll((els) => els.map((e) => e.textContent.trim()));
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    await page.setViewportSize(viewport);
    const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
    let view = await harness.openInInspector(page, server, folder, FILE);
    await view.locator('.list-status').filter({ hasText: /^48 records/ }).waitFor({ state: 'attached', timeout: 30_000 });

    const inspectorTab = page.locator('.tabs-container .tab.active .label-name');
    await inspectorTab.filter({ hasText: `Inspector · ${FILE}` }).waitFor({ timeout: 10_000 });
    let names = await tabNames(page);
    if (names.length !== 2 || names[0] !== FILE || names[1] !== `Inspector · ${FILE}`) throw new Error(`${size}: the tabs read ${JSON.stringify(names)}; expected the text tab "${FILE}" and "Inspector · ${FILE}"`);
    // The whole mark shows: the active tab is not cut to "Inspector · …" at this width.
    const clipped = await inspectorTab.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    if (clipped) throw new Error(`${size}: the Inspector's tab title is clipped`);
    await harness.screenshot(page, `${name}-${size}`);

    // Closing the Inspector and opening it again: one Inspector tab, marked the same.
    view = await harness.reopenInspector(page, FILE);
    await view.locator('.list-status').filter({ hasText: /^48 records/ }).waitFor({ state: 'attached', timeout: 30_000 });
    names = await tabNames(page);
    if (names.filter((n) => n === `Inspector · ${FILE}`).length !== 1 || !names.includes(FILE)) throw new Error(`${size}: after reopening, the tabs read ${JSON.stringify(names)}`);
  }
}
