// Records carrying markup (<script>, <img onerror>, <svg onload>, <iframe>, markup in ids and
// subsets) are shown as text: the webview DOM never holds an element they describe, no handler
// attribute exists anywhere, and no dialog opens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

export default async function ({ page, server, harness, tmp, ROOT }) {
  const FILE = 'hostile.jsonl';
  const inlineScript = readFileSync(join(ROOT, 'dist', 'webview', 'firstPaint.js'), 'utf8');
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  // From the explorer's context menu, without opening the file as text first. The menu lists
  // extension items once the extension host has registered its contributions: retry until then.
  await harness.explorerMenu(page, FILE, 'Open Inspector');
  const view = harness.webviewFrame(page);
  await view.locator('.vrow.selected').waitFor({ timeout: 30_000 });
  const total = await view.locator('.vrow[data-index]:not([hidden])').count();
  if (total !== 6) throw new Error(`expected 6 hostile records, got ${total}`);

  await view.locator('.list-head').click();
  const seen = new Set();
  for (let i = 0; i < total; i++) {
    await view.locator(`.record[data-index="${i}"]`).waitFor();
    // Open every section so all record text is in the DOM.
    await view.locator('vscode-collapsible').evaluateAll((els) => els.forEach((el) => (el.open = true)));
    await view.locator('details').evaluateAll((els) => els.forEach((el) => (el.open = true)));
    const report = await view.locator('body').evaluate((body) => {
      const doc = body.ownerDocument;
      const all = [...doc.querySelectorAll('*')];
      return {
        // The page's own scripts (VS Code's webview host script and the bundle) sit outside #app.
        scripts: doc.querySelectorAll('#app script').length,
        allScripts: [...doc.querySelectorAll('script')].map((el) => ({ id: el.id, nonce: Boolean(el.nonce), src: el.src, type: el.type, json: el.type === 'application/json' && !/[<>&]/.test(el.textContent), text: el.id === 'rlens-loader' ? el.textContent : '' })),
        csp: doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
        firstPaints: doc.querySelectorAll('#rlens-first-paint').length,
        bad: all.filter((el) => ['IMG', 'IFRAME', 'SVG', 'OBJECT', 'EMBED', 'svg', 'B', 'A'].includes(el.tagName) && !el.closest('.part-image')).map((el) => el.outerHTML.slice(0, 80)),
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        text: doc.querySelector('.record')?.textContent ?? '',
      };
    });
    if (report.scripts !== 0) throw new Error(`record ${i}: ${report.scripts} <script> elements inside the view`);
    // Exactly VS Code's acquireVsCodeApi script, our nonce'd inline first paint (the build's own
    // dist/webview/firstPaint.js, as written), the nonce'd bundle it added and the first record's data
    // block (never executed: application/json, no '<', '>' or '&' in it, so record text cannot end it).
    const data = report.allScripts.filter((x) => x.id === 'rlens-first-record');
    const loader = report.allScripts.filter((x) => x.id === 'rlens-loader');
    const expectedScripts =
      report.allScripts.length === 3 + data.length &&
      data.every((x) => x.json && !x.src && !x.nonce) &&
      report.allScripts.some((x) => x.id === '_vscodeApiScript') &&
      loader.length === 1 && loader[0].nonce && !loader[0].src && loader[0].text === inlineScript &&
      report.allScripts.some((x) => x.nonce && x.src.endsWith('/dist/webview/main.js'));
    if (!expectedScripts) throw new Error(`record ${i}: unexpected scripts ${JSON.stringify(report.allScripts.map((x) => ({ ...x, text: x.text.length })))}`);
    // The policy is the strict one: nothing but nonce'd scripts; styles from the extension or nonce'd.
    const policy = report.csp.split(';').map((d) => d.trim());
    if (policy[0] !== "default-src 'none'" || !policy.includes(`script-src ${/'nonce-[^']+'/.exec(report.csp)?.[0]}`) || /unsafe-|strict-dynamic/.test(report.csp) || !/^style-src .+ 'nonce-[^']+'$/.test(policy.find((d) => d.startsWith('style-src')) ?? '')) throw new Error(`record ${i}: the page's policy is not the strict one: ${report.csp}`);
    if (report.firstPaints !== 0) throw new Error(`record ${i}: the inline first paint is still in the page beside the view`);
    if (report.bad.length) throw new Error(`record ${i}: markup from the record became elements: ${report.bad.join(' | ')}`);
    if (report.handlers.length) throw new Error(`record ${i}: event-handler attributes: ${report.handlers.join(', ')}`);
    for (const payload of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>']) if (report.text.includes(payload)) seen.add(payload);
    if (i < total - 1) await page.keyboard.press('j');
  }
  for (const payload of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>']) {
    if (!seen.has(payload)) throw new Error(`the text ${payload} was never shown as text`);
  }
  // Markup in a subset name is shown as text in the header chart and the list.
  await view.locator('.details-toggle', { hasText: 'Show details' }).click();
  await view.locator('.subsets .subset-name', { hasText: '<b onmouseover=alert(1)>safety</b>' }).waitFor();
  if (dialogs.length) throw new Error(`dialogs opened: ${dialogs.join(' | ')}`);
}
