/**
 * A .jsonl.gz is decompressed once in the editor: the session's whole-file pass (the index, in its
 * worker or on this thread) writes the private decompressed copy as it decodes, and a pass over a
 * file whose copy is complete reads the copy. A read that stops early or goes back leaves no copy.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { openByteSource } from '../../../../src/core/io/containers/byteSource';
import { copiesWritten, copyOnNextRead, setDecompressedCopyDir } from '../../../../src/core/io/containers/decompressedCopy';
import { DatasetSession } from '../../../../src/core/session/session';
import { containerDir, gzipCopy } from '../../../support/containerFiles';
import { recordingLog } from '../../../support/recordingLog';
import { repoRoot, samplesDir } from '../../paths';

const RALIGN = join(samplesDir, 'r-align-synthetic.jsonl');
const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');

async function loaded(path: string, indexInWorker: string | false) {
  const s = await DatasetSession.open(path, { indexInWorker });
  await s.load();
  await copiesWritten();
  const state = { snapshot: s.snapshot(), count: s.count, issues: s.issues, first: await s.record(0), last: await s.record(s.count - 1) };
  return JSON.parse(JSON.stringify(state).split(JSON.stringify(path).slice(1, -1)).join('<file>')) as unknown;
}

async function withCopies<T>(work: (storage: string) => Promise<T>): Promise<T> {
  const storage = containerDir();
  setDecompressedCopyDir(storage);
  try {
    return await work(storage);
  } finally {
    setDecompressedCopyDir(undefined);
  }
}

test('the index worker writes the decompressed copy as it decodes the .jsonl.gz, and later passes read the copy, not the stream', async () => {
  await withCopies(async (storage) => {
    const dir = containerDir();
    const gz = gzipCopy(RALIGN, dir);
    // A whole second: set back exactly below (a time with a fraction of a millisecond may come back 1 ms off).
    const time = 1_700_000_000;
    utimesSync(gz, time, time);
    const plain = await loaded(RALIGN, false);
    const first = await loaded(gz, worker);
    assert.deepEqual(first, plain);
    const copies = readdirSync(storage);
    assert.equal(copies.length, 1, `one complete copy, written by the worker's pass: ${copies.join(', ')}`);
    assert.deepEqual(readFileSync(join(storage, copies[0] as string)), readFileSync(RALIGN));
    // The .gz's bytes become undecodable, its size and time unchanged: only a pass that reads the copy still works.
    const bytes = readFileSync(gz);
    bytes.fill(0x55, 20, bytes.length - 8);
    writeFileSync(gz, bytes);
    utimesSync(gz, time, time);
    const again = await loaded(gz, worker);
    assert.deepEqual(again, first, 'the worker indexed the complete copy (before, it decoded the stream again and failed on these bytes)');
    assert.deepEqual(readdirSync(storage), copies);
  });
});

test('a pass asked to write the copy that stops early or goes back leaves nothing; one read to the end leaves the decoded bytes', async () => {
  await withCopies(async (storage) => {
    // Larger than one decoded chunk (256 KB): going back before the chunk in hand starts the stream again.
    const decoded = Buffer.concat(Array.from({ length: 4 }, () => readFileSync(RALIGN)));
    const gz = join(containerDir(), 'four.jsonl.gz');
    writeFileSync(gz, gzipSync(decoded));
    const buf = Buffer.alloc(64 * 1024);
    copyOnNextRead(gz, 'gzip');
    const early = await openByteSource(gz);
    assert.ok((await early.read(buf, 0, 100, 0)).bytesRead > 0);
    await early.close();
    copyOnNextRead(gz, 'gzip');
    const back = await openByteSource(gz);
    await back.read(buf, 0, 1000, 300_000);
    await back.read(buf, 0, 10, 0); // back to the top: the stream starts again, and the copy is dropped
    for (let at = 10; (await back.read(buf, 0, buf.length, at)).bytesRead > 0; at += buf.length);
    await back.close();
    await copiesWritten();
    assert.deepEqual(readdirSync(storage), [], 'no copy and no partial file');
    // Without being asked, a read to the end writes nothing either (the start read to open a file, a record re-read).
    const unasked = await openByteSource(gz);
    for (let at = 0; (await unasked.read(buf, 0, buf.length, at)).bytesRead > 0; at += buf.length);
    await unasked.close();
    await copiesWritten();
    assert.deepEqual(readdirSync(storage), []);
    copyOnNextRead(gz, 'gzip');
    const whole = await openByteSource(gz);
    for (let at = 0; (await whole.read(buf, 0, buf.length, at)).bytesRead > 0; at += buf.length);
    await whole.close();
    await copiesWritten();
    const copies = readdirSync(storage);
    assert.equal(copies.length, 1);
    assert.ok(!(copies[0] as string).includes('partial'), copies[0]);
    assert.deepEqual(readFileSync(join(storage, copies[0] as string)), decoded);
  });
});

test('a copy the index worker cannot write is said in the opening thread\'s log, with the file, the copy and the reason; the file is still read', async () => {
  const gz = gzipCopy(RALIGN, containerDir());
  // The copy folder's parent is a regular file: making the folder fails (ENOTDIR), for root too.
  const blocker = join(containerDir(), 'not-a-folder');
  writeFileSync(blocker, '');
  const log = recordingLog();
  setDecompressedCopyDir(join(blocker, 'decompressed'), log);
  try {
    const s = await DatasetSession.open(gz, { indexInWorker: worker });
    await s.load();
    assert.equal(s.count, 48);
    const line = log.lines.find((l) => l.includes('decompressed copy'));
    assert.ok(line, `no line in the log (the worker's failure was dropped): ${JSON.stringify(log.lines)}`);
    assert.match(line, /^warn cannot write the decompressed copy of /);
    assert.ok(line.includes(gz) && line.includes(blocker), line);
    assert.match(line, /ENOTDIR|not a directory/);
  } finally {
    setDecompressedCopyDir(undefined);
  }
});
