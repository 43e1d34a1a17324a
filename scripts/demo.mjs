// `npm run demo`: the extension in a real VS Code (code-server) on http://127.0.0.1:8080 (or $PORT),
// with a workspace folder .tmp/demo-workspace holding copies of ../shared/fixtures and samples/.
// Installs code-server if needed (scripts/install-e2e.sh), builds, packages and installs the .vsix.
// Runs until Ctrl-C, then stops code-server and everything it started.
//   node scripts/demo.mjs [--host 0.0.0.0] [--port 8080] [--no-install]
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PKG, ROOT, build, ensureInstalled, packageVsix } from './buildTools.mjs';
import { demoUrl, makeDemoWorkspace } from './demoWorkspace.mjs';
// The demo is the end-to-end harness's workbench without the tests: it starts code-server the same way.
import * as h from '../test/e2e/harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const host = opt('host', process.env.HOST || '127.0.0.1');
const port = Number(opt('port', process.env.PORT || 8080));

const demoDir = join(ROOT, '.tmp', 'demo');
const workspace = join(ROOT, '.tmp', 'demo-workspace');

if (!argv.includes('--no-install')) ensureInstalled();
build();
const vsix = packageVsix(join(demoDir, `${PKG.name}.vsix`));

// A fresh workspace each time, from the project's samples and the real fixtures.
makeDemoWorkspace(workspace, { fixturesDir: h.FIXTURES_DIR, warn: (m) => console.warn(`[demo] ${m}`) });

// Fresh code-server state too (settings, extensions), kept under .tmp/demo while it runs.
const state = join(demoDir, 'state');
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
let server;
try {
  server = await h.startCodeServer({ host, port, tmp: state, vsix: [vsix] });
} catch (e) {
  console.error(`[demo] could not start code-server on ${host}:${port}: ${e.message.split('\n')[0]}`);
  console.error('[demo] is the port taken? Try PORT=8081 npm run demo');
  await h.stopAll();
  process.exit(1);
}
const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
console.log(
  `\nRationale Lens demo is running. Open (the Inspector on the main sample; samples/results has a leaderboard):\n\n  ${demoUrl(`http://${shown}:${port}`, workspace)}\n\nPress Ctrl-C to stop.`,
);

server.child.on('exit', (code, signal) => {
  if (h.isStopping()) return;
  console.error(`[demo] code-server exited (${code ?? signal})`);
  h.stopAll().finally(() => process.exit(1));
});
// Ctrl-C / SIGTERM are handled by the harness: it stops code-server's process group and exits.
setInterval(() => {}, 1 << 30);
