/** Field mappings that used to fail silently (0.0% without a word): each case failed before its fix. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { validateMapping } from '../../../src/core/formats/mapping';
import { majorityLabel } from '../../../src/core/formats/goldLabels';
import { computeStats } from '../../../src/core/tally/fileTally';
import { openDataset, readDataset } from '../../../src/core/dataset/dataset';
import type { FieldMapping } from '../../../src/core/formats/mapping';
import type { EvalRecord } from '../../../src/core/record/record';
import { cliPath, tempFile } from '../paths';
import { judgmentView } from '../../../src/presentation/snapshotViews';
import { buildRecordView } from '../../../src/presentation/recordView';
import { recordView as recordViewValidator } from '../../../src/protocol/messages';
import { tmpdir } from 'node:os';

const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** PandaLM-style records: verdicts 1/2/0 in the judge's output. */
const PANDA = [
  { idx: 1, q: 'q1', a: 'x', b: 'y', gold: 1, pred: 1, text: 'Response 1 is better.' },
  { idx: 2, q: 'q2', a: 'x', b: 'y', gold: 2, pred: 2, text: 'Response 2 is better.' },
  { idx: 3, q: 'q3', a: 'x', b: 'y', gold: 1, pred: 2, text: 'Response 2 is better.' },
  { idx: 4, q: 'q4', a: 'x', b: 'y', gold: 2, pred: 0, text: 'Tie.' },
];

