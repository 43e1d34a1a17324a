/** The agreement harness: its arithmetic against an independent computation, the lexical tier's figures on MetaCritique's dev half, and the embedding tier against a local /v1/embeddings. */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { alignRationaleAsync } from '../../../../src/core/align';
import { agreement, readMetaCritique } from '../../../../src/core/align/agreement';
import { EmbeddingSimilarity } from '../../../../src/core/align/models/embedding';
import { MemoryCacheStore } from '../../../../src/core/llm/cache';
import { LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import { FakeOpenAIServer, promptText } from '../../../support/fake-openai-server';
import { cliPath, fixturesDir, repoRoot } from '../../paths';

const DEV = join(fixturesDir, 'metacritique', 'annotation_dev.json');

test('agreement: accuracy, precision, recall and Cohen\'s κ as defined (worked example)', () => {
  // 10 items: tp 4, fp 1, fn 2, tn 3 → po 0.7; pe = (5·6 + 5·4)/100 = 0.5 → κ 0.4.
  const p = [true, true, true, true, true, false, false, false, false, false];
  const l = [true, true, true, true, false, true, true, false, false, false];
  const a = agreement(p, l);
  assert.deepEqual(a.table, { tp: 4, fp: 1, fn: 2, tn: 3 });
  assert.equal(a.accuracy, 0.7);
  assert.equal(a.precision, 0.8);
  assert.ok(Math.abs((a.recall ?? 0) - 4 / 6) < 1e-12);
  assert.ok(Math.abs((a.kappa ?? 0) - 0.4) < 1e-12);
  assert.equal(agreement([true, true], [true, true]).kappa, null, 'κ is undefined when chance agreement is total');
});

test('the lexical tier on MetaCritique\'s dev half: 1,068 human labels, κ stated in the README', () => {
  const r = spawnSync(process.execPath, [cliPath, 'agreement', DEV, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { labels: number; agreement: { accuracy: number; kappa: number }; baseline: { agreement: { kappa: number } } };
  assert.equal(out.labels, 1068);
  assert.ok(out.agreement.kappa >= 0.28, `κ ${out.agreement.kappa}`);
  assert.ok(out.agreement.kappa > out.baseline.agreement.kappa, 'above the best word-containment threshold');
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.ok(readme.includes(`κ ${out.agreement.kappa.toFixed(2)}`), 'the README states the measured κ');
  assert.throws(() => readMetaCritique([{ gpt4_critique: { aius: ['a'] }, human_critique: { critique: 'x', recall_labels: [true, false] } }], 'f.json'), /entry 0: human_critique needs .* one boolean recall label per reference claim \(1\)/);
});

test('the embedding tier through /v1/embeddings: batched, cached (a repeat costs no request), failures say why', async () => {
  const server = await FakeOpenAIServer.start();
  try {
    const client = new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'fake-embed' }), { retry: { maxRetries: 0 } });
    const sim = new EmbeddingSimilarity(client, 0.6, new MemoryCacheStore());
    const input = { gold: 'Response A miscalculates the total distance. Response B cites the source.', rationale: 'A gets the total distance wrong. B names where the figure comes from.' };
    const a = await alignRationaleAsync(input, { similarity: sim });
    assert.ok(a.gold.length >= 2);
    assert.equal(a.gold[0]?.class, 'shared', JSON.stringify(a.gold.map((c) => [c.text, c.class, c.score])));
    const requests = server.requests.filter((r) => r.path.endsWith('/embeddings')).length;
    assert.equal(requests, 1, 'one batched request');
    await alignRationaleAsync(input, { similarity: sim });
    assert.equal(server.requests.filter((r) => r.path.endsWith('/embeddings')).length, requests, 'a repeat costs no request');
    server.enqueue({ kind: 'error', status: 500, message: 'embedding model not loaded' });
    await assert.rejects(new EmbeddingSimilarity(client, 0.6).vectors(['x y z']), /http 500: .*embedding model not loaded/);
    // The CLI measures the tier in one command.
    // Asynchronously: the server answers from this process's event loop.
    const r = await promisify(execFile)(process.execPath, [cliPath, 'agreement', DEV, '--aligner', 'embedding', '--base-url', server.baseUrl, '--model', 'fake-embed', '--threshold', '0.5', '--timeout', '20', '--no-cache']);
    assert.match(r.stdout, /embedding aligner \(fake-embed, threshold 0\.5\)/);
  } finally {
    await server.close();
  }
});

test('the LLM tier measured in one command: every critique asked once, quotes anchored, figures reported', async () => {
  const server = await FakeOpenAIServer.start({
    handler: (req) => {
      const prompt = promptText(req.body);
      const gold = /<gold_judgment>\n([\s\S]*?)\n<\/gold_judgment>/.exec(prompt)?.[1] ?? '';
      const rationale = /<rationale>\n([\s\S]*?)\n<\/rationale>/.exec(prompt)?.[1] ?? '';
      const first = gold.split('\n\n')[0] ?? '';
      return { kind: 'reply', content: JSON.stringify({ gold_points: [{ point: 'first', gold_quote: first, rationale_quote: rationale.slice(0, 30), status: 'stated' }], extra_points: [] }) };
    },
  });
  try {
    const r = await promisify(execFile)(process.execPath, [cliPath, 'agreement', DEV, '--aligner', 'llm', '--base-url', server.baseUrl, '--model', 'fake-llm', '--no-cache', '--no-stream', '--json']);
    const out = JSON.parse(r.stdout) as { aligner: string; labels: number; agreement: { table: { tp: number; fp: number } } };
    assert.equal(out.aligner, 'llm');
    assert.equal(out.labels, 1068);
    assert.equal(server.chatRequests.length, 150, 'one request per critique');
    // Exactly the first claim of each critique is called covered.
    assert.equal(out.agreement.table.tp + out.agreement.table.fp, 150);
  } finally {
    await server.close();
  }
});
