import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { applyFidelityResult, applyGenrmResult } from '../../../../src/core/llm/export';
import { FileCacheStore, MemoryCacheStore } from '../../../../src/core/llm/cache';
import { Journal, journalPathFor, readJournal } from '../../../../src/core/llm/journal';
import { makeTemplate } from '../../../../src/core/llm/template';
import { runFidelityJudging, runGenrmGeneration } from '../../../../src/core/llm/runner';
import type { FidelityResult, RunProgress } from '../../../../src/core/llm/runTypes';
import type { EvalRecord } from '../../../../src/core/record/record';
import { FakeOpenAIServer, fakeUsage, genrmAnswer, judgeAnswer, promptText } from '../../../support/fake-openai-server';
import type { FakeHandler } from '../../../support/fake-openai-server';
import { API_KEY, FAST_RETRY, makeRecord, profileFor, tempDir } from './helpers';
import { waitFor } from '../../../support/waitFor';

let server: FakeOpenAIServer;
/** Answers by markers in the prompt: MARK-incorrect, MARK-parsefail, MARK-empty, MARK-400, MARK-slow. */
const byMarker: FakeHandler = (req) => {
  const p = promptText(req.body);
  if (p.includes('MARK-incorrect')) return { kind: 'reply', content: judgeAnswer('Incorrect') };
  if (p.includes('MARK-parsefail')) return { kind: 'reply', content: 'Looks right to me. Verdict: Correct' };
  if (p.includes('MARK-empty')) return { kind: 'reply', content: '' };
  if (p.includes('MARK-400')) return { kind: 'error', status: 400, message: 'context length exceeded' };
  if (p.includes('MARK-slow')) return { kind: 'reply', content: judgeAnswer('Correct'), delayMs: 2000 };
  return { kind: 'reply', content: judgeAnswer('Correct'), reasoning: 'judge reasoning' };
};

before(async () => {
  server = await FakeOpenAIServer.start({ handler: byMarker });
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setHandler(byMarker);
});

const opts = (over: Partial<Parameters<typeof runFidelityJudging>[1]> = {}): Parameters<typeof runFidelityJudging>[1] => ({
  profile: profileFor(server),
  retry: FAST_RETRY,
  journal: false,
  ...over,
});

test('fidelity: selection, verdicts, ParseFail, CallFail, progress', async () => {
  const records: EvalRecord[] = [
    makeRecord(0),
    makeRecord(1, { genrm: 'MARK-incorrect A is better \\boxed{A}' }),
    makeRecord(2, { gold: 'A', pred: 'B' }),
    makeRecord(3, { pred: null }),
    makeRecord(4, { genrm: 'MARK-parsefail \\boxed{A}' }),
    makeRecord(5, { genrm: 'MARK-empty \\boxed{A}' }),
    makeRecord(6, { genrm: 'MARK-400 \\boxed{A}' }),
    makeRecord(7, { gold: 'B', pred: 'B' }),
  ];
  const progress: RunProgress[] = [];
  const s = await runFidelityJudging(records, opts({ onProgress: (p) => progress.push(p) }));
  const v = s.results.map((r) => r.verdict);
  assert.deepEqual(v, ['Correct', 'Incorrect', 'SkippedLabelMismatch', 'SkippedLabelMismatch', 'ParseFail', 'CallFail', 'CallFail', 'Correct']);
  assert.deepEqual(s.results.map((r) => r.recordIndex), [0, 1, 2, 3, 4, 5, 6, 7]);
  const [r0, , r2, , r4, r5, r6] = s.results;
  assert.equal(r0?.analysis, 'The rationale names the decisive error.');
  assert.equal(r0?.keyPoints, 'A has a factual error.');
  assert.equal(r0?.reasoning, 'judge reasoning');
  assert.ok(r0?.raw?.includes('<final_verdict>'));
  assert.equal(r2?.key, null);
  assert.equal(r2?.raw, null);
  assert.match(r4?.error ?? '', /no <genrm_analysis> and <final_verdict>/);
  assert.equal(r4?.raw, 'Looks right to me. Verdict: Correct');
  assert.match(r5?.error ?? '', /empty_response/);
  assert.equal(r5?.attempts, FAST_RETRY.maxRetries! + 1);
  assert.match(r6?.error ?? '', /http 400/);
  assert.equal(r6?.attempts, 1);
  // Skipped records cost no request: 4 plain + every attempt of the empty one + 1 for the 400.
  assert.equal(server.chatRequests.length, 4 + FAST_RETRY.maxRetries! + 1 + 1);
  const last = progress[progress.length - 1];
  // Tokens: what the server reported for the answers that came back (the fake counts 4 characters a token).
  const answered = server.chatRequests.filter((q) => !/MARK-(empty|400)/.test(promptText(q.body)));
  const prompt = answered.reduce((n, q) => n + fakeUsage(q.body, '', '').prompt_tokens, 0);
  assert.equal(last?.tokens.prompt, prompt);
  assert.ok((last?.tokens.completion ?? 0) > 0);
  assert.deepEqual({ ...last, elapsedMs: 0, etaMs: 0, tokens: null }, { done: 8, total: 8, failed: 3, cached: 0, skipped: 2, inFlight: 0, elapsedMs: 0, etaMs: 0, tokens: null });
  assert.equal(progress[0]?.done, 0);
  assert.equal(s.cancelled, false);
});

