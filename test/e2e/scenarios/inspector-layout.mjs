/* global document, getComputedStyle -- evaluated in the webview page */
// The Inspector's layout at 1400×900 and 1000×700, the explorer sidebar open (the reading
// scenario's comparison check, at both sizes): no horizontal scrollbar; the record toolbar is never
// clipped (what does not fit moves into a "More actions" menu that works, at 1000×700 too); long ids
// (JudgeBench UUIDs, a hostile id) are ellipsized with the whole id in a tooltip; "record 14 ·
// line 14 · coding" is whole; the list collapses to a strip under a width and opens again; the gold
// and the rationale are side by side above the fold; the fidelity judge's key point is in the
// verdict box; "differences" is the default highlight view (shared claims quiet, changed words on
// hover, conflicts without a wavy underline), `d` switches to every highlight, both in the legend.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 240_000;

const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 1000, height: 700 },
];

const UUID = 'b5ce1305-50fe-5a5e-b785-325ab15c6d2b-with-a-judgebench-pair-suffix-0123456789abcdef';
const HOSTILE = `rx-<img src=x onerror=alert(1)>-\u202Eevil\u202C-${'long-hostile-id-'.repeat(12)}end`;

function longIdsFile(folder) {
  const record = (id) => ({
    id,
    conversations: [{ role: 'user', content: 'Which answer is right?' }],
    response_A: 'Four.',
    response_B: 'Five.',
    gt_label: 'A',
    gt_judgment: 'Response A is right: two plus two is four.',
    model_judgment: 'Response A is right because two plus two is four.\n\n\\boxed{A}',
    model_pred: 'A',
    metarm_verdict: 'Correct',
    source: { subset: 'arithmetic' },
  });
  writeFileSync(join(folder, 'long-ids.jsonl'), [record(UUID), record(HOSTILE)].map((r) => JSON.stringify(r)).join('\n') + '\n');
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  for (const viewport of VIEWPORTS) await atSize({ page, server, harness, tmp, ROOT, name }, viewport);
}

/** Fails unless `locator`'s box lies inside the viewport and inside `within` (when given). */
async function assertInside(locator, viewport, what, within = null) {
  const box = await locator.boundingBox();
  if (!box || box.width < 1) throw new Error(`${what}: not shown`);
  if (box.x < 0 || box.y < 0 || box.x + box.width > viewport.width + 0.5 || box.y + box.height > viewport.height + 0.5) throw new Error(`${what}: outside the viewport (${JSON.stringify(box)})`);
  if (within && (box.x < within.x - 0.5 || box.x + box.width > within.x + within.width + 0.5)) throw new Error(`${what}: clipped by its toolbar (${JSON.stringify(box)} in ${JSON.stringify(within)})`);
}

