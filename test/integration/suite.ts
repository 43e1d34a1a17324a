// In-host integration tests: Mocha running inside the real VS Code extension host (code-server),
// started by test/e2e/run.mjs through the workbench's `payload` URL parameter (see
// ../shared/docs/E2E.md). scripts/build.mjs bundles this file and every test file it imports into
// dist/test/integration/suite.js, with `vscode` and `mocha` left external.
//
// To add a test file: create test/integration/<name>.test.ts (Mocha tdd UI: suite/test/setup/
// teardown/suiteSetup/suiteTeardown as globals, `import * as vscode from 'vscode'`) and add one
// line to TEST_FILES below.
import Mocha from 'mocha';

const TEST_FILES: Record<string, () => Promise<unknown>> = {
  'activation.test.ts': () => import('./activation.test'),
  'inspector.test.ts': () => import('./inspector.test'),
  'hovers.test.ts': () => import('./hovers.test'),
  'diagnostics.test.ts': () => import('./diagnostics.test'),
  'editor.test.ts': () => import('./editor.test'),
  'commands.test.ts': () => import('./commands.test'),
  'llm.test.ts': () => import('./llm.test'),
  'samples.test.ts': () => import('./samples.test'),
  'problems.test.ts': () => import('./problems.test'),
  'sessions.test.ts': () => import('./sessions.test'),
};

/** Lines read by test/e2e/harness.mjs: the reporter's output between them is shown, the result counted. */
const START_MARKER = 'RLENS_MOCHA_START';
const RESULT_MARKER = 'RLENS_MOCHA_RESULT ';

interface TestResult {
  title: string;
  ok: boolean;
  error?: string;
}

export async function run(): Promise<void> {
  console.log(START_MARKER);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.RLENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const [file, load] of Object.entries(TEST_FILES)) {
    // Defines suite()/test()/... as globals for this file, as Mocha does when it requires a file.
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    await load();
    mocha.suite.emit('require', null, file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }
  const results: TestResult[] = [];
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${RESULT_MARKER}${JSON.stringify({ failures, tests: results })}`);
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed.`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), ok: true }));
    runner.on('fail', (t, err: unknown) =>
      results.push({ title: t.fullTitle(), ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}
