// Re-query ×k in the real extension host against the fake OpenAI-compatible server (real HTTP, the
// real openai client, streamed answers): k samples of a record asked in parallel after the estimate,
// one journal line a sample with its number and order; a complete set gets k more; failed calls are
// counted and explained and the next run asks exactly those; a run cancelled mid-way is completed by
// the next one, which asks exactly the samples still missing; the CLI resumes the editor's samples
// (same request keys); the fidelity judge on the new samples; a workspace cannot raise k or the
// temperature. Settings are user settings, put back afterwards.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './until';
import { FakeOpenAIServer, genrmAnswer, judgeAnswer, promptText } from '../support/fake-openai-server';
import type { FakeAction, RecordedRequest } from '../support/fake-openai-server';

const EXTENSION_ID = 'rationale-lens.rationale-lens';
const KEY = 'sk-rlens-inhost-samples-5e4d3c';
const KEY_ENV = 'RLENS_INHOST_SAMPLES_KEY';
const SETTINGS: Record<string, unknown> = {
  apiKeyEnv: KEY_ENV,
  'genrm.model': 'inhost-genrm',
  'fidelity.model': 'inhost-judge',
  'requery.samples': 3,
  'requery.temperature': 0.7,
  'requery.bothOrders': true,
  confirmRunAboveTokens: 1e12,
};

interface Report {
  status: string;
  message: string;
  estimate: string | null;
  estimatedAt: number | null;
  target: number;
  planned: number;
  answered: number;
  failed: number;
  failures: { reason: string; count: number }[];
  cancelled: boolean;
}

async function setUser(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('rationaleLens').update(key, value, vscode.ConfigurationTarget.Global);
}

type Line = Record<string, unknown>;
function journal(path: string): Line[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}
const samplesOf = (path: string, index: number): Line[] => journal(path).filter((e) => e['kind'] === 'genrm' && e['recordIndex'] === index && e['sample'] !== undefined);
const answered = (path: string, index: number): number[] => [...new Set(samplesOf(path, index).filter((e) => e['raw'] !== null).map((e) => Number(e['sample'])))].sort((a, b) => a - b);

