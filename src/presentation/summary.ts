/**
 * The figures of a session as the status bar, its tooltip and the summary documents show them:
 * a FileStats adapter for core/reports/report.ts's renderers, and the honest wording when a figure is
 * undefined (no gold labels, no gold judgments, no fidelity verdicts, no label-correct records).
 */
import type { Summary } from '../core/statistics/metrics';
import { classNotes, interval, pct, renderCsv, renderMarkdown, sCorrNote } from '../core/reports/report';
import type { DatasetSession, SessionSnapshot } from '../core/session/session';
import type { FileStats } from '../core/tally/fileTally';
import { escapeMarkdownEntities } from './markdownText';
import { counted, plural } from '../core/text/plural';
import { adapterByName } from '../core/formats';
import { conventionsOf, figureText } from '../core/scorers/conventions';
import type { SelfContradicted } from '../core/why/selfContradiction';

export interface SummaryView {
  readonly snapshot: SessionSnapshot;
  /** No record has a gold label (e.g. MT-Bench judgments, whose labels live in another file). */
  readonly noGoldLabels: boolean;
  /** LLM verdicts dropped because their rationale changed. */
  readonly stale: number;
  readonly overlayProblems: readonly string[];
}

/** The same view of a whole-file tally (the status bar's fast path, before the session has indexed the file). */
export function summaryViewOfStats(stats: FileStats): SummaryView {
  const s = stats.overall;
  const snapshot: SessionSnapshot = { file: stats.file, format: stats.format, container: stats.container, loading: false, records: s.records, summary: s, groups: stats.groups, malformed: stats.malformed, warnings: stats.warnings, bothOrders: s.positions !== null, hasGoldRationales: s.withGoldRationale > 0, audit: stats.audit };
  return { snapshot, noGoldLabels: s.records > 0 && s.withGoldLabel === 0, stale: stats.overlay?.stale ?? 0, overlayProblems: stats.overlay?.problems ?? [] };
}

export function summaryView(session: DatasetSession): SummaryView {
  const snapshot = session.snapshot();
  return { snapshot, noGoldLabels: snapshot.records > 0 && snapshot.summary.withGoldLabel === 0, stale: session.staleVerdicts, overlayProblems: session.overlayProblems };
}

