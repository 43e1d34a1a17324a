/** Batch hand-off: export → a local batch engine over real HTTP → import, idempotent, refusing changed prompts. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BATCH_LIMITS, parseCustomId, readBatchOutput, writeBatchFiles } from '../../../../src/core/llm/batch';
import type { BatchRequestLine } from '../../../../src/core/llm/batch';
import { journalPathFor } from '../../../../src/core/llm/journal';
import { runBatch } from '../../../support/batch-runner';
import { FakeOpenAIServer, judgeAnswer, promptText } from '../../../support/fake-openai-server';
import { cliPath } from '../../paths';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'rlens-home-')) } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI run without blocking this process (a run that calls the fake server in it). */
function cliAsync(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'rlens-home-')) } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());

/** 30 records: 20 label-correct (the judge's work), 10 label-wrong (skipped, as in a live run). */
function dataset(dir: string): string {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    id: `r${i}`,
    conversations: [{ role: 'user', content: `Question ${i}?` }],
    response_A: `Answer A ${i}`,
    response_B: `Answer B ${i}`,
    gt_label: 'A',
    gt_judgment: `A is right about decisive-item-${i}.`,
    model_judgment: `Item ${i}: A is right. \\boxed{${i % 3 === 2 ? 'B' : 'A'}}`,
    model_pred: i % 3 === 2 ? 'B' : 'A',
  }));
  const path = join(dir, 'eval.jsonl');
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

test('judge --batch-export, a local batch engine, then --batch-import: the journal and --out are as after a live run', async () => {
  // The engine's model: "Incorrect" for items divisible by 4, a 500 for item 7, else "Correct".
  const server = await FakeOpenAIServer.start({
    handler: (req) => {
      const item = Number(/decisive-item-(\d+)/.exec(promptText(req.body))?.[1]);
      if (item === 7) return { kind: 'error', status: 500, message: 'engine overloaded' };
      return { kind: 'reply', content: judgeAnswer(item % 4 === 0 ? 'Incorrect' : 'Correct') };
    },
  });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
    const file = dataset(dir);
    const requests = join(dir, 'requests.jsonl');
    const exported = cli('judge', file, '--batch-export', requests, '--model', 'judge-1', '--temperature', '0');
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /wrote 20 requests to .*requests\.jsonl \(10 not label-correct/);
    assert.match(exported.stderr, /vllm run-batch -i .*requests\.jsonl -o results\.jsonl --model judge-1/);
    const input = lines(requests).map((l) => JSON.parse(l) as BatchRequestLine);
    assert.equal(input.length, 20);
    assert.equal(new Set(input.map((l) => l.custom_id)).size, 20, 'custom_id is unique');
    for (const l of input) {
      assert.equal(l.method, 'POST');
      assert.equal(l.url, '/v1/chat/completions');
      assert.equal(l.body.model, 'judge-1');
      assert.equal(l.body.temperature, 0);
      assert.ok(parseCustomId(l.custom_id), l.custom_id);
    }
    assert.equal(server.chatRequests.length, 0, 'exporting calls nothing');

    const results = join(dir, 'results.jsonl');
    await runBatch(requests, results, server.baseUrl);
    assert.equal(server.chatRequests.length, 20);
    const judged = join(dir, 'judged.jsonl');
    const imported = cli('judge', file, '--batch-import', results, '--model', 'judge-1', '--temperature', '0', '--out', judged, '--quiet');
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /imported 20 answers \(1 failed on the batch engine\) · 0 already in the journal · 0 refused · 0 unknown · 0 unreadable lines · 0 lines not used · 0 records still without an answer/);
    assert.match(imported.stderr, /http 500: engine overloaded/);
    assert.equal(server.chatRequests.length, 20, 'importing calls nothing');
    const journal = lines(journalPathFor(file)).map((l) => JSON.parse(l) as { verdict: string; recordId: string });
    assert.equal(journal.length, 20);
    // Of the label-correct items, 0, 4, 12, 16, 24 and 28 are Incorrect; 7 is a CallFail.
    const verdict = (id: string) => journal.find((e) => e.recordId === id)?.verdict;
    assert.equal(verdict('r4'), 'Incorrect');
    assert.equal(verdict('r1'), 'Correct');
    assert.equal(verdict('r7'), 'CallFail');
    const stats = JSON.parse(cli('stats', judged, '--json').stdout) as { fidelity: { aligned: number; misaligned: number; callFail: number; skipped: number } };
    assert.deepEqual({ ...stats.fidelity, unjudged: undefined, parseFail: undefined }, { aligned: 13, misaligned: 6, callFail: 1, skipped: 10, unjudged: undefined, parseFail: undefined });

    // Idempotent: the same import again adds nothing.
    const again = cli('judge', file, '--batch-import', results, '--model', 'judge-1', '--temperature', '0', '--quiet');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /imported 0 answers \(0 failed on the batch engine\) · 20 already in the journal/);
    assert.equal(lines(journalPathFor(file)).length, 20);

    // The next export asks only for what failed.
    const retry = cli('judge', file, '--batch-export', join(dir, 'retry.jsonl'), '--model', 'judge-1', '--temperature', '0');
    assert.match(retry.stderr, /wrote 1 requests .* \(19 already answered in the journal/);
  } finally {
    await server.close();
  }
});

