/** Test data shared by the session's index tests (compactFast, indexRanges). */
import { seeded, syntheticRAlignRecord } from '../synthetic';

/** An R-Align file with every kind of line the fast path must hand to the full adapter. */
export function adversarialRAlign(seed = 7, count = 600): Buffer {
  const rand = seeded(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const rec: Record<string, unknown> = syntheticRAlignRecord(i, rand, 80 + Math.floor(rand() * 200));
    if (i % 7 === 0) rec.model_judgment = `${'x'.repeat(900)} quoting [[A]] then concluding \\boxed{B}`;
    if (i % 11 === 0) rec.model_judgment = `short \\u00e9 "quoted" \\boxed{A}`;
    if (i % 13 === 0) rec.model_judgment = `${'é'.repeat(700)}\n\nFinal verdict: [[B>>A]]`;
    if (i % 19 === 0) rec.id = i;
    if (i % 23 === 0) delete rec.id;
    if (i % 29 === 0) rec.gt_judgment = '';
    if (i % 31 === 0) rec.metarm_verdict = 'Correct';
    if (i % 37 === 0) rec.round_responses = [[{ content: '[[A]]', reasoning_content: 'r' }, { content: '[[B]]' }], [{ content: '[[A]]' }]];
    if (i % 43 === 0) rec.round_responses = 'not rounds';
    if (i % 41 === 0) rec.id = 'x'.repeat(600);
    lines.push(JSON.stringify(rec, null, i % 17 === 0 ? 0 : undefined));
    if (i % 50 === 0) lines.push('{"gt_label": "A", "model_pred": "A", "response_A": "trunc');
    if (i % 61 === 0) lines.push('[1, 2, 3]');
    if (i % 67 === 0) lines.push(JSON.stringify({ gt_label: 'B', model_pred: 'B', response_A: 1, response_B: 'y', conversations: 'not a list' }));
    if (i % 71 === 0) lines.push('{"gt_label": "A", "gt_label": "B", "model_pred": "B", "response_A": "x", "response_B": "y"}');
    if (i % 73 === 0) lines.push('');
    if (i % 79 === 0) lines.push('{"gt_label": "B", "model_pred": "B", "response_A": "x", "response_B": "y", "metarm\\u005fverdict": "Incorrect"}');
    if (i % 83 === 0) lines.push('{"gt_label": "A", "model_pred": "A", "note": 1, "clé": "v", "response_A": "x\ty", "response_B": "y", "metarm_verdict": "Correct"}');
    if (i % 89 === 0) lines.push('{"gt_label":\t"B", "model_pred": "B", "response_A": "x", "response_B": "y", "subset": "code"}');
  }
  const invalidUtf8 = Buffer.concat([Buffer.from('{"gt_label": "A", "model_pred": "A", "response_A": "'), Buffer.from([0xff, 0xfe]), Buffer.from('", "response_B": "b"}\n')]);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\n'), invalidUtf8, Buffer.from(lines.slice(0, 40).join('\n'))]);
}
