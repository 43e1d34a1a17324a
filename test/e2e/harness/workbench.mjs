// Chromium through playwright-core, and the workbench as a user drives it (palette, explorer, hovers, webviews, screenshots).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { copyWritable } from '../../../scripts/demoWorkspace.mjs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CHROMIUM, RESULTS_DIR, isolatedEnv, onStop, sleep } from './processes.mjs';
import { waitFor } from './waitFor.mjs';

// Chromium through playwright-core

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium with a fresh profile inside `tmp`. Returns a Playwright Browser;
 * give each scenario its own context and page with newPage().
 */
export async function launchBrowser(tmp) {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmp ?? tmpdir(), 'chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(dir, { TMPDIR: dir }),
    timeout: 60_000,
  });
  onStop(() => browser.close());
  return browser;
}

/** A fresh browser context (fresh storage) and page. Close it with page.context().close(). */
export async function newPage(browser, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Explorer row of a file or folder name. */
export function explorerItem(page, name) {
  return page.locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true }).first();
}

/**
 * Opens the workbench on a folder. Ready when the explorer shows `waitForFile` (if given), else
 * when the workbench's status bar is there.
 */
export async function openWorkbench(page, server, folder, { waitForFile, payload, timeout = 60_000 } = {}) {
  await page.goto(server.workbenchUrl(folder, payload), { timeout });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  if (waitForFile) await explorerItem(page, waitForFile).waitFor({ state: 'visible', timeout });
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs a command from the command palette by its full title, e.g. 'View: Show Extensions'.
 * Commands with a `when` clause appear only once its context holds (an editor's language, a view's
 * focus): while the row is missing, the palette is reopened and the filter typed again.
 */
export async function runCommand(page, title, { timeout = 20_000, onRun } = {}) {
  const input = page.locator('.quick-input-widget input.input');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`) }) })
    .first();
  const deadline = Date.now() + timeout;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && (await input.isVisible())) {
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
    }
    // F1 is ignored until the workbench has keyboard focus: retry until the palette shows.
    while (!(await input.isVisible())) {
      if (Date.now() > deadline) throw new Error(`command palette did not open for "${title}"`);
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 2000 }).catch(() => {});
    }
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(500, deadline - Date.now())) });
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        const shown = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents().catch(() => []);
        throw new Error(`command "${title}" not in the palette (it shows: ${shown.join(' | ') || 'nothing'})`, { cause: e });
      }
    }
  }
  onRun?.(); // the moment the command is chosen (benchmarks time from here, not from the typing)
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

/**
 * Runs `label` from the explorer's context menu on `name`. The menu lists extension items once the
 * extension host has registered its contributions: right-click again until the item is there.
 * `onRun` is called just before the item is chosen (a bench times from there).
 */
export async function explorerMenu(page, name, label, { onRun } = {}) {
  const item = page.locator('.context-view .monaco-menu .action-label', { hasText: new RegExp(`^${escapeRe(label)}$`) });
  for (let attempt = 0; ; attempt++) {
    await explorerItem(page, name).click({ button: 'right' });
    try {
      await item.waitFor({ state: 'visible', timeout: 1500 });
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  // Monaco menus act on keyboard selection reliably; a synthetic click can land before they listen.
  await item.hover();
  onRun?.();
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
}

/** A status bar item by (part of) its text, e.g. statusBarItem(page, 'F-Score'). */
export function statusBarItem(page, text) {
  return page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
}

/** A notification toast by (part of) its message. */
export function notification(page, text) {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
}

/**
 * Opens the workbench on `folder`, opens `file` as text from the explorer, then runs "Open
 * Inspector" on it; returns the Inspector's webview frame.
 */
export async function openInInspector(page, server, folder, file) {
  await openWorkbench(page, server, folder, { waitForFile: file });
  await explorerItem(page, file).click();
  await page.locator('.tabs-container .tab', { hasText: file }).waitFor();
  // The command shows once the extension has activated: on a loaded two-core machine that can take
  // longer than the palette's default wait.
  await runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  return webviewFrame(page);
}

/**
 * Closes the active Inspector and opens it again on the same file; returns the new webview frame.
 * No tab is located by its title: the Inspector's tab reads "Inspector · <file>", so while it is open
 * two tabs contain `file` and a `hasText` tab locator is ambiguous. The Inspector is
 * closed through "View: Close Editor" (the active editor), its webview is waited out, and the text
 * tab it was opened from (the only tab reading `file` then) must be the active one again.
 */
export async function reopenInspector(page, file) {
  const webviews = page.locator('iframe.webview');
  const before = await webviews.count();
  if (before === 0) throw new Error('reopenInspector: no webview is open');
  await runCommand(page, 'View: Close Editor');
  await waitFor(async () => (await webviews.count()) < before, { what: 'the Inspector\'s webview to close', timeout: 20_000 });
  await waitFor(async () => (await page.locator('.tabs-container .tab', { hasText: file }).count()) === 1, { what: `one tab reading ${file} (its text editor)`, timeout: 20_000 });
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: 20_000 });
  await runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  return webviewFrame(page);
}

/** The DOM of the active webview, two iframes deep. */
export function webviewFrame(page, { nth } = {}) {
  const outer = page.locator('iframe.webview.ready');
  return (nth == null ? outer.last() : outer.nth(nth)).contentFrame().locator('#active-frame').contentFrame();
}

/**
 * The innermost editor span (a token) containing `text`, in the visible lines of the active editor
 * (or of `editor`, a Locator of a `.monaco-editor`).
 */
export function editorToken(page, text, { editor } = {}) {
  const root = editor ?? page.locator('.editor-group-container.active .monaco-editor').first();
  return root.locator('.view-lines .view-line > span > span').filter({ hasText: text }).first();
}

/**
 * Hovers `target` (a Locator, e.g. editorToken(page, 'word')) until a `.monaco-hover` is visible.
 * Hovers need real mouse movement: every try moves the mouse away, then onto the target's centre
 * in several steps. Returns the visible hover's Locator.
 */
export async function hover(page, target, { timeout = 15_000 } = {}) {
  const hoverBox = page.locator('.monaco-hover:not(.hidden)').first();
  const deadline = Date.now() + timeout;
  for (;;) {
    await target.scrollIntoViewIfNeeded({ timeout: Math.max(1000, deadline - Date.now()) });
    const box = await target.boundingBox();
    if (box) {
      await page.mouse.move(1, 1);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      try {
        await hoverBox.waitFor({ state: 'visible', timeout: 1500 });
        return hoverBox;
      } catch {
        // retry
      }
    }
    if (Date.now() > deadline) throw new Error('no hover appeared');
    await sleep(200);
  }
}

/** Saves test-results/<name>.png; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${basename(name).replace(/\.png$/, '')}.png`);
  await page.screenshot({ path: file, timeout: 10_000 });
  return file;
}

export { copyWritable };

/** A fresh temporary workspace folder with copies of `files` (absolute paths or {from, to}). */
export function makeWorkspace(files = [], { parent } = {}) {
  const dir = mkdtempSync(join(parent ?? tmpdir(), 'rlens-ws-'));
  onStop(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of files) {
    const from = typeof f === 'string' ? f : f.from;
    const to = join(dir, typeof f === 'string' ? basename(f) : f.to);
    mkdirSync(dirname(to), { recursive: true });
    copyWritable(from, to);
  }
  return dir;
}