test('--batch-import refuses answers to a changed prompt or other settings, and reports unknown and missing ids', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: judgeAnswer('Correct') }) });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
    const file = dataset(dir);
    const requests = join(dir, 'requests.jsonl');
    assert.equal(cli('judge', file, '--batch-export', requests, '--model', 'judge-1').code, 0);
    const results = join(dir, 'results.jsonl');
    await runBatch(requests, results, server.baseUrl);
    // Record r0's rationale is regenerated after the export; one answer is dropped; a stranger's and a broken line are added.
    const rows = lines(file).map((l) => JSON.parse(l) as Record<string, unknown>);
    (rows[0] as Record<string, unknown>).model_judgment = 'A new rationale. \\boxed{A}';
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const answers = lines(results);
    writeFileSync(results, answers.slice(0, -1).join('\n') + '\n');
    appendFileSync(results, JSON.stringify({ id: 'x', custom_id: 'someone-else-1', response: { status_code: 200, body: {} }, error: null }) + '\n{"custom_id": 5}\n');
    const r = cli('judge', file, '--batch-import', results, '--model', 'judge-1', '--quiet');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /refused rlens:fidelity:0:.*the prompt of record 1 \(line 1\) no longer matches the one exported: the record changed/);
    assert.match(r.stderr, /results\.jsonl:21: error: not a Batch output line: line\.custom_id: expected a string/);
    assert.match(r.stderr, /1 answers name no request .*someone-else-1/);
    assert.match(r.stderr, /imported 18 answers .* 1 refused · 1 unknown · 1 unreadable lines · 0 lines not used · 1 records still without an answer/);
    // Other settings than the export's: refused, saying which flags to repeat.
    const other = cli('judge', file, '--batch-import', results, '--model', 'judge-2', '--quiet');
    assert.match(other.stderr, /exported with other settings .*import with the flags used for the export/);
    assert.equal(cli('judge', file, '--batch-import', join(dir, 'nope.jsonl'), '--model', 'judge-1').code, 2);
  } finally {
    await server.close();
  }
});

