/** What the Leaderboard and Compare views show, built from the core's results (pure: no vscode). */
import { basename } from 'node:path';
import type { RecordKind } from '../core/record/record';
import type { Comparison } from '../core/research/compare';
import { CLASSES } from '../core/research/compare';
import { renderComparisonLines } from '../core/reports/compareReport';
import type { SampledComparison } from '../core/research/sampledCompare';
import { counted, renderSampledLines } from '../core/reports/sampledCompareReport';
import type { Leaderboard } from '../core/research/leaderboard';
import { leaderboardNotes } from '../core/reports/leaderboardReport';
import type { SampleColumns } from '../core/reports/sampleColumns';
import { sampleCellOf } from '../core/reports/sampleColumns';
import type { SampleFigure } from '../core/samples/fileFigures';
import type { SampleColumnsView, SampleFigureView } from '../protocol/reports';
import type { EvalRecord } from '../core/record/record';
import type { CompareView, LeaderboardView, RecordPairView, SampledCompareView } from '../protocol/reports';
import { alignmentViews } from './alignment';
import { goldText } from './snapshotViews';

export function leaderboardView(folder: string, board: Leaderboard): LeaderboardView {
  const files = board.files.map((f) => f.name);
  const cells: LeaderboardView['cells'] = [];
  for (const { model, bench, file: index } of board.cells) {
    const file = board.files[index];
    if (!file?.figures || !file.stats) continue;
    const f = file.figures;
    cells.push({
      model,
      bench,
      file: index,
      records: file.stats.overall.records,
      lAcc: { value: f.labelAccuracy, interval: f.labelAccuracyInterval },
      sCorr: { value: f.sCorr, interval: f.sCorrInterval },
      fScore: { value: f.fScore, interval: f.fScoreInterval },
      ...sampleCellView(file.stats),
    });
  }
  return { folder, benches: [...board.benches], models: [...board.models], cells, files, notes: leaderboardNotes(board) };
}

function sampleFigureView(f: SampleFigure & { readonly interval?: [number, number] | null }): SampleFigureView {
  return { value: f.value, interval: f.interval ?? null, denominator: f.denominator, over: f.over, reason: f.reason ?? null };
}

function sampleColumnsView(c: SampleColumns): SampleColumnsView {
  return {
    kMin: c.k.min,
    kMax: c.k.max,
    lAccPerSample: sampleFigureView(c.labelAccuracyPerSample),
    lAccMajority: sampleFigureView(c.labelAccuracyMajority),
    sCorrPerSample: sampleFigureView(c.sCorrPerSample),
    sCorrMajority: sampleFigureView(c.sCorrMajority),
    meanFlipRate: sampleFigureView(c.meanFlipRate),
  };
}

/** A cell's sample columns, or why it has none (the view shows the reason in the empty cell's tooltip). */
function sampleCellView(stats: Parameters<typeof sampleCellOf>[0]): { samples: SampleColumnsView | null; samplesReason: string | null } {
  const cell = sampleCellOf(stats);
  return { samples: cell.columns ? sampleColumnsView(cell.columns) : null, samplesReason: cell.reason };
}

export function compareView(c: Comparison): CompareView {
  const lines = renderComparisonLines(c);
  return {
    a: { name: basename(c.a.file), records: c.a.records, figures: { lAcc: c.a.figures.labelAccuracy, sCorr: c.a.figures.sCorr, fScore: c.a.figures.fScore } },
    b: { name: basename(c.b.file), records: c.b.records, figures: { lAcc: c.b.figures.labelAccuracy, sCorr: c.b.figures.sCorr, fScore: c.b.figures.fScore } },
    join: lines.join,
    mcnemar: lines.mcnemar,
    sCorrDelta: lines.sCorrDelta,
    convention: lines.convention,
    transitions: CLASSES.map((from) => CLASSES.map((to) => c.transitions[from][to])),
    changed: c.changed.map((x) => ({ indexA: x.indexA, indexB: x.indexB, idA: x.idA, from: x.from, to: x.to })),
    samples: c.samples ? sampledCompareView(c.samples) : null,
  };
}

const ratio = (f: SampleFigure) => (f.value === null ? '' : `${f.count ?? ''}/${f.denominator}`);

/** The sampled comparison's figures (each with its count and denominator) and sentences, as the CLI says them. */
function sampledCompareView(s: SampledComparison): SampledCompareView {
  const lines = renderSampledLines(s);
  const m = s.majority;
  const c = s.sCorrPerSample;
  return {
    heading: lines.heading,
    join: lines.join,
    figures: [
      { name: 'L-Acc by majority', a: m.a.value, b: m.b.value, aRatio: ratio(m.a), bRatio: ratio(m.b), aCounted: counted(m.a), bCounted: counted(m.b) },
      { name: 'S-Corr per sample', a: c.a.value, b: c.b.value, aRatio: ratio(c.a), bRatio: ratio(c.b), aCounted: counted(c.a), bCounted: counted(c.b) },
    ],
    mcnemar: lines.mcnemar,
    sCorrDelta: lines.sCorrDelta,
    notes: [...lines.notes],
  };
}

function verdictText(r: EvalRecord): string {
  const f = r.fidelity;
  const pred = r.judgments[0]?.verdict ?? null;
  return `verdict ${pred ?? 'unreadable'} vs gold ${r.goldLabel ?? 'none'} · fidelity ${f ? `${f.verdict} (${f.origin})` : 'none'}`;
}

/** The two records of a changed pair, each rationale with its lexical alignment to the gold of run a's record. */
export function recordPairView(changed: number, kinds: { a: RecordKind; b: RecordKind }, a: EvalRecord, b: EvalRecord): RecordPairView {
  const gold = goldText(a) ?? '';
  const side = (r: EvalRecord, kind: RecordKind) => {
    // Aligned against the same gold text (run a's record), so the two sides compare like with like.
    const aligned = alignmentViews({ ...r, goldRationales: a.goldRationales })[0] ?? null;
    return { kind, verdict: verdictText(r), rationale: r.judgments[0]?.rationale ?? '', alignment: aligned && aligned.against === 'gold' && aligned.judgment === 0 ? aligned : null };
  };
  return { changed, gold, a: side(a, kinds.a), b: side(b, kinds.b) };
}
