/**
 * strictMemberSlots (the fast tally's member read: fixed slots, no Map; in WebAssembly the module matches the names) against strictMembersJs (the
 * reference, a Map): the same members, the same fallbacks, the same invalid texts, by the WebAssembly
 * scanner, by the JS scanner, and when the module's member table overflows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemberNames } from '../../../../src/core/io/jsonScan';
import { SLOTS_FALLBACK, SLOTS_INVALID, SLOTS_READ, strictMemberSlots, strictMembersJs, wasmScanner } from '../../../../src/core/io/strictJson';
import { fuzzLines } from '../nearMisses';

const NAMES = new MemberNames(['id', 'subset', 'gt_label', 'model_pred', 'model_judgment', 'response_A', 'k', 'z', 'a', 'é']);

/** The slots as the reference's answer: a Map of the present members, null or undefined. */
function slotsAsMembers(buf: Buffer, start: number, end: number): Map<string, [number, number]> | null | undefined {
  const slots = new Int32Array(2 * NAMES.names.length).fill(7); // refilled by the call
  const r = strictMemberSlots(buf, start, end, NAMES, slots);
  if (r === SLOTS_INVALID) return undefined;
  if (r === SLOTS_FALLBACK) return null;
  assert.equal(r, SLOTS_READ);
  const members = new Map<string, [number, number]>();
  NAMES.names.forEach((name, k) => {
    const s = slots[2 * k] as number;
    if (s === -1) assert.equal(slots[2 * k + 1], -1, `absent ${name}: both ends -1`);
    else members.set(name, [s, slots[2 * k + 1] as number]);
  });
  return members;
}

function agree(text: string, pad = 0): void {
  const buf = Buffer.concat([Buffer.alloc(pad, 0x20), Buffer.from(text), Buffer.from('\n')]);
  const start = pad;
  const end = buf.length - 1;
  assert.deepEqual(slotsAsMembers(buf, start, end), strictMembersJs(buf, start, end, NAMES), JSON.stringify(text.slice(0, 200)));
}

const CASES = [
  '{"id":"a","subset":"s","k":1,"other":[1,{"id":2}]}',
  '{"id":"a","id":"b"}', // a wanted name twice: the full parser decides
  '{"i\\u0064":"a"}', // a key with an escape
  '{"x\\n":1,"k":2}', // an escape in a key nobody wants: still the full parser
  '[1,2]',
  '"text"',
  '{}',
  '{"é":1,"a":[],"z":{}}',
  '{"k":1,', // invalid
  '{"k":01}',
  `{${Array.from({ length: 5000 }, (_, i) => `"m${i}":${i}`).join(',')},"k":"last"}`, // more members than the module's table
];

test('member slots: the same members and decisions as the reference Map, on crafted texts', () => {
  for (const text of CASES) for (const pad of [0, 3]) agree(text, pad);
});

test('member slots: the same members and decisions as the reference Map, on near-miss R-Align lines', () => {
  const lines = fuzzLines(91, 1200);
  for (const [i, line] of lines.entries()) agree(line, i % 5);
});

test('member slots go through WebAssembly unless RLENS_JSON_SCANNER=js', () => {
  if (process.env.RLENS_JSON_SCANNER !== 'js') assert.ok(wasmScanner(), 'dist/jsonScan.wasm is built (npm run build) and loads');
});

test('member slots: two sets of names in turn on the same scanner, and more names than the module holds', () => {
  const other = new MemberNames(['subset', 'x', 'id']);
  const many = new MemberNames(Array.from({ length: 70 }, (_, i) => `m${i}`).concat(['k']));
  const text = Buffer.from('{"id":"a","x":[1],"subset":"s","k":2,"m3":3}');
  for (const names of [NAMES, other, many, NAMES, other]) {
    const slots = new Int32Array(2 * names.names.length);
    assert.equal(strictMemberSlots(text, 0, text.length, names, slots), SLOTS_READ);
    const reference = strictMembersJs(text, 0, text.length, names);
    names.names.forEach((name, k) => assert.deepEqual([slots[2 * k], slots[2 * k + 1]], reference?.get(name) ?? [-1, -1], `${name} of ${names.names.length} names`));
  }
});