test('batch files are split under the Batch API limits, each part whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
  async function* requests(n: number): AsyncGenerator<BatchRequestLine> {
    await Promise.resolve();
    for (let i = 0; i < n; i++) yield { custom_id: `c${i}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(100) }] } };
  }
  const byCount = await writeBatchFiles(requests(5), join(dir, 'a.jsonl'), { requests: 2, bytes: BATCH_LIMITS.bytes });
  assert.deepEqual(byCount.files.map((f) => f.slice(dir.length + 1)), ['a.001.jsonl', 'a.002.jsonl', 'a.003.jsonl']);
  assert.deepEqual(byCount.files.map((f) => lines(f).length), [2, 2, 1]);
  const byBytes = await writeBatchFiles(requests(4), join(dir, 'b.jsonl'), { requests: 100, bytes: 400 });
  assert.ok(byBytes.files.length >= 2 && byBytes.files.every((f) => readFileSync(f).length <= 400));
  const one = await writeBatchFiles(requests(3), join(dir, 'c.jsonl'));
  assert.deepEqual(one.files, [join(dir, 'c.jsonl')]);
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
});

test('batch output is read in the wrapped form (OpenAI, vLLM) and the bare one, with usage, errors and status codes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
  const completion = { choices: [{ message: { content: 'fine', reasoning_content: 'hmm' }, finish_reason: 'stop' }], usage: { prompt_tokens: 7, completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 1 } } };
  const path = join(dir, 'out.jsonl');
  writeFileSync(
    path,
    [
      { id: '1', custom_id: 'wrapped', response: { status_code: 200, request_id: 'r1', body: completion }, error: null },
      { id: '2', custom_id: 'bare', response: completion },
      { id: '3', custom_id: 'http', response: { status_code: 429, body: { error: { message: 'rate limited' } } }, error: null },
      { id: '4', custom_id: 'engine', response: null, error: { code: 'timeout', message: 'took too long' } },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n') + '\n',
  );
  const { answers, badLines } = await readBatchOutput([path], 1 << 20);
  assert.deepEqual(badLines, []);
  const wrapped = answers.get('wrapped')?.answer;
  assert.ok(wrapped?.ok);
  assert.equal(wrapped.completion.content, 'fine');
  assert.equal(wrapped.completion.reasoning, 'hmm');
  assert.deepEqual(wrapped.completion.usage, { prompt: 7, completion: 3, reasoning: 1 });
  assert.deepEqual(answers.get('bare')?.answer, wrapped);
  assert.deepEqual(answers.get('http')?.answer, { ok: false, error: 'http 429: rate limited', status: 429 });
  assert.deepEqual(answers.get('engine')?.answer, { ok: false, error: 'batch error: timeout: took too long', status: null });
});

test('a stray line for a request never throws away its valid answer, whatever the order: the answer is kept, the stray line reported with its file and line', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: judgeAnswer('Correct') }) });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
    const file = dataset(dir);
    const requests = join(dir, 'requests.jsonl');
    assert.equal(cli('judge', file, '--batch-export', requests, '--model', 'judge-1').code, 0);
    const results = join(dir, 'results.jsonl');
    await runBatch(requests, results, server.baseUrl);
    const ids = lines(results).map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
    const [first, second, third, fourth] = ids as [string, string, string, string];
    // After the valid answers: an engine error for the first request, an empty 200 for the second,
    // another (different) valid answer for the fourth and a garbled line for the fourth.
    const empty = { choices: [{ message: { content: '' }, finish_reason: 'stop' }] };
    const other = { choices: [{ message: { content: judgeAnswer('Incorrect') }, finish_reason: 'stop' }] };
    appendFileSync(
      results,
      [
        { custom_id: first, response: null, error: { code: 'engine_error', message: 'worker lost' } },
        { custom_id: second, response: { status_code: 200, body: empty }, error: null },
        { custom_id: fourth, response: { status_code: 200, body: other }, error: null },
        { custom_id: fourth, response: 'garbled' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
    // Before them, in a file given first: a failure for the third request.
    const earlier = join(dir, 'earlier.jsonl');
    writeFileSync(earlier, JSON.stringify({ custom_id: third, response: { status_code: 500, body: { error: { message: 'overloaded' } } }, error: null }) + '\n');

    const { answers, stray, badLines } = await readBatchOutput([earlier, results], 1 << 20);
    for (const id of ids) assert.equal(answers.get(id)?.answer.ok, true, id);
    assert.deepEqual(
      stray.map((s) => [s.file.slice(dir.length + 1), s.line, s.customId]),
      [
        ['earlier.jsonl', 1, third],
        ['results.jsonl', 21, first],
        ['results.jsonl', 22, second],
        ['results.jsonl', 23, fourth],
      ],
    );
    assert.deepEqual(badLines.map((b) => [b.line, b.message]), [[24, `not a Batch output line (for record ${(parseCustomId(fourth)?.recordIndex ?? 0) + 1}): line.response: expected an object, got string`]]);

    const r = cli('judge', file, '--batch-import', earlier, results, '--model', 'judge-1', '--quiet');
    assert.equal(r.code, 1, r.stderr); // the garbled line is unreadable: the import says it is partial
    assert.match(r.stderr, /imported 20 answers \(0 failed on the batch engine\) · 0 already in the journal · 0 refused · 0 unknown · 1 unreadable lines · 4 lines not used · 0 records still without an answer/);
    assert.match(r.stderr, /earlier\.jsonl:1: note: a failure \(http 500: overloaded\) for a request answered at .*results\.jsonl:3: the answer is kept \(line not used\)/);
    assert.match(r.stderr, /results\.jsonl:21: note: a failure \(batch error: engine_error: worker lost\) for a request answered at .*results\.jsonl:1: the answer is kept \(line not used\)/);
    assert.match(r.stderr, /results\.jsonl:22: note: a failure \(empty_response: the answer was empty\) for a request answered at .*results\.jsonl:2: the answer is kept/);
    assert.match(r.stderr, /results\.jsonl:23: note: a second answer to a request already answered at .*results\.jsonl:4: the first is kept/);
    assert.match(r.stderr, /results\.jsonl:24: error: not a Batch output line \(for record \d+\): line\.response: expected an object/);
    const journal = lines(journalPathFor(file)).map((l) => JSON.parse(l) as { verdict: string });
    assert.equal(journal.length, 20);
    assert.ok(journal.every((e) => e.verdict === 'Correct'), 'every record keeps its valid answer');
  } finally {
    await server.close();
  }
});

test('a line over 64 MB is reported with its file and line wherever the line reader meets it: batch output (exit 1), the journal, the response cache', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: judgeAnswer('Correct') }) });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
    const file = dataset(dir);
    const requests = join(dir, 'requests.jsonl');
    assert.equal(cli('judge', file, '--batch-export', requests, '--model', 'judge-1').code, 0);
    const results = join(dir, 'results.jsonl');
    await runBatch(requests, results, server.baseUrl);
    const answers = lines(results);
    // The last answer's line, padded past 64 MB, as line 20.
    const huge = Buffer.concat([Buffer.from((answers[19] as string).slice(0, -1) + ',"pad":"'), Buffer.alloc(65 * 1024 * 1024, 'x'), Buffer.from('"}\n')]);
    writeFileSync(results, answers.slice(0, 19).join('\n') + '\n');
    appendFileSync(results, huge);
    const r = cli('judge', file, '--batch-import', results, '--model', 'judge-1', '--quiet');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`results\\.jsonl:20: error: a line of ${huge.length - 1} bytes, over the 64 MB one answer's line may have: not read`));
    assert.match(r.stderr, /imported 19 answers .* 1 unreadable lines · 0 lines not used · 1 records still without an answer/);

    // The same line in the journal (line 2) and in the response cache (line 2): said, not skipped silently.
    const journaled = lines(journalPathFor(file));
    writeFileSync(journalPathFor(file), Buffer.concat([Buffer.from(`${journaled[0]}\n`), huge, Buffer.from(journaled.slice(1).join('\n') + '\n')]));
    const cache = join(dir, 'cache.jsonl');
    writeFileSync(cache, Buffer.concat([Buffer.from(`${JSON.stringify({ key: 'k', value: { content: 'cached' } })}\n`), huge]));
    const live = await cliAsync('judge', file, '--base-url', server.baseUrl, '--model', 'judge-1', '--cache', cache, '--quiet');
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stderr, /journal: 1 line in .*eval\.jsonl\.rlens-journal\.jsonl over 64 MB not read \(line 2\): their requests count as not answered/);
    assert.match(live.stderr, /note: the response cache .*cache\.jsonl has 1 unreadable line \(line 2, 1 of them over 64 MB\), skipped: those answers are asked again/);
  } finally {
    await server.close();
  }
});

