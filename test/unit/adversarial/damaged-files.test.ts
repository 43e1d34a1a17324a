/**
 * Files damaged the way crashes and editors damage them: a JSONL line of NULs, a first line that is
 * JSON but no object, records all over --max-record-bytes, and side files (journal, cache, marks,
 * alignments) re-saved with a byte-order mark or with a damaged first line. Each case failed
 * before its fix.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeOpenAIServer, judgeAnswer } from '../../support/fake-openai-server';
import { AlignmentJournal, alignmentsPathFor, readAlignments } from '../../../src/core/align/models/alignmentJournal';
import { FileCacheStore } from '../../../src/core/llm/cache';
import { Journal, journalPathFor, readJournal } from '../../../src/core/llm/journal';
import { appendMark, marksPathFor, readMarksReport } from '../../../src/core/verdicts/marks';
import { computeStats } from '../../../src/core/tally/fileTally';
import { cliPath, tempFile } from '../paths';

function row(i: number): Record<string, unknown> {
  return { id: `r${i}`, conversations: [{ role: 'user', content: `Question ${i}?` }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: `gold ${i}`, model_judgment: 'A \\boxed{A}', model_pred: i % 3 ? 'A' : 'B' };
}
const lines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify(row(i)));

function cli(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

const TALLIES = [{ strict: true }, { workers: 1 }, { workers: 3 }] as const;

test('a JSONL line of NULs (a crash) is one malformed line with its line and column; the rest is read, on every path', async () => {
  const rows = lines(40);
  const cases: [string, string[], number, number][] = [
    // A run of NULs where a line was being written (what ext4/XFS leave after a crash), early in the file.
    ['block', [rows[0] as string, '\u0000'.repeat(4096), ...rows.slice(2)], 2, 1],
    // A line cut short and padded with NULs: the column is where the NULs start.
    ['padded', [rows[0] as string, (rows[1] as string).slice(0, 30) + '\u0000'.repeat(200), ...rows.slice(2)], 2, 31],
    // The first line itself.
    ['first', ['\u0000'.repeat(512), ...rows.slice(1)], 1, 1],
    // A first record longer than the first read, cut and padded: judged over the lines after it too.
    ['long', [JSON.stringify({ ...row(0), gt_judgment: 'g'.repeat(200_000) }).slice(0, 100_000) + '\u0000'.repeat(4096), ...rows.slice(1)], 1, 100_001],
  ];
  for (const [name, content, line, column] of cases) {
    const path = tempFile(`${name}.jsonl`, content.join('\n') + '\n');
    for (const options of TALLIES) {
      const s = await computeStats(path, options);
      assert.equal(s.overall.records, 39, `${name} ${JSON.stringify(options)}`);
      assert.equal(s.malformed, 1);
      assert.equal(s.issues[0]?.line, line);
      assert.equal(s.issues[0]?.column, column);
      assert.match(s.issues[0]?.message ?? '', /NUL bytes/);
    }
    const r = cli(['stats', path]);
    assert.doesNotMatch(r.stderr, /binary data/);
    assert.match(r.stderr, new RegExp(`${name}\\.jsonl:${line}:${column}: error: NUL bytes`));
    assert.ok(!r.stderr.includes('\u0000'), 'no raw NUL reaches the terminal');
  }
  // Files that are binary throughout are still refused whole, and known kinds keep their message.
  const utf16 = tempFile('utf16.jsonl', Buffer.from(rows.join('\n') + '\n', 'utf16le'));
  const random = tempFile('random.jsonl', Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 251)));
  for (const [path, message] of [[utf16, /binary data/], [random, /binary data/], [tempFile('d.jsonl', Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.from(rows.join('\n'))])), /xz-compressed/]] as const) {
    const r = cli(['stats', path]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
});

test('lines that are JSON but not objects are malformed lines, not a reason to refuse the file', async () => {
  const rows = lines(30);
  const path = tempFile('arrays.jsonl', [...Array.from({ length: 120 }, () => '[1]'), ...rows].join('\n') + '\n');
  for (const options of TALLIES) {
    const s = await computeStats(path, { ...options, maxIssues: 1000 });
    assert.equal(s.overall.records, 30, JSON.stringify(options));
    assert.equal(s.malformed, 120);
    assert.deepEqual(s.issues.slice(0, 3).map((i) => i.line), [1, 2, 3]);
    assert.match(s.issues[0]?.message ?? '', /expected a JSON object, found an array/);
  }
  // Each line an array holding a record: every line is malformed, never one record and the rest ignored.
  const wrapped = tempFile('wrapped.jsonl', rows.map((l) => `[${l}]`).join('\n') + '\n');
  await assert.rejects(computeStats(wrapped), /no JSON object could be read from the first 30 lines/);
  // A JSON array file, one line or pretty-printed, is still one array.
  for (const text of [`[${rows.join(',')}]\n`, `[\n${rows.join(',\n')}\n]\n`, `[${rows[0]}]`]) {
    const s = await computeStats(tempFile('array.json', text));
    assert.equal(s.container, 'json-array');
    assert.equal(s.malformed, 0);
  }
  const r = cli(['stats', path]);
  assert.match(r.stderr, /arrays\.jsonl:1:1: error: \(record\): expected a JSON object, found an array; record skipped \(120 records/);
  assert.doesNotMatch(r.stderr, /no JSON object could be read/);
});

test('records all over --max-record-bytes: the message names the cap and how to raise it', async () => {
  const rows = lines(20);
  const helpsteer = Array.from({ length: 20 }, (_, i) => JSON.stringify({ context: [{ role: 'user', content: `q${i}` }], response1: 'a'.repeat(200), response2: 'b', overall_preference: -1 }));
  const files = [tempFile('big.jsonl', rows.join('\n') + '\n'), tempFile('big.json', `[\n${rows.join(',\n')}\n]\n`), tempFile('hs.jsonl', helpsteer.join('\n') + '\n')];
  for (const path of files) {
    await assert.rejects(computeStats(path, { maxEntryBytes: 100 }), /longer than the record size cap \(100 bytes\).*--max-record-bytes.*rationaleLens\.maxRecordBytes/);
    const r = cli(['stats', path, '--max-record-bytes', '100']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /20 entries are longer than the record size cap \(100 bytes\); raise the cap with --max-record-bytes/);
    // Under a cap they fit, the same file reads.
    assert.equal((await computeStats(path, { maxEntryBytes: 100_000 })).overall.records, 20);
  }
});

const JOURNAL_LINE = (key: string, recordIndex: number) =>
  JSON.stringify({ key, recordId: `r${recordIndex}`, recordIndex, kind: 'fidelity', model: 'm', verdict: 'Correct', raw: 'x', reasoning: null, analysis: null, error: null, cached: false, attempts: 1, finishedAt: 'now' });

/** The four side files, each: how to write its own lines, open it for appending, and read it back. */
const SIDE_FILES = [
  {
    name: 'journal',
    line: (i: number) => JOURNAL_LINE(`k${i}`, i),
    append: async (path: string) => {
      const j = await Journal.open(path);
      const found = [j.size, (await j.get('k2'))?.recordIndex, j.report.corruptLines];
      await j.append({ ...(JSON.parse(JOURNAL_LINE('k9', 9)) as Parameters<Journal['append']>[0]) });
      await j.close();
      return found;
    },
    read: async (path: string) => (await readJournal(path)).entries.map((e) => e.recordIndex),
  },
  {
    name: 'cache',
    line: (i: number) => JSON.stringify({ key: `k${i}`, value: { content: `answer ${i}` } }),
    append: async (path: string) => {
      const c = await FileCacheStore.open(path);
      const found = [c.size, (await c.get('k2'))?.content, c.report.corruptLines];
      await c.set('k9', { content: 'answer 9', reasoning: '', finishReason: null, model: 'm', createdAt: 'now' });
      await c.close();
      return found;
    },
    read: async (path: string) => {
      const c = await FileCacheStore.open(path);
      const keys = [...Array(10).keys()].filter((i) => c.has(`k${i}`));
      await c.close();
      return keys;
    },
  },
  {
    name: 'marks',
    line: (i: number) => JSON.stringify({ recordIndex: i, recordId: `r${i}`, verdict: 'Correct', at: 'now' }),
    append: async (path: string) => {
      const before = await readMarksReport(path);
      await appendMark(path, { recordIndex: 9, recordId: 'r9', verdict: 'Incorrect', at: 'now' });
      return [before.marks.size, before.marks.get(2)?.recordId, before.badLines];
    },
    read: async (path: string) => [...(await readMarksReport(path)).marks.keys()],
  },
  {
    name: 'alignments',
    line: (i: number) => JSON.stringify({ kind: 'alignment', recordIndex: i, recordId: `r${i}`, judgment: 0, against: 'gold', model: 'm', textSha: 'sha', at: 'now', answer: 'checklist' }),
    append: async (path: string) => {
      const dataset = path.slice(0, -'.rlens-alignments.jsonl'.length);
      const before = await readAlignments(dataset);
      const j = await AlignmentJournal.open(dataset);
      await j.append({ recordIndex: 9, recordId: 'r9', judgment: 0, against: 'gold', model: 'm', textSha: 'sha', method: 'llm', answer: 'checklist' });
      await j.close();
      return [before.entries.size, before.entries.get('2:0')?.recordId, before.corruptLines];
    },
    read: async (path: string) => [...(await readAlignments(path.slice(0, -'.rlens-alignments.jsonl'.length))).entries.values()].map((e) => e.recordIndex),
  },
] as const;