test('fidelity: thinking is removed from both rationales before judging; the context block is exact', async () => {
  const rec = makeRecord(0, {
    genrm: '<think>SECRET-GENRM-THOUGHT</think>\n  A is right because B is off by one. \\boxed{A}',
    goldRationale: '<think>SECRET-GOLD-THOUGHT</think> A is right; B is off by one.',
    conversation: [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'What is 0 + 0?' },
    ],
  });
  await runFidelityJudging([rec], opts());
  const req = server.chatRequests[0];
  const text = promptText(req?.body ?? null);
  assert.ok(!text.includes('SECRET'), 'no thinking text reaches the judge');
  assert.ok(text.includes('<genrm_output>\nA is right because B is off by one. \\boxed{A}\n</genrm_output>'));
  assert.ok(text.includes('<golden_judge>\nA is right; B is off by one.\n</golden_judge>'));
  assert.ok(
    text.includes(
      "<|Dialogue Context|>\nUser: hi\nAssistant: hello\n\n<|End of Dialogue Context|>\n\n<|User Prompt|>\nWhat is 0 + 0?\n\n<|The Start of Assistant A's Answer with User|>\n\n0\n\n<|The End of Assistant A's Answer with User|>\n\n<|The Start of Assistant B's Answer with User|>\n\n1\n\n<|The End of Assistant B's Answer with User|>\n\n",
    ),
  );
  assert.equal(req?.body?.messages?.length, 1);
  assert.equal(req?.body?.messages?.[0]?.role, 'user');
});

test('a user fidelity template is used as is', async () => {
  const t = makeTemplate('fidelity', 'MY TEMPLATE {{x}}\n{context_and_responses}|{golden_explanation}|{genrm_explanation}', 'my.txt');
  await runFidelityJudging([makeRecord(0)], opts({ template: t }));
  const text = promptText(server.chatRequests[0]?.body ?? null);
  assert.ok(text.startsWith('MY TEMPLATE {x}\n<|User Prompt|>'));
  assert.ok(text.endsWith('|A is right: 0 + 0 = 0; B is off by one.|B miscounts by one, A gives 0. \\boxed{A}'));
});

test('cache: asking the same question twice costs nothing (memory and file stores)', async () => {
  const cache = new MemoryCacheStore();
  const records = [makeRecord(0), makeRecord(1), makeRecord(2, { gold: 'B', pred: 'A' })];
  const first = await runFidelityJudging(records, opts({ cache }));
  assert.equal(server.chatRequests.length, 2);
  assert.ok(first.results.every((r) => !r.cached));
  const second = await runFidelityJudging(records, opts({ cache }));
  assert.equal(server.chatRequests.length, 2, 'no new request');
  assert.deepEqual(second.results.map((r) => [r.verdict, r.cached]), [['Correct', true], ['Correct', true], ['SkippedLabelMismatch', false]]);
  assert.equal(second.results[0]?.raw, first.results[0]?.raw);
  assert.equal(second.results[0]?.reasoning, 'judge reasoning');
  assert.equal(second.progress.cached, 2);

  // A different model or temperature is a different question.
  await runFidelityJudging(records, opts({ cache, profile: profileFor(server, { temperature: 0 }) }));
  assert.equal(server.chatRequests.length, 4);

  const { dir, cleanup } = tempDir();
  try {
    server.reset();
    const path = join(dir, 'cache.jsonl');
    const c1 = await FileCacheStore.open(path);
    await runFidelityJudging(records, opts({ cache: c1 }));
    await c1.close();
    const c2 = await FileCacheStore.open(path);
    const again = await runFidelityJudging(records, opts({ cache: c2 }));
    await c2.close();
    assert.equal(server.chatRequests.length, 2);
    assert.ok(again.results.slice(0, 2).every((r) => r.cached));
    // refresh asks again
    await runFidelityJudging(records, opts({ cache: new MemoryCacheStore(), refresh: true }));
    assert.equal(server.chatRequests.length, 4);
  } finally {
    cleanup();
  }
});

