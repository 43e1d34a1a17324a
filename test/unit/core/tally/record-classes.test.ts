/**
 * Label-correct records without a usable fidelity verdict fall in two classes: judge-failed (the
 * judge was asked and gave none: CallFail, ParseFail, which R-Align's show_result.py leaves out of
 * F-Score's denominator) and never-judged (no verdict at all: F-Score counts it as not aligned).
 * The split renames classes only: every figure stays the reference scorer's.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Fidelity, FidelityVerdict, Label } from '../../../../src/core/record/record';
import { RECORD_KINDS, isLabelCorrectKind } from '../../../../src/core/record/record';
import type { TallyFacts } from '../../../../src/core/statistics/metrics';
import { classCounts, classifyFacts } from '../../../../src/core/statistics/metrics';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { DatasetSession } from '../../../../src/core/session/session';
import { summaryMarkdown, summaryViewOfStats, tooltipMarkdown } from '../../../../src/presentation/summary';
import { repoRoot, samplesDir } from '../../paths';

const MIXED = join(repoRoot, 'test', 'fixtures', 'r-align-judge-failed-and-never-judged.jsonl');

function facts(gold: Label | null, verdict: Label | null): Pick<TallyFacts, 'goldLabel' | 'primary'> {
  return { goldLabel: gold, primary: { verdict, verdictSource: 'file', parsedVerdict: verdict } };
}
const fidelity = (verdict: FidelityVerdict): Fidelity => ({ verdict, origin: 'file' });

test('a label-correct record whose fidelity call failed or could not be read is judge-failed; one with no verdict is never-judged', () => {
  assert.equal(classifyFacts(facts('A', 'A'), fidelity('CallFail')).kind, 'judge-failed');
  assert.equal(classifyFacts(facts('B', 'B'), fidelity('ParseFail')).kind, 'judge-failed');
  assert.equal(classifyFacts(facts('A', 'A'), null).kind, 'never-judged');
  // The fidelity step skipped it (it thought the label wrong): the judge was not asked about it either.
  assert.equal(classifyFacts(facts('A', 'A'), fidelity('SkippedLabelMismatch')).kind, 'never-judged');
  assert.equal(classifyFacts(facts('A', 'A'), fidelity('Correct')).kind, 'aligned');
  assert.equal(classifyFacts(facts('A', 'A'), fidelity('Incorrect')).kind, 'spurious');
  // The label decides first: a failed call on a label-wrong or unparseable record keeps that class.
  assert.equal(classifyFacts(facts('A', 'B'), fidelity('CallFail')).kind, 'label-wrong');
  assert.equal(classifyFacts(facts('A', null), fidelity('ParseFail')).kind, 'unparseable');
  for (const k of ['aligned', 'spurious', 'judge-failed', 'never-judged'] as const) assert.ok(isLabelCorrectKind(k), k);
  for (const k of ['label-wrong', 'unparseable'] as const) assert.ok(!isLabelCorrectKind(k), k);
  assert.ok(!(RECORD_KINDS as readonly string[]).includes('unjudged'));
});

interface Oracle {
  records: number;
  labelCorrect: number;
  callFail: number;
  parseFail: number;
  labelAccuracy: number | null;
  sCorr: number | null;
  fScore: number | null;
}

test('on a file with both kinds: 2 judge-failed, 3 never-judged, and the figures are still show_result.py\'s', async () => {
  const stats = await computeStats(MIXED);
  const s = stats.overall;
  assert.deepEqual(classCounts(s), { aligned: 6, spurious: 3, 'label-wrong': 4, 'judge-failed': 2, 'never-judged': 3, unparseable: 2 });
  assert.equal(Object.values(classCounts(s)).reduce((a, b) => a + b, 0), s.records);
  // R-Align's show_result.py on this file (test/fixtures/README.md): 6/(20 − 1 − 1) and 1 − 6/9.
  assert.equal(s.labelAccuracy, 14 / 20);
  assert.equal(s.sCorr, 1 - 6 / 9);
  assert.equal(s.fScore, 6 / 18);
  assert.equal(s.fScoreDenominator, 18, 'judge-failed records are out of the denominator, never-judged ones in it');
  const expected = JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'oracle', 'ralign_tally.py'), MIXED], { encoding: 'utf8' })) as Oracle;
  assert.deepEqual([s.records, s.labelCorrect, s.fidelity.callFail, s.fidelity.parseFail, s.labelAccuracy, s.sCorr, s.fScore], [expected.records, expected.labelCorrect, expected.callFail, expected.parseFail, expected.labelAccuracy, expected.sCorr, expected.fScore]);
});

test('the session files each record in its class, and the class counts are what it classifies', async () => {
  const session = await DatasetSession.open(MIXED);
  await session.load();
  const ids = async (kind: (typeof RECORD_KINDS)[number]) => Promise.all(session.filter([kind], null).map(async (i) => (await session.record(i)).id));
  assert.deepEqual(await ids('judge-failed'), ['ra-014', 'ra-019']);
  assert.deepEqual(await ids('never-judged'), ['ra-005', 'ra-009', 'ra-016']);
  const counts = classCounts(session.snapshot().summary);
  for (const k of RECORD_KINDS) assert.equal(session.filter([k], null).length, counts[k], k);
});

test('the shipped sample has judge-failed records and no never-judged one', async () => {
  const s = (await computeStats(join(samplesDir, 'r-align-synthetic.jsonl'))).overall;
  assert.deepEqual(classCounts(s), { aligned: 24, spurious: 8, 'label-wrong': 7, 'judge-failed': 4, 'never-judged': 0, unparseable: 5 });
  // show_result.py: 24/(48 − 2 − 2).
  assert.equal(s.fScore, 24 / 44);
});

test('the status bar tooltip and the summary name both classes with how F-Score counts each', async () => {
  const tooltip = tooltipMarkdown(summaryViewOfStats(await computeStats(MIXED)));
  assert.match(tooltip, /Judge failed: 2 label-correct records \(CallFail\/ParseFail\): F-Score and S-Corr leave them out\./);
  assert.match(tooltip, /Never judged: 3 label-correct records without a fidelity verdict: F-Score counts them as not aligned, S-Corr leaves them out\./);
  const session = await DatasetSession.open(MIXED);
  await session.load();
  const summary = summaryMarkdown(session);
  assert.match(summary, /Judge failed: 2 label-correct records/);
  assert.match(summary, /Never judged: 3 label-correct records/);
});
