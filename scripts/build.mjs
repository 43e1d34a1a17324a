// Bundles the extension host code, the CLI and the webview with esbuild.
// Type checking is separate (tsc in `npm test`), so bundling stays fast.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
mkdirSync('dist', { recursive: true });

// The extension and its index worker share one copy of re2js (147 KB minified), loaded from dist/re2js.js.
const sharedRe2 = { name: 'shared-re2js', setup: (b) => b.onResolve({ filter: /^re2js$/ }, () => ({ path: './re2js.js', external: true })) };

const entries = [
  { entryPoints: ['node_modules/re2js/build/index.cjs'], outfile: 'dist/re2js.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/core/tallyWorker.ts'], outfile: 'dist/tallyWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['src/core/indexWorker.ts'], outfile: 'dist/indexWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [sharedRe2] },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [sharedRe2] },
  // Always minified: the webview parses its bundle on every open, and a smaller one paints sooner.
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'chrome120', minify: true },
  { entryPoints: ['test/integration/suite.ts'], outfile: 'dist/test/integration/suite.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] },
];

await Promise.all(
  entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })),
);
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