test('journal: one durable line per finished call; a rerun skips journaled records and repairs a torn last line', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const dataset = join(dir, 'data.jsonl');
    const records = Array.from({ length: 6 }, (_, i) => makeRecord(i, i === 5 ? { genrm: 'MARK-400 \\boxed{A}' } : {}));
    const first = await runFidelityJudging(records.slice(0, 3), opts({ datasetPath: dataset, journal: undefined }));
    assert.equal(first.journal?.entries, 0);
    const jpath = journalPathFor(dataset);
    const lines = readFileSync(jpath, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 3);
    const e0 = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    for (const k of ['key', 'recordId', 'recordIndex', 'kind', 'model', 'verdict', 'raw', 'reasoning', 'analysis', 'error', 'finishedAt']) assert.ok(k in e0, k);
    assert.equal(e0['kind'], 'fidelity');
    assert.equal(e0['model'], 'fake-judge');

    appendFileSync(jpath, '{"key":"torn","recordId":"x","recordInd');
    server.reset();
    const second = await runFidelityJudging(records, opts({ datasetPath: dataset, journal: undefined }));
    assert.equal(second.journal?.torn?.line, 4);
    assert.equal(second.journal?.repaired, true);
    assert.equal(server.chatRequests.length, 3, 'only the three new records are asked');
    assert.deepEqual(second.results.map((r) => r.resumed), [true, true, true, false, false, false]);
    assert.deepEqual(second.results.map((r) => r.verdict), ['Correct', 'Correct', 'Correct', 'Correct', 'Correct', 'CallFail']);
    assert.equal(second.results[0]?.analysis, first.results[0]?.analysis);
    const all = await readJournal(jpath);
    assert.equal(all.report.torn, null);
    assert.equal(all.entries.length, 6);

    // A failed call is journaled but retried by the next run.
    server.reset();
    server.setHandler(() => ({ kind: 'reply', content: judgeAnswer('Incorrect') }));
    const third = await runFidelityJudging(records, opts({ datasetPath: dataset, journal: undefined }));
    assert.equal(server.chatRequests.length, 1);
    assert.equal(third.results[5]?.verdict, 'Incorrect');
  } finally {
    cleanup();
  }
});

test('the API key never reaches the journal, the cache or error messages', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // A server that echoes the Authorization header into its answers and errors.
    server.setHandler((req) =>
      promptText(req.body).includes('MARK-400')
        ? { kind: 'error', status: 403, message: `key ${req.headers.authorization} is not allowed` }
        : { kind: 'reply', content: judgeAnswer('Correct', `auth was ${req.headers.authorization}`), reasoning: `thinking about ${req.headers.authorization}` },
    );
    const dataset = join(dir, 'd.jsonl');
    const cache = await FileCacheStore.open(join(dir, 'cache.jsonl'), { secrets: [API_KEY] });
    const s = await runFidelityJudging([makeRecord(0), makeRecord(1, { genrm: 'MARK-400 \\boxed{A}' })], opts({ datasetPath: dataset, journal: undefined, cache }));
    await cache.close();
    assert.equal(server.chatRequests[0]?.headers.authorization, `Bearer ${API_KEY}`, 'the key is sent to the server');
    const journalText = readFileSync(journalPathFor(dataset), 'utf8');
    const cacheText = readFileSync(join(dir, 'cache.jsonl'), 'utf8');
    assert.ok(journalText.includes('auth was Bearer ***'));
    assert.ok(!journalText.includes(API_KEY), 'journal');
    assert.ok(!cacheText.includes(API_KEY), 'cache');
    assert.match(s.results[1]?.error ?? '', /http 403/);
    assert.ok(!(s.results[1]?.error ?? '').includes(API_KEY), 'error message');
  } finally {
    cleanup();
  }
});