function sidePath(name: string): string {
  const dataset = join(mkdtempSync(join(tmpdir(), 'rlens-damaged-')), 'data.jsonl');
  return name === 'journal' ? journalPathFor(dataset) : name === 'marks' ? marksPathFor(dataset) : name === 'alignments' ? alignmentsPathFor(dataset) : `${dataset}.cache.jsonl`;
}

test('a side file re-saved with a byte-order mark is still ours: read, indexed at the right bytes, appended to', async () => {
  for (const kind of SIDE_FILES) {
    const path = sidePath(kind.name);
    const text = [0, 1, 2].map((i) => kind.line(i)).join('\n') + '\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const [size, second, bad] = await kind.append(path);
    assert.equal(size, 3, kind.name);
    assert.ok(second === 'r2' || second === 2 || second === 'answer 2', `${kind.name}: ${String(second)}`);
    assert.deepEqual(bad, [], kind.name);
    assert.deepEqual([...(await kind.read(path))].sort(), [0, 1, 2, 9], kind.name);
  }
});

test('a damaged first line of our own side file is reported and skipped; no finished entry is lost; a foreign file is still refused', async () => {
  const damages: [string, string | Buffer][] = [
    ['NULs', '\u0000'.repeat(300)],
    ['cut', '{"key":"k0","recordId":"r0","recordI'],
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x22])],
  ];
  for (const kind of SIDE_FILES) {
    for (const [what, damage] of damages) {
      const path = sidePath(kind.name);
      const rest = [1, 2, 3].map((i) => kind.line(i)).join('\n') + '\n';
      const original = Buffer.concat([Buffer.from(damage), Buffer.from('\n' + rest)]);
      writeFileSync(path, original);
      const [size, , bad] = await kind.append(path);
      assert.equal(size, 3, `${kind.name} / ${what}`);
      assert.deepEqual(bad, [1], `${kind.name} / ${what}: the damaged line is reported`);
      const after = readFileSync(path);
      assert.ok(after.subarray(0, original.length).equals(original), `${kind.name} / ${what}: nothing before the append is rewritten`);
      assert.deepEqual([...(await kind.read(path))].sort(), [1, 2, 3, 9], `${kind.name} / ${what}`);
    }
    // Not ours: a damaged first line and a JSON line of another shape, or JSON of another shape first.
    for (const text of [`\u0000\u0000\n${kind.line(1)}\n{"user":"someone","note":"not ours"}\n`, `{"id":1,"text":"another tool's JSONL"}\n${kind.line(1)}\n`, 'notes\nmore notes\n']) {
      const path = sidePath(kind.name);
      writeFileSync(path, text);
      await assert.rejects(kind.append(path), /is not a Rationale Lens/, `${kind.name}: ${JSON.stringify(text)}`);
      assert.equal(readFileSync(path, 'utf8'), text, 'a foreign file is never written');
    }
  }
});

