// Model runs on one record in the real extension host, against the fake OpenAI-compatible server
// running in-process: the hover link's Re-judge Record and Re-query GenRM for Record commands send
// one streamed request with the key in the Authorization header, journal the answer beside the file
// (without the key), and the hover then tells the judge's verdict. With no endpoint set, nothing is
// sent. The endpoint settings are user settings: they are put back afterwards.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';
import { FakeOpenAIServer, genrmAnswer, judgeAnswer, promptText } from '../support/fake-openai-server';

const EXTENSION_ID = 'rationale-lens.rationale-lens';
const KEY = 'sk-rlens-inhost-7e6d5c4b3a';
const KEY_ENV = 'RLENS_INHOST_TEST_KEY';
const SETTINGS = ['fidelity.baseUrl', 'fidelity.model', 'genrm.baseUrl', 'genrm.model', 'apiKeyEnv'] as const;


async function setUser(key: (typeof SETTINGS)[number], value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('rationaleLens').update(key, value, vscode.ConfigurationTarget.Global);
}

function journalLines(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

suite('Model runs on one record (fake server)', () => {
  let server: FakeOpenAIServer;
  let uri: vscode.Uri;
  let journal = '';

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const dir = mkdtempSync(join(tmpdir(), 'rlens-inhost-llm-'));
    const path = join(dir, 'runs-r-align.jsonl');
    copyFileSync(join(ext.extensionPath, 'samples', 'r-align-synthetic.jsonl'), path);
    uri = vscode.Uri.file(path);
    journal = `${path}.rlens-journal.jsonl`;
    server = await FakeOpenAIServer.start({ requireApiKey: KEY });
    process.env[KEY_ENV] = KEY;
    await setUser('apiKeyEnv', KEY_ENV);
    await setUser('fidelity.baseUrl', server.baseUrl);
    await setUser('fidelity.model', 'inhost-judge');
    await setUser('genrm.baseUrl', server.baseUrl);
    await setUser('genrm.model', 'inhost-genrm');
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await setUser(key, undefined);
    delete process.env[KEY_ENV];
    await server?.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Re-judge Record: one streamed request with the key, the verdict journaled without it, the hover tells it', async () => {
    server.reset();
    server.enqueue({ kind: 'reply', content: judgeAnswer('Incorrect', 'The rationale never mentions the missing plus sign.'), chunks: 6, chunkDelayMs: 20 });
    await vscode.commands.executeCommand('rationaleLens.rejudgeRecord', uri, 13); // ra-014: label-correct, judge call failed in the file
    const requests = server.chatRequests;
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.headers.authorization, `Bearer ${KEY}`);
    assert.equal(requests[0]?.body?.model, 'inhost-judge');
    assert.equal(requests[0]?.body?.stream, true);
    assert.match(promptText(requests[0]?.body ?? null), /final_verdict/);
    const entries = journalLines(journal).filter((e) => e['kind'] === 'fidelity' && e['recordIndex'] === 13);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.['verdict'], 'Incorrect');
    assert.ok(!readFileSync(journal, 'utf8').includes(KEY), 'the key is not in the journal');

    await vscode.window.showTextDocument(uri);
    const hover = await until('the hover to tell the judge’s verdict', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(13, 1));
      const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('LLM judge') ? text : undefined;
    });
    assert.match(hover, /Fidelity: \*\*Incorrect\*\* \(misaligned\) · LLM judge inhost\\?-judge/);
  });

  test('Re-query GenRM for Record: the new rationale and its verdict are journaled', async () => {
    server.reset();
    server.enqueue({ kind: 'reply', content: genrmAnswer('B', 'Total distance over total time gives 48 km/h; A averages the speeds.'), reasoning: 'harmonic mean', chunks: 5 });
    await vscode.commands.executeCommand('rationaleLens.requeryRecord', uri, 7);
    assert.equal(server.chatRequests.length, 1);
    assert.equal(server.chatRequests[0]?.body?.model, 'inhost-genrm');
    const entry = journalLines(journal).find((e) => e['kind'] === 'genrm' && e['recordIndex'] === 7);
    assert.ok(entry, 'a genrm entry for record 7');
    assert.equal(entry['pred'], 'B');
    assert.equal(entry['reasoning'], 'harmonic mean');
    assert.match(String(entry['raw']), /48 km\/h/);
  });

  test('a workspace cannot choose the model, the tokens per call, the concurrency or the timeout of a run', async function () {
    this.timeout(30_000);
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws);
    const dir = join(ws.uri.fsPath, '.vscode');
    const file = join(dir, 'settings.json');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const current = before ? (JSON.parse(before) as Record<string, unknown>) : {};
    mkdirSync(dir, { recursive: true });
    const hostile = {
      'rationaleLens.fidelity.model': 'the-most-expensive-model',
      'rationaleLens.fidelity.maxTokens': 1_000_000,
      'rationaleLens.fidelity.concurrency': 256,
      'rationaleLens.fidelity.timeoutSeconds': 100_000,
      'rationaleLens.fidelity.temperature': 2,
    };
    writeFileSync(file, JSON.stringify({ ...current, ...hostile }, null, 2));
    try {
      await until('the workspace settings to be read', () => (vscode.workspace.getConfiguration('rationaleLens.fidelity').inspect('model')?.workspaceValue !== undefined ? true : undefined), 5_000).catch(() => true);
      server.reset();
      server.enqueue({ kind: 'reply', content: judgeAnswer('Correct') });
      await vscode.commands.executeCommand('rationaleLens.rejudgeRecord', uri, 13);
      const body = server.chatRequests[0]?.body as Record<string, unknown> | undefined;
      assert.equal(body?.['model'], 'inhost-judge');
      assert.equal(body?.['max_tokens'] ?? body?.['max_completion_tokens'], 16384);
      assert.equal(body?.['temperature'], 0.4);
    } finally {
      if (before === null) rmSync(file, { force: true });
      else writeFileSync(file, before);
    }
  });

  test('with no endpoint set, nothing is sent', async () => {
    server.reset();
    await setUser('fidelity.baseUrl', undefined);
    try {
      await vscode.commands.executeCommand('rationaleLens.rejudgeRecord', uri, 7);
      assert.equal(server.chatRequests.length, 0);
    } finally {
      await setUser('fidelity.baseUrl', server.baseUrl);
    }
  });
});
