/**
 * VL-RewardBench: the authors' verdict pattern read in one linear scan (compared with Python's `re`
 * on the pattern itself), CPython's random replayed draw for draw, the adapter's frames and
 * warnings, and where cal.py would stop.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord, ReadIssue } from '../../../../src/core/record/record';
import { PythonRandom } from '../../../../src/core/samples/pythonRandom';
import { calDataset, calFigures } from '../../../../src/core/samples/vlrbCal';
import { vlrbChoice } from '../../../../src/core/formats/vlrbRule';
import { tempFile } from '../../paths';

const PATTERN = String.raw`(?:Overall Judgment|Therefore)\s*.*\s*-*\s*Answer\s*(\d+)\s*is\s*(?:the\s*)?(?:slightly\s*)?better`;

function pythonChoices(texts: readonly string[]): number[] {
  const script = `import json, re, sys
out = []
for t in json.load(sys.stdin):
    m = re.search(${JSON.stringify(PATTERN)}, t.replace("\\n", "").replace("*", ""), re.IGNORECASE)
    out.append(int(m.group(1)) if m else -1)
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' })) as number[];
}

test('the verdict rule equals the authors\' pattern under Python\'s re, on ordinary and odd texts', () => {
  const texts = [
    'Overall Judgment: Answer 1 is better.',
    '**Overall Judgment**\n\nAnswer 2 is the better answer.',
    'Therefore, Answer 2 is slightly better. Later: Answer 1 is better.',
    'Answer 1 is better. Therefore nothing.',
    'Overall Judgment: Answer 1 is better in clarity but Therefore Answer 2 is better',
    'OVERALL JUDGMENT — ANSWER 2 IS THE SLIGHTLY BETTER',
    'Overall Judgment: Answer 12 is better',
    'Overall Judgment: Answer 0002 is better',
    'Overall Judgment: Answer ٢ is better (Arabic-Indic two)',
    'Overall Judgment: Answer 𝟐 is better (mathematical bold two)',
    'Overall Judgment: Anſwer 1 iſ better (long s)',
    'Overall Judgment: Answer 1 İs better (dotted capital I)',
    'Overall Judgment: Answer\u001f1\u0085is\u00a0better (Python whitespace)',
    'Overall Judgment: Answer\ufeff1 is better (not whitespace in Python)',
    'Overall Judgment:\r\nAnswer 2 is better',
    'OverallJudgment: Answer 1 is better',
    'Overall  Judgment: Answer 1 is better',
    'therefore answer 2 isbetter',
    'Therefore Answer 1 is not better',
    '',
    'Therefore '.repeat(50) + 'Answer 2 is better ' + ' '.repeat(300) + 'Answer 1 is',
    'Therefore' + ' -'.repeat(200) + 'Answer 1 is the better',
  ];
  assert.deepEqual(texts.map(vlrbChoice), pythonChoices(texts));
});

test('the verdict rule reads a hostile text (many keywords, long blank runs) in one pass', () => {
  // The pattern's `\s*.*\s*-*\s*` backtracks polynomially in Python; the scan here does not.
  const hostile = 'Therefore ' + 'Answer 1 is '.repeat(20_000) + ' '.repeat(100_000);
  assert.equal(vlrbChoice(hostile), -1);
  assert.equal(vlrbChoice(hostile + 'Answer 2 is better'), 2);
});

test('PythonRandom replays CPython: random.seed(n) then randint draws', () => {
  const script = `import random, json
out = {}
for seed in (0, 1234, 2**32 + 5):
    random.seed(seed)
    out[str(seed)] = [random.randint(0, n) for n in (1, 2, 9, 99, 12344, 2**31, 2**32 - 2) for _ in range(50)]
print(json.dumps(out))`;
  const expected = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<string, number[]>;
  for (const seed of [0, 1234, 2 ** 32 + 5]) {
    const r = new PythonRandom(seed);
    const got = [1, 2, 9, 99, 12344, 2 ** 31, 2 ** 32 - 2].flatMap((n) => Array.from({ length: 50 }, () => r.randint(0, n)));
    assert.deepEqual(got, expected[String(seed)], `seed ${seed}`);
  }
});

async function read(rows: readonly unknown[]): Promise<{ records: EvalRecord[]; issues: ReadIssue[]; format: string }> {
  const path = tempFile('vlrb.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
  const dataset = await openDataset(path);
  const records: EvalRecord[] = [];
  const issues: ReadIssue[] = [];
  for await (const e of readDataset(dataset)) {
    if (e.kind === 'record') records.push(e.record);
    else issues.push(e.issue);
  }
  return { records, issues, format: dataset.adapter.name };
}

const row = (ranking: number[], randomNumber: number, text: string, flag?: string) => ({
  id: 'RLAIF-V-1',
  query: 'What is shown?',
  response: ['first', 'second'],
  ranking,
  models: ['m', 'm'],
  judge: 'human',
  rationale: null,
  meta: { 'filtering model': 'judge-x', filter_choice: text, random_number: randomNumber, ...(flag ? { flag_status: flag } : {}) },
  query_source: 'COCO',
});

test('the adapter maps the presented answer to the original frame by meta.random_number, and says when flag_status disagrees with the rule', async () => {
  const { records, issues, format } = await read([
    row([0, 1], 0, 'Overall Judgment: Answer 1 is better.', 'agree'),
    row([0, 1], 1, 'Overall Judgment: Answer 1 is better.', 'reject'),
    row([1, 0], 1, 'Overall Judgment: Answer 1 is better.', 'agree'),
    row([1, 0], 0, 'Therefore Answer 3 is better.', 'agree'),
    row([0, 1], 0, 'no decision', 'agree'),
    { 0: row([0, 1], 0, 'Overall Judgment: Answer 2 is better.', 'reject') },
  ]);
  assert.equal(format, 'vl-rewardbench');
  assert.deepEqual(records.map((r) => [r.goldLabel, r.judgments[0]?.order, r.judgments[0]?.verdict]), [
    ['A', 'original', 'A'],
    ['A', 'swapped', 'B'],
    ['B', 'swapped', 'B'],
    // "Answer 3" is no verdict here (cal.py counts it as agree: the named difference).
    ['B', 'original', null],
    ['A', 'original', null],
    ['A', 'original', 'B'],
  ]);
  assert.equal(records[0]?.judgments[0]?.model, 'judge-x');
  assert.equal(records[0]?.subset, 'hallucination');
  assert.equal(issues.length, 1);
  assert.match(issues[0]?.message ?? '', /meta\.flag_status is the string "agree" but the authors' rule reads "doesntMatch"/);
  assert.equal(issues[0]?.line, 5);
});

test('the benchmark file itself (human_ranking, no judge output) reads as records with gold labels and no judgment', async () => {
  const { records, format } = await read([{ id: 'RLAIF-V-14', image_path: 'images/x.jpg', query: 'Describe.', response: ['a', 'b'], human_ranking: [1, 0], models: ['m', 'n'], judge: 'human', rationale: null, query_source: 'COCO', meta: {} }]);
  assert.equal(format, 'vl-rewardbench');
  assert.equal(records[0]?.goldLabel, 'B');
  assert.equal(records[0]?.judgments.length, 0);
});

test('cal.py\'s dataset of an id, and where cal.py would stop instead of printing', () => {
  assert.deepEqual(['RLAIF-V-1', 'RLHF-V-Dataset_2', 'mathverse_3', 'mmmu-4', 'wildvision-battle_5', 'hallucination_pair_6', 'LRVInstruction-7', 'nodelimiter'].map(calDataset), ['rlaif-v', 'rlhf-v', 'reasoning_tasks', 'reasoning_tasks', 'wildvision-battle', 'povid', 'vlfeedback', 'vlfeedback']);
  const good = row([0, 1], 0, 'Therefore Answer 1 is better', 'agree');
  assert.match(calFigures([good, { ...good, meta: { filter_choice: 'x', random_number: 0 } }], [1, 2]).stops ?? '', /^line 2: no meta\.flag_status \(cal\.py raises KeyError\)$/);
  assert.match(calFigures([good, { ...good, ranking: [0, 0] }], [1, 2]).stops ?? '', /^line 2: "ranking" has no 1 \(cal\.py raises ValueError in ranking\.index\)$/);
  // Only hallucination rows: the general group has no agree/reject record, which cal.py divides by.
  assert.match(calFigures([good], [1]).stops ?? '', /at k = 1: no general record is classified agree or reject/);
  assert.equal(calFigures([], []).stops, 'the file has no rows (cal.py raises IndexError on data[0])');
});
