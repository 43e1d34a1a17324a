/** Bad input gets a located message, correct counts for the good records, and never a crash. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import { readJsonlEntries } from '../../../../src/core/io/entryReader';
import { readJsonArrayEntries } from '../../../../src/core/io/jsonArrayReader';
import type { EvalRecord, ReadIssue } from '../../../../src/core/record/record';
import { tempFile } from '../../paths';

const good = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: `r${i}`, conversations: [{ role: 'user', content: `q${i} [ ] { } " \\` }], response_A: 'a', response_B: 'b', gt_label: 'A', model_pred: 'A', metarm_verdict: i % 2 ? 'Correct' : 'Incorrect', ...extra });

async function readAll(path: string, options = {}): Promise<{ records: EvalRecord[]; issues: ReadIssue[] }> {
  const ds = await openDataset(path, options);
  const records: EvalRecord[] = [];
  const issues: ReadIssue[] = [];
  for await (const e of readDataset(ds, options)) {
    if (e.kind === 'record') records.push(e.record);
    else issues.push(e.issue);
  }
  return { records, issues };
}

test('truncated line: reported at its line with a plain message, the rest still read', async () => {
  const path = tempFile('t.jsonl', [good(1), good(2).slice(0, 40), good(3)].join('\n'));
  const stats = await computeStats(path);
  assert.equal(stats.overall.records, 2);
  assert.equal(stats.malformed, 1);
  const issue = stats.issues.find((i) => i.severity === 'error');
  assert.equal(issue?.line, 2);
  assert.match(issue?.message ?? '', /invalid JSON.*truncated/);
  assert.equal(issue?.column, 41);
});

test('a JSON syntax error names the column', async () => {
  const path = tempFile('s.jsonl', [good(1), '{"gt_label": "A",, "x": 1}'].join('\n'));
  const { issues } = await readAll(path);
  assert.equal(issues[0]?.line, 2);
  assert.equal(issues[0]?.column, 18);
  assert.match(issues[0]?.message ?? '', /^invalid JSON/);
});

test('invalid UTF-8 bytes: the line is reported and skipped, never decoded into replacement characters', async () => {
  const bad = Buffer.concat([Buffer.from('{"gt_label": "A", "response_A": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('", "response_B": "b"}')]);
  const path = tempFile('u.jsonl', Buffer.concat([Buffer.from(good(1) + '\n'), bad, Buffer.from('\n' + good(3) + '\n')]));
  const stats = await computeStats(path);
  assert.equal(stats.overall.records, 2);
  assert.equal(stats.malformed, 1);
  assert.equal(stats.issues[0]?.line, 2);
  assert.equal(stats.issues[0]?.column, 37);
  assert.match(stats.issues[0]?.message ?? '', /UTF-8/);
});

test('a legitimate U+FFFD character in the text is not mistaken for bad bytes', async () => {
  const path = tempFile('r.jsonl', good(1, { gt_judgment: 'odd \uFFFD char' }));
  const { records, issues } = await readAll(path);
  assert.equal(records.length, 1);
  assert.deepEqual(issues, []);
});

test('CRLF line endings and a UTF-8 BOM', async () => {
  const path = tempFile('c.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([good(1), good(2), good(3)].join('\r\n') + '\r\n')]));
  const { records, issues } = await readAll(path);
  assert.deepEqual(issues, []);
  assert.equal(records.length, 3);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 3]);
});

test('an empty file and a whitespace-only file have no records and no crash', async () => {
  for (const content of ['', '\n\n  \n']) {
    const stats = await computeStats(tempFile('e.jsonl', content));
    assert.equal(stats.overall.records, 0);
    assert.equal(stats.overall.labelAccuracy, null);
    assert.equal(stats.overall.sCorr, null);
    assert.equal(stats.overall.fScore, null);
  }
});

test('a JSON array file of R-Align records is read element by element', async () => {
  const path = tempFile('a.json', `[\n  ${good(1)},\n  ${good(2)} ,${good(3)}\n]\n`);
  const { records, issues } = await readAll(path);
  assert.deepEqual(issues, []);
  assert.equal(records.length, 3);
  assert.deepEqual(records.map((r) => r.line), [2, 3, 3]);
});

test('array scanner: strings holding brackets, escapes and chunk boundaries everywhere', async () => {
  const values = [{ s: 'a]b[c{d}e"f\\' }, { s: '\\"]', n: [1, [2, { x: '}' }]] }, 'scalar', 42, null, { e: '' }];
  const path = tempFile('b.json', JSON.stringify(values, null, 1));
  for (const chunkBytes of [1, 2, 3, 7, 64, 1 << 20]) {
    const texts: string[] = [];
    for await (const e of readJsonArrayEntries(path, { chunkBytes })) {
      assert.equal(e.kind, 'entry');
      if (e.kind === 'entry') texts.push(e.entry.text);
    }
    assert.deepEqual(texts.map((t) => JSON.parse(t) as unknown), values, `chunk ${chunkBytes}`);
  }
});

test('a truncated JSON array reports where it stops and keeps the complete elements', async () => {
  const path = tempFile('tr.json', `[${good(1)},\n${good(2)},\n${good(3).slice(0, 30)}`);
  const { records, issues } = await readAll(path);
  assert.equal(records.length, 2);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.line, 3);
  assert.match(issues[0]?.message ?? '', /truncated/);
});

test('JSONL reader: byte ranges re-slice the file exactly, across chunk boundaries', async () => {
  const lines = [good(1), good(2, { t: 'é😀' }), '', good(3)];
  const content = Buffer.from(lines.join('\n'));
  const path = tempFile('o.jsonl', content);
  for (const chunkBytes of [5, 17, 1 << 20]) {
    const seen: string[] = [];
    for await (const e of readJsonlEntries(path, { chunkBytes })) {
      if (e.kind !== 'entry') continue;
      assert.equal(content.subarray(e.entry.byteStart, e.entry.byteEnd).toString('utf8'), e.entry.text);
      seen.push(`${e.entry.line}`);
    }
    assert.deepEqual(seen, ['1', '2', '4']);
  }
});

test('a 50 MB single line is read as one record, and one over the limit is skipped with a message', async () => {
  const huge = good(1, { response_A: 'x'.repeat(50 * 1024 * 1024) });
  const path = tempFile('h.jsonl', `${good(0)}\n${huge}\n${good(2)}\n`);
  const read = await computeStats(path);
  assert.equal(read.overall.records, 3);
  assert.equal(read.malformed, 0);
  const limited = await computeStats(path, { maxEntryBytes: 10 * 1024 * 1024 });
  assert.equal(limited.overall.records, 2);
  assert.equal(limited.malformed, 1);
  assert.equal(limited.issues[0]?.line, 2);
  assert.match(limited.issues[0]?.message ?? '', /longer than 10 MB; skipped/);
});

test('records that are not objects, or miss a needed field, are reported with the field and skipped', async () => {
  const path = tempFile('f.jsonl', [good(1), '[1, 2]', JSON.stringify({ response1: 'a', overall_preference: 1 }), good(2)].join('\n'));
  const stats = await computeStats(path, { format: 'r-align' });
  assert.equal(stats.overall.records, 3);
  assert.equal(stats.malformed, 1);
  assert.match(stats.issues.find((i) => i.line === 2)?.message ?? '', /expected a JSON object, found an array/);
  const helpsteer = await computeStats(tempFile('h.jsonl', JSON.stringify({ response1: 'a', overall_preference: 1 })), { format: 'helpsteer3' });
  assert.equal(helpsteer.malformed, 1);
  assert.equal(helpsteer.issues[0]?.field, 'response2');
  assert.match(helpsteer.issues[0]?.message ?? '', /missing field "response2"; record skipped/);
});

test('unknown formats and unreadable files fail with one clear line', async () => {
  await assert.rejects(computeStats(tempFile('x.jsonl', '{"foo": 1}\n{"bar": 2}')), /cannot recognize the format.*fields seen: foo, bar.*--format/);
  await assert.rejects(computeStats('/nonexistent/file.jsonl'), /cannot read \/nonexistent\/file.jsonl: no such file/);
  await assert.rejects(computeStats(tempFile('y.jsonl', good(1)), { format: 'nope' }), /unknown format "nope"; known formats: judgebench, llmbar, .*r-align/);
});

test('an ordinary pretty-printed JSON object (package.json) is not taken for an empty dataset', async () => {
  const path = tempFile('package.json', JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'node --test' } }, null, 2));
  // One object over several lines is read as column-oriented lists when it holds some; this one holds none.
  await assert.rejects(computeStats(path), /package\.json is one JSON object with no list members: not rows \(JSONL\), a JSON array, or column-oriented lists; check that this is the evaluation file/);
});
