/** A file indexed in byte ranges by several workers must give the session exactly what one reader gives. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatasetSession } from '../../../../src/core/session/session';
import { repoRoot, tempFile } from '../../paths';
import { adversarialRAlign } from './adversarialRAlign';
import { BackgroundHold } from '../../../../src/core/io/backgroundHold';
import { seeded, syntheticRAlignRecord } from '../synthetic';

const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');

async function state(path: string, options: { indexInWorker: string | false; indexRanges?: number; maxIssues?: number }) {
  const s = await DatasetSession.open(path, options);
  await s.load();
  const rows = Array.from({ length: s.count }, (_, i) => ({ ...s.row(i), at: s.index.at(i), kind: s.kindOf(i), differs: s.fileVerdictDiffers(i) }));
  return { snapshot: s.snapshot(), rows, subsets: s.subsets(), issues: s.issues, issueGroups: s.issueGroups, malformed: s.malformed, warnings: s.warnings, rowSamples: s.hasRowSamples };
}

test('indexing in 2, 3 and 7 byte ranges gives the one-reader session: rows, lines, subsets in first-seen order, issues and their groups, figures', async () => {
  const path = tempFile('ranges-adv.jsonl', adversarialRAlign(13, 900));
  const one = await state(path, { indexInWorker: false });
  assert.ok(one.issueGroups.some((g) => g.count > 5) && one.subsets.length > 1, 'the file has repeated issues and several subsets');
  for (const indexRanges of [2, 3, 7]) assert.deepEqual(await state(path, { indexInWorker: worker, indexRanges }), one, `${indexRanges} ranges`);
  // Few issues kept: the first ones in file order, across the ranges.
  const capped = await state(path, { indexInWorker: false, maxIssues: 7 });
  assert.deepEqual(await state(path, { indexInWorker: worker, indexRanges: 3, maxIssues: 7 }), capped);
});

test('records with ids of their own, indexed in 2 and 3 ranges, keep the one-reader lines, subsets and issues (the later ranges\' lines shifted)', async () => {
  const rand = seeded(31);
  const path = tempFile('ranges-ids.jsonl', Array.from({ length: 3000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  const one = await state(path, { indexInWorker: false });
  assert.ok(one.issueGroups.length > 1 && one.rows.every((r) => r.id !== null && !r.id.startsWith('line ')), 'every record has its own id; the file has issues');
  for (const indexRanges of [2, 3]) assert.deepEqual(await state(path, { indexInWorker: worker, indexRanges }), one, `${indexRanges} ranges`);
});

test('the editor\'s background hold (an Inspector drawing its first screen) holds every range\'s worker; let go, the whole file is read', async () => {
  const rand = seeded(23);
  const path = tempFile('ranges-held.jsonl', Array.from({ length: 20_000 }, (_, i) => JSON.stringify(syntheticRAlignRecord(i, rand, 40))).join('\n') + '\n');
  const background = new BackgroundHold();
  background.hold('inspector', 60_000);
  let firstBatch = () => {};
  const first = new Promise<void>((resolve) => (firstBatch = resolve));
  const session = await DatasetSession.open(path, { indexInWorker: worker, indexRanges: 2, backgroundHold: background.flag, onProgress: () => firstBatch() });
  const loading = session.load();
  await first;
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(session.count <= 4096, `the first batch only while held (${session.count})`);
  background.release('inspector');
  await loading;
  assert.equal(session.count, 20_000);
});
