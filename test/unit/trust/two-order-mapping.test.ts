/**
 * Real files judged in both orders, read by their adapter and by an equivalent field mapping: every
 * figure is the same, and the positions figures are their authors' (../shared/fixtures/README.md).
 * A mapped swapped-order verdict is in the judge's frame (a token, a value table) and is mapped back
 * to the original order like the adapter's; before that was restored, the JudgeBench mapping gave
 * swapped 88, both 21, agree 98, combined 66 instead of 89, 38, 135, 87.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateMapping } from '../../../src/core/formats/mapping';
import type { FieldMapping } from '../../../src/core/formats/mapping';
import type { PositionCounts, Summary } from '../../../src/core/statistics/metrics';
import { DatasetSession } from '../../../src/core/session/session';
import { computeStats } from '../../../src/core/tally/fileTally';
import type { FileStats } from '../../../src/core/tally/fileTally';
import { fixturesDir, tempFile } from '../paths';

const JUDGEBENCH = join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl');
const LLMBAR_DIRS = ['natural_gpt-4_cot', 'natural_chatgpt_swap_cot', 'natural_gpt-4_metrics_reference'];

/** JudgeBench's decisions in the judge's frame: the second judgment saw the responses swapped. */
function judgeBenchMapping(verdictValues?: Record<string, 'A' | 'B' | 'tie'>): FieldMapping {
  const judgment = (i: number, order: 'original' | 'swapped') => ({ text: `judgments.${i}.judgment.response`, verdict: `judgments.${i}.decision`, order, ...(verdictValues ? { verdictValues } : {}) });
  return validateMapping(
    { id: 'pair_id', prompt: 'question', responseA: 'response_A', responseB: 'response_B', goldLabel: 'label', subset: 'source', judgments: [judgment(0, 'original'), judgment(1, 'swapped')] },
    'judgebench mapping',
  );
}

/** Written as JudgeBench's own decisions, not tokens the default reading knows: read through the table only. */
const JUDGEBENCH_TABLE = { 'A>>B': 'A', 'A>B': 'A', 'B>A': 'B', 'B>>A': 'B', 'A=B': 'tie' } as const;

/**
 * LLMBar's `winner` is already in the original order ("1" is output_1 whichever order the judge saw):
 * either said so (`verdictFrame: "original"`), or read in the judge's frame, where for the swapped
 * run "1" is the judge's B.
 */
function llmBarMapping(frame: 'original' | 'judge'): FieldMapping {
  const run = (swap: 'False' | 'True') => ({
    text: `results.-1.swap = ${swap}.completion.0`,
    verdict: `results.-1.swap = ${swap}.winner`,
    order: swap === 'True' ? 'swapped' : 'original',
    verdictValues: swap === 'True' && frame === 'judge' ? { '1': 'B', '2': 'A' } : { '1': 'A', '2': 'B' },
    ...(frame === 'original' ? { verdictFrame: 'original' } : {}),
  });
  return validateMapping({ prompt: 'input', responseA: 'output_1', responseB: 'output_2', goldLabel: 'label', goldLabelValues: { '1': 'A', '2': 'B' }, judgments: [run('False'), run('True')] }, 'llmbar mapping');
}

const positionsOf = (s: Summary): PositionCounts => {
  assert.ok(s.positions, 'both orders are counted');
  return s.positions;
};

/** Every figure of a summary, less the cross-check against the format's own verdict reading. */
function figures(s: Summary): Omit<Summary, 'parserDisagreements'> {
  const { parserDisagreements: _ignored, ...rest } = s;
  return rest;
}

function assertSameFigures(byAdapter: FileStats, byMapping: FileStats, what: string): void {
  assert.equal(byMapping.format, 'mapping');
  assert.equal(byMapping.malformed, byAdapter.malformed, `${what}: malformed`);
  assert.deepEqual(figures(byMapping.overall), figures(byAdapter.overall), `${what}: overall figures`);
  assert.deepEqual(
    byMapping.groups.map((g) => [g.key, figures(g)]),
    byAdapter.groups.map((g) => [g.key, figures(g)]),
    `${what}: per-subset figures`,
  );
}

