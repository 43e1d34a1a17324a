/** Converts the core's session figures, rows and records into the protocol's plain views. */
import { formatAudit } from '../core/verdicts/judgeAudit';
import { basename } from 'node:path';
import type { Interval } from '../core/statistics/interval';
import type { Summary } from '../core/statistics/metrics';
import { classCounts } from '../core/statistics/metrics';
import type { EvalRecord, Fidelity, Judgment } from '../core/record/record';
import type { RecordRow, SessionSnapshot } from '../core/session/session';
import { goldReferenceText } from '../core/align/alignTarget';
import { anchorKeyPoints } from '../core/align/keyPoints';
import type { FidelityView, GroupView, JudgmentView, MetricView, RowView, SamplesSummaryView, SnapshotView, SummaryView } from '../protocol/messages';
import { RECORD_KINDS } from '../protocol/messages';
import { adapterByName } from '../core/formats';
import { figureText } from '../core/scorers/conventions';
import { pct } from '../core/reports/report';
import { ARGUMENT_HEURISTIC_NOTE } from '../core/why/verdictArgument';
import { argumentOfJudgment } from './verdictArgument';

/** The rationale-vs-verdict check for the record view; null when the judgment has no A/B verdict or no rationale. */
function judgmentArgument(j: Judgment): JudgmentView['argument'] {
  if ((j.verdict !== 'A' && j.verdict !== 'B') || j.rationale.trim() === '') return null;
  const r = argumentOfJudgment(j);
  return { argues: r.argues, contradicts: r.contradicts, evidence: r.evidence.map((e) => ({ start: e.start, end: e.end, argues: e.argues, explicit: e.explicit })), note: ARGUMENT_HEURISTIC_NOTE };
}

/** Longest text sent for display; longer fields are cut and listed in RecordView.truncated. */
const MAX_DISPLAY_CHARS = 1_000_000;

function metric(value: number | null, iv: Interval | null, num: number, den: number, note: string): MetricView {
  return { value, low: iv?.[0] ?? null, high: iv?.[1] ?? null, num, den, note };
}

const n = (x: number): string => x.toLocaleString('en-US');

/** `hasGoldRationales` false: S-Corr cannot exist for this file, so say that rather than "yet". */
function summaryView(s: Summary, hasGoldRationales = true): SummaryView {
  const judged = s.fidelity.aligned + s.fidelity.misaligned;
  const fDen = s.records - s.fidelity.callFail - s.fidelity.parseFail;
  const noVerdicts = hasGoldRationales ? 'no fidelity verdicts yet' : 'no gold judgments in this file, so no fidelity verdicts';
  const lAccNote = s.records === 0 ? 'no records yet' : `${n(s.labelCorrect)}/${n(s.records)} label-correct${s.unparseable ? `, ${n(s.unparseable)} unparseable` : ''}`;
  const sCorrNote =
    s.sCorr !== null ? `${n(s.fidelity.misaligned)}/${n(judged)} label-correct rationales misaligned` : s.records === 0 ? 'no records yet' : s.labelCorrect === 0 ? 'no label-correct records' : noVerdicts;
  const fNote = s.fScore !== null ? `${n(s.fidelity.aligned)}/${n(fDen)} aligned` : s.records === 0 ? 'no records yet' : noVerdicts;
  return {
    records: s.records,
    labelCorrect: s.labelCorrect,
    unparseable: s.unparseable,
    ties: s.ties,
    parserDisagreements: s.parserDisagreements,
    lAcc: metric(s.labelAccuracy, s.labelAccuracyInterval, s.labelCorrect, s.records, lAccNote),
    sCorr: metric(s.sCorr, s.sCorrInterval, s.fidelity.misaligned, judged, sCorrNote),
    fScore: metric(s.fScore, s.fScoreInterval, s.fidelity.aligned, Math.max(0, fDen), fNote),
    fidelity: { ...s.fidelity },
    table: { labelCorrect: { ...s.table.labelCorrect }, labelIncorrect: { ...s.table.labelIncorrect } },
    positions: s.positions ? { ...s.positions } : null,
  };
}

