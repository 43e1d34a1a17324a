/** The schema layer: one declaration per shape, its type derived; optional fields and side-file lines from other versions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Infer } from '../../../../src/core/schema/schema';
import { arr, check, int, lit, nullable, obj, optional, str, tagged } from '../../../../src/core/schema/schema';

test('obj: exact fields, optional ones may be absent, the path of the first failure is named', () => {
  const shape = obj({ id: str(), n: int(0, 9), tags: arr(str(5)), note: optional(nullable(str())) });
  type Shape = Infer<typeof shape>;
  const ok: Shape = { id: 'a', n: 3, tags: ['x'] };
  assert.equal(shape(ok, 'v'), null);
  assert.equal(shape({ ...ok, note: null }, 'v'), null);
  assert.equal(shape({ ...ok, note: 4 }, 'v'), 'v.note: expected a string, got number');
  assert.equal(shape({ ...ok, tags: ['toolong'] }, 'v'), 'v.tags[0]: longer than 5 characters');
  assert.equal(shape({ ...ok, extra: 1 }, 'v'), 'v: unexpected field "extra" (did you mean "note"? valid: id, n, tags, note)');
  assert.match(shape({ ...ok, nte: 'x' }, 'v') ?? '', /did you mean "note"/, 'a typo gets the closest field');
  assert.equal(shape({ id: 'a', tags: [] }, 'v'), 'v.n: expected an integer in [0, 9], got undefined');
  // An inherited property is not a field.
  assert.equal(obj({ toString: optional(str()) })(Object.create({ toString: 5 }) as unknown, 'v'), null);
});

test('side-file lines may carry fields another version added; the known ones must still be right', () => {
  const line = obj({ key: str(), at: optional(str()) }, { extra: 'allow' });
  assert.equal(line({ key: 'k', future: [1, 2] }, 'l'), null);
  assert.equal(line({ key: 7 }, 'l'), 'l.key: expected a string, got number');
});

test('tagged unions pick the variant by type; check never throws', () => {
  const msg = tagged({ a: obj({ type: lit('a'), x: int() }), b: obj({ type: lit('b') }) });
  assert.deepEqual(check(msg, { type: 'a', x: 1 }), { ok: true, message: { type: 'a', x: 1 } });
  assert.deepEqual(check(msg, { type: 'c' }), { ok: false, error: 'message.type: unknown type "c"' });
  const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
  const out = check(obj({ a: optional(str()) }), hostile);
  assert.equal(out.ok, false);
});
