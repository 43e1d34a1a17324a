/**
 * The Inspector's sample sets (issue 24): the header's figures equal `stats --json`'s samples object
 * (the CLI, run as a process) on a VL-RewardBench k = 10 file and an R-Align file with repeated ids;
 * the list's sample filters count what `stats` counts, one row per record; the flip-rate sort; the
 * strip of any row of a repeated-id set holds the whole set; a file of single samples has none.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { DatasetSession } from '../../../src/core/session/session';
import { isUnstable, labelCorrectSometimes, recordSampleFigures, rightByMajoritySpurious } from '../../../src/core/samples/figures';
import { ListService } from '../../../src/presentation/listService';
import { buildRecordView } from '../../../src/presentation/recordView';
import { SampleSetsCache, flipRateOf, mayHaveSampleSets, readSessionSampleSets, samplesSummaryView, setRowRecords } from '../../../src/presentation/sampleSets';
import type { SampleFigureView, ToWebview } from '../../../src/protocol/messages';
import { checkToWebview } from '../../../src/protocol/messages';
import { rAlignRunRows, vlRewardBenchRows } from '../core/samples/sampleFiles';
import { seeded, syntheticRAlignRecord } from '../core/synthetic';
import { cliPath, tempFile } from '../paths';
import { samplesStatusText, samplesTooltipMarkdown } from '../../../src/presentation/sampleStatus';
import { escapeMarkdownEntities } from '../../../src/presentation/markdownText';

const jsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

interface CliFigure {
  value: number | null;
  count?: number;
  denominator: number;
  over: string;
  reason?: string;
}
interface CliSamples {
  records: number;
  samples: number;
  samplesPerRecord: { min: number; median: number; max: number };
  meanFlipRate: CliFigure;
  flipRateAbove20: CliFigure;
  labelAccuracyPerSample: CliFigure;
  labelAccuracyMajority: CliFigure;
  sCorrPerSample: CliFigure & { interval: [number, number] | null };
  sCorrMajority: CliFigure;
}

function cliSamples(path: string): CliSamples {
  const r = spawnSync(process.execPath, [cliPath, 'stats', path, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { samples: CliSamples }).samples;
}

const same = (view: SampleFigureView, cli: CliFigure, name: string) =>
  assert.deepEqual(view, { value: cli.value, count: cli.count ?? null, denominator: cli.denominator, over: cli.over, reason: cli.reason ?? null }, name);

async function loaded(path: string): Promise<DatasetSession> {
  const session = await DatasetSession.open(path);
  await session.load();
  return session;
}

const FILES = [
  { name: 'VL-RewardBench k=10', file: () => tempFile('vlrb.jsonl', jsonl(vlRewardBenchRows(7, 40, 10))) },
  { name: 'R-Align with repeated ids', file: () => tempFile('ralign-runs.jsonl', jsonl(rAlignRunRows(11, 30, 5))) },
];

for (const { name, file } of FILES) {
  test(`${name}: the header's sample figures equal stats --json's samples object`, async () => {
    const path = file();
    const cli = cliSamples(path);
    const session = await loaded(path);
    const sets = await readSessionSampleSets(session);
    assert.ok(sets);
    const view = samplesSummaryView(sets, 0.2);
    assert.equal(view.records, cli.records);
    assert.equal(view.samples, cli.samples);
    assert.deepEqual(view.k, cli.samplesPerRecord);
    same(view.meanFlipRate, cli.meanFlipRate, 'meanFlipRate');
    same(view.flipRateAbove20, cli.flipRateAbove20, 'flipRateAbove20');
    same(view.lAccPerSample, cli.labelAccuracyPerSample, 'labelAccuracyPerSample');
    same(view.lAccMajority, cli.labelAccuracyMajority, 'labelAccuracyMajority');
    const { low, high, ...sCorr } = view.sCorrPerSample;
    same(sCorr, cli.sCorrPerSample, 'sCorrPerSample');
    assert.deepEqual(low === null || high === null ? null : [low, high], cli.sCorrPerSample.interval);
    same(view.sCorrMajority, cli.sCorrMajority, 'sCorrMajority');
    // The filters count what stats counts: "unstable" at 0.2 is flipRateAbove20, "right by majority, spurious in most" is sCorrMajority's numerator.
    assert.equal(view.filters.unstable, cli.flipRateAbove20.count);
    assert.equal(view.filters['majority-spurious'], cli.sCorrMajority.count ?? 0);
    const sometimes = sets.sets.filter((s) => labelCorrectSometimes(recordSampleFigures(s))).length;
    assert.equal(view.filters['sometimes-correct'], sometimes);
    assert.ok(sometimes > 0 && view.filters.unstable > 0, 'the seeded file has records of both');
    // The status bar: per sample / by majority and k; its tooltip each figure's count and denominator, or why undefined.
    const p1 = (f: { value: number | null }) => (f.value === null ? 'n/a' : `${(f.value * 100).toFixed(1)}%`);
    const k = cli.samplesPerRecord.min === cli.samplesPerRecord.max ? String(cli.samplesPerRecord.max) : `${cli.samplesPerRecord.min}–${cli.samplesPerRecord.max}`;
    assert.equal(samplesStatusText(view), `k=${k}: S-Corr ${p1(cli.sCorrPerSample)}/${p1(cli.sCorrMajority)} · L-Acc ${p1(cli.labelAccuracyPerSample)}/${p1(cli.labelAccuracyMajority)} · flip ${p1(cli.meanFlipRate)}`);
    const tip = samplesTooltipMarkdown(view);
    for (const f of [cli.labelAccuracyPerSample, cli.labelAccuracyMajority, cli.sCorrPerSample, cli.sCorrMajority, cli.flipRateAbove20]) {
      assert.ok(tip.includes(escapeMarkdownEntities(f.value === null ? `undefined: ${f.reason ?? ''}` : `${f.count}/${f.denominator} ${f.over}`)), `${f.over} in ${tip}`);
    }
    assert.ok(tip.includes(escapeMarkdownEntities(`mean over ${cli.meanFlipRate.denominator} records`)));
    // A threshold of its own: counted by the same definition.
    assert.equal(samplesSummaryView(sets, 0.5).filters.unstable, sets.figures.filter((f) => isUnstable(f, 0.5)).length);
  });
}

test('the list: a sample filter keeps one row per record whose set passes, counted as stats counts; the flip-rate sort is highest first', async () => {
  const session = await loaded(tempFile('ralign-runs.jsonl', jsonl(rAlignRunRows(11, 30, 5))));
  const cli = cliSamples(session.path);
  const service = new ListService(() => undefined);
  const ask = async (over: Record<string, unknown>) => {
    const out: ToWebview[] = [];
    await service.query(session, { type: 'query', requestId: 1, kinds: null, subset: null, search: '', sort: 'file', contradicts: false, selected: null, first: 0, count: 500, ...over }, new AbortController().signal, (m) => out.push(m));
    for (const m of out) assert.equal(checkToWebview(m).ok, true, JSON.stringify(m).slice(0, 200));
    const list = out.filter((m): m is Extract<ToWebview, { type: 'list' }> => m.type === 'list').at(-1);
    assert.ok(list);
    return list;
  };
  const unstable = await ask({ samples: 'unstable' });
  assert.equal(unstable.total, cli.flipRateAbove20.count);
  const sets = SampleSetsCache.for(session).current;
  assert.ok(sets);
  const setsShown = unstable.rows.map((r) => sets.setOf[r.index]);
  assert.equal(new Set(setsShown).size, setsShown.length, 'one row per record');
  for (const r of unstable.rows) assert.ok((r.flip ?? 0) > 0.2, `row ${r.index} flip ${r.flip}`);
  const spurious = await ask({ samples: 'majority-spurious' });
  assert.equal(spurious.total, cli.sCorrMajority.count);
  for (const r of spurious.rows) {
    const set = sets.sets[sets.setOf[r.index] as number];
    assert.ok(set && rightByMajoritySpurious(recordSampleFigures(set), set.goldLabel));
  }
  const sorted = await ask({ sort: 'flip-desc' });
  assert.equal(sorted.total, session.count, 'a sort keeps every row');
  const rates = sorted.rows.map((r) => r.flip ?? -1);
  for (let i = 1; i < rates.length; i++) assert.ok((rates[i - 1] as number) >= (rates[i] as number), `sorted at ${i}`);
  assert.equal(sorted.rows[0]?.flip, Math.max(...sets.figures.map((f) => f.flipRate ?? 0)));
  // Combined with a class: rows of that class whose set passes.
  const both = await ask({ samples: 'unstable', kinds: ['spurious'] });
  for (const r of both.rows) assert.equal(r.kind, 'spurious');
});

test('the strip of any row of a repeated-id set shows the whole set (VL-RewardBench rows)', async () => {
  const session = await loaded(tempFile('vlrb.jsonl', jsonl(vlRewardBenchRows(3, 12, 10))));
  // Record 25 is the sixth sample of the third pair.
  const record = await session.record(25);
  const rows = await setRowRecords(session, record, 256);
  assert.ok(rows);
  assert.deepEqual(rows.map((r) => r.index), [20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  const view = await buildRecordView(record, session.kindOf(25), session.baseDir, null, [], [], rows.map((r) => ({ record: r, fidelity: r.fidelity, journaled: [] })));
  assert.ok(view.samples);
  assert.equal(view.samples.k, 10);
  assert.deepEqual(view.samples.samples.map((s) => s.recordIndex), [20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  const sets = SampleSetsCache.for(session).current;
  assert.equal(view.samples.flipRate, flipRateOf(sets, 25), 'the strip and the list read one figure');
  // Without the set's rows (before this change) the row was one sample and had no strip.
  const alone = await buildRecordView(record, session.kindOf(25), session.baseDir);
  assert.equal(alone.samples, undefined);
});

test('a file of single samples: no sets, nothing read again, no sample figures', async () => {
  const rand = seeded(2);
  const session = await loaded(tempFile('single.jsonl', jsonl(Array.from({ length: 60 }, (_, i) => syntheticRAlignRecord(i, rand, 80, false)))));
  assert.equal(mayHaveSampleSets(session), false);
  assert.equal(await readSessionSampleSets(session), null);
  assert.equal(await setRowRecords(session, await session.record(3), 256), null);
});

test('a mark changes the sets\' figures: the cache is dropped and computed again with the verdict in force', async () => {
  const session = await loaded(tempFile('ralign-runs.jsonl', jsonl(rAlignRunRows(11, 30, 5))));
  const cache = SampleSetsCache.for(session);
  const before = await cache.compute();
  assert.ok(before);
  const set = before.sets.find((s) => before.figures[before.sets.indexOf(s)]?.judgedLabelCorrect);
  assert.ok(set);
  const row = set.samples.find((s) => s.verdict === set.goldLabel && s.fidelityVerdict === 'Correct') ?? set.samples.find((s) => s.verdict === set.goldLabel);
  assert.ok(row);
  await session.mark(row.recordIndex, row.fidelityVerdict === 'Correct' ? 'Incorrect' : 'Correct');
  assert.equal(cache.current, undefined, 'dropped on change');
  const after = await cache.compute();
  assert.ok(after);
  assert.notEqual(after.report.sCorrPerSample.count, before.report.sCorrPerSample.count);
});