/** FileStats as core/reports/report.ts expects; `escaped` makes file and group names safe to render as Markdown. */
export function toFileStats(session: DatasetSession, snapshot: SessionSnapshot = session.snapshot(), escaped = false, selfContradicted: SelfContradicted | null = null): FileStats {
  const name = (s: string) => (escaped ? escapeMarkdownEntities(s) : s);
  const base = snapshot.file.split(/[\\/]/).pop() ?? snapshot.file;
  return {
    file: escaped ? name(base) : snapshot.file,
    format: snapshot.format,
    container: snapshot.container,
    overall: snapshot.summary,
    groupBy: 'subset',
    groups: snapshot.groups.map((g) => ({ ...g, key: name(g.key) })),
    malformed: snapshot.malformed,
    warnings: snapshot.warnings,
    verdictCheck: true,
    issues: session.issues,
    issueGroups: session.issueGroups,
    audit: snapshot.audit,
    // Read from every rationale: the caller checks them first (ContradictionCache.selfContradicted).
    selfContradicted,
    overlay: { llm: snapshot.summary.origins.llm, human: snapshot.summary.origins.human, stale: session.staleVerdicts, problems: session.overlayProblems },
    conventions: conventionsOf(adapterByName(snapshot.format) ?? {}, snapshot.summary),
    // The session does not group sample sets (yet): the exported summary has the file's figures only.
    samples: null,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why S-Corr is undefined, in a few words. */
function sCorrReason(view: SummaryView): string {
  const s = view.snapshot.summary;
  if (view.noGoldLabels) return 'no gold labels';
  if (s.labelCorrect === 0) return 'no label-correct records';
  if (s.fidelity.aligned + s.fidelity.misaligned === 0 && !view.snapshot.hasGoldRationales && s.records === s.fidelity.unjudged) return 'no gold judgments';
  return 'no fidelity verdicts';
}

/** `S-Corr 29.2% · L-Acc 76.3% (n=1,000)`, or the nearest honest statement. */
/** `after`: what follows the figures (a file with samples: its sample figures, which say k instead of n). */
export function statusText(view: SummaryView, after = ''): string {
  const { snapshot } = view;
  const s = snapshot.summary;
  const unreadable = snapshot.malformed ? ` · $(warning) ${count(snapshot.malformed)} unreadable` : '';
  if (snapshot.records === 0) return `Rationale Lens: no records${unreadable}`;
  const n = after ? '' : ` (n=${count(s.records)})`;
  if (view.noGoldLabels) return `Rationale Lens: no gold labels${n}${after}${unreadable}`;
  const lAcc = `L-Acc ${pct(s.labelAccuracy)}`;
  if (s.sCorr !== null) return `S-Corr ${pct(s.sCorr)} · ${lAcc}${n}${after}${unreadable}`;
  return `${lAcc}${n} · S-Corr: ${sCorrReason(view)}${after}${unreadable}`;
}

function figureRows(s: Summary): string[] {
  const fDen = s.records - s.fidelity.callFail - s.fidelity.parseFail;
  return [
    '| | Value | 95% CI | Counts |',
    '| --- | ---: | --- | --- |',
    `| L-Acc | ${pct(s.labelAccuracy)} | ${interval(s.labelAccuracyInterval)} | ${count(s.labelCorrect)}/${count(s.records)} label-correct |`,
    `| S-Corr | ${pct(s.sCorr)} | ${interval(s.sCorrInterval)} | ${count(s.fidelity.misaligned)}/${count(s.fidelity.aligned + s.fidelity.misaligned)} misaligned |`,
    `| F-Score | ${pct(s.fScore)} | ${interval(s.fScoreInterval)} | ${s.fScore === null ? 'undefined' : `${count(s.fidelity.aligned)}/${count(fDen)} aligned`} |`,
  ];
}

function tableRows(s: Summary): string[] {
  const t = s.table;
  return [
    '| | aligned | misaligned | not judged |',
    '| --- | ---: | ---: | ---: |',
    `| label correct | ${count(t.labelCorrect.aligned)} | ${count(t.labelCorrect.misaligned)} | ${count(t.labelCorrect.notJudged)} |`,
    `| label wrong | ${count(t.labelIncorrect.aligned)} | ${count(t.labelIncorrect.misaligned)} | ${count(t.labelIncorrect.notJudged)} |`,
  ];
}

/** Notes every rendering carries: what is undefined and why, what was skipped, parser disagreements, positions. */
function notes(view: SummaryView): string[] {
  const { snapshot } = view;
  const s = snapshot.summary;
  const out: string[] = [];
  if (view.noGoldLabels) out.push('No record has a gold label, so L-Acc, S-Corr and F-Score are undefined (MT-Bench keeps its human labels in a separate file).');
  else if (s.sCorr === null) {
    const reason = sCorrReason(view);
    out.push(
      reason === 'no gold judgments'
        ? 'S-Corr is undefined: this file has no gold judgments (reference rationales), so no fidelity verdict can be given.'
        : `S-Corr is undefined: ${sCorrNote(s).replace(' (run `rationale-lens judge`)', '')}.`,
    );
  }
  if (!view.noGoldLabels) for (const n of s.notes) out.push(`${n.charAt(0).toUpperCase()}${n.slice(1)}.`);
  const own = adapterByName(snapshot.format)?.ownScorer?.figures(s);
  if (own) out.push(`The figures above are R-Align's (the paper's). ${own.scorer} gives ${own.figures.map((f) => `${f.metric} ${figureText(f, (x) => pct(x))}`).join('; ')}.`);
  for (const p of view.overlayProblems) out.push(`Skipped: ${p}.`);
  if (view.stale > 0) out.push(`${counted(view.stale, 'LLM verdict')} in the journal ${plural(view.stale, 'was', 'were')} given on a rationale the file no longer has; ${plural(view.stale, 'it is', 'they are')} not counted.`);
  if (s.unparseable) out.push(`${counted(s.unparseable, 'record')} ${plural(s.unparseable, 'has', 'have')} no readable verdict; ${plural(s.unparseable, 'it counts', 'they count')} as label-wrong.`);
  for (const n of classNotes(s)) out.push(`${n.charAt(0).toUpperCase()}${n.slice(1)}.`);
  if (s.parserDisagreements) out.push(`${counted(s.parserDisagreements, 'file verdict')} ${plural(s.parserDisagreements, 'differs', 'differ')} from the verdict written in the judgment text.`);
  if (snapshot.malformed || snapshot.warnings) out.push(`${counted(snapshot.malformed, 'unreadable entry', 'unreadable entries')} skipped, ${counted(snapshot.warnings, 'warning')} (see the Problems panel).`);
  if (s.positions) {
    const p = s.positions;
    const of = (x: number) => `${count(x)}/${count(s.records)} (${pct(s.records ? x / s.records : null)})`;
    out.push(`Both orders: original ${of(p.originalCorrect)} · swapped ${of(p.swappedCorrect)} · both ${of(p.bothCorrect)} · agree ${of(p.agree)} · combined ${of(p.combinedCorrect)}.`);
  }
  return out;
}

/** Status bar tooltip: every figure with its interval and counts, the fidelity counts and the 2×2 table. */
export function tooltipMarkdown(view: SummaryView): string {
  const { snapshot } = view;
  const s = snapshot.summary;
  const f = s.fidelity;
  const base = snapshot.file.split(/[\\/]/).pop() ?? snapshot.file;
  return [
    `**Rationale Lens** · ${escapeMarkdownEntities(base)} · format ${escapeMarkdownEntities(snapshot.format)} (${snapshot.container})`,
    '',
    ...figureRows(s),
    '',
    `Fidelity verdicts: ${count(f.aligned)} aligned · ${count(f.misaligned)} misaligned · ${count(f.callFail)} call-fail · ${count(f.parseFail)} parse-fail · ${count(f.skipped)} skipped · ${count(f.unjudged)} none`,
    '',
    ...tableRows(s),
    '',
    ...notes(view).map((n) => `- ${n}`),
    '',
    '*Click for the full summary.*',
  ].join('\n');
}

/**
 * The summary document: core/reports/report.ts's Markdown plus the fidelity counts, the 2×2 table and
 * the notes; `selfContradicted` is the rationale-vs-verdict figure (ContradictionCache), null: not checked.
 */
export function summaryMarkdown(session: DatasetSession, selfContradicted: SelfContradicted | null = null): string {
  const view = summaryView(session);
  const s = view.snapshot.summary;
  const f = s.fidelity;
  return [
    renderMarkdown(toFileStats(session, view.snapshot, true, selfContradicted)),
    '',
    `Fidelity verdicts: ${count(f.aligned)} aligned · ${count(f.misaligned)} misaligned · ${count(f.callFail)} call-fail · ${count(f.parseFail)} parse-fail · ${count(f.skipped)} skipped · ${count(f.unjudged)} none.`,
    '',
    ...tableRows(s),
    '',
    ...notes(view).map((n) => `- ${n}`),
    '',
    `*Rationale Lens, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${escapeMarkdownEntities(view.snapshot.file)}*`,
    '',
  ].join('\n');
}

export function summaryCsv(session: DatasetSession): string {
  return `${renderCsv(toFileStats(session))}\n`;
}
