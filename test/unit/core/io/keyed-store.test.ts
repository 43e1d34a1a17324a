/** The one keyed JSONL store behind the journal, the cache, the model alignments and the marks. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { AlignmentJournal, alignmentsPathFor } from '../../../../src/core/align/models/alignmentJournal';
import { KeyedJsonlStore, readSideFile } from '../../../../src/core/io/keyedStore';
import type { KeyedSpec } from '../../../../src/core/io/keyedStore';
import { SideFileError } from '../../../../src/core/io/sideFiles';
import { FileCacheStore } from '../../../../src/core/llm/cache';
import { Journal } from '../../../../src/core/llm/journal';
import { appendMark } from '../../../../src/core/verdicts/marks';
import { tempFile } from '../../paths';

interface Note {
  readonly id: string;
  readonly ok: boolean;
  readonly text: string;
}
const NOTES: KeyedSpec<Note> = {
  what: 'notes file',
  parse: (v) => (typeof v === 'object' && v !== null && typeof (v as Note).id === 'string' && typeof (v as Note).ok === 'boolean' && typeof (v as Note).text === 'string' ? (v as Note) : undefined),
  key: (n) => n.id,
  rank: (n) => (n.ok ? 1 : 0),
  looksLikeEntry: (t) => t.startsWith('{"id":'),
  ours: (t) => t.startsWith('{"id":'),
};

test('a keyed store indexes keys to byte ranges, reads entries back, lets a lower rank never hide a higher one, and scrubs what it writes', async () => {
  const path = tempFile('notes.jsonl', '');
  const store = await KeyedJsonlStore.open(path, NOTES, { sync: true, scrub: (t) => t.replaceAll('sk-secret-123', '***') });
  await store.append({ id: 'a', ok: true, text: 'first' });
  await store.append({ id: 'a', ok: false, text: 'a later failure' });
  await store.append({ id: 'b', ok: false, text: 'key sk-secret-123' });
  await store.append({ id: 'b', ok: false, text: 'second failure' });
  assert.deepEqual(await store.get('a'), { id: 'a', ok: true, text: 'first' }, 'a failure never hides a success');
  assert.deepEqual(await store.get('b'), { id: 'b', ok: false, text: 'second failure' }, 'equal ranks: the later line wins');
  assert.equal(store.rankOf('a'), 1);
  assert.equal(await store.get('c'), undefined);
  await store.close();
  assert.ok(!readFileSync(path, 'utf8').includes('sk-secret-123'));
  const seen: string[] = [];
  const scan = await readSideFile(path, NOTES, (n) => seen.push(n.text));
  assert.deepEqual(seen, ['first', 'a later failure', 'key ***', 'second failure']);
  assert.equal(scan.good, 4);
});

test('a torn last line is cut when the store opens, and appends go on after the good prefix', async () => {
  const path = tempFile('torn.jsonl', '{"id":"a","ok":true,"text":"kept"}\n{"id":"b","ok":tr');
  const store = await KeyedJsonlStore.open(path, NOTES, { sync: true });
  assert.deepEqual(store.scan.torn, { line: 2, bytes: Buffer.byteLength('{"id":"b","ok":tr') });
  await store.append({ id: 'c', ok: true, text: 'after' });
  await store.close();
  assert.equal(readFileSync(path, 'utf8'), '{"id":"a","ok":true,"text":"kept"}\n{"id":"c","ok":true,"text":"after"}\n');
});

test('each of the four side files refuses someone else\'s file with one error, kind "foreign", naming the file and what it is not', async () => {
  const foreign = '{"name":"another tool","version":3}\n';
  const cases: [string, (path: string) => Promise<unknown>, RegExp][] = [
    ['journal', (p) => Journal.open(p), /is not a Rationale Lens journal \(.*\): nothing was written to it; move it aside to start a new journal/],
    ['cache', (p) => FileCacheStore.open(p), /is not a Rationale Lens cache \(.*\): nothing was written to it; move it aside$/],
    ['alignments', (p) => AlignmentJournal.open(p.replace(/\.rlens-alignments\.jsonl$/, '')), /is not a Rationale Lens alignment journal \(.*\): nothing was written to it; move it aside$/],
    ['marks', (p) => appendMark(p, { recordIndex: 0, recordId: 'r', verdict: 'Correct', at: 'now' }), /is not a Rationale Lens marks file \(.*\): nothing was written to it; move it aside$/],
  ];
  for (const [name, open, message] of cases) {
    const path = name === 'alignments' ? alignmentsPathFor(tempFile('data.jsonl', '')) : tempFile(`${name}.jsonl`, '');
    writeFileSync(path, foreign);
    await assert.rejects(open(path), (err: unknown) => {
      assert.ok(err instanceof SideFileError, `${name}: ${String(err)}`);
      assert.equal(err.kind, 'foreign', name);
      assert.ok(err.message.startsWith(path), err.message);
      assert.match(err.message, message);
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), foreign, `${name}: nothing was written`);
  }
});
