/**
 * "Do any ids repeat?" must not be answered yes for a large file whose ids are all distinct: each
 * false yes cost `stats` (and the Inspector) a whole second pass over the file. With 32-bit hashes
 * the 278,204 ids of the bench's 1 GB file collided (13 s instead of 5 for `stats`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RepeatWatch, idHash } from '../../../../src/core/samples/fileSamples';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i % 4}-syn-${Math.floor(i / 4)}`);

test('300,000 distinct ids: no repeat is suspected; one repeated id is', () => {
  const watch = new RepeatWatch(() => null);
  const all = ids(300_000);
  watch.addHashes(all.map(idHash));
  assert.equal(watch.mayHaveSets(), false);
  watch.addHashes([idHash(all[123_456] as string)]);
  assert.equal(watch.mayHaveSets(), true);
});

test('the hash is an exact integer below 2^53, and the old 32-bit one collided on these ids', () => {
  for (const id of ['', 'a', 'syn-0', '😀'.repeat(40), 'x'.repeat(10_000)]) {
    const h = idHash(id);
    assert.ok(Number.isSafeInteger(h) && h >= 0, id.slice(0, 12));
  }
  const fnv32 = (id: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const seen = new Set<number>();
  let collisions = 0;
  for (const id of ids(300_000)) {
    const h = fnv32(id);
    if (seen.has(h)) collisions++;
    seen.add(h);
  }
  assert.ok(collisions > 0, 'the 32-bit hash would have suspected a repeat');
});
