/**
 * Do failure themes recover planted failure kinds? Files from test/support/plantedThemes.ts (five
 * kinds, twelve spurious records each, plus aligned and label-wrong ones, seeds 1–5): each spurious
 * record is labelled by the theme that holds it (a record in no theme is a singleton) and compared
 * with its planted kind by the adjusted Rand index and purity. The offline tier runs in-process; the
 * embedding tier asks the local OpenAI-compatible server (real HTTP, the real openai client) for the
 * claims' vectors and titles. The figures are printed (the README quotes them) and must stay high.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddingSimilarity } from '../../../../src/core/align/models/embedding';
import { LlmClient } from '../../../../src/core/llm/client';
import { resolveProfile } from '../../../../src/core/llm/profile';
import type { ThemeSet } from '../../../../src/core/themes';
import { assembleThemes, collectFailures, emptyFailures, lexicalAligner, lexicalGroups, recordsOfFile } from '../../../../src/core/themes';
import { embeddingGroups } from '../../../../src/core/themes/embeddingGrouping';
import { titleGroups, titleRequests, titlingClient } from '../../../../src/core/themes/themeTitles';
import { adjustedRandIndex, purity } from '../../../support/clusterAgreement';
import { FakeOpenAIServer, promptText } from '../../../support/fake-openai-server';
import { plantedFile } from '../../../support/plantedThemes';
import type { PlantedFile } from '../../../support/plantedThemes';
import { tempFile } from '../../paths';

const SEEDS = [1, 2, 3, 4, 5];

async function failuresOf(path: string) {
  const failures = emptyFailures();
  await collectFailures(failures, (await recordsOfFile(path)).records, lexicalAligner);
  return failures;
}

function recovery(planted: PlantedFile, set: ThemeSet): { ari: number; purity: number } {
  const spurious = planted.records.filter((r) => r.role === 'spurious');
  const themeOf = new Map<number, string>();
  for (const t of set.themes) for (const i of t.recordIndexes[0] ?? []) if (!themeOf.has(i)) themeOf.set(i, t.id);
  const truth = spurious.map((r) => String(r.kind));
  const predicted = spurious.map((r) => themeOf.get(r.index) ?? `alone:${r.index}`);
  return { ari: adjustedRandIndex(truth, predicted), purity: purity(truth, predicted) };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('the offline tier recovers the planted failure kinds (adjusted Rand index and purity over five seeds)', async () => {
  const figures: { ari: number; purity: number }[] = [];
  for (const seed of SEEDS) {
    const planted = plantedFile(seed);
    const failures = await failuresOf(tempFile('planted.jsonl', planted.jsonl));
    const set = assembleThemes(failures, lexicalGroups(failures.claims), [], { kind: 'lexical' }, 'lexical');
    const r = recovery(planted, set);
    figures.push(r);
    // Each spurious record misses its planted claim: nearly all are explained by some theme.
    assert.equal(set.totals[0]?.spurious, 60);
    assert.ok((set.totals[0]?.spuriousExplained ?? 0) >= 57, `seed ${seed}: ${set.totals[0]?.spuriousExplained} explained`);
  }
  console.log(`offline tier: ARI ${figures.map((f) => f.ari.toFixed(3)).join(' ')} (mean ${mean(figures.map((f) => f.ari)).toFixed(3)}); purity mean ${mean(figures.map((f) => f.purity)).toFixed(3)}`);
  for (const f of figures) {
    assert.ok(f.ari >= 0.8, `ARI ${f.ari}`);
    assert.ok(f.purity >= 0.95, `purity ${f.purity}`);
  }
});

/**
 * The local server's vectors are hashed bags of words, function words included ("the response …"),
 * so any two claims share a good part of their vector: cut at the default distance (meant for
 * sentence embeddings) nearly everything is one cluster. Cut at 0.3 a kind's phrasings that share
 * few words stay apart (purity stays 1, ARI drops): what bag-of-words vectors can do, measured.
 */
const FAKE_VECTORS_CUT = 0.3;

test('the embedding tier recovers them from the local server\'s vectors, and titles each cluster with one call', async () => {
  // The titling model answers with the first words of the first claim it is shown.
  const server = await FakeOpenAIServer.start({ handler: (req) => ({ kind: 'reply', content: `Title: ${(promptText(req.body).split('\n- ')[1] ?? '').split(' ').slice(0, 5).join(' ')}` }) });
  try {
    const figures: { ari: number; purity: number }[] = [];
    for (const seed of SEEDS) {
      const planted = plantedFile(seed);
      const failures = await failuresOf(tempFile('planted.jsonl', planted.jsonl));
      const embed = new EmbeddingSimilarity(new LlmClient(resolveProfile({ baseUrl: server.baseUrl, model: 'fake-embed' }), { retry: { maxRetries: 0 } }));
      const grouped = await embeddingGroups(failures, (t) => embed.vectors(t), FAKE_VECTORS_CUT);
      const client = titlingClient(resolveProfile({ baseUrl: server.baseUrl, model: 'fake-judge', stream: false }), { maxRetries: 0 });
      server.reset();
      const titled = await titleGroups(titleRequests(grouped.groups, failures, client), client, null, new Map());
      assert.equal(server.chatRequests.length, grouped.groups.length, 'one titling call a cluster');
      assert.equal(titled.requests, grouped.groups.length);
      assert.ok(titled.groups.every((g) => g.titleSource === 'model' && g.title.length > 0));
      const set = assembleThemes(failures, titled.groups, [], { kind: 'embedding', model: 'fake-embed', titleModel: 'fake-judge', cut: FAKE_VECTORS_CUT }, 'lexical');
      figures.push(recovery(planted, set));
    }
    console.log(`embedding tier (cut ${FAKE_VECTORS_CUT}, the local server's bag-of-words vectors): ARI ${figures.map((f) => f.ari.toFixed(3)).join(' ')} (mean ${mean(figures.map((f) => f.ari)).toFixed(3)}); purity mean ${mean(figures.map((f) => f.purity)).toFixed(3)}`);
    for (const f of figures) {
      assert.ok(f.ari >= 0.5, `ARI ${f.ari}`);
      assert.ok(f.purity >= 0.95, `purity ${f.purity}`);
    }
  } finally {
    await server.close();
  }
});
