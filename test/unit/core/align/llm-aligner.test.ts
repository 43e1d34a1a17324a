/** The LLM aligner against a local OpenAI-compatible server: quote anchoring, the claim contract, caching, and every way the answer can be wrong. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord } from '../../../../src/core/record/record';
import { cliPath, samplesDir } from '../../paths';
import { anchorQuote } from '../../../../src/core/align/lexical/anchor';
import { parseChecklist } from '../../../../src/core/align/models/checklist';
import { coverageArithmetic, tierLabel } from '../../../../src/core/align/explain';
import { ChecklistError, LlmAligner } from '../../../../src/core/align/models/llmAligner';
import { MemoryCacheStore } from '../../../../src/core/llm/cache';
import { LlmCallError, LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import { FakeOpenAIServer } from '../../../support/fake-openai-server';

const GOLD = 'Response A is better.\n\n**Response B** miscalculates the  total distance (it adds 12 and 30 to get 40).\nResponse A also cites its source, which B does not.';
const RATIONALE = 'I prefer A. B gets the total distance wrong: 12 + 30 is not 40. B is also more verbose.';

const checklist = (over: Partial<Record<'gold_points' | 'extra_points', unknown[]>> = {}): string =>
  JSON.stringify({
    gold_points: [
      { point: 'B miscalculates the distance', gold_quote: 'response b miscalculates the total distance', rationale_quote: 'B gets the total distance wrong', status: 'stated' },
      { point: 'A cites its source', gold_quote: 'Response A also cites its source, which B does not.', rationale_quote: null, status: 'missing' },
    ],
    extra_points: [{ point: 'B is verbose', rationale_quote: 'B is also more verbose.' }],
    ...over,
  });

function clientFor(server: FakeOpenAIServer, extra: Partial<Parameters<typeof resolveProfile>[0]> = {}): LlmClient {
  return new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'judge-m', stream: false, ...extra }), { retry: { maxRetries: 0 } });
}

test('quotes anchor to exact UTF-16 offsets through whitespace, case, emphasis and ellipses; invented quotes do not anchor', () => {
  const text = 'Intro — “Response B” **miscalculates**   the total\ndistance. Then 😀 A cites the source; B does not cite anything at all here.';
  const cases: [string, string][] = [
    ['response b miscalculates the total distance', '“Response B” **miscalculates**   the total\ndistance'],
    // Surrounding quote marks and a final full stop are the model's, not the text's.
    ['"Response B" miscalculates the total distance.', 'Response B” **miscalculates**   the total\ndistance'],
    ['A cites the source … not cite anything', 'A cites the source; B does not cite anything'],
    // Small deviations: one word changed, one dropped.
    ['B does not quote anything at all here', 'B does not cite anything at all here'],
  ];
  for (const [quote, expected] of cases) {
    const a = anchorQuote(text, quote);
    assert.ok(a, `anchored: ${quote}`);
    assert.equal(text.slice(a.start, a.end).replace(/^["“]|["”]$/g, ''), expected.replace(/^["“]|["”]$/g, ''), quote);
  }
  assert.equal(anchorQuote(text, 'Response A fabricates a citation to a journal'), null);
  assert.equal(anchorQuote(text, ''), null);
  assert.equal(anchorQuote(text, 'x'.repeat(5000)), null, 'over-long quotes are refused');
});

test('a good checklist: the claim contract, offsets slicing the original texts, structured output asked for, a repeat costs no request', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    server.enqueue({ kind: 'reply', content: checklist() });
    const aligner = new LlmAligner(clientFor(server), new MemoryCacheStore());
    const a = await aligner.align(GOLD, RATIONALE);
    assert.deepEqual(a.tier, { kind: 'llm', model: 'judge-m' });
    assert.equal(tierLabel(a.tier, a.cached), 'model judge-m');
    assert.deepEqual(a.gold.map((c) => c.class), ['shared', 'missing']);
    assert.deepEqual(a.rationale.map((c) => c.class), ['shared', 'extra']);
    for (const c of a.gold) assert.equal(GOLD.slice(c.start, c.end), c.text);
    for (const c of a.rationale) assert.equal(RATIONALE.slice(c.start, c.end), c.text);
    assert.equal(a.gold[0]?.text, 'Response B** miscalculates the  total distance');
    assert.equal(a.gold[0]?.match, 0);
    assert.equal(a.rationale[0]?.match, 0);
    assert.equal(a.pairs.length, 1);
    assert.equal(a.coverage, 0.5);
    assert.deepEqual(a.dropped, []);
    const body = server.chatRequests[0]?.body as { response_format?: { type: string } };
    assert.equal(body.response_format?.type, 'json_schema');
    const again = await aligner.align(GOLD, RATIONALE);
    assert.equal(server.chatRequests.length, 1, 'a repeat costs no request');
    assert.equal(again.cached, true);
    assert.equal(tierLabel(again.tier, again.cached), 'model judge-m, cached');
    assert.deepEqual(again.gold, a.gold);
  } finally {
    await server.close();
  }
});

test('quotes that are not in the text are dropped and reported, never highlighted; an unverified "stated" counts as missing', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    server.enqueue({
      kind: 'reply',
      content: checklist({
        gold_points: [
          { point: 'invented gold', gold_quote: 'Response A proves the Riemann hypothesis', rationale_quote: null, status: 'missing' },
          { point: 'B miscalculates', gold_quote: 'Response B miscalculates the total distance', rationale_quote: 'B carefully double-checks every sum', status: 'stated' },
          { point: 'A cites', gold_quote: 'Response A also cites its source', rationale_quote: 'A cites', status: 'bogus' },
        ],
        extra_points: [{ point: 'invented extra', rationale_quote: 'A is written in iambic pentameter' }],
      }),
    });
    const a = await new LlmAligner(clientFor(server)).align(GOLD, RATIONALE);
    assert.equal(a.gold.length, 1);
    assert.equal(a.gold[0]?.class, 'missing', 'the rationale quote was invented');
    assert.equal(a.rationale.length, 0, 'no highlight from an invented quote');
    assert.equal(a.coverage, 0);
    assert.deepEqual(a.dropped.map((d) => [d.side, d.reason]), [
      ['gold', 'not in the gold judgment'],
      ['rationale', 'not in the rationale'],
      ['rationale', 'not in the rationale'],
    ]);
    assert.match(a.problems.join('\n'), /gold point 3: status "bogus"/);
  } finally {
    await server.close();
  }
});

test('malformed JSON, prose around JSON, an empty answer, a timeout and a server without structured output', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const cache = new MemoryCacheStore();
    const aligner = new LlmAligner(clientFor(server), cache);
    server.enqueue({ kind: 'reply', content: '{"gold_points": [ {"point": "x", ' });
    await assert.rejects(aligner.align(GOLD, RATIONALE), (e: unknown) => e instanceof ChecklistError && /malformed JSON/.test(e.message));
    // Not cached: asking again makes a request, and prose plus a fenced block still parses.
    server.enqueue({ kind: 'reply', content: `<think>let me see</think>Here is the checklist:\n\`\`\`json\n${checklist()}\n\`\`\`\nDone.` });
    const a = await aligner.align(GOLD, RATIONALE);
    assert.equal(server.chatRequests.length, 2);
    assert.deepEqual(a.gold.map((c) => c.class), ['shared', 'missing']);
    assert.throws(() => parseChecklist('no json here'), /no JSON object/);
    assert.throws(() => parseChecklist('{"extra_points": []}'), /"gold_points" is not a list/);

    server.enqueue({ kind: 'reply', content: '' });
    await assert.rejects(new LlmAligner(clientFor(server)).align('gold two', 'rationale two'), (e: unknown) => e instanceof LlmCallError && e.kind === 'empty');

    server.enqueue({ kind: 'hang' });
    await assert.rejects(new LlmAligner(clientFor(server, { timeoutMs: 300 })).align('gold three', 'rationale three'), (e: unknown) => e instanceof LlmCallError && e.kind === 'timeout');

    server.enqueue({ kind: 'error', status: 400, message: 'response_format is not supported' }, { kind: 'reply', content: checklist() });
    const before = server.chatRequests.length;
    const plain = new LlmAligner(clientFor(server));
    const b = await plain.align(GOLD, RATIONALE);
    assert.equal(b.gold.length, 2);
    const asked = server.chatRequests.slice(before).map((r) => 'response_format' in (r.body ?? {}));
    assert.deepEqual(asked, [true, false], 'asked again without response_format');
  } finally {
    await server.close();
  }
});

test('the coverage line spells out its arithmetic: conflicts count against coverage', () => {
  assert.equal(coverageArithmetic({ coverage: 0.5, conflictShare: 0.25, estimate: 'misaligned', threshold: 0.35 }), 'coverage 50% − conflicts 25% = 25%, below the 35% threshold → looks misaligned');
  assert.equal(coverageArithmetic({ coverage: 0.5, conflictShare: 0, estimate: 'aligned', threshold: 0.35 }), 'coverage 50%, at or above the 35% threshold → looks aligned');
  assert.match(coverageArithmetic({ coverage: null, conflictShare: null, estimate: null, threshold: 0.35 }), /n\/a/);
});

test('CLI: align --aligner llm on a record, offsets into the original fields, invented quotes reported', async () => {
  const file = join(samplesDir, 'r-align-synthetic.jsonl');
  let record: EvalRecord | undefined;
  for await (const e of readDataset(await openDataset(file, {}), {})) if (e.kind === 'record' && e.record.id === 'ra-009') record = e.record;
  assert.ok(record);
  const server = await FakeOpenAIServer.start({
    handler: () => ({
      kind: 'reply',
      content: JSON.stringify({
        gold_points: [
          { point: 'A is right and checked', gold_quote: '回答A列方程求得鸡23只、兔12只', rationale_quote: '列二元一次方程组并正确求解', status: 'stated' },
          { point: 'B swapped the counts', gold_quote: '把两者颠倒了', rationale_quote: '最终答案把鸡和兔的数量写反了', status: 'stated' },
          { point: 'invented', gold_quote: '回答B引用了不存在的文献', rationale_quote: null, status: 'missing' },
        ],
        extra_points: [],
      }),
    }),
  });
  try {
    const r = await promisify(execFile)(process.execPath, [cliPath, 'align', file, '--record', 'ra-009', '--aligner', 'llm', '--base-url', server.baseUrl, '--model', 'judge-m', '--no-cache', '--json']);
    const out = JSON.parse(r.stdout) as { tier: { kind: string; model: string }; coverage: number; arithmetic: string; gold: { start: number; end: number; text: string; class: string }[]; rationale: { start: number; end: number; text: string }[]; dropped: { side: string }[] };
    assert.deepEqual(out.tier, { kind: 'llm', model: 'judge-m' });
    const gold = record.goldRationales[0] as string;
    const raw = record.judgments[0]?.raw as string;
    for (const c of out.gold) assert.equal(gold.slice(c.start, c.end), c.text);
    for (const c of out.rationale) assert.equal(raw.slice(c.start, c.end), c.text);
    assert.deepEqual(out.gold.map((c) => c.class), ['shared', 'shared']);
    assert.equal(out.coverage, 1);
    assert.deepEqual(out.dropped.map((d) => d.side), ['gold']);
    const human = await promisify(execFile)(process.execPath, [cliPath, 'align', file, '--record', 'ra-009', '--aligner', 'llm', '--base-url', server.baseUrl, '--model', 'judge-m', '--no-cache']);
    assert.match(human.stdout, /aligner: model judge-m\n/);
    assert.match(human.stdout, /dropped a gold quote \(not in the gold judgment\): 回答B引用了不存在的文献/);
  } finally {
    await server.close();
  }
});
