/**
 * The index worker starts from the Parquet start the opening thread decoded (packedStart.ts): the
 * worker's input carries it, and the session it builds is the one built on the opening thread with
 * no start handed over (rows, lines, figures, issues), for a file of several row groups.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatasetSession } from '../../../../src/core/session/session';
import { workerInput } from '../../../../src/core/session/indexLoader';
import { repoRoot } from '../../paths';
import { syntheticParquet } from './syntheticParquet';

const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');

async function state(path: string, indexInWorker: string | false) {
  const s = await DatasetSession.open(path, { indexInWorker });
  const input = workerInput(path, s.dataset.adapter.name, {}, 4096, new Int32Array(new SharedArrayBuffer(4)));
  await s.load();
  const rows = Array.from({ length: s.count }, (_, i) => ({ ...s.row(i), at: s.index.at(i), kind: s.kindOf(i) }));
  return { handed: input.start?.chunks.reduce((n, c) => n + c.rows, 0) ?? 0, session: { snapshot: s.snapshot(), rows, issues: s.issues, malformed: s.malformed, warnings: s.warnings, first: await s.record(0), last: await s.record(s.count - 1) } };
}

test('the index worker starts from the decoded Parquet start it is handed and builds the same session', async () => {
  const { records, parquet: { zstd: parquet } } = await syntheticParquet('worker-start', { count: 5000, seed: 17, textBytes: 300, adversarial: true }, ['zstd'], 2000);
  const inWorker = await state(parquet, worker);
  assert.ok(inWorker.handed >= 64, `the worker is handed the decoded start (${inWorker.handed} rows)`);
  const onThread = await state(parquet, false);
  assert.deepEqual(inWorker.session, onThread.session);
  assert.equal(inWorker.session.rows.length, records.length);
  assert.ok(inWorker.handed < records.length, `the worker decodes the rest itself (${inWorker.handed} rows handed)`);
});
