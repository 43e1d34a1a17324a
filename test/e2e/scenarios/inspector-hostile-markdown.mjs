/* global performance -- evaluated in the webview page */
// Markdown that would freeze or fool the reader, in the real webview: a gold judgment whose
// `git reset --soft HEAD~1 … --hard HEAD~1` keeps both tildes (no strikethrough), a `&#x202E;`
// reference shown as written and a literal U+202E shown as its code point (nothing reorders the
// text); and a rationale of 10,000 nested `>` and 60,000 `*a` (a stack overflow and minutes of
// parsing before) that draws at once, its pathological parts shown as written with a note and the
// rest rendered. The first record comes with the page: painted by the page's inline script before
// the full bundle is fetched, then by the app (light, then in full): it is the file's record 0, and
// its one full view replaces both paints.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const FILE = 'hostile-markdown.jsonl';
const HEAD = 'To undo it, run git reset --soft HEAD~1 and then, if you must, git reset --hard HEAD~1.';
const GOLD = `Response A is better. ${HEAD} Response A is &#x202E;right and B is \u202eeno gnorw.`;
const DEEP = `Response A is better.\n\n${'>'.repeat(10_000)} a\n\n${'*a'.repeat(30_000)}\n\n**still rendered** after the pathological parts.`;

function writeFile(folder) {
  const record = (id, extra) => ({ id, conversations: [{ role: 'user', content: 'How do I undo my last commit?' }], response_A: 'Use git reset.', response_B: 'Delete the repository.', gt_label: 'A', model_pred: 'A', metarm_verdict: 'Correct', subset: 'git', ...extra });
  const lines = [record('md-head', { gt_judgment: GOLD, model_judgment: `Response A is better. ${HEAD}` }), record('md-deep', { gt_judgment: 'Response A is better.', model_judgment: DEEP })];
  writeFileSync(join(folder, FILE), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

export default async function ({ page, server, harness, tmp, name }) {
  const folder = harness.makeWorkspace([], { parent: tmp });
  writeFile(folder);
  // As the README says: open the file, then the Inspector (its session has record 0 by then, so the page carries it).
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await harness.statusBarItem(page, 'S-Corr').waitFor({ timeout: 60_000 });
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  const view = harness.webviewFrame(page);
  const pane = view.locator('.record-pane');
  await view.locator('.record-pane .record[data-index="0"] .record-id', { hasText: 'md-head' }).waitFor({ timeout: 30_000 });
  const first = await pane.evaluate((el) => {
    const doc = el.ownerDocument;
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const bundle = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/dist/webview/main.js'));
    return {
      from: el.dataset.firstPaint,
      id: el.dataset.firstPaintId,
      light: doc.querySelectorAll('.record-light').length,
      records: doc.querySelectorAll('.record').length,
      inlineLeft: doc.querySelectorAll('#rlens-first-paint').length,
      // Order, not time: the inline script painted record 0 before the full bundle was even asked for.
      paintedBeforeBundle: at('rlens:first-paint') !== null && bundle !== undefined && at('rlens:first-paint') < bundle.startTime,
    };
  });
  if (first.from !== 'inline' || first.id !== 'md-head') throw new Error(`the first record was not painted by the page's inline script as record 0 (md-head): ${JSON.stringify(first)}`);
  if (!first.paintedBeforeBundle) throw new Error(`the inline paint did not come before the full bundle was fetched: ${JSON.stringify(first)}`);
  if (first.light !== 0 || first.inlineLeft !== 0 || first.records !== 1) throw new Error(`the first paints of record 0 were not replaced by exactly its one full view: ${JSON.stringify(first)}`);
  const gold = view.locator('.record-pane:not(.stale) .judgment .annotated[data-side="gold"]');
  await gold.waitFor({ timeout: 30_000 });
  if ((await gold.getAttribute('data-view')) !== 'rendered') throw new Error('the gold judgment is not rendered');
  const goldText = await gold.textContent();
  if (!goldText.includes(HEAD)) throw new Error(`the rendered gold judgment changed the text: ${JSON.stringify(goldText)}`);
  if ((await view.locator('.record-pane .record del').count()) !== 0) throw new Error('single tildes became a strikethrough');
  if (!goldText.includes('&#x202E;right')) throw new Error(`the &#x202E; reference is not shown as written: ${JSON.stringify(goldText)}`);
  if (!goldText.includes('<U+202E>eno gnorw')) throw new Error('the literal U+202E is not shown as its code point');
  const recordText = await view.locator('.record-pane .record').textContent();
  if (/[\u202a-\u202e\u2066-\u2069]/.test(recordText)) throw new Error('a live bidi control is in the record view');
  await harness.screenshot(page, `${name}-gold`);

  // The rationale that froze the view: drawn, the bad parts as written with a note, the rest rendered.
  await view.locator('.list-head').click();
  await page.keyboard.press('j');
  await view.locator('.record-pane:not(.stale) .record-id', { hasText: 'md-deep' }).waitFor({ timeout: 30_000 });
  const rationale = view.locator('.record-pane:not(.stale) .judgment .annotated[data-side="rationale"]');
  await rationale.locator('strong', { hasText: 'still rendered' }).waitFor({ timeout: 30_000 });
  const notes = await rationale.locator('.md-as-written-note').allTextContents();
  if (notes.length !== 2 || !notes.every((n) => n.startsWith('Shown as written: '))) throw new Error(`expected two notes saying why, got ${JSON.stringify(notes)}`);
  const text = await rationale.locator('.md-as-written-text').allTextContents();
  if (!text.some((t) => t.startsWith('>'.repeat(10_000))) || !text.some((t) => t.startsWith('*a*a*a'))) throw new Error('the pathological parts are not shown as written');
  // Still responsive: the next key is handled.
  await page.keyboard.press('k');
  await view.locator('.record-pane:not(.stale) .record-id', { hasText: 'md-head' }).waitFor({ timeout: 10_000 });
  await harness.screenshot(page, `${name}-deep`);
}
