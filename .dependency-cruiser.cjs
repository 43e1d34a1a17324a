/* global module -- a CommonJS config file, as dependency-cruiser reads it */
// The layers, stated once and checked in `npm test` (`npm run layers`):
//
//   core (pure) ◀── presentation ◀── extension
//        ▲   ▲            │
//        │   └── cli      └──▶ protocol ◀── webview
//        └── scripts, bench, test (anything may use the core)
//
// core never imports vscode or a layer above it; the protocol is loaded in the browser, so it uses
// only its own files and the schema layer; the CLI uses the core alone; the webview sees the
// protocol and its own files; nothing imports the tests' harness except tests; no circles anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'The core, extension and webview folders form layers too: no folder reaches back into one that depends on it (e.g. core/record ← statistics ← verdicts ← tally ← research ← reports; extension/inspector ← commands).',
      scope: 'folder',
      from: { path: '^(src/core|src/extension|webview)/' },
      to: { circular: true },
    },
    {
      name: 'record-model-is-the-base',
      severity: 'error',
      comment: 'src/core/record (the record model, verdict parsing, thinking) is what every other core folder builds on: it imports no other folder.',
      from: { path: '^src/core/record/' },
      to: { path: '^src/', pathNot: '^src/core/record/' },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core never imports vscode, and nothing from the extension, the CLI, the protocol, the presentation layer or the webview.',
      from: { path: '^src/core/' },
      to: { path: '^(vscode$|src/(extension|cli|protocol|presentation)/|webview/)' },
    },
    {
      name: 'pure-layers-never-import-vscode',
      severity: 'error',
      comment: 'The core, the presentation layer, the protocol, the CLI and the webview run without VS Code.',
      from: { path: '^(src/(core|presentation|protocol|cli)|webview)/' },
      to: { path: '^vscode$' },
    },
    {
      name: 'protocol-is-browser-safe',
      severity: 'error',
      comment: 'The protocol is loaded by the webview in the browser: it imports only its own files and the import-free core/schema/schema.ts, core/text/plural.ts and core/record/vocabulary.ts.',
      from: { path: '^src/protocol/' },
      to: { path: '^src/', pathNot: '^src/(protocol/|core/(schema/schema|text/plural|record/vocabulary)\\.ts$)' },
    },
    {
      name: 'presentation-is-pure',
      severity: 'error',
      comment: 'src/presentation builds what the editor shows from the core and the protocol, unit-tested without VS Code.',
      from: { path: '^src/presentation/' },
      to: { path: '^(src/(extension|cli)/|webview/)' },
    },
    {
      name: 'cli-uses-core-only',
      severity: 'error',
      comment: 'The CLI runs without VS Code and uses the core alone.',
      from: { path: '^src/cli/' },
      to: { path: '^(src/(extension|presentation|protocol)/|webview/)' },
    },
    {
      name: 'extension-not-cli-or-webview',
      severity: 'error',
      comment: 'The extension uses the core, the presentation layer and the protocol, never the CLI or the webview code.',
      from: { path: '^src/extension/' },
      to: { path: '^(src/cli/|webview/)' },
    },
    {
      name: 'webview-sees-protocol-only',
      severity: 'error',
      comment: 'The webview (every page and its logic/) imports only the protocol, the import-free core/schema/schema.ts and core/text/plural.ts, and its own files.',
      from: { path: '^webview/' },
      to: { path: '^src/', pathNot: '^src/(protocol/|core/(schema/schema|text/plural)\\.ts$)' },
    },
    {
      name: 'webview-logic-is-dom-free',
      severity: 'error',
      comment: 'webview/logic/ is compiled and unit-tested under Node: it imports no page, DOM helper or VS Code API code.',
      from: { path: '^webview/logic/' },
      to: { path: '^webview/', pathNot: '^webview/logic/' },
    },
    {
      name: 'webview-pages-stand-alone',
      severity: 'error',
      comment: 'A page (inspector/, leaderboard/, compare/) never imports another page; what two pages share lives in dom/, markdown/, vscodeApi/, logic/ or styles/.',
      from: { path: '^webview/(inspector|leaderboard|compare)/' },
      to: { path: '^webview/(inspector|leaderboard|compare)/', pathNot: '^webview/$1/' },
    },
    {
      name: 'harness-stays-in-tests',
      severity: 'error',
      comment: 'Build and release scripts do not depend on the end-to-end test harness (the harness uses scripts/buildTools.mjs); the demo alone starts code-server through it, as the tests do.',
      from: { path: '^(src|scripts|webview)/', pathNot: '^scripts/demo\\.mjs$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules|\\.tmp|tools)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.mjs', '.js', '.cjs', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
