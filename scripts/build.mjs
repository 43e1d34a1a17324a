// Bundles the extension host code, the CLI and the webview with esbuild.
// Type checking is separate (tsc in `npm test`), so bundling stays fast.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
mkdirSync('dist', { recursive: true });

// The extension, its index worker and the tally worker share one copy of re2js (147 KB minified), loaded from dist/re2js.js.
const sharedRe2 = { name: 'shared-re2js', setup: (b) => b.onResolve({ filter: /^re2js$/ }, () => ({ path: './re2js.js', external: true })) };

// The openai client constructs every API resource of the SDK; we call chat completions, embeddings
// and models only. The others' modules are replaced by bare classes of the same names (160 → 77 KB
// minified). Calling one of them would fail at once, never silently; a new SDK version that needs
// more of a stubbed module fails the build ("No matching export"). The CLI and in-host tests
// exercise chat (streamed and not), embeddings and model listing through these bundles.
const UNUSED_OPENAI = /[\\/]openai[\\/]resources[\\/](admin[\\/]admin|audio[\\/]audio|batches|beta[\\/]beta|containers[\\/]containers|conversations[\\/]conversations|evals[\\/]evals|files|fine-tuning[\\/]fine-tuning|graders[\\/]graders|images|moderations|realtime[\\/]realtime|responses[\\/]responses|skills[\\/]skills|uploads[\\/]uploads|vector-stores[\\/]vector-stores|videos|webhooks[\\/]webhooks)\.mjs$/;
const stubUnusedOpenAI = {
  name: 'stub-unused-openai-resources',
  setup: (b) =>
    b.onLoad({ filter: UNUSED_OPENAI }, (args) => {
      const names = [...readFileSync(args.path, 'utf8').matchAll(/^export class (\w+)/gm)].map((m) => m[1]);
      if (names.length === 0) throw new Error(`${args.path}: no exported class to stub (the openai SDK changed: update scripts/build.mjs)`);
      return { contents: names.map((n) => `export class ${n} { constructor(client) { this._client = client; } }`).join('\n'), loader: 'js' };
    }),
};

// micromark decodes named character references; its browser build does so through innerHTML on a
// detached element. The webview never hands record text to the HTML parser, so it takes the
// package's table-based build instead (the same answers, no HTML parsing).
const noHtmlEntityDecoder = {
  name: 'no-html-entity-decoder',
  setup: (b) => b.onResolve({ filter: /^decode-named-character-reference$/ }, (args) => ({ path: createRequire(args.importer).resolve('decode-named-character-reference') })),
};

const entries = [
  { entryPoints: ['node_modules/re2js/build/index.cjs'], outfile: 'dist/re2js.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, plugins: [stubUnusedOpenAI] },
  { entryPoints: ['src/core/tally/tallyWorker.ts'], outfile: 'dist/tallyWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [sharedRe2] },
  { entryPoints: ['src/core/session/indexWorker.ts'], outfile: 'dist/indexWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [sharedRe2] },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [sharedRe2, stubUnusedOpenAI] },
  // Always minified: the webview parses its bundle on every open, and a smaller one paints sooner.
  { entryPoints: ['webview/inspector/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'chrome120', minify: true, plugins: [noHtmlEntityDecoder] },
  // The Inspector page's inline first paint (webview/inspector/firstPaint.ts): html.ts writes it into the page, so no source map.
  { entryPoints: ['webview/inspector/firstPaint.ts'], outfile: 'dist/webview/firstPaint.js', platform: 'browser', format: 'iife', target: 'chrome120', minify: true, sourcemap: false },
  { entryPoints: ['webview/leaderboard/main.ts'], outfile: 'dist/webview/leaderboard.js', platform: 'browser', format: 'iife', target: 'chrome120', minify: true },
  { entryPoints: ['webview/compare/main.ts'], outfile: 'dist/webview/compare.js', platform: 'browser', format: 'iife', target: 'chrome120', minify: true },
  { entryPoints: ['test/integration/suite.ts'], outfile: 'dist/test/integration/suite.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], plugins: [stubUnusedOpenAI] },
];

// The strict JSON scanner in WebAssembly (src/core/io/wasmScan.ts), compiled from wasm/jsonScan.ts
// with AssemblyScript (a devDependency; nothing prebuilt is downloaded), beside the bundles that load it.
async function buildWasm() {
  const asc = await import('assemblyscript/asc');
  const r = await asc.main(['wasm/jsonScan.ts', '-O3', '--noAssert', '--runtime', 'stub', '--enable', 'simd', '--initialMemory', '3', '--outFile', 'dist/jsonScan.wasm'], {});
  if (r.error) {
    console.error(r.stderr.toString());
    throw r.error;
  }
}

await Promise.all([
  buildWasm(),
  ...entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })),
]);
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);

// The inline first paint sits inside the page's <script> and <style> elements: nothing in it may end
// them or open a comment (src/extension/webviewShell.ts checks again and links the bundle instead).
for (const [file, tag] of [['dist/webview/firstPaint.js', 'script'], ['dist/webview/firstPaint.css', 'style']]) {
  if (existsSync(file) && new RegExp(`</${tag}|<!--`, 'i').test(readFileSync(file, 'utf8'))) throw new Error(`${file}: contains </${tag} or <!--, so it cannot be written inline into the Inspector's page`);
}
