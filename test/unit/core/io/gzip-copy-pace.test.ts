/**
 * The decompressed copy's waits for the disk leave nothing behind; a disk short of space is said in
 * the log before it fills; and a
 * file whose copy is complete is indexed from the copy in byte ranges, one worker each, with the
 * figures, records and issue lines of the same bytes read as plain JSONL.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { copiesWritten, copyOnNextRead, decompressedCopy, setDecompressedCopyDir, takeCopyWriter } from '../../../../src/core/io/containers/decompressedCopy';
import { rangesOf, workerInput } from '../../../../src/core/session/indexLoader';
import { DatasetSession } from '../../../../src/core/session/session';
import { containerDir } from '../../../support/containerFiles';
import { recordingLog } from '../../../support/recordingLog';
import { rawFrame } from '../../../support/zstdFrames';
import { repoRoot, samplesDir } from '../../paths';

const RALIGN = join(samplesDir, 'r-align-synthetic.jsonl');
const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');

function bigGzip(dir: string): { gz: string; decoded: Buffer } {
  // 36 MB decoded: many times what the copy holds before its reader waits for the disk (2 MB).
  const one = readFileSync(RALIGN);
  const decoded = Buffer.concat(Array.from({ length: Math.ceil((36 * 1024 * 1024) / one.length) }, () => one));
  const gz = join(dir, 'big.jsonl.gz');
  writeFileSync(gz, gzipSync(decoded));
  return { gz, decoded };
}

test('a copy whose reader waits for the disk many times leaves no listeners behind (each wait removes its own)', async () => {
  const storage = containerDir();
  setDecompressedCopyDir(storage);
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const { gz, decoded } = bigGzip(containerDir());
    copyOnNextRead(gz, 'gzip');
    const writer = await takeCopyWriter(gz, 'gzip');
    assert.ok(writer);
    // Handed over faster than any disk takes it: the reader waits once every 2 MB, 16 times.
    let waits = 0;
    for (let at = 0; at < decoded.length; at += 256 * 1024) {
      const wait = writer.write(decoded.subarray(at, at + 256 * 1024));
      if (wait) {
        waits++;
        await wait;
      }
    }
    writer.finish();
    await copiesWritten();
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    assert.ok(waits > 10, `the reader waited ${waits} times`);
    assert.deepEqual(warnings.filter((w) => w.includes('MaxListeners')), [], 'before, each wait left a close and an error listener on the stream');
    const copies = readdirSync(storage);
    assert.equal(copies.length, 1, copies.join(', '));
    assert.ok(readFileSync(join(storage, copies[0] as string)).equals(decoded));
  } finally {
    process.off('warning', onWarning);
    setDecompressedCopyDir(undefined);
  }
});

test('a disk that would keep less free space than a copy leaves is said in the log (where, how much, what to do); no copy is written, the file is still read', async () => {
  const storage = containerDir();
  const gz = join(containerDir(), 'r.jsonl.gz');
  writeFileSync(gz, gzipSync(readFileSync(RALIGN)));
  const log = recordingLog();
  // More free space asked for than any disk has.
  setDecompressedCopyDir(storage, log, Number.MAX_SAFE_INTEGER);
  try {
    const s = await DatasetSession.open(gz, {});
    await s.load();
    await copiesWritten();
    assert.equal(s.count, 48);
    const plain = await DatasetSession.open(RALIGN, {});
    await plain.load();
    assert.deepEqual(s.snapshot().summary, plain.snapshot().summary);
    const line = log.lines.find((l) => l.includes('decompressed copy'));
    assert.ok(line, `nothing in the log: ${JSON.stringify(log.lines)}`);
    assert.match(line, /^warn cannot write the decompressed copy of /);
    assert.ok(line.includes(gz) && line.includes(storage), line);
    assert.match(line, /not enough free disk space: [\d.]+ GB free, and the copy leaves at least [\d.]+ GB free; free some space or close the file/);
    assert.deepEqual(readdirSync(storage), []);
  } finally {
    setDecompressedCopyDir(undefined);
  }
});

async function state(path: string, indexRanges: number) {
  const s = await DatasetSession.open(path, { indexInWorker: worker, indexRanges });
  await s.load();
  const records = [];
  for (let i = 0; i < s.count; i++) records.push(await s.record(i));
  const all = { snapshot: s.snapshot(), count: s.count, issues: s.issues, records };
  return JSON.parse(JSON.stringify(all).split(JSON.stringify(path).slice(1, -1)).join('<file>')) as unknown;
}

for (const packing of ['gzip', 'zstd'] as const) {
  test(`a ${packing} file whose copy is complete is indexed from the copy in byte ranges, with the plain file's figures, records and issue lines`, async () => {
    const storage = containerDir();
    setDecompressedCopyDir(storage);
    try {
      const dir = containerDir();
      // Broken lines in both halves: their line numbers come from the ranges' merge.
      const lines = readFileSync(RALIGN, 'utf8').split('\n').filter(Boolean);
      lines.splice(40, 0, '{"id": "broken-late", ');
      lines.splice(3, 0, '{not json');
      const plain = join(dir, 'r.jsonl');
      writeFileSync(plain, `${lines.join('\n')}\n`);
      const packed = join(dir, packing === 'gzip' ? 'r.jsonl.gz' : 'r.jsonl.zst');
      writeFileSync(packed, packing === 'gzip' ? gzipSync(readFileSync(plain)) : rawFrame(readFileSync(plain), 8192));
      const expected = await state(plain, 2);
      assert.deepEqual(await state(plain, 1), expected, 'the plain file reads the same in one pass and in two ranges');
      // The first pass streams the file (one worker) and writes the copy.
      assert.deepEqual(await state(packed, 2), expected);
      // The worker's end comes once its copy is complete.
      const copy = await decompressedCopy(packed, packing);
      assert.ok(copy && readFileSync(copy).equals(readFileSync(plain)), 'the first pass wrote the complete copy');
      const ranges = await rangesOf(workerInput(packed, 'r-align', { indexRanges: 2 }, 256, new Int32Array(new SharedArrayBuffer(4))));
      assert.equal(ranges.length, 2, 'two byte ranges of the copy');
      assert.equal(ranges[0]?.start, 0);
      assert.equal(ranges[1]?.end, statSync(copy).size);
      assert.deepEqual(await state(packed, 2), expected, 'the copy read in two ranges');
    } finally {
      setDecompressedCopyDir(undefined);
    }
  });
}