test('cancellation stops in-flight requests and starts no more', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const dataset = join(dir, 'd.jsonl');
    const records = Array.from({ length: 20 }, (_, i) => makeRecord(i, i < 2 ? {} : { genrm: 'MARK-slow \\boxed{A}' }));
    const ctrl = new AbortController();
    const results: FidelityResult[] = [];
    const t0 = Date.now();
    const s = await runFidelityJudging(records, {
      ...opts({ datasetPath: dataset, journal: undefined, profile: profileFor(server, { concurrency: 4 }) }),
      signal: ctrl.signal,
      onResult: (r) => {
        results.push(r as FidelityResult);
        if (results.length === 2) setTimeout(() => ctrl.abort(), 20);
      },
    });
    assert.ok(Date.now() - t0 < 1800, 'the run ends promptly (without cancelling it would take > 8 s)');
    assert.equal(s.cancelled, true);
    assert.equal(s.results.length, 2);
    const seen = server.chatRequests.length;
    assert.ok(seen <= 6, `${seen} requests`);
    const slow = () => server.chatRequests.filter((r) => promptText(r.body).includes('MARK-slow'));
    await waitFor(() => slow().length > 0 && slow().every((r) => r.closedByClient), { what: 'every slow request to be cut by the client' });
    const inflight = slow();
    assert.ok(inflight.length > 0);
    assert.ok(inflight.every((r) => r.closedByClient), 'every slow request was cut by the client');
    assert.equal(server.chatRequests.length, seen, 'nothing started after cancelling');
    const j = await readJournal(journalPathFor(dataset));
    assert.equal(j.entries.length, 2, 'only finished calls are journaled (no CallFail for cancelled ones)');
  } finally {
    cleanup();
  }
});

test('a journal that cannot be written stops the run with its error', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const journal = await Journal.open(join(dir, 'j.jsonl'));
    await journal.close();
    await assert.rejects(runFidelityJudging([makeRecord(0), makeRecord(1)], opts({ journal })), /closed/);
  } finally {
    cleanup();
  }
});

test('images: paths relative to the dataset become data: URLs with the right mime type; URLs pass through', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    writeFileSync(join(dir, 'cat.png'), png);
    writeFileSync(join(dir, 'dog.JPG'), Buffer.from([0xff, 0xd8, 0xff]));
    const rec = makeRecord(0, {
      conversation: [
        {
          role: 'user',
          content: [
            { type: 'image', path: 'cat.png' },
            { type: 'image', path: 'dog.JPG' },
            { type: 'image', url: 'https://example.invalid/x.webp' },
            { type: 'text', text: 'Which animal?' },
          ],
        },
      ],
    });
    await runFidelityJudging([rec], opts({ datasetPath: join(dir, 'data.jsonl') }));
    const content = server.chatRequests[0]?.body?.messages?.[0]?.content ?? '';
    assert.ok(typeof content !== 'string', 'content parts');
    assert.deepEqual(
      content.map((p) => p.type),
      ['image_url', 'image_url', 'image_url', 'text'],
    );
    assert.equal(content[0]?.image_url?.url, `data:image/png;base64,${png.toString('base64')}`);
    assert.equal(content[1]?.image_url?.url, 'data:image/jpeg;base64,/9j/');
    assert.equal(content[2]?.image_url?.url, 'https://example.invalid/x.webp');
    assert.ok(content[3]?.text?.includes('<|User Prompt|>\nWhich animal?\n\n'));

    server.reset();
    const missing = makeRecord(1, { conversation: [{ role: 'user', content: [{ type: 'image', path: 'nope.png' }, { type: 'text', text: 'q' }] }] });
    const s = await runGenrmGeneration([missing], opts({ datasetPath: join(dir, 'data.jsonl') }));
    assert.match(s.results[0]?.error ?? '', /image nope\.png not found/);
    assert.equal(server.chatRequests.length, 0);
  } finally {
    cleanup();
  }
});