/**
 * Beside each of the paper's figures, the figure the file's own scorer would print (trl-ralign's
 * eval_benchmarks.py divides by all records), each naming its denominator: the header's hover.
 */
function withOwnScorer(view: SummaryView, s: Summary, format: string): SummaryView {
  const own = adapterByName(format)?.ownScorer?.figures(s);
  if (!own) return view;
  const note = (metric: string, m: MetricView): MetricView => {
    const f = own.figures.find((x) => x.metric === metric);
    return f ? { ...m, note: `R-Align (paper): ${m.note} · ${own.scorer}: ${figureText(f, (x) => pct(x))}` } : m;
  };
  return { ...view, lAcc: note('L-Acc', view.lAcc), sCorr: note('S-Corr', view.sCorr), fScore: note('F-Score', view.fScore) };
}

/** `samples`: the file's sample figures when it has several samples per record (presentation/sampleSets.ts). */
export function snapshotView(snap: SessionSnapshot, subsets: readonly string[], sizeBytes: number, samples: SamplesSummaryView | null = null): SnapshotView {
  const groups: GroupView[] = snap.groups.map((g) => ({
    key: g.key,
    records: g.records,
    labelCorrect: g.labelCorrect,
    aligned: g.fidelity.aligned,
    misaligned: g.fidelity.misaligned,
    lAcc: g.labelAccuracy,
    sCorr: g.sCorr,
    fScore: g.fScore,
  }));
  return {
    fileName: basename(snap.file),
    format: snap.format,
    container: snap.container,
    sizeBytes,
    loading: snap.loading,
    records: snap.records,
    summary: withOwnScorer(summaryView(snap.summary, snap.hasGoldRationales), snap.summary, snap.format),
    groups,
    kindCounts: classCounts(snap.summary),
    subsets: [...subsets],
    malformed: snap.malformed,
    warnings: snap.warnings,
    bothOrders: snap.bothOrders,
    hasGoldRationales: snap.hasGoldRationales,
    audit: snap.audit ? formatAudit(snap.audit) : null,
    samples,
  };
}

export function rowView(row: RecordRow, coverage: number | null, contradicts: boolean | null = null): RowView {
  return {
    index: row.index,
    id: row.id,
    line: row.line,
    kind: RECORD_KINDS.includes(row.kind) ? row.kind : 'never-judged',
    gold: row.gold,
    predicted: row.predicted,
    subset: row.subset,
    origin: row.fidelityOrigin,
    coverage,
    contradicts,
  };
}

export function cut(text: string, field: string, truncated: string[]): string {
  if (text.length <= MAX_DISPLAY_CHARS) return text;
  truncated.push(field);
  return text.slice(0, MAX_DISPLAY_CHARS);
}

export function judgmentView(j: Judgment, i: number, truncated: string[]): JudgmentView {
  return {
    order: j.order,
    verdict: j.verdict,
    parsedVerdict: j.parsedVerdict,
    verdictSource: j.verdictSource,
    model: j.model ?? null,
    thinking: j.thinking === null ? null : cut(j.thinking, `judgments[${i}].thinking`, truncated),
    rationale: cut(j.rationale, `judgments[${i}].rationale`, truncated),
    field: j.field,
    parts: (j.parts ?? []).map((p) => p.field),
    argument: judgmentArgument(j),
  };
}

/** `gold` and `rationale`: the texts the view shows, so key-point anchors index them. */
export function fidelityView(f: Fidelity | null, gold: string | null = null, rationale = ''): FidelityView | null {
  if (!f) return null;
  const overrides = (f.overrides ?? []).map((o) => ({ verdict: o.verdict, origin: o.origin, model: o.model ?? null }));
  const keyPoints = f.keyPoints ? anchorKeyPoints(f.keyPoints, gold ?? '', rationale) : [];
  return { verdict: f.verdict, origin: f.origin, analysis: f.analysis ?? null, model: f.model ?? null, error: f.error ?? null, note: f.note ?? null, overrides, keyPoints };
}

/** The gold rationales as one text, thinking removed: the text alignment reads (core/align/alignTarget.ts). */
export function goldText(record: EvalRecord): string | null {
  return goldReferenceText(record);
}