function mappingFile(m: object): string {
  return tempFile('mapping.json', JSON.stringify(m));
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function records(file: string, mapping: FieldMapping): Promise<EvalRecord[]> {
  const ds = await openDataset(file, { mapping });
  const out: EvalRecord[] = [];
  for await (const e of readDataset(ds, { mapping })) if (e.kind === 'record') out.push(e.record);
  return out;
}

const base = { id: 'idx', prompt: 'q', responseA: 'a', responseB: 'b', goldLabel: 'gold', goldLabelValues: { '1': 'A', '2': 'B', '0': 'tie' } };

test('verdict values other than A/B/tie are read through a value table', async () => {
  const file = tempFile('panda.jsonl', jsonl(PANDA));
  const m = validateMapping({ ...base, judgments: [{ text: 'text', verdict: 'pred', verdictValues: { '1': 'A', '2': 'B', '0': 'tie' } }] }, 'm');
  const s = await computeStats(file, { mapping: m });
  assert.equal(s.overall.labelCorrect, 2);
  assert.equal(s.overall.ties, 1);
  assert.equal(s.overall.unparseable, 0);
});

test('a mapped verdict field whose values are never recognized is an error that names the values seen', () => {
  const file = tempFile('panda.jsonl', jsonl(PANDA));
  const r = run(['stats', file, '--mapping', mappingFile({ ...base, judgments: [{ text: 'text', verdict: 'pred' }] })]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /verdict field of judgments\[0\] "pred" has values "2" \(2×\), "1" \(1×\), "0" \(1×\).*verdictValues.*\{"0": "…", "1": "…", "2": "…"\}/);
  const gold = run(['stats', file, '--mapping', mappingFile({ ...base, goldLabelValues: undefined, judgments: [{ text: 'text' }] })]);
  assert.equal(gold.code, 2, gold.stderr);
  assert.match(gold.stderr, /gold label field "gold" has values .*goldLabelValues/);
});

test('an unknown key in a mapping is an error with the closest valid key', () => {
  assert.throws(() => validateMapping({ responseA: 'a', responseB: 'b', goldLable: 'gold' }, 'm.json'), /mapping: unexpected field "goldLable" \(did you mean "goldLabel"\?/);
  assert.throws(() => validateMapping({ responseA: 'a', responseB: 'b', judgments: [{ text: 't', verdictValue: {} }] }, 'm.json'), /mapping\.judgments\[0\]: unexpected field "verdictValue" \(did you mean "verdictValues"\?/);
  const r = run(['stats', tempFile('p.jsonl', jsonl(PANDA)), '--mapping', mappingFile({ responseA: 'a', responseB: 'b', prompts: 'q' })]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /did you mean "prompt"/);
});

test('a judgment may take its text from several fields, kept as parts', async () => {
  const rows = [{ id: 'r1', a: 'x', b: 'y', gold: 'A', critique_a: 'A is right.', critique_b: 'B errs. [[A]]' }];
  const recs = await records(tempFile('c.jsonl', jsonl(rows)), validateMapping({ id: 'id', responseA: 'a', responseB: 'b', goldLabel: 'gold', judgments: [{ text: ['critique_a', 'critique_b'] }] }, 'm'));
  const j = recs[0]?.judgments[0];
  assert.ok(j);
  assert.equal(j.raw, 'A is right.\n\nB errs. [[A]]');
  assert.deepEqual(j.parts, [
    { field: 'critique_a', start: 0, end: 11 },
    { field: 'critique_b', start: 13, end: 26 },
  ]);
  for (const p of j.parts ?? []) assert.equal(j.raw.slice(p.start, p.end), rows[0]?.[p.field as 'critique_a']);
  assert.equal(j.verdict, 'A');
  // The Inspector's record view names the parts, and the webview's validator accepts it.
  const view = judgmentView(j, 0, []);
  assert.deepEqual(view.parts, ['critique_a', 'critique_b']);
  const rv = await buildRecordView(recs[0] as EvalRecord, 'never-judged', tmpdir());
  assert.equal(recordViewValidator(rv, 'record'), null);
});

test('several annotators\' labels: majority vote with the stated tie rule', async () => {
  assert.equal(majorityLabel(['A', 'B', 'A'], 'none'), 'A');
  assert.equal(majorityLabel(['A', 'B'], 'none'), null);
  assert.equal(majorityLabel(['A', 'B'], 'tie'), 'tie');
  const rows = [
    { id: 1, a: 'x', b: 'y', votes: ['A', 'A', 'B'], j: '[[A]]' },
    { id: 2, a: 'x', b: 'y', votes: ['A', 'B'], j: '[[A]]' },
  ];
  const file = tempFile('v.jsonl', jsonl(rows));
  const m = { id: 'id', responseA: 'a', responseB: 'b', goldLabel: 'votes', judgments: [{ text: 'j' }] };
  const none = await records(file, validateMapping(m, 'm'));
  assert.deepEqual(none.map((r) => r.goldLabel), ['A', null]);
  const tie = await records(file, validateMapping({ ...m, goldLabelTie: 'tie' }, 'm'));
  assert.deepEqual(tie.map((r) => r.goldLabel), ['A', 'tie']);
  const separate = await records(file, validateMapping({ ...m, goldLabel: ['votes.0', 'votes.1', 'votes.2'] }, 'm'));
  assert.deepEqual(separate.map((r) => r.goldLabel), ['A', null]);
});

test('gold labels that live in a second file, joined by id (MT-Bench human judgments)', async () => {
  const judgments = [
    { question_id: 81, model_1: 'alpaca', model_2: 'gpt-4', g1_winner: 'model_2', g2_winner: 'model_2', judge: ['gpt-4', 'pair-v2'], g1_judgment: '[[B]]', g2_judgment: '[[A]]', turn: 1 },
    { question_id: 82, model_1: 'alpaca', model_2: 'gpt-4', g1_winner: 'model_1', g2_winner: 'model_2', judge: ['gpt-4', 'pair-v2'], g1_judgment: '[[A]]', g2_judgment: '[[A]]', turn: 1 },
  ];
  const file = tempFile('gpt-4_pair.jsonl', jsonl(judgments));
  const humans = [
    { question_id: 81, model_a: 'alpaca', model_b: 'gpt-4', winner: 'model_b', judge: 'expert_1', turn: 1 },
    { question_id: 81, model_a: 'alpaca', model_b: 'gpt-4', winner: 'model_b', judge: 'expert_2', turn: 1 },
    { question_id: 82, model_a: 'alpaca', model_b: 'gpt-4', winner: 'model_b', judge: 'expert_1', turn: 1 },
    { question_id: 82, model_a: 'alpaca', model_b: 'gpt-4', winner: 'model_b', judge: 'expert_2', turn: 1 },
    { question_id: 82, model_a: 'alpaca', model_b: 'gpt-4', winner: 'model_a', judge: 'expert_3', turn: 1 },
  ];
  writeFileSync(join(dirname(file), 'human_judgments.jsonl'), jsonl(humans));
  const mapping = validateMapping(
    {
      id: 'question_id',
      responseA: 'model_1',
      responseB: 'model_2',
      goldLabelFile: { path: 'human_judgments.jsonl', recordKey: ['question_id', 'model_1', 'model_2', 'turn'], key: ['question_id', 'model_a', 'model_b', 'turn'], label: 'winner', values: { model_a: 'A', model_b: 'B', tie: 'tie' } },
      judgments: [{ text: 'g1_judgment' }],
    },
    'm',
  );
  const s = await computeStats(file, { mapping });
  assert.deepEqual((await records(file, mapping)).map((r) => r.goldLabel), ['B', 'B']);
  assert.equal(s.overall.labelCorrect, 1);
  // A gold file whose labels are never readable names the values.
  const bad = validateMapping({ ...mapping, goldLabelFile: { ...mapping.goldLabelFile, values: undefined } }, 'm');
  await assert.rejects(computeStats(file, { mapping: bad }), /no gold label could be read from .*"model_b", "model_a".*goldLabelFile\.values/);
});
