/**
 * gzip, zstd and Parquet files read as the JSONL they hold: `stats --json` gives the plain file's
 * figures, failures say what and where (exit 2), and decompression stays bounded in memory.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parquetReadObjects } from 'hyparquet';
import { copiesWritten, setDecompressedCopyDir } from '../../../../src/core/io/containers/decompressedCopy';
import { pageLimitedCompressors } from '../../../../src/core/io/containers/parquetFile';
import { journalPathFor } from '../../../../src/core/llm/journal';
import { DatasetSession } from '../../../../src/core/session/session';
import { FakeOpenAIServer, judgeAnswer, promptText } from '../../../support/fake-openai-server';
import { PARQUET_CODECS, containerDir, duckDbJsonlPair, duckDbParquet, gzipCopy } from '../../../support/containerFiles';
import { frameWithWindow, rawFrame, rleBombFrame } from '../../../support/zstdFrames';
import { cliPath, repoRoot, samplesDir } from '../../paths';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `stats --json` without the file name (everything else must match). */
function statsOf(file: string): Record<string, unknown> {
  const r = cli('stats', file, '--json');
  assert.equal(r.code, 0, `${file}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  delete out.file;
  // Issues name the file they are in; their places and messages must match.
  return JSON.parse(JSON.stringify(out).split(JSON.stringify(file).slice(1, -1)).join('<file>')) as Record<string, unknown>;
}

const RALIGN = join(samplesDir, 'r-align-synthetic.jsonl');
const HELPSTEER = join(samplesDir, 'helpsteer3-synthetic.jsonl');

/** The R-Align sample as a pretty-printed JSON array file. */
function jsonArrayFile(dir: string): string {
  const rows = readFileSync(RALIGN, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  const file = join(dir, 'array.json');
  writeFileSync(file, JSON.stringify(rows, null, 2));
  return file;
}

test('gzip: stats --json on x.jsonl.gz, on a gzip file whose name says .jsonl, and on a gzipped JSON array equal the plain file', () => {
  const dir = containerDir();
  for (const file of [RALIGN, HELPSTEER, join(samplesDir, 'hostile.jsonl'), join(samplesDir, 'malformed.jsonl'), jsonArrayFile(dir)]) {
    const plain = statsOf(file);
    assert.deepEqual(statsOf(gzipCopy(file, dir)), plain, `${file}.gz`);
    const lying = gzipCopy(file, dir, `lying-${file.endsWith('.json') ? 'array.json' : 'lines.jsonl'}`);
    assert.deepEqual(statsOf(lying), plain, `${file} gzipped under a plain name`);
  }
});

test('zstd: a DuckDB-written .jsonl.zst equals the same DuckDB output uncompressed; hand-built multi-frame streams equal the plain file', async () => {
  const dir = containerDir();
  for (const file of [RALIGN, HELPSTEER]) {
    const [plain, zst] = await duckDbJsonlPair(file, dir);
    assert.deepEqual(statsOf(zst), statsOf(plain), zst);
  }
  // Frames and blocks cut anywhere (mid-line, mid-character), several frames in one file, over the 1 MB read chunk.
  const bytes = Buffer.concat(Array.from({ length: 12 }, () => readFileSync(RALIGN)));
  const frames: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = [300_001, 7, 1_000_003, 65_536][k % 4] as number;
    frames.push(rawFrame(bytes.subarray(at, at + size), [4096, 131_072, 999][k % 3]));
    at += size;
  }
  const plainFile = join(dir, 'many.jsonl');
  writeFileSync(plainFile, bytes);
  const zstFile = join(dir, 'many.jsonl.zst');
  writeFileSync(zstFile, Buffer.concat(frames));
  assert.deepEqual(statsOf(zstFile), statsOf(plainFile));
});

test('Parquet: a DuckDB-written file with each hub codec (several row groups) gives the plain JSONL figures', async () => {
  const dir = containerDir();
  for (const file of [RALIGN, HELPSTEER]) {
    const plain = statsOf(file);
    const written = await duckDbParquet(file, dir);
    for (const codec of PARQUET_CODECS) assert.deepEqual(statsOf(written[codec]), plain, `${file} as ${codec} Parquet`);
  }
});

test('truncated or damaged streams, encrypted or odd Parquet files and dictionary zstd say what and where, exit 2', async () => {
  const dir = containerDir();
  const gz = gzipSync(readFileSync(RALIGN));
  const cases: [string, Buffer, RegExp][] = [
    ['cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length / 2)), /cut\.jsonl\.gz: the gzip stream ends early, after [\d,]+ decompressed bytes \(truncated file\?\); re-download or re-compress it/],
    ['cut.jsonl.zst', rawFrame(readFileSync(RALIGN), 8192).subarray(0, 50_000), /cut\.jsonl\.zst: the zstd stream ends in the middle of a block at byte 50,000 \(truncated file\?\)/],
    ['window.jsonl.zst', frameWithWindow(21), /needs a 2,048 MB window, over the 128 MB this reader allows.*zstd -d --long=31/],
    ['dict.jsonl.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x01, 0x50, 0x07, 0x01, 0x00, 0x00]), /needs dictionary 7 to be decompressed/],
    ['garbage.jsonl.zst', Buffer.concat([rawFrame(Buffer.from('{"a":1}\n')), Buffer.from('not zstd at all')]), /bytes that are not a zstd frame at byte 17/],
    ['binary.jsonl.gz', gzipSync(Buffer.alloc(2000)), /binary\.jsonl\.gz is gzip holding binary data/],
    ['enc.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(32), Buffer.from('PARE')]), /enc\.parquet is an encrypted Parquet file, which this reader cannot decrypt/],
    ['nofooter.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(32)]), /nofooter\.parquet: the Parquet file has no footer \(truncated file\?\)/],
  ];
  const parquet = readFileSync((await duckDbParquet(RALIGN, dir, ['snappy'])).snappy);
  cases.push(['cut.parquet', Buffer.concat([parquet.subarray(0, 2000), parquet.subarray(parquet.length - 4)]), /cut\.parquet: (the Parquet metadata points at bytes|cannot read this Parquet file)/]);
  for (const [name, bytes, message] of cases) {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const r = cli('stats', file);
    assert.equal(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, name);
    assert.equal(r.stdout, '', `${name}: nothing is printed as if read`);
  }
});

test('a Parquet page that claims more than the page limit is refused before it is decompressed', async () => {
  const file = (await duckDbParquet(RALIGN, containerDir(), ['snappy', 'zstd'])).zstd;
  await assert.rejects(
    parquetReadObjects({ file: new Uint8Array(readFileSync(file)).buffer, compressors: pageLimitedCompressors(file, 100) }),
    /a ZSTD page claims [\d,]+ bytes once decompressed, over the 0 MB allowed for one page/,
  );
});

/** Peak resident memory of a child process that tallies `file` with the core (not the CLI's parse). */
function peakRssMb(file: string, maxEntryBytes: number): { mb: number; stats: { malformed: number; records: number } } {
  const script = `
    const { computeStats } = require(${JSON.stringify(join(repoRoot, 'out', 'src', 'core', 'tally', 'fileTally.js'))});
    computeStats(${JSON.stringify(file)}, { maxEntryBytes: ${maxEntryBytes} }).then((s) => {
      console.log(JSON.stringify({ mb: process.resourceUsage().maxRSS / 1024, stats: { malformed: s.malformed, records: s.overall.records } }));
    }, (e) => { console.error(e.message); process.exit(3); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { mb: number; stats: { malformed: number; records: number } };
}

test('bombs: 1 GB of gzip or zstd output from a few hundred KB is streamed in bounded memory', () => {
  const dir = containerDir();
  const record = `${readFileSync(RALIGN, 'utf8').split('\n')[0]}\n`;
  // One real record, then 1 GiB of spaces without a newline (one over-long line, skipped), then the record again.
  const spaces = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
  const gzBomb = join(dir, 'bomb.jsonl.gz');
  writeFileSync(gzBomb, Buffer.concat([gzipSync(record), ...Array.from({ length: 16 }, () => spaces), gzipSync(`\n${record}`)]));
  const zstBomb = join(dir, 'bomb.jsonl.zst');
  writeFileSync(zstBomb, Buffer.concat([rawFrame(Buffer.from(record)), rleBombFrame(8192, 0x20), rawFrame(Buffer.from(`\n${record}`))]));
  for (const bomb of [gzBomb, zstBomb]) {
    const { mb, stats } = peakRssMb(bomb, 4 * 1024 * 1024);
    assert.deepEqual(stats, { malformed: 1, records: 2 }, bomb);
    assert.ok(mb < 400, `${bomb}: peak RSS ${Math.round(mb)} MB while decompressing 1 GiB`);
  }
});

test('the session re-reads records of a .jsonl.gz, .jsonl.zst and .parquet on demand, in any order, as in the plain file', async () => {
  const dir = containerDir();
  const zst = join(dir, 'x.jsonl.zst');
  writeFileSync(zst, rawFrame(readFileSync(RALIGN), 5000));
  // DuckDB gives every row the struct's every key (null where a line had none): Parquet rows are
  // compared with DuckDB's own JSONL of the same rows.
  const [duckPlain] = await duckDbJsonlPair(RALIGN, dir);
  const pairs: [string, string][] = [[gzipCopy(RALIGN, dir), RALIGN], [zst, RALIGN], [(await duckDbParquet(RALIGN, dir, ['zstd'], 7)).zstd, duckPlain]];
  for (const [file, plainFile] of pairs) {
    const plain = await DatasetSession.open(plainFile);
    await plain.load();
    const session = await DatasetSession.open(file);
    await session.load();
    assert.equal(session.count, plain.count, file);
    assert.deepEqual(session.snapshot().summary, plain.snapshot().summary, file);
    for (const i of [plain.count - 1, 0, 20, 3, plain.count - 2, 20]) {
      const [a, b] = [await session.record(i), await plain.record(i)];
      // Offsets are in the decoded bytes (Parquet: in its rows' JSON text), lines are lines (Parquet: rows).
      const same = (r: typeof a) => ({ ...r, file: '', byteStart: 0, byteEnd: 0 });
      assert.deepEqual(same(a), same(b), `${file} record ${i}`);
      if (!file.endsWith('.parquet')) assert.deepEqual([a.byteStart, a.byteEnd], [b.byteStart, b.byteEnd]);
    }
  }
});

test('a copy keeps its packing: copyFileSync of a .parquet under a .jsonl name is still read as Parquet', async () => {
  const dir = containerDir();
  const lying = join(dir, 'rows.jsonl');
  copyFileSync((await duckDbParquet(RALIGN, dir, ['snappy'])).snappy, lying);
  assert.deepEqual(statsOf(lying), statsOf(RALIGN));
});

test('judge and generate read a .jsonl.gz or .parquet input and write plain JSONL, as for the plain file, and say so', async () => {
  const server = await FakeOpenAIServer.start({ handler: (req) => ({ kind: 'reply', content: judgeAnswer(createHash('sha256').update(promptText(req.body)).digest()[0]! % 3 === 0 ? 'Incorrect' : 'Correct') }) });
  try {
    const dir = containerDir();
    const lines = readFileSync(RALIGN, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      delete r.metarm_verdict;
      return JSON.stringify(r);
    });
    const plain = join(dir, 'unjudged.jsonl');
    writeFileSync(plain, `${lines.join('\n')}\n`);
    // Not spawnSync: the fake server answers from this process's event loop.
    const run = (file: string, out: string) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, 'judge', file, '--base-url', server.baseUrl, '--model', 'judge-1', '--no-cache', '--quiet', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const plainRun = await run(plain, join(dir, 'plain.judged.jsonl'));
    assert.equal(plainRun.status, 0, plainRun.stderr);
    for (const packed of [gzipCopy(plain, dir), (await duckDbParquet(plain, dir, ['snappy'])).snappy]) {
      const out = `${packed}.judged.jsonl`;
      const r = await run(packed, out);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} as plain JSONL \\(the input is (gzip|Parquet)\\)`));
      assert.ok(!readFileSync(out).subarray(0, 2).equals(Buffer.from([0x1f, 0x8b])), 'the output is not compressed');
      assert.ok(existsSync(journalPathFor(packed)), 'the journal sits beside the packed input');
      const [a, b] = [statsOf(out), statsOf(join(dir, 'plain.judged.jsonl'))];
      assert.deepEqual(a.fidelity, b.fidelity, packed);
      assert.equal(a.sCorr, b.sCorr);
    }
  } finally {
    await server.close();
  }
});

test('with a copy folder named (the editor\'s global storage), a .jsonl.gz is re-read from a private decompressed copy there, never beside the file', async () => {
  const dir = containerDir();
  const storage = containerDir();
  const gz = gzipCopy(RALIGN, dir);
  setDecompressedCopyDir(storage);
  try {
    const session = await DatasetSession.open(gz);
    await session.load();
    await copiesWritten();
    const copies = readdirSync(storage);
    assert.equal(copies.length, 1, copies.join(', '));
    assert.deepEqual(readFileSync(join(storage, copies[0] as string)), readFileSync(RALIGN), 'the copy holds the decoded bytes');
    assert.deepEqual(readdirSync(dir), [basename(gz)], 'nothing is written beside the user\'s file');
    const plain = await DatasetSession.open(RALIGN);
    await plain.load();
    for (const i of [40, 2, 30]) assert.deepEqual({ ...(await session.record(i)), file: '' }, { ...(await plain.record(i)), file: '' });
    // The file changes: a new copy replaces the stale one.
    writeFileSync(gz, gzipSync(Buffer.concat([readFileSync(RALIGN), readFileSync(RALIGN)])));
    const again = await DatasetSession.open(gz);
    await again.load();
    await copiesWritten();
    assert.equal(readdirSync(storage).length, 1, 'the stale copy is removed');
    assert.equal(readFileSync(join(storage, readdirSync(storage)[0] as string)).length, 2 * readFileSync(RALIGN).length);
  } finally {
    setDecompressedCopyDir(undefined);
  }
});

test('a results folder may hold .jsonl.gz, .jsonl.zst and .parquet results: the leaderboard shows them and says show_result.py would have skipped them', async () => {
  const dir = containerDir();
  copyFileSync(RALIGN, join(dir, 'rb2__plain.jsonl'));
  gzipCopy(RALIGN, dir, 'rb2__gz_metarm_judge.jsonl.gz');
  writeFileSync(join(dir, 'rb2__zst.jsonl.zst'), rawFrame(readFileSync(RALIGN)));
  copyFileSync((await duckDbParquet(RALIGN, containerDir(), ['snappy'])).snappy, join(dir, 'rb2__pq.parquet'));
  const r = cli('stats', dir, '--json');
  assert.equal(r.code, 0, r.stderr);
  const board = JSON.parse(r.stdout) as { cells: { model: string; benchmark: string; labelAccuracy: number; sCorr: number; file: string }[] };
  assert.deepEqual(board.cells.map((c) => c.model).sort(), ['gz', 'plain', 'pq', 'zst']);
  const plain = board.cells.find((c) => c.model === 'plain');
  for (const c of board.cells) assert.deepEqual([c.benchmark, c.labelAccuracy, c.sCorr], [plain?.benchmark, plain?.labelAccuracy, plain?.sCorr], c.file);
  for (const name of ['rb2__gz_metarm_judge.jsonl.gz', 'rb2__zst.jsonl.zst', 'rb2__pq.parquet']) {
    assert.match(r.stderr, new RegExp(`note: ${name.replace(/\./g, '\\.')} is read here, but show_result\\.py reads \\*\\.jsonl only and would have skipped it`));
  }
  assert.doesNotMatch(r.stderr, /rb2__plain\.jsonl is read here/);
});