test('GenRM generation: system prompt + context block, last \\boxed verdict, reasoning apart, async input', async () => {
  server.setHandler((req) => {
    const p = promptText(req.body);
    if (p.includes('What is 1 + 1?')) return { kind: 'reply', content: 'Maybe \\boxed{A}? No: \\boxed{B}', reasoning: 'hmm' };
    if (p.includes('What is 2 + 2?')) return { kind: 'reply', content: 'I cannot decide because', finishReason: 'length' };
    return { kind: 'reply', content: genrmAnswer('A') };
  });
  async function* gen(): AsyncGenerator<EvalRecord> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1));
      yield makeRecord(i);
    }
  }
  const progress: RunProgress[] = [];
  const s = await runGenrmGeneration(gen(), opts({ profile: profileFor(server, { model: 'fake-genrm' }), onProgress: (p) => progress.push(p) }));
  assert.deepEqual(s.results.map((r) => r.pred), ['A', 'B', null]);
  assert.equal(s.results[1]?.reasoning, 'hmm');
  assert.match(s.results[2]?.error ?? '', /no \\boxed.*cut off at maxTokens/);
  assert.equal(progress[0]?.total, null, 'an async input has no total until read');
  assert.equal(progress[progress.length - 1]?.total, 3);
  const msgs = server.chatRequests[0]?.body?.messages;
  assert.equal(msgs?.length, 2);
  assert.equal(msgs?.[0]?.role, 'system');
  assert.match(msgs?.[0]?.content as string, /\\boxed\{A\} or \\boxed\{B\}/);
  assert.equal(msgs?.[1]?.role, 'user');
  assert.ok((msgs?.[1]?.content as string).startsWith('<|User Prompt|>\nWhat is 0 + 0?\n\n'));
});

test('export helpers write R-Align output objects, keeping every other field', () => {
  const input = { id: 'x1', conversations: [], gt_label: 'A', model_judgment: 'old', model_pred: 'A', meta: { source: 'hs3', metarm_error: 'stale' }, extra: [1, 2] };
  const ok = applyFidelityResult(input, { verdict: 'Correct', raw: 'R', reasoning: 'T', analysis: 'AN', error: null }, 'judge-1');
  assert.deepEqual(ok, {
    ...input,
    metarm_raw: 'T\n\n</think>\n\nR',
    metarm_analysis: 'AN',
    metarm_verdict: 'Correct',
    metarm_score: 1,
    meta: { source: 'hs3', metarm_model_name: 'judge-1' },
  });
  assert.equal(applyFidelityResult(input, { verdict: 'Incorrect', raw: 'R', reasoning: null, analysis: 'AN', error: null }, 'j')['metarm_score'], 0);
  const fail = applyFidelityResult({ id: 'y' }, { verdict: 'CallFail', raw: null, reasoning: null, analysis: null, error: 'http 500' }, 'j');
  assert.deepEqual(fail, { id: 'y', metarm_raw: null, metarm_analysis: '', metarm_verdict: 'CallFail', metarm_score: null, meta: { metarm_error: 'http 500', metarm_model_name: 'j' } });
  const pf = applyFidelityResult({ id: 'y' }, { verdict: 'ParseFail', raw: 'junk', reasoning: null, analysis: null, error: 'no tags' }, 'j');
  assert.equal(pf['metarm_raw'], 'junk');
  assert.equal(pf['metarm_score'], null);
  const skip = applyFidelityResult({ id: 'z' }, { verdict: 'SkippedLabelMismatch', raw: null, reasoning: null, analysis: null, error: null }, 'j');
  assert.deepEqual(skip['meta'], { metarm_model_name: 'j' });
  assert.equal(input.meta.metarm_error, 'stale', 'the input object is not modified');

  const g = applyGenrmResult({ id: 'g', meta: 'not an object' }, { pred: 'B', raw: 'why \\boxed{B}', reasoning: 'think' }, 'genrm-1');
  assert.deepEqual(g, { id: 'g', model_judgment: 'think\n\n</think>\n\nwhy \\boxed{B}', model_pred: 'B', meta: { model_name: 'genrm-1' } });
  assert.equal(applyGenrmResult({}, { pred: null, raw: null, reasoning: null }, 'm')['model_judgment'], null);
});
