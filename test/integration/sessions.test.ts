// The session registry in the real extension host: what it writes to the one log.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
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
