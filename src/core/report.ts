/** Human-readable renderings of FileStats: terminal table, CSV and Markdown (shared by CLI and extension). */
import type { Interval, Summary } from './metrics';
import type { FileStats } from './stats';

export function pct(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

export function interval(iv: Interval | null): string {
  return iv ? `[${(iv[0] * 100).toFixed(1)}–${(iv[1] * 100).toFixed(1)}]` : '';
}

/** The honest one-line reason a figure is undefined. */
export function sCorrNote(s: Summary): string {
  if (s.sCorr !== null) return `${s.fidelity.misaligned}/${s.fidelity.aligned + s.fidelity.misaligned} label-correct rationales misaligned`;
  if (s.labelCorrect === 0) return 'no label-correct records';
  return 'no fidelity verdicts yet (run `rationale-lens judge`)';
}

export function renderTable(stats: FileStats): string {
  const s = stats.overall;
  const lines: string[] = [];
  lines.push(`${stats.file}`);
  lines.push(`format ${stats.format} (${stats.container}) · ${s.records} records · ${stats.malformed} malformed skipped · ${stats.warnings} warnings`);
  lines.push('');
  const row = (name: string, value: string, iv: string, note: string) => `  ${name.padEnd(8)} ${value.padStart(7)}  ${iv.padEnd(13)}  ${note}`;
  lines.push(row('L-Acc', pct(s.labelAccuracy), interval(s.labelAccuracyInterval), `${s.labelCorrect}/${s.records} label-correct${s.unparseable ? `, ${s.unparseable} unparseable` : ''}`));
  lines.push(row('S-Corr', pct(s.sCorr), interval(s.sCorrInterval), sCorrNote(s)));
  const fDen = s.records - s.fidelity.callFail - s.fidelity.parseFail;
  lines.push(row('F-Score', pct(s.fScore), interval(s.fScoreInterval), s.fScore === null ? 'undefined' : `${s.fidelity.aligned}/${fDen} aligned`));
  lines.push('');
  const f = s.fidelity;
  lines.push(`  fidelity: ${f.aligned} aligned · ${f.misaligned} misaligned · ${f.callFail} call-fail · ${f.parseFail} parse-fail · ${f.skipped} skipped · ${f.unjudged} unjudged`);
  const t = s.table;
  lines.push('                    aligned  misaligned  not judged');
  lines.push(`  label correct   ${String(t.labelCorrect.aligned).padStart(8)}  ${String(t.labelCorrect.misaligned).padStart(10)}  ${String(t.labelCorrect.notJudged).padStart(10)}`);
  lines.push(`  label wrong     ${String(t.labelIncorrect.aligned).padStart(8)}  ${String(t.labelIncorrect.misaligned).padStart(10)}  ${String(t.labelIncorrect.notJudged).padStart(10)}`);
  if (s.positions) {
    const p = s.positions;
    const of = (n: number) => `${n}/${s.records} (${pct(s.records ? n / s.records : null)})`;
    lines.push('');
    lines.push(`  positions: original ${of(p.originalCorrect)} · swapped ${of(p.swappedCorrect)} · both ${of(p.bothCorrect)} · agree ${of(p.agree)} · combined ${of(p.combinedCorrect)}`);
  }
  if (s.parserDisagreements && stats.verdictCheck) lines.push(`  note: ${s.parserDisagreements} file verdicts differ from the verdict written in the judgment text`);
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

const CSV_COLUMNS = ['group', 'records', 'labelCorrect', 'labelAccuracy', 'sCorr', 'sCorrLow', 'sCorrHigh', 'fScore', 'aligned', 'misaligned', 'callFail', 'parseFail', 'skipped', 'unjudged', 'unparseable'] as const;

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(stats: FileStats): string {
  const row = (key: string, s: Summary) =>
    [key, s.records, s.labelCorrect, s.labelAccuracy, s.sCorr, s.sCorrInterval?.[0] ?? null, s.sCorrInterval?.[1] ?? null, s.fScore, s.fidelity.aligned, s.fidelity.misaligned, s.fidelity.callFail, s.fidelity.parseFail, s.fidelity.skipped, s.fidelity.unjudged, s.unparseable]
      .map(csvCell)
      .join(',');
  return [CSV_COLUMNS.join(','), row('(all)', stats.overall), ...stats.groups.map((g) => row(g.key, g))].join('\n');
}

export function renderMarkdown(stats: FileStats): string {
  const s = stats.overall;
  const lines = [
    `### ${stats.file.split(/[\\/]/).pop() ?? stats.file}`,
    '',
    `Format \`${stats.format}\`, ${s.records} records, ${stats.malformed} malformed.`,
    '',
    '| Metric | Value | 95% CI | Counts |',
    '| --- | --- | --- | --- |',
    `| L-Acc | ${pct(s.labelAccuracy)} | ${interval(s.labelAccuracyInterval)} | ${s.labelCorrect}/${s.records} |`,
    `| S-Corr | ${pct(s.sCorr)} | ${interval(s.sCorrInterval)} | ${s.fidelity.misaligned}/${s.fidelity.aligned + s.fidelity.misaligned} |`,
    `| F-Score | ${pct(s.fScore)} | ${interval(s.fScoreInterval)} | ${s.fidelity.aligned}/${s.records - s.fidelity.callFail - s.fidelity.parseFail} |`,
  ];
  if (stats.groups.length > 1) {
    lines.push('', `| ${stats.groupBy ?? 'group'} | records | L-Acc | S-Corr | F-Score |`, '| --- | --- | --- | --- | --- |');
    for (const g of stats.groups) lines.push(`| ${g.key.replace(/\|/g, '\\|')} | ${g.records} | ${pct(g.labelAccuracy)} | ${pct(g.sCorr)} | ${pct(g.fScore)} |`);
  }
  return lines.join('\n');
}
