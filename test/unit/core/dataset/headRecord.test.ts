/**
 * The Inspector's page may carry record 0 read from the file's head before the index has it
 * (core/dataset/headRecord.ts): it must be exactly the record the session serves as record 0 (and
 * of the class the session gives it), on every kind of file, in one thread or in worker ranges; and
 * the read must stay bounded (a first line over the head's cap, or many lines without a record, end
 * it with no record rather than reading on).
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { openDataset } from '../../../../src/core/dataset/dataset';
import { HEAD_MAX_ENTRIES, HEAD_MAX_ENTRY_BYTES, headRecord } from '../../../../src/core/dataset/headRecord';
import { DatasetSession, type SessionOptions } from '../../../../src/core/session/session';
import { classifyRecord } from '../../../../src/core/statistics/metrics';
import { FORMAT_SAMPLE_FILES, repoRoot, samplesDir, tempFile } from '../../paths';
import { compileUserPatterns } from '../../../../src/core/record/verdict';
import { syntheticRAlignRecord, seeded } from '../synthetic';

const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');
const jsonl = (rows: readonly unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

/** The session's record 0 and its class, and what the head read gives, with `options` for both. */
async function both(file: string, options: SessionOptions = {}) {
  const session = await DatasetSession.open(file, options);
  await session.load();
  const head = await headRecord(session.dataset, session.fileIndex.options);
  return { session, head, record: session.count > 0 ? await session.record(0) : undefined };
}

/** A copy alone in a folder: no journal or marks beside it (an indexing session serves the file's verdicts). */
const alone = (file: string) => {
  const copy = tempFile(basename(file), '');
  copyFileSync(file, copy);
  return copy;
};

test('record 0 from the head is the session record 0, with its class, on every sample kind (this thread and worker ranges)', async () => {
  const files = FORMAT_SAMPLE_FILES.filter((f) => f.endsWith('.jsonl')).map(alone);
  assert.ok(files.length >= 4);
  for (const file of files) {
    for (const options of [{}, { indexInWorker: worker, indexRanges: 2 }] as SessionOptions[]) {
      const { session, head, record } = await both(file, options);
      assert.ok(head, `${file}: the head settles record 0`);
      assert.deepEqual(head, record, `${file} ${JSON.stringify(options)}: the same record`);
      assert.equal(classifyRecord(head).kind, session.kindOf(0), `${file}: the same class`);
    }
  }
});

test('lines the session skips before its first record are skipped from the head too (BOM, blanks, bad JSON, NULs, over the cap)', async () => {
  const rnd = seeded(7);
  const good = [syntheticRAlignRecord(0, rnd), syntheticRAlignRecord(1, rnd)];
  const file = tempFile('skips.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl(['', '{"bad json', '\u0000\u0000', 'x'.repeat(20000), '[1, 2]', ...good]))]));
  const { head, record } = await both(file, { maxEntryBytes: 10000 });
  assert.ok(head);
  assert.deepEqual(head, record);
  assert.equal(head.line, 6, 'past the blank, bad, NUL, over-long and non-object lines');
  const { head: underCap, record: underCapRecord } = await both(file);
  assert.deepEqual(underCap, underCapRecord, 'the session cap, not the head');
});

test('verdict patterns of the session apply to the head record', async () => {
  const rnd = seeded(11);
  const r = syntheticRAlignRecord(0, rnd);
  const file = tempFile('patterns.jsonl', jsonl([{ ...r, model_pred: undefined, model_judgment: 'Rationale: B is right. VERDICT=B' }]));
  const { patterns: extraPatterns } = compileUserPatterns(['VERDICT=([AB])']);
  const { head, record } = await both(file, { extraPatterns });
  assert.ok(head);
  assert.deepEqual(head, record);
  assert.equal(head.judgments[0]?.parsedVerdict, 'B', 'read by the pattern');
});

test('a first line over the head cap (but under the session cap) is not read through: no record from the head', async () => {
  const rnd = seeded(3);
  const big = syntheticRAlignRecord(0, rnd);
  const huge = { ...big, prompt: 'p '.repeat(HEAD_MAX_ENTRY_BYTES) };
  const file = tempFile('huge-first.jsonl', jsonl([huge, syntheticRAlignRecord(1, rnd)]));
  const { head, record } = await both(file);
  assert.equal(head, undefined, 'the head gives up: that line is the session record 0');
  assert.equal(record?.line, 1);
});

test('more lines than the head looks at without a record: no record from the head (the index finds it)', async () => {
  const rnd = seeded(5);
  const file = tempFile('late.jsonl', jsonl([...Array.from({ length: HEAD_MAX_ENTRIES }, () => '{"bad'), syntheticRAlignRecord(0, rnd)]));
  const { head, record } = await both(file);
  assert.equal(head, undefined);
  assert.equal(record?.line, HEAD_MAX_ENTRIES + 1);
});

test('a compressed file or a JSON array is left to the index; an empty file has no record 0', async () => {
  const sample = join(samplesDir, 'r-align-synthetic.jsonl');
  const gz = tempFile('sample.jsonl.gz', gzipSync(readFileSync(sample)));
  assert.equal(await headRecord(await openDataset(gz)), undefined);
  const array = tempFile('array.json', JSON.stringify(readFileSync(sample, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown)));
  assert.equal(await headRecord(await openDataset(array)), undefined);
  assert.equal(await headRecord(await openDataset(tempFile('empty.jsonl', ''))), undefined);
});