suite('Re-query ×k (fake server)', () => {
  let server: FakeOpenAIServer;
  let uri: vscode.Uri;
  let file = '';
  let journalPath = '';
  let records: { response_A: string; response_B: string; gt_label: string }[] = [];
  /** How the GenRM answers a swapped prompt: normally, with HTTP 400, or never (until cancelled). */
  let swappedMode: 'reply' | 'fail' | 'hang' = 'reply';

  /** The record a prompt is about and whether it shows B first (by where each response starts in it). */
  function shown(p: string): { index: number; swapped: boolean } | null {
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (!r) continue;
      const a = p.indexOf(r.response_A.slice(0, 60));
      const b = p.indexOf(r.response_B.slice(0, 60));
      if (a >= 0 && b >= 0) return { index: i, swapped: b < a };
    }
    return null;
  }

  const handler = (req: RecordedRequest): FakeAction => {
    const p = promptText(req.body);
    if (p.includes('final_verdict')) return { kind: 'reply', content: judgeAnswer('Correct') };
    const s = shown(p);
    if (s?.swapped && swappedMode === 'fail') return { kind: 'error', status: 400, message: 'this prompt is refused by the test server' };
    if (s?.swapped && swappedMode === 'hang') return { kind: 'hang' };
    // Label-correct in the original frame: the gold response, named as it was shown.
    const gold = records[s?.index ?? 0]?.gt_label === 'A' ? 'A' : 'B';
    const letter = s?.swapped ? (gold === 'A' ? 'B' : 'A') : gold;
    return { kind: 'reply', content: genrmAnswer(letter, `Sample rationale: the gold response is right (${s?.swapped ? 'swapped' : 'original'}).`), reasoning: 'weighing both', chunks: 6, chunkDelayMs: 25 };
  };

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const dir = mkdtempSync(join(tmpdir(), 'rlens-inhost-samples-'));
    file = join(dir, 'samples-r-align.jsonl');
    copyFileSync(join(ext.extensionPath, 'samples', 'r-align-synthetic.jsonl'), file);
    records = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { response_A: string; response_B: string; gt_label: string });
    uri = vscode.Uri.file(file);
    journalPath = `${file}.rlens-journal.jsonl`;
    server = await FakeOpenAIServer.start({ requireApiKey: KEY, handler });
    process.env[KEY_ENV] = KEY;
    for (const [key, value] of Object.entries(SETTINGS)) await setUser(key, value);
    await setUser('genrm.baseUrl', server.baseUrl);
    await setUser('fidelity.baseUrl', server.baseUrl);
  });

  suiteTeardown(async () => {
    for (const key of [...Object.keys(SETTINGS), 'genrm.baseUrl', 'fidelity.baseUrl']) await setUser(key, undefined);
    delete process.env[KEY_ENV];
    await server?.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  setup(() => {
    swappedMode = 'reply';
    server.reset();
  });

  test('k samples of a record: streamed in parallel after the estimate, one journal line each with its number and order, at the set temperature', async () => {
    const report = await vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 7);
    assert.equal(report.status, 'ended', report.message);
    assert.deepEqual([report.planned, report.answered, report.failed, report.target], [3, 3, 0, 3]);
    const requests = server.chatRequests;
    assert.equal(requests.length, 3);
    for (const r of requests) {
      assert.equal(r.body?.stream, true);
      assert.equal(r.body?.temperature, 0.7);
      assert.equal(r.body?.model, 'inhost-genrm');
      assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    }
    // The estimate was stated before the first request, and counted the three.
    assert.match(report.estimate ?? '', /\b3 requests\b/);
    assert.ok(report.estimatedAt !== null && report.estimatedAt <= Math.min(...requests.map((r) => r.receivedAt)), 'the estimate comes before any request');
    // In parallel: every request arrived before the first answer was complete.
    assert.ok(Math.max(...requests.map((r) => r.receivedAt)) < Math.min(...requests.map((r) => r.finishedAt ?? Infinity)), 'the three samples were in flight together');
    const lines = samplesOf(journalPath, 7);
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.map((e) => `${String(e['sample'])}:${String(e['order'])}:${String(e['pred'])}`).sort(), ['1:original:B', '2:swapped:B', '3:original:B'], 'a swapped sample’s "A" is read back as B');
    assert.ok(!readFileSync(journalPath, 'utf8').includes(KEY), 'the key is not in the journal');
    assert.match(report.message, /3 answered, 0 from the journal, 0 failed/);
  });

  test('a complete set gets k more (samples 4–6), asking only those', async () => {
    const report = await vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 7);
    assert.deepEqual([report.planned, report.answered, report.target], [3, 3, 6]);
    assert.equal(server.chatRequests.length, 3);
    assert.deepEqual(answered(journalPath, 7), [1, 2, 3, 4, 5, 6]);
    assert.equal(samplesOf(journalPath, 7).length, 6, 'one line a sample: none journaled twice');
  });

  test('failed calls are counted and explained; the next run asks exactly the failed ones', async () => {
    swappedMode = 'fail';
    const failed = await vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 9);
    assert.equal(failed.status, 'ended');
    assert.deepEqual([failed.planned, failed.answered, failed.failed], [3, 2, 1]);
    assert.equal(failed.failures.length, 1);
    assert.equal(failed.failures[0]?.count, 1);
    assert.match(failed.failures[0]?.reason ?? '', /400/);
    assert.match(failed.message, /1 failed\. Why: 1 × .*400/);
    assert.deepEqual(answered(journalPath, 9), [1, 3]);

    swappedMode = 'reply';
    server.reset();
    const again = await vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 9);
    assert.deepEqual([again.planned, again.answered, again.failed, again.target], [1, 1, 0, 3]);
    assert.equal(server.chatRequests.length, 1);
    assert.equal(shown(promptText(server.chatRequests[0]?.body ?? null))?.swapped, true, 'sample 2, the swapped one, is the one asked again');
    assert.deepEqual(answered(journalPath, 9), [1, 2, 3]);
  });

  test('cancelled mid-run: what was answered stays journaled, and the next run asks exactly the samples still missing', async () => {
    swappedMode = 'hang';
    const cancel = new AbortController();
    const running = vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 11, { signal: cancel.signal });
    await until('samples 1 and 3 journaled while sample 2 hangs', () => (answered(journalPath, 11).length === 2 ? true : undefined), 20_000);
    cancel.abort();
    const report = await running;
    assert.equal(report.cancelled, true);
    assert.match(report.message, /cancelled/);
    assert.deepEqual(answered(journalPath, 11), [1, 3]);
    await until('the hanging request to be closed by the client', () => (server.chatRequests.some((r) => r.closedByClient) ? true : undefined), 10_000);

    swappedMode = 'reply';
    server.reset();
    const resumed = await vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 11);
    assert.deepEqual([resumed.planned, resumed.answered, resumed.target], [1, 1, 3]);
    assert.equal(server.chatRequests.length, 1);
    assert.deepEqual(answered(journalPath, 11), [1, 2, 3]);
  });

  test('the CLI resumes the editor’s samples: `generate --samples 3 --both-orders --temperature 0.7` asks nothing of records 7, 9 and 11', async function () {
    this.timeout(120_000);
    const cli = join(__dirname, '..', '..', 'cli.js');
    if (!existsSync(cli)) throw new Error(`the CLI is not built at ${cli} (npm run build)`);
    const args = [cli, 'generate', file, '--samples', '3', '--both-orders', '--temperature', '0.7', '--base-url', server.baseUrl, '--model', 'inhost-genrm', '--api-key-env', KEY_ENV, '--quiet', '--no-cache'];
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('exit', (c) => (c === 0 ? resolve(0) : reject(new Error(`the CLI exited ${c}: ${err.slice(0, 2000)}`))));
    });
    assert.equal(code, 0);
    const asked = server.chatRequests.map((r) => shown(promptText(r.body))?.index);
    for (const index of [7, 9, 11]) assert.equal(asked.filter((i) => i === index).length, 0, `record ${index + 1} was asked again by the CLI`);
    assert.equal(server.chatRequests.length, (records.length - 3) * 3, 'every other record: its three samples');
    assert.equal(samplesOf(journalPath, 9).filter((e) => e['raw'] !== null).length, 3, 'no sample journaled twice');
  });

  test('Judge Fidelity of Re-queried Samples: the label-correct samples judged, each verdict journaled against its sample', async () => {
    const report = await vscode.commands.executeCommand<{ samples: number; judged: number; failed: number }>('rationaleLens.judgeSamples', uri, 7);
    assert.equal(report.samples, 6);
    assert.equal(report.judged, 6);
    assert.equal(report.failed, 0);
    assert.equal(server.chatRequests.length, 6);
    const keys = new Set(samplesOf(journalPath, 7).map((e) => e['key']));
    const verdicts = journal(journalPath).filter((e) => e['kind'] === 'fidelity' && e['recordIndex'] === 7 && e['of'] !== undefined);
    assert.equal(verdicts.length, 6);
    for (const v of verdicts) assert.ok(keys.has(v['of']), 'a verdict names the sample it judged');
    // Judged once: a second run takes them from the journal.
    server.reset();
    const again = await vscode.commands.executeCommand<{ judged: number }>('rationaleLens.judgeSamples', uri, 7);
    assert.equal(again.judged, 0);
    assert.equal(server.chatRequests.length, 0);
  });

  test('a workspace cannot raise k or the temperature of a re-query ×k', async function () {
    this.timeout(30_000);
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws);
    const dir = join(ws.uri.fsPath, '.vscode');
    const settingsFile = join(dir, 'settings.json');
    const before = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null;
    mkdirSync(dir, { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ ...(before ? (JSON.parse(before) as object) : {}), 'rationaleLens.requery.samples': 64, 'rationaleLens.requery.temperature': 2 }, null, 2));
    try {
      await until('the workspace settings to be read', () => (vscode.workspace.getConfiguration('rationaleLens.requery').inspect('samples')?.workspaceValue !== undefined ? true : undefined), 5_000).catch(() => true);
      const report = await vscode.commands.executeCommand<Report>('rationaleLens.requerySamples', uri, 13);
      assert.equal(report.planned, 3);
      assert.equal(server.chatRequests.length, 3);
      for (const r of server.chatRequests) assert.equal(r.body?.temperature, 0.7);
    } finally {
      if (before === null) rmSync(settingsFile, { force: true });
      else writeFileSync(settingsFile, before);
    }
  });
});