async function atSize({ page, server, harness, tmp, ROOT, name }, viewport) {
  const size = `${viewport.width}x${viewport.height}`;
  const narrow = viewport.width < 1200;
  await page.setViewportSize(viewport);
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  longIdsFile(folder);
  let view = await openInspector(harness, page, server, folder, FILE);
  await view.locator('.record-pane:not(.stale) .record .record-id', { hasText: 'ra-001' }).waitFor({ timeout: 30_000 });
  if (!(await page.locator('.part.sidebar').isVisible())) throw new Error(`${size}: the sidebar should be open`);

  // No horizontal scrollbar anywhere in the Inspector.
  const noHorizontalScroll = async (when) => {
    const over = await view.locator('body').evaluate(() =>
      [document.documentElement, document.body, ...document.querySelectorAll('.record-pane, .list-pane, .header, .record-title')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden' && getComputedStyle(el).overflowX !== 'clip')
        .map((el) => `${el.className || el.tagName} ${el.scrollWidth}>${el.clientWidth}`),
    );
    if (over.length) throw new Error(`${size} ${when}: horizontal overflow: ${over.join('; ')}`);
  };
  await noHorizontalScroll('on open');

  // The list: a strip under a width (it opens on demand), a full pane when there is room.
  const listPane = view.locator('.list-pane');
  const listWidth = (await listPane.boundingBox()).width;
  if (narrow && listWidth > 60) throw new Error(`${size}: the list did not collapse (${listWidth}px)`);
  if (!narrow && listWidth < 250) throw new Error(`${size}: the list is collapsed with room to spare (${listWidth}px)`);

  // The toolbar: every visible item inside the title bar and the viewport.
  const toolbar = async (when) => {
    const title = view.locator('.record-pane:not(.stale) .record-title');
    const titleBox = await title.boundingBox();
    for (const action of ['requery', 'copy-link', 'reveal']) {
      const button = title.locator(`.toolbar-item[data-action="${action}"]`);
      if (await button.isVisible()) await assertInside(button, viewport, `${size} ${when}: toolbar ${action}`, titleBox);
    }
    const mode = title.locator('.view-mode');
    if (await mode.isVisible()) await assertInside(mode, viewport, `${size} ${when}: Rendered | Raw`, titleBox);
    const more = title.locator('.toolbar-more > summary');
    if (await more.isVisible()) await assertInside(more, viewport, `${size} ${when}: the More actions menu`, titleBox);
    await assertInside(title.locator('.record-meta'), viewport, `${size} ${when}: the record's place`, titleBox);
    return { title, more };
  };
  const { title, more } = await toolbar('ra-001');
  // Every action is on the bar or in the menu (at 1000×700 the menu holds some of them).
  if (narrow && !(await more.isVisible())) throw new Error(`${size}: no More actions menu at this width`);
  if (await more.isVisible()) {
    await more.click();
    for (const action of ['copy-link', 'reveal']) {
      if (await title.locator(`.toolbar-item[data-action="${action}"]`).isVisible()) continue;
      await assertInside(title.locator(`.toolbar-menu [data-menu-action="${action}"]`), viewport, `${size}: ${action} in the menu`);
    }
    await more.click();
    await title.locator('.toolbar-menu').waitFor({ state: 'hidden' });
  }
  await harness.screenshot(page, `${name}-${size}-open`);

  // Gold and rationale side by side, above the fold.
  for (const side of ['gold', 'rationale']) {
    const box = await view.locator(`.record-pane .judgment .annotated[data-side="${side}"]`).first().boundingBox();
    if (!box || box.y < 0 || box.y + 120 > viewport.height) throw new Error(`${size}: the ${side} column is not in view (top at ${box?.y})`);
  }
  const [gold, rationale] = await Promise.all(['gold', 'rationale'].map((s) => view.locator(`.judgment .annotated[data-side="${s}"]`).first().boundingBox()));
  if (Math.abs(gold.y - rationale.y) > 4) throw new Error(`${size}: gold and rationale are stacked (${gold.y} vs ${rationale.y})`);

  // The judge's key point is in the verdict box.
  const keyPoint = view.locator('.fidelity .verdict-key-point');
  await keyPoint.waitFor();
  if (!/key point/i.test(await keyPoint.textContent())) throw new Error(`${size}: the verdict box does not name the judge's key point`);
  await assertInside(keyPoint, viewport, `${size}: the judge's key point`);

  // Differences by default: shared claims quiet, changed words only on hover, conflicts not wavy.
  const judgment = view.locator('.record-pane .judgment').first();
  if ((await judgment.getAttribute('data-highlights')) !== 'differences') throw new Error(`${size}: the default highlight view is not "differences"`);
  await view.locator('.legend [data-highlights-mode="differences"][aria-pressed="true"]').waitFor();
  await view.locator('.legend [data-highlights-mode="all"][aria-pressed="false"]').waitFor();
  const style = (locator) => locator.evaluate((el) => ({ line: getComputedStyle(el).textDecorationLine, wavy: getComputedStyle(el).textDecorationStyle, bg: getComputedStyle(el).backgroundColor }));
  const shared = judgment.locator('.annotated .claim.cls-shared').first();
  const quiet = await style(shared);
  if (quiet.line !== 'none' || !/rgba\(0, 0, 0, 0\)|transparent/.test(quiet.bg)) throw new Error(`${size}: a shared claim is highlighted in the differences view: ${JSON.stringify(quiet)}`);
  const conflictStyle = await judgment.locator('.annotated').first().evaluate((root) => {
    const span = document.createElement('span');
    span.className = 'claim cls-conflict';
    span.textContent = 'probe';
    root.appendChild(span);
    const s = getComputedStyle(span);
    const out = { line: s.textDecorationLine, style: s.textDecorationStyle };
    span.remove();
    return out;
  });
  if (conflictStyle.style === 'wavy' || conflictStyle.line === 'none') throw new Error(`${size}: a conflict is drawn ${JSON.stringify(conflictStyle)} (marked, never an error-style squiggle)`);
  const diffInShared = judgment.locator('.annotated .claim.cls-shared .diff').first();
  if (await diffInShared.count()) {
    const before = await style(diffInShared);
    if (before.line !== 'none') throw new Error(`${size}: changed words are marked before a hover`);
    await diffInShared.hover();
    await view.locator('.annotated .claim.linked-source .diff').first().waitFor();
    const after = await style(diffInShared);
    if (after.line === 'none' && /rgba\(0, 0, 0, 0\)/.test(after.bg)) throw new Error(`${size}: changed words are not shown on hover`);
  }
  await harness.screenshot(page, `${name}-${size}-differences`);
  await view.locator('.record-pane:not(.stale) .record-meta').click();
  await page.keyboard.press('d');
  await view.locator('.record-pane .judgment[data-highlights="all"]').first().waitFor();
  await view.locator('.legend [data-highlights-mode="all"][aria-pressed="true"]').waitFor();
  const loud = await style(view.locator('.record-pane .judgment .annotated .claim.cls-shared').first());
  if (loud.line === 'none') throw new Error(`${size}: "all highlights" does not underline shared claims`);
  await page.keyboard.press('d');
  await view.locator('.record-pane .judgment[data-highlights="differences"]').first().waitFor();

  // Record 14 of subset coding: its place is said whole.
  for (let i = 0; i < 13; i++) await page.keyboard.press('j');
  await view.locator('.record-pane:not(.stale) .record .record-id', { hasText: 'ra-014' }).waitFor();
  const meta = view.locator('.record-pane:not(.stale) .record-meta');
  if ((await meta.textContent()).trim() !== 'record 14 · line 14 · coding') throw new Error(`${size}: meta reads ${await meta.textContent()}`);
  if (await meta.evaluate((el) => el.scrollWidth > el.clientWidth + 1)) throw new Error(`${size}: "record 14 · line 14 · coding" is cut`);
  await toolbar('ra-014');
  await noHorizontalScroll('at record 14');

  // The collapsed list opens on demand and keeps the selection.
  if (narrow) {
    await view.locator('.list-expand').click();
    await view.locator('.vrow.selected[data-index="13"]').waitFor();
    if ((await listPane.boundingBox()).width < 250) throw new Error(`${size}: the list did not open`);
    await noHorizontalScroll('with the list open');
    await harness.screenshot(page, `${name}-${size}-list-open`);
    await view.locator('.list-collapse').click();
    await page.waitForFunction(() => true);
    if ((await listPane.boundingBox()).width > 60) throw new Error(`${size}: the list did not collapse again`);
  }

  // Long ids: ellipsized on the title and in the list, the whole id in the tooltip.
  await harness.explorerItem(page, 'long-ids.jsonl').click();
  await page.locator('.tabs-container .tab', { hasText: 'long-ids.jsonl' }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  view = harness.webviewFrame(page);
  for (const [i, id] of [UUID, HOSTILE].entries()) {
    if (i === 1) {
      await view.locator('.record-pane:not(.stale) .record-meta').click();
      await page.keyboard.press('j');
    }
    const idEl = view.locator('.record-pane:not(.stale) .record .record-id');
    await idEl.and(view.locator(`[title="${id.replace(/"/g, '\\"')}"]`)).waitFor({ timeout: 30_000 });
    if ((await idEl.textContent()) !== id) throw new Error(`${size}: the id is not shown as text`);
    if (id.length > 60 && !(await idEl.evaluate((el) => el.scrollWidth > el.clientWidth))) throw new Error(`${size}: a ${id.length}-character id is not ellipsized`);
    await toolbar(`id ${i + 1}`);
    await noHorizontalScroll(`id ${i + 1}`);
    if (await view.locator('img, [onerror]').count()) throw new Error(`${size}: the hostile id became markup`);
  }
  if (!narrow) {
    const rowId = view.locator('.vrow[data-index="1"] .c-id');
    if ((await rowId.getAttribute('title')) !== HOSTILE) throw new Error(`${size}: the list's id has no tooltip with the whole id`);
  }
  await harness.screenshot(page, `${name}-${size}-long-id`);
}

/** harness.openInInspector with a longer wait for the command (the machine's two cores are shared). */
async function openInspector(harness, page, server, folder, file) {
  await harness.openWorkbench(page, server, folder, { waitForFile: file });
  await harness.explorerItem(page, file).click();
  await page.locator('.tabs-container .tab', { hasText: file }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  return harness.webviewFrame(page);
}
