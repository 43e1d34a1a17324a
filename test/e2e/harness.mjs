// End-to-end harness: a real VS Code 1.100.3 workbench (code-server, from tools/code-server)
// driven by Debian's Chromium through playwright-core. Offline; see ../shared/docs/E2E.md.
//
//   const server = await startCodeServer({ vsix });        // isolated, on a free port
//   const browser = await launchBrowser(server.tmp);
//   const page = await newPage(browser);
//   await openWorkbench(page, server, folder, { waitForFile: 'data.jsonl' });
//   await runCommand(page, 'View: Show Extensions');          // full palette title
//   await screenshot(page, 'name');                        // test-results/name.png
//   await stopAll();
export * from './harness/processes.mjs';
export * from './harness/codeServer.mjs';
export * from './harness/workbench.mjs';
export * from './harness/fakeServer.mjs';
