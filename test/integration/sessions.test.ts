// The session registry in the real extension host: what it writes to the one log.
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { loadedSession, whenState } from '../../src/core/session/sessionState';
import { SessionRegistry } from '../../src/extension/sessions';
import { recordingLog } from '../support/recordingLog';

suite('Sessions: the log', () => {
  test('a file that cannot be read writes one line to the log, naming the file and why', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the runner opens a workspace folder');
    const missing = join(folder, 'no-such-evaluation-file.jsonl');
    const log = recordingLog();
    const registry = new SessionRegistry(log);
    try {
      await assert.rejects(registry.get(vscode.Uri.file(missing)));
      const lines = log.lines.filter((l) => l.includes(missing));
      assert.equal(lines.length, 1, JSON.stringify(log.lines));
      assert.match(lines[0] ?? '', /^warn cannot read .*no-such-evaluation-file\.jsonl: /);
    } finally {
      registry.dispose();
    }
  });
});

suite('Sessions: the state', () => {
  test('a file changed on disk while open: the watcher makes it stale at once, then it is read again (new records), each step one event', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension('rationale-lens.rationale-lens');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(ext && folder, 'the runner opens a workspace folder');
    const path = join(folder, 'state-changes-on-disk.jsonl');
    copyFileSync(join(ext.extensionPath, 'samples', 'r-align-synthetic.jsonl'), path);
    const uri = vscode.Uri.file(path);
    const registry = new SessionRegistry(recordingLog());
    const phases: string[] = [];
    const sub = registry.onDidChangeState((e) => e.uri.fsPath === path && e.state.phase !== e.previous.phase && phases.push(e.state.phase));
    try {
      assert.equal(registry.state(uri).phase, 'closed');
      const first = await registry.get(uri);
      assert.equal(registry.state(uri).phase, 'loaded');
      assert.deepEqual(phases, ['opening', 'indexing', 'loaded']);
      phases.length = 0;
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      const stale = whenState(registry.feed(uri), (s) => (s.phase === 'stale' ? s : undefined));
      writeFileSync(path, lines.slice(0, 10).join('\n') + '\n');
      await stale;
      const second = await whenState(registry.feed(uri), loadedSession);
      assert.notEqual(second, first);
      assert.equal(second.count, 10);
      assert.deepEqual(phases, ['stale', 'opening', 'indexing', 'loaded']);
    } finally {
      sub.dispose();
      registry.dispose();
    }
  });
});