test('judge on a dataset whose journal has a damaged first line: reported with file and line, finished records skipped, the run goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-damaged-'));
  const file = join(dir, 'data.jsonl');
  writeFileSync(file, lines(6).join('\n') + '\n');
  const server = await FakeOpenAIServer.start({ handler: () => ({ kind: 'reply', content: judgeAnswer('Correct') }) });
  const run = (): Promise<{ code: number | null; stderr: string }> => {
    const child = spawn(process.execPath, [cliPath, 'judge', file, '--base-url', server.baseUrl, '--model', 'm', '--no-cache', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  };
  try {
    const first = await run();
    assert.equal(first.code, 0, first.stderr);
    const judged = server.chatRequests.length;
    assert.ok(judged > 0);
    // A crash leaves the first line as NULs of the same length; an editor adds a BOM in front.
    const journal = journalPathFor(file);
    const [line1, ...others] = readFileSync(journal, 'utf8').split('\n');
    writeFileSync(journal, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(['\u0000'.repeat(Buffer.byteLength(line1 as string)), ...others].join('\n'))]));
    const second = await run();
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`journal: 1 unreadable line in ${journal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} skipped and left in place \\(line 1\\)`));
    assert.equal(server.chatRequests.length, judged + 1, 'only the record whose line was lost is judged again');
  } finally {
    await server.close();
  }
});