test('an answer from another export naming the same record never displaces the answer to the request made now, in either order', async () => {
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: judgeAnswer('Correct') }) });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-batch-'));
    const file = dataset(dir);
    const requests = join(dir, 'requests.jsonl');
    assert.equal(cli('judge', file, '--batch-export', requests, '--model', 'judge-1').code, 0);
    const results = join(dir, 'results.jsonl');
    await runBatch(requests, results, server.baseUrl);
    // An older export's answers (another prompt hash) for the first two records: one after the
    // current answers, one in a file given before them.
    const stale = (l: string) => {
      const line = JSON.parse(l) as { custom_id: string };
      const id = parseCustomId(line.custom_id);
      assert.ok(id);
      return JSON.stringify({ ...line, custom_id: `rlens:${id.kind}:${id.recordIndex}:${'0'.repeat(16)}:${id.key}` });
    };
    const answers = lines(results);
    appendFileSync(results, stale(answers[0] as string) + '\n');
    const older = join(dir, 'older.jsonl');
    writeFileSync(older, stale(answers[1] as string) + '\n');
    const r = cli('judge', file, '--batch-import', older, results, '--model', 'judge-1', '--quiet');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /imported 20 answers \(0 failed on the batch engine\) · 0 already in the journal · 0 refused · 0 unknown · 0 unreadable lines · 2 lines not used · 0 records still without an answer/);
    assert.match(r.stderr, /results\.jsonl:21: note: an answer for record \d+ to a request this import does not make \(another export's prompt or settings\): the record's answer at .*results\.jsonl:1 is used \(line not used\)/);
    assert.match(r.stderr, /older\.jsonl:1: note: an answer for record \d+ to a request this import does not make .*results\.jsonl:2 is used/);
    assert.equal(lines(journalPathFor(file)).length, 20);
  } finally {
    await server.close();
  }
});
