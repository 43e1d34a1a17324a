// A session's two parts on a real file: the index (records, offsets, lookups) built alone knows the
// file's own verdicts only; the verdict part over it classifies, counts and takes marks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { openDataset } from '../../../../src/core/dataset/dataset';
import { DatasetSession } from '../../../../src/core/session/session';
import { SessionIndex } from '../../../../src/core/session/sessionIndex';
import { SessionVerdicts } from '../../../../src/core/session/sessionVerdicts';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { samplesDir, tempFile } from '../../paths';
import { readFileSync } from 'node:fs';

const SAMPLE = join(samplesDir, 'r-align-synthetic.jsonl');

test('the index part, built alone, holds every record and reads any back by its offsets', async () => {
  const index = new SessionIndex(await openDataset(SAMPLE), {});
  const batches: [number, number][] = [];
  await index.build((from, to) => batches.push([from, to]));
  assert.ok(index.built);
  assert.equal(index.count, 48);
  assert.equal(batches.at(-1)?.[1], 48, 'every record was handed on to be counted');
  assert.ok(batches.every(([from, to], i) => from === (i === 0 ? 0 : batches[i - 1]?.[1]) && to >= from), 'batches follow each other');
  const last = await index.fileRecord(47);
  assert.equal(index.lineOf(47), last.line);
  assert.equal(index.indexOfLine(last.line), 47);
  assert.equal(await index.indexOfId(last.id), 47);
  assert.throws(() => index.lineOf(48), RangeError);
});

test('the verdict part over an index gives the figures stats gives, and a mark moves them', async () => {
  const path = tempFile('parts.jsonl', readFileSync(SAMPLE));
  const index = new SessionIndex(await openDataset(path), {});
  let changes = 0;
  const verdicts = new SessionVerdicts(index, () => changes++);
  await index.build((from, to) => verdicts.countRange(from, to));
  await verdicts.reload(false);
  assert.equal(changes, 0);
  const stats = await computeStats(path);
  assert.deepEqual(verdicts.figures().summary, stats.overall);
  const aligned = index.columns.next(-1, 'aligned', 1);
  assert.ok(aligned >= 0);
  const before = verdicts.counts();
  await verdicts.mark(aligned, 'Incorrect');
  assert.equal(changes, 1);
  assert.equal(index.columns.kind(aligned), 'spurious', 'the class the verdict part sets is the index column');
  assert.equal(verdicts.fidelityOf(aligned)?.origin, 'human');
  assert.notDeepEqual(verdicts.counts(), before);
  // A whole session composes the same two parts and reads the mark back.
  const session = await DatasetSession.open(path);
  await session.load();
  assert.equal(session.kindOf(aligned), 'spurious');
  assert.deepEqual(session.counts(), verdicts.counts());
});