test('JudgeBench read through a mapping (tokens, or a value table) gives the adapter\'s figures and the authors\' 80/270 and 87/270', async () => {
  const byAdapter = await computeStats(JUDGEBENCH);
  assert.equal(byAdapter.format, 'judgebench');
  for (const [what, mapping] of [
    ['tokens', judgeBenchMapping()],
    ['value table', judgeBenchMapping(JUDGEBENCH_TABLE)],
  ] as const) {
    const byMapping = await computeStats(JUDGEBENCH, { mapping });
    assertSameFigures(byAdapter, byMapping, what);
    assert.equal(byMapping.overall.parserDisagreements, byAdapter.overall.parserDisagreements, `${what}: parser cross-check`);
    const p = positionsOf(byMapping.overall);
    assert.deepEqual(
      { original: p.originalCorrect, swapped: p.swappedCorrect, both: p.bothCorrect, agree: p.agree, combined: p.combinedCorrect },
      { original: 80, swapped: 89, both: 38, agree: 135, combined: 87 },
      `${what}: the authors' 80/270 (first order) and 87/270 (combined), and the adapter's swapped, both and agree`,
    );
  }
});

/** Parses "94 / 100 = 94.0%" from LLMBar's statistics.json. */
function count(text: unknown): number {
  const m = /^(\d+)\s*\//.exec(String(text));
  assert.ok(m, `unexpected statistics value ${String(text)}`);
  return Number(m[1]);
}

for (const dir of LLMBAR_DIRS) {
  test(`LLMBar ${dir} read through a mapping gives the adapter's figures and statistics.json's`, async () => {
    const file = join(fixturesDir, 'llmbar', dir, 'result.json');
    const authors = JSON.parse(readFileSync(join(fixturesDir, 'llmbar', dir, 'statistics.json'), 'utf8')) as Record<string, string>;
    const expected = { original: count(authors.correct_False), swapped: count(authors.correct_True), both: count(authors.correct_both), agree: count(authors.equal) };
    const byAdapter = await computeStats(file);
    assert.equal(byAdapter.format, 'llmbar');
    for (const frame of ['original', 'judge'] as const) {
      const byMapping = await computeStats(file, { mapping: llmBarMapping(frame) });
      assertSameFigures(byAdapter, byMapping, `verdictFrame ${frame}`);
      const p = positionsOf(byMapping.overall);
      assert.deepEqual({ original: p.originalCorrect, swapped: p.swappedCorrect, both: p.bothCorrect, agree: p.agree }, expected, `verdictFrame ${frame}: statistics.json`);
    }
  });
}

test('the editor\'s session counts a mapped two-order file as the CLI does', async () => {
  const mapping = judgeBenchMapping(JUDGEBENCH_TABLE);
  const cli = await computeStats(JUDGEBENCH, { mapping });
  const session = await DatasetSession.open(JUDGEBENCH, { mapping });
  await session.load();
  const summary = session.snapshot().summary;
  assert.deepEqual(summary.positions, cli.overall.positions);
  assert.equal(summary.positions?.combinedCorrect, 87);
});

test('a swapped-order judgment\'s verdict is mapped back whichever way it is read: token, value table, parser', async () => {
  // Auto-J's exchange runs: the judge saw response B first, so its "Response 1" / [[A]] is our B.
  const row = { id: 'x1', q: 'q', a: 'first', b: 'second', gold: 'B', token: 'A', code: 1, text: 'Response 1 is more helpful. [[A]]' };
  const file = tempFile('exchange.jsonl', `${JSON.stringify(row)}\n`);
  const base = { id: 'id', prompt: 'q', responseA: 'a', responseB: 'b', goldLabel: 'gold' };
  for (const [what, judgment] of [
    ['token', { text: 'text', verdict: 'token', order: 'swapped' }],
    ['value table', { text: 'text', verdict: 'code', verdictValues: { '1': 'A', '2': 'B' }, order: 'swapped' }],
    ['parser', { text: 'text', order: 'swapped' }],
  ] as const) {
    const stats = await computeStats(file, { mapping: validateMapping({ ...base, judgments: [judgment] }, what) });
    assert.equal(stats.overall.labelCorrect, 1, `${what}: the judge's A is the record's B`);
    assert.equal(stats.overall.parserDisagreements, 0, `${what}: the file's verdict and the parser's are in one frame`);
  }
  const original = await computeStats(file, { mapping: validateMapping({ ...base, judgments: [{ text: 'text', verdict: 'code', verdictValues: { '1': 'B' }, order: 'swapped', verdictFrame: 'original' }] }, 'original frame') });
  assert.equal(original.overall.labelCorrect, 1, 'a field already in the original order is not mapped again');
});
