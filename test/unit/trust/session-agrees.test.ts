/** The CLI's `stats` and the editor's session give the same figures on the same file, journal and marks included. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { journalPathFor } from '../../../src/core/llm/journal';
import { marksPathFor } from '../../../src/core/verdicts/marks';
import { DatasetSession } from '../../../src/core/session/session';
import { computeStats } from '../../../src/core/tally/fileTally';
import { rationaleFingerprint } from '../../../src/core/record/rationaleFingerprint';
import { openDataset, readDataset } from '../../../src/core/dataset/dataset';
import { seeded, syntheticRAlignRecord } from '../core/synthetic';
import { fixturesDir, tempFile } from '../paths';

const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function entry(i: number, verdict: string, rationaleSha?: string): object {
  return { key: `k${i}`, recordId: `syn-${i}`, recordIndex: i, kind: 'fidelity', model: 'j', verdict, raw: 'x', reasoning: null, analysis: 'why', error: null, cached: false, attempts: 1, finishedAt: 'now', ...(rationaleSha ? { rationaleSha } : {}) };
}

test('stats and the session agree on a file with a journal and marks beside it, stale verdicts dropped by both', async () => {
  const rand = seeded(11);
  const rows = Array.from({ length: 300 }, (_, i) => syntheticRAlignRecord(i, rand, 80));
  const file = tempFile('eval.jsonl', jsonl(rows));
  const ds = await openDataset(file);
  const shas: string[] = [];
  for await (const e of readDataset(ds)) if (e.kind === 'record') shas.push(rationaleFingerprint(e.record));
  const journal = [entry(0, 'Incorrect', shas[0]), entry(1, 'Correct', shas[1]), entry(2, 'Correct', 'not-this-rationale'), entry(3, 'Incorrect')];
  writeFileSync(journalPathFor(file), jsonl(journal));
  writeFileSync(marksPathFor(file), jsonl([{ recordIndex: 4, recordId: 'syn-4', verdict: 'Correct', at: 'now' }, { recordIndex: 0, recordId: 'syn-0', verdict: 'Correct', at: 'now' }]));

  const cli = await computeStats(file, { overlays: true });
  const session = await DatasetSession.open(file);
  await session.load();
  const snap = session.snapshot();
  assert.deepEqual(snap.summary, cli.overall);
  assert.equal(cli.overlay?.stale, 1);
  assert.equal(session.staleVerdicts, 1);
  assert.equal(cli.overall.origins.human, 2);
  assert.equal(cli.overall.origins.llm, 2, 'records 1 and 3 (record 0 is marked, record 2 is stale)');
  const alone = await computeStats(file);
  assert.notDeepEqual(alone.overall.fidelity, cli.overall.fidelity);
});

test('stats and the session agree on the real JudgeBench file with a human mark (no gold rationales)', async () => {
  const file = tempFile('jb.jsonl', readFileSync(join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl')));
  writeFileSync(marksPathFor(file), jsonl([{ recordIndex: 1, recordId: 'x', verdict: 'Correct', at: 'now' }]));
  const cli = await computeStats(file, { overlays: true });
  const session = await DatasetSession.open(file);
  await session.load();
  assert.deepEqual(session.snapshot().summary, cli.overall);
  assert.equal(cli.overall.fidelityBasis, 'marks');
});

test('a record past the end has no line (reveal is an error, never line 1)', async () => {
  const session = await DatasetSession.open(join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'));
  await session.load();
  assert.equal(session.lineOf(0), 1);
  assert.throws(() => session.lineOf(270), /record 270 is out of range \(the file has 270 records\)/);
  assert.throws(() => session.lineOf(-1), /out of range/);
});
