/** Human-readable renderings of FileStats: terminal table, CSV and Markdown (shared by CLI and extension). */
import type { Interval } from '../statistics/interval';
import type { Summary } from '../statistics/metrics';
import { classCounts } from '../statistics/metrics';
import type { IssueGroup } from '../dataset/issueGroups';
import type { FileStats } from '../tally/fileTally';
import { formatAudit } from '../verdicts/judgeAudit';
import { plural } from '../text/plural';
import { ownConventionLines, PAPER_SCORER } from '../scorers/conventions';
import { renderSamplesSection } from '../samples/render';
import type { SelfContradicted } from '../why/selfContradiction';

export function formatIssueGroup(g: IssueGroup): string {
  const i = g.first;
  const where = `${i.file}:${i.line}${i.column ? `:${i.column}` : ''}`;
  const more = g.count > 1 ? ` (${g.count} records with this ${i.severity}: lines ${g.lines.join(', ')}${g.count > g.lines.length ? ', …' : ''})` : '';
  return `${where}: ${i.severity}: ${i.field ? `${i.field}: ` : ''}${i.message}${more}`;
}

export function pct(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

export function interval(iv: Interval | null): string {
  return iv ? `[${(iv[0] * 100).toFixed(1)}–${(iv[1] * 100).toFixed(1)}]` : '';
}

/** The honest one-line reason a figure is undefined. */
export function sCorrNote(s: Summary): string {
  if (s.sCorr !== null) return `${s.fidelity.misaligned}/${s.fidelity.aligned + s.fidelity.misaligned} label-correct rationales misaligned${s.fidelityBasis === 'marks' ? ' (human marks, no gold rationale)' : ''}`;
  if (s.records > 0 && s.withGoldLabel === 0) return 'no gold labels in the file';
  if (s.labelCorrect === 0) return 'no label-correct records';
  if (s.withGoldRationale === 0) return 'no gold rationales in the file: the fidelity judge needs one (a person may still mark rationales)';
  return 'no fidelity verdicts yet (run `rationale-lens judge`)';
}

function labelAccuracyNote(s: Summary): string {
  if (s.labelAccuracy === null) return s.records === 0 ? 'no records' : 'no gold labels in the file';
  return `${s.labelCorrect}/${s.records} label-correct${s.unparseable ? `, ${s.unparseable} unparseable` : ''}`;
}

function fScoreNote(s: Summary): string {
  if (s.fScore === null) return s.records > 0 && s.withGoldLabel === 0 ? 'no gold labels in the file' : 'undefined: no fidelity verdicts';
  return `${s.fidelity.aligned}/${s.fScoreDenominator} aligned${s.fidelityBasis === 'marks' ? ' (marked or label-wrong records only)' : ''}`;
}

/**
 * The label-correct records without a usable fidelity verdict, by class, with how F-Score counts
 * each (none when there are none): the CLI's table and the editor's summaries say them.
 */
export function classNotes(s: Summary): string[] {
  const k = classCounts(s);
  const out: string[] = [];
  if (k['judge-failed']) out.push(`judge failed: ${k['judge-failed']} label-correct ${plural(k['judge-failed'], 'record')} (CallFail/ParseFail): F-Score and S-Corr leave ${k['judge-failed'] === 1 ? 'it' : 'them'} out`);
  if (k['never-judged']) {
    const fCounts = s.fScore === null ? 'no F-Score until some record is judged' : s.fidelityBasis === 'marks' ? 'F-Score and S-Corr leave them out (human marks)' : 'F-Score counts them as not aligned, S-Corr leaves them out';
    out.push(`never judged: ${k['never-judged']} label-correct ${plural(k['never-judged'], 'record')} without a fidelity verdict: ${fCounts}`);
  }
  return out;
}

/** "verdicts in force: 40 from the file · 12 from the LLM judge (journal) · 1 human mark", or null when there are none. */
function originsLine(s: Summary): string | null {
  const o = s.origins;
  if (o.file + o.llm + o.human === 0) return null;
  const parts = [o.file ? `${o.file} from the file` : '', o.llm ? `${o.llm} from the LLM judge (journal)` : '', o.human ? `${o.human} human ${plural(o.human, 'mark')}` : ''].filter(Boolean);
  return `fidelity verdicts in force: ${parts.join(' · ')}`;
}

/** "rationale argues for the other response (heuristic): 3 of 120 judgments (2.5%) · 1 of 80 label-correct (right by accident)". */
function selfContradictedLine(c: SelfContradicted): string {
  const lc = c.labelCorrect;
  return `rationale argues for the other response than its verdict (heuristic): ${c.contradicted} of ${c.judgments} ${plural(c.judgments, 'judgment')} checked (${pct(c.rate)}) · ${lc.contradicted} of ${lc.judgments} label-correct (${pct(c.labelCorrectRate)}, right by accident) · ${c.unclear} unclear`;
}

export function renderTable(stats: FileStats): string {
  const s = stats.overall;
  const lines: string[] = [];
  lines.push(`${stats.file}`);
  lines.push(`format ${stats.format} (${stats.container}) · ${s.records} ${plural(s.records, 'record')} · ${stats.malformed} malformed skipped · ${stats.warnings} ${plural(stats.warnings, 'warning')}`);
  const origins = originsLine(s);
  if (origins) lines.push(origins);
  lines.push('');
  const row = (name: string, value: string, iv: string, note: string) => `  ${name.padEnd(8)} ${value.padStart(7)}  ${iv.padEnd(13)}  ${note}`;
  const own = ownConventionLines(stats.conventions, (x) => pct(x));
  if (own.length) lines.push(`as ${PAPER_SCORER} computes them:`);
  lines.push(row('L-Acc', pct(s.labelAccuracy), interval(s.labelAccuracyInterval), labelAccuracyNote(s)));
  lines.push(row('S-Corr', pct(s.sCorr), interval(s.sCorrInterval), sCorrNote(s)));
  lines.push(row('F-Score', pct(s.fScore), interval(s.fScoreInterval), fScoreNote(s)));
  for (const note of s.notes) lines.push(`  note: ${note}`);
  if (stats.audit) lines.push(`  ${formatAudit(stats.audit)}`);
  if (own.length) lines.push('', ...own);
  lines.push('');
  const f = s.fidelity;
  lines.push(`  fidelity: ${f.aligned} aligned · ${f.misaligned} misaligned · ${f.callFail} call-fail · ${f.parseFail} parse-fail · ${f.skipped} skipped · ${f.unjudged} unjudged`);
  const t = s.table;
  lines.push('                    aligned  misaligned  not judged');
  lines.push(`  label correct   ${String(t.labelCorrect.aligned).padStart(8)}  ${String(t.labelCorrect.misaligned).padStart(10)}  ${String(t.labelCorrect.notJudged).padStart(10)}`);
  lines.push(`  label wrong     ${String(t.labelIncorrect.aligned).padStart(8)}  ${String(t.labelIncorrect.misaligned).padStart(10)}  ${String(t.labelIncorrect.notJudged).padStart(10)}`);
  lines.push(...classNotes(s).map((n) => `  ${n}`));
  if (s.positions) {
    const p = s.positions;
    const of = (n: number) => `${n}/${s.records} (${pct(s.records ? n / s.records : null)})`;
    lines.push('');
    lines.push(`  positions: original ${of(p.originalCorrect)} · swapped ${of(p.swappedCorrect)} · both ${of(p.bothCorrect)} · agree ${of(p.agree)} · combined ${of(p.combinedCorrect)}`);
  }
  if (s.parserDisagreements && stats.verdictCheck) lines.push(`  note: ${s.parserDisagreements} file verdicts differ from the verdict written in the judgment text`);
  if (stats.samples) lines.push('', ...renderSamplesSection(stats.samples));
  if (stats.selfContradicted) lines.push(`  ${selfContradictedLine(stats.selfContradicted)}`);
  if (stats.groups.length > 1 || (stats.groups.length === 1 && stats.groups[0]?.key !== '(none)')) {
    lines.push('');
    const width = Math.min(40, Math.max(8, ...stats.groups.map((g) => g.key.length)));
    lines.push(`  ${(stats.groupBy ?? '').padEnd(width)}  records   L-Acc  S-Corr  F-Score`);
    for (const g of stats.groups) {
      lines.push(`  ${g.key.slice(0, width).padEnd(width)}  ${String(g.records).padStart(7)}  ${pct(g.labelAccuracy).padStart(6)}  ${pct(g.sCorr).padStart(6)}  ${pct(g.fScore).padStart(7)}`);
    }
  }
  return lines.join('\n');
}

/**
 * `unjudged` is every record without a fidelity verdict (label-wrong ones too), as before 0.2.0;
 * `judgeFailed` and `neverJudged` (appended, so existing columns keep their places) are the
 * label-correct records of those two classes: CallFail/ParseFail, and no verdict at all.
 */
const CSV_COLUMNS = ['group', 'records', 'labelCorrect', 'labelAccuracy', 'sCorr', 'sCorrLow', 'sCorrHigh', 'fScore', 'aligned', 'misaligned', 'callFail', 'parseFail', 'skipped', 'unjudged', 'unparseable', 'judgeFailed', 'neverJudged'] as const;

/**
 * One CSV cell. Text from the data that a spreadsheet would run as a formula (starting with `=`,
 * `+`, `-`, `@`, a tab or CR) gets a leading `'`; quotes, commas, CR and LF are quoted.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A Markdown table cell: pipes escaped, line breaks (which would end the row) made spaces. */
export function markdownCell(v: string): string {
  return v.replace(/\r\n?|\n/g, ' ').replace(/\|/g, '\\|');
}

export function renderCsv(stats: FileStats): string {
  const row = (key: string, s: Summary) => {
    const k = classCounts(s);
    return [key, s.records, s.labelCorrect, s.labelAccuracy, s.sCorr, s.sCorrInterval?.[0] ?? null, s.sCorrInterval?.[1] ?? null, s.fScore, s.fidelity.aligned, s.fidelity.misaligned, s.fidelity.callFail, s.fidelity.parseFail, s.fidelity.skipped, s.fidelity.unjudged, s.unparseable, k['judge-failed'], k['never-judged']]
      .map(csvCell)
      .join(',');
  };
  return [CSV_COLUMNS.join(','), row('(all)', stats.overall), ...stats.groups.map((g) => row(g.key, g))].join('\n');
}

export function renderMarkdown(stats: FileStats): string {
  const s = stats.overall;
  const lines = [
    `### ${stats.file.split(/[\\/]/).pop() ?? stats.file}`,
    '',
    `Format \`${stats.format}\`, ${s.records} ${plural(s.records, 'record')}, ${stats.malformed} malformed.`,
    '',
    '| Metric | Value | 95% CI | Counts |',
    '| --- | --- | --- | --- |',
    `| L-Acc | ${pct(s.labelAccuracy)} | ${interval(s.labelAccuracyInterval)} | ${s.labelCorrect}/${s.records} |`,
    `| S-Corr | ${pct(s.sCorr)} | ${interval(s.sCorrInterval)} | ${s.fidelity.misaligned}/${s.fidelity.aligned + s.fidelity.misaligned} |`,
    `| F-Score | ${pct(s.fScore)} | ${interval(s.fScoreInterval)} | ${s.fidelity.aligned}/${s.fScoreDenominator} |`,
    ...s.notes.map((n) => `\n*Note: ${n}.*`),
  ];
  if (stats.selfContradicted) lines.push('', `*${selfContradictedLine(stats.selfContradicted).replace(/^r/, 'R')}.*`);
  const own = ownConventionLines(stats.conventions, (x) => pct(x));
  if (own.length) lines.push('', `*The table above is ${PAPER_SCORER}. The file's own scorer gives other figures:*`, '', '```text', ...own, '```');
  if (stats.groups.length > 1) {
    lines.push('', `| ${stats.groupBy ?? 'group'} | records | L-Acc | S-Corr | F-Score |`, '| --- | --- | --- | --- | --- |');
    for (const g of stats.groups) lines.push(`| ${markdownCell(g.key)} | ${g.records} | ${pct(g.labelAccuracy)} | ${pct(g.sCorr)} | ${pct(g.fScore)} |`);
  }
  return lines.join('\n');
}
