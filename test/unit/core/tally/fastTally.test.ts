/** The fast R-Align tally (byte scanner, worker threads) must agree exactly with the full parser. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeStats } from '../../../../src/core/tally/fileTally';
import type { FileStats } from '../../../../src/core/tally/fileTally';
import { MemberNames, decodeStringTail, objectMemberSlots, scanObjectMembers } from '../../../../src/core/io/jsonScan';
import { fuzzLines } from '../nearMisses';
import { tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';

function comparable(s: FileStats) {
  return { overall: s.overall, groups: s.groups, malformed: s.malformed, warnings: s.warnings, issues: s.issues };
}

test('fast and full tallies agree on an adversarial file, in one thread and in four workers', async () => {
  const rand = seeded(7);
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const rec = syntheticRAlignRecord(i, rand, 80 + Math.floor(rand() * 200));
    // Rationales whose verdict the parser reads differently from model_pred, and traps in the tail.
    if (i % 7 === 0) rec.model_judgment = `${'x'.repeat(900)} quoting [[A]] then concluding \\boxed{B}`;
    if (i % 11 === 0) rec.model_judgment = `short \\u00e9 "quoted" \\boxed{A}`;
    if (i % 13 === 0) rec.model_judgment = `${'é'.repeat(700)}\n\nFinal verdict: [[B>>A]]`;
    lines.push(JSON.stringify(rec, null, i % 17 === 0 ? 0 : undefined));
    if (i % 50 === 0) lines.push('{"gt_label": "A", "model_pred": "A", "response_A": "trunc');
    if (i % 61 === 0) lines.push('[1, 2, 3]');
    if (i % 67 === 0) lines.push(JSON.stringify({ gt_label: 'B', model_pred: 'B', response_A: 1, response_B: 'y', conversations: 'not a list' }));
    if (i % 71 === 0) lines.push('{"gt_label": "A", "gt_label": "B", "model_pred": "B", "response_A": "x", "response_B": "y"}');
    if (i % 73 === 0) lines.push('');
    // A wanted key spelled with an escape, and unknown keys repeated or non-ASCII: JSON.parse semantics.
    if (i % 79 === 0) lines.push('{"gt_label": "B", "model_pred": "B", "response_A": "x", "response_B": "y", "metarm\\u005fverdict": "Incorrect"}');
    if (i % 83 === 0) lines.push('{"gt_label": "A", "model_pred": "A", "note": 1, "note": 2, "clé": "v", "response_A": "x", "response_B": "y", "metarm_verdict": "Correct"}');
  }
  const invalidUtf8 = Buffer.concat([Buffer.from('{"gt_label": "A", "model_pred": "A", "response_A": "'), Buffer.from([0xff, 0xfe]), Buffer.from('", "response_B": "b"}\n')]);
  const path = tempFile('adv.jsonl', Buffer.concat([Buffer.from(lines.join('\r\n') + '\n'), invalidUtf8, Buffer.from(lines.slice(0, 40).join('\n'))]));
  const full = await computeStats(path, { strict: true, maxIssues: 10_000 });
  const fast = await computeStats(path, { workers: 1, maxIssues: 10_000 });
  const parallel = await computeStats(path, { workers: 4, maxIssues: 10_000 });
  assert.ok(full.malformed > 10 && full.warnings > 10, 'the file exercises both issue kinds');
  assert.ok(full.overall.parserDisagreements > 20, 'and parser disagreements');
  assert.deepEqual(comparable(fast), comparable(full));
  assert.deepEqual(comparable(parallel), comparable(full));
  // Without the verdict cross-check every figure is the same; only the disagreement count is not taken.
  const unchecked = await computeStats(path, { workers: 2, maxIssues: 10_000, verdictCheck: false });
  assert.equal(unchecked.verdictCheck, false);
  const withoutCheck = (s: FileStats) => {
    const c = comparable(s);
    return { ...c, overall: { ...c.overall, parserDisagreements: 0 }, groups: c.groups.map((g) => ({ ...g, parserDisagreements: 0 })) };
  };
  assert.deepEqual(withoutCheck(unchecked), withoutCheck(full));
});

test('member scanner: ranges of top-level values, null on broken structure', () => {
  const text = '{"a": "x\\"}", "b" : {"c": [1, "]"]}, "d": null, "e": -1.5e3}';
  const buf = Buffer.from(text);
  const m = scanObjectMembers(buf, 0, buf.length);
  assert.ok(m);
  const slice = (k: string) => {
    const r = m.get(k);
    return r ? text.slice(r[0], r[1]) : undefined;
  };
  assert.equal(slice('a'), '"x\\"}"');
  assert.equal(slice('b'), '{"c": [1, "]"]}');
  assert.equal(slice('d'), 'null');
  assert.equal(slice('e'), '-1.5e3');
  for (const bad of ['{"a": "x}', '{"a" 1}', '{"a": 1,}x', '[1]', '{"a": 1} trailing', '{"a": {"b": 1}']) {
    assert.equal(scanObjectMembers(Buffer.from(bad), 0, Buffer.byteLength(bad)), null, bad);
  }
});

test('member slots without a Map: the same ranges and the same refusals as the member scanner', () => {
  const names = new MemberNames(['content', 'subset', 'gt_label', 'id']);
  const slots = new Int32Array(2 * names.names.length);
  const texts = [
    ...fuzzLines(12, 800),
    '{"content": "a", "content": "b"}',
    '{"c\\u006fntent": "a"}',
    '{"role": "user", "content": ["x", {"y": "]"}]}',
    '{ "content" : null }',
    '{}',
    ' { } ',
    '{"content": "a"} x',
    '{"content" "a"}',
    '[{"content": "a"}]',
  ];
  for (const text of texts) {
    const buf = Buffer.from(text);
    for (const [start, end] of [[0, buf.length], [0, buf.length >> 1], [buf.length >> 2, buf.length]] as const) {
      const map = scanObjectMembers(buf, start, end, names);
      const ok = objectMemberSlots(buf, start, end, names, slots);
      assert.equal(ok, map !== null, text);
      if (!map) continue;
      names.names.forEach((name, k) => assert.deepEqual([slots[2 * k], slots[2 * k + 1]], map.get(name) ?? [-1, -1], `${name} in ${text}`));
    }
  }
});

test('string tail decoding never starts inside an escape or a multi-byte character', () => {
  const value = 'é'.repeat(50) + '\\"' + '\u4e2d'.repeat(20) + '\n\\boxed{A}';
  const json = JSON.stringify({ s: value });
  const buf = Buffer.from(json);
  const m = scanObjectMembers(buf, 0, buf.length);
  const range = m?.get('s');
  assert.ok(range);
  for (let tail = 1; tail < 200; tail++) {
    const { text } = decodeStringTail(buf, range, tail);
    assert.ok(value.endsWith(text), `tail ${tail}: ${JSON.stringify(text)}`);
  }
});

test('the subset in `source` and the short strings read from the bytes are what JSON.parse gives', async () => {
  const base = { response_A: 'x', response_B: 'y', model_judgment: '\\boxed{A}', model_pred: 'A' };
  const lines = [
    '{"source": {"subset": "math"}, "gt_label": "A"}',
    '{"source": {"sub\\u0073et": "escaped-key"}, "gt_label": "A"}',
    '{"source": {"subset": "first", "subset": "last"}, "gt_label": "B"}',
    '{"source": {"subset": 3}, "subset": "top-level", "gt_label": "A"}',
    '{"source": {"other": {"subset": "nested"}}, "subset": "top", "gt_label": "A"}',
    '{"source": {}, "gt_label": " A "}',
    '{"source": {"subset": "café"}, "gt_label": "A"}',
    '{"source": {"subset": "cafe\\u0301"}, "gt_label": "B"}',
    '{"source": {"subset": "a-subset-name-longer-than-thirty-two-bytes"}, "gt_label": "A"}',
    // The same bytes again and again (the decoded short strings are reused), and near ones.
    ...Array.from({ length: 40 }, (_, i) => `{"source": {"subset": "${['math', 'maths', 'htam', 'MATH'][i % 4]}"}, "gt_label": "${'AB'[i % 2]}", "metarm_verdict": "${['Correct', 'Incorrect'][i % 2]}"}`),
  ].map((l) => l.replace(/}$/, `, ${JSON.stringify(base).slice(1)}`));
  const path = tempFile('sources.jsonl', lines.join('\n') + '\n');
  const full = await computeStats(path, { strict: true });
  const fast = await computeStats(path, { workers: 1 });
  assert.equal(full.overall.records, lines.length);
  assert.deepEqual(comparable(fast), comparable(full));
  assert.deepEqual(fast.groups.map((g) => g.key).sort(), ['(none)', 'a-subset-name-longer-than-thirty-two-bytes', 'café', 'cafe\u0301', 'escaped-key', 'htam', 'last', 'math', 'MATH', 'maths', 'top', 'top-level'].sort());
});
