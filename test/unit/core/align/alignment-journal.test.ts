/** Model alignments journaled beside the file: kept durably, rebuilt only while their texts are unchanged, shown again in the record view, never written into someone else's file. */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AlignmentJournal, alignmentsPathFor, hasJournaledAlignment, journaledAlignment, readAlignments } from '../../../../src/core/align/models/alignmentJournal';
import { resolveProfile } from '../../../../src/core/llm/profile';
import { DatasetSession } from '../../../../src/core/session/session';
import { alignmentInputs } from '../../../../src/presentation/alignment';
import { journaledAlignmentViews, modelAlignmentViews } from '../../../../src/presentation/modelAlignment';
import { buildRecordView } from '../../../../src/presentation/recordView';
import { recordView as recordViewValidator } from '../../../../src/protocol/messages';
import { FakeOpenAIServer } from '../../../support/fake-openai-server';
import { samplesDir, tempFile } from '../../paths';

test('Align with model journals the answer; the record view shows it again; a changed text makes it stale', async () => {
  const file = tempFile('eval.jsonl', readFileSync(join(samplesDir, 'r-align-synthetic.jsonl')));
  const session = await DatasetSession.open(file);
  await session.load();
  const record = await session.record(0);
  const gold = record.goldRationales[0] as string;
  const server = await FakeOpenAIServer.start({
    handler: () => ({
      kind: 'reply',
      content: JSON.stringify({ gold_points: [{ point: 'A slips', gold_quote: gold.slice(0, 60), rationale_quote: null, status: 'missing' }], extra_points: [] }),
    }),
  });
  try {
    const profile = resolveProfile({ baseUrl: server.baseUrl, model: 'aligner-m', stream: false });
    const journal = await AlignmentJournal.open(file);
    const out = await modelAlignmentViews(record, { method: 'llm', profile }, null, undefined, journal);
    await journal.close();
    assert.equal(out.message, null);
    assert.equal(out.alignments[0]?.tier, 'model aligner-m');
    const journaled = await readAlignments(file);
    assert.equal(journaled.entries.size, 1);
    const views = await journaledAlignmentViews(record, journaled);
    assert.deepEqual(views.map((v) => [v.tier, v.gold.length, v.coverage]), [['model aligner-m', 1, 0]]);
    const view = await buildRecordView(record, session.kindOf(0), session.baseDir, null, views);
    assert.equal(recordViewValidator(view, 'record'), null);
    assert.equal(view.modelAlignments.length, 1);
    // Another rationale: the journaled alignment is not about it.
    assert.equal(await journaledAlignment(journaled, 0, 0, { gold, rationale: 'a different rationale', goldOrder: 'original', rationaleOrder: 'original', goldLabel: record.goldLabel }), null);
    // A repeat of the texts with the cache off still costs a request; the journal is what the view reads.
    assert.equal(server.chatRequests.length, 1);
  } finally {
    await server.close();
  }
});

test('the alignment journal repairs a torn tail and never writes into a file that is not one', async () => {
  const file = tempFile('eval.jsonl', '{}\n');
  const j = await AlignmentJournal.open(file);
  await j.append({ recordIndex: 0, recordId: '1', judgment: 0, against: 'gold', model: 'm', textSha: 'x', method: 'llm', answer: '{}' });
  await j.close();
  appendFileSync(alignmentsPathFor(file), '{"kind":"alignment","recordIn');
  const again = await AlignmentJournal.open(file);
  await again.append({ recordIndex: 1, recordId: '2', judgment: 0, against: 'gold', model: 'm', textSha: 'y', method: 'llm', answer: '{}' });
  await again.close();
  const lines = readFileSync(alignmentsPathFor(file), 'utf8').trim().split('\n');
  assert.equal(lines.length, 2, 'the torn line was cut, the new entry written after it');
  assert.equal((await readAlignments(file)).entries.size, 2);

  const foreign = tempFile('other.jsonl', '{}\n');
  writeFileSync(alignmentsPathFor(foreign), 'my own notes, not a journal\n');
  await assert.rejects(AlignmentJournal.open(foreign), /is not a Rationale Lens alignment journal/);
  assert.equal(readFileSync(alignmentsPathFor(foreign), 'utf8'), 'my own notes, not a journal\n');
});

test('Align with model by embeddings: claims matched by cosine, journaled with their scores, rebuilt without a request; a resume skips only what the same method and model made', async () => {
  const file = tempFile('eval.jsonl', readFileSync(join(samplesDir, 'r-align-synthetic.jsonl')));
  const session = await DatasetSession.open(file);
  await session.load();
  const record = await session.record(0);
  const server = await FakeOpenAIServer.start({});
  try {
    const profile = resolveProfile({ baseUrl: server.baseUrl, model: 'embed-m', stream: false });
    const journal = await AlignmentJournal.open(file);
    const out = await modelAlignmentViews(record, { method: 'embedding', profile, threshold: 0.5 }, null, undefined, journal);
    await journal.close();
    assert.equal(out.message, null);
    const live = out.alignments[0];
    assert.ok(live);
    assert.equal(live.tier, 'embedding model embed-m');
    assert.ok(live.gold.length > 0 && live.gold.some((c) => c.cls === 'shared'), 'bag-of-words vectors match some claims at 0.5');
    const embedCalls = server.requests.filter((r) => r.path.endsWith('/embeddings')).length;
    assert.ok(embedCalls >= 1);
    const journaled = await readAlignments(file);
    const entry = [...journaled.entries.values()][0];
    assert.equal(entry?.method, 'embedding');
    const views = await journaledAlignmentViews(record, journaled);
    assert.deepEqual(
      views.map((v) => [v.tier, v.coverage, v.gold.map((c) => [c.start, c.end, c.cls])]),
      out.alignments.map((v) => [v.tier, v.coverage, v.gold.map((c) => [c.start, c.end, c.cls])]),
      'rebuilt from the journaled scores, the same claims and classes',
    );
    assert.equal(server.requests.filter((r) => r.path.endsWith('/embeddings')).length, embedCalls, 'rebuilding made no request');
    const input = alignmentInputs(record)[0]?.input;
    assert.ok(input);
    assert.notEqual(await journaledAlignment(journaled, 0, 0, input, { method: 'embedding', model: 'embed-m' }), null);
    assert.equal(await journaledAlignment(journaled, 0, 0, input, { method: 'llm', model: 'embed-m' }), null, 'an LLM run does not resume from embedding entries');
    assert.equal(await journaledAlignment(journaled, 0, 0, input, { method: 'embedding', model: 'other' }), null, 'nor a run with another model');
    assert.equal(hasJournaledAlignment(journaled, 0, 0, input, { method: 'embedding', model: 'embed-m' }), true, 'the resume check agrees without rebuilding');
    assert.equal(hasJournaledAlignment(journaled, 0, 0, input, { method: 'llm', model: 'embed-m' }), false);
  } finally {
    await server.close();
  }
});
