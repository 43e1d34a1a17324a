// Keeps the harness helpers that feature scenarios rely on honest, on built-in VS Code features:
// webviewFrame() reaches into a webview (the Markdown preview), hover() shows an editor hover
// (a JSON syntax error's diagnostic),
// statusBarItem() finds the language indicator. If this fails after a VS Code/code-server change, fix
// harness.mjs before the feature scenarios.
export const timeout = 90_000;

export default async function ({ page, server, harness, tmp }) {
  const folder = harness.makeWorkspace([], { parent: tmp });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${folder}/notes.md`, '# Self-check heading\n\nA paragraph with **bold** text.\n');
  writeFileSync(`${folder}/broken.json`, '{\n  "label": "A>B",\n  "score": oops\n}\n');

  await harness.openWorkbench(page, server, folder, { waitForFile: 'notes.md' });

  // Webview: Markdown preview, two iframes deep.
  await harness.explorerItem(page, 'notes.md').click();
  await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).waitFor();
  await harness.statusBarItem(page, 'Markdown').waitFor({ state: 'visible' });
  await harness.runCommand(page, 'Markdown: Open Preview to the Side');
  const view = harness.webviewFrame(page);
  await view.locator('h1', { hasText: 'Self-check heading' }).waitFor({ state: 'visible' });
  await view.locator('strong', { hasText: 'bold' }).waitFor({ state: 'visible' });
  await harness.runCommand(page, 'View: Close All Editors');

  // Hover: the diagnostic of a JSON syntax error.
  await harness.explorerItem(page, 'broken.json').click();
  const token = harness.editorToken(page, 'oops');
  await token.waitFor({ state: 'visible' });
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached' });
  await harness.statusBarItem(page, 'JSON').waitFor({ state: 'visible' });
  const box = await harness.hover(page, token);
  await box.getByText(/value expected/i).first().waitFor({ state: 'visible' });
}
