/**
 * Failure themes as text: the CLI's table, `compare`'s theme sizes between two runs, the Markdown
 * section of the summary export, and the JSON shape `--json` prints. Record text is cut to one line
 * and escaped (inlineText) so a claim cannot forge lines or columns; the CLI's output filter escapes
 * what remains.
 */
import { inlineText } from '../text/terminalText';
import type { ThemeSet } from './assemble';
import type { Theme, ThemeFigures } from './themeSet';

const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** One line of record text, whitespace collapsed, escaped, cut at `max` characters. */
function claimLine(text: string, max = 140): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return inlineText(t.length > max ? `${t.slice(0, max - 1)}…` : t);
}

function groupingLine(set: ThemeSet): string {
  const g = set.grouping;
  const how = g.kind === 'lexical' ? 'grouped by shared key terms (offline)' : `clustered by embedding (${inlineText(g.model)}, cut ${g.cut})${g.titleModel ? `, titled by ${inlineText(g.titleModel)}` : ''}`;
  return `${how}; failure claims from the ${inlineText(set.aligner)} aligner`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function renderThemes(set: ThemeSet, file: string): string {
  const t0 = set.totals[0];
  const lines = [`failure themes of ${inlineText(file)}: ${groupingLine(set)}`];
  if (t0) {
    lines.push(
      `${t0.spurious} spurious records, ${t0.spuriousExplained} explained by a theme below · ${t0.failureClaims} failure claims (decisive gold claims missed or contradicted) in ${t0.withFailures} of ${t0.aligned} records aligned, ${t0.unthemedClaims} in no theme`,
    );
  }
  const st = set.samples?.totals[0];
  if (st) {
    lines.push(
      `samples: rows repeat records, so each row is a sample · ${st.spuriousSamples} spurious samples of ${st.samples}, ${st.explainedSamples} explained by a theme below · ${st.spuriousRecords} of ${st.records} records have a spurious sample, ${st.explainedRecords} explained`,
    );
  }
  if (set.themes.length === 0) lines.push('no theme: no failure is shared by two records');
  else {
    lines.push('', ` #  ${pad('theme', 44)} records  spurious  S-Corr  L-Acc   id`);
    set.themes.forEach((t, i) => {
      const f = t.figures[0] as ThemeFigures;
      const mark = t.titleSource === 'researcher' ? '*' : ' ';
      lines.push(`${pad(String(i + 1), 2)}${mark} ${pad(claimLine(t.title, 44), 44)} ${pad(String(f.records), 8)} ${pad(String(f.spurious), 9)} ${pad(pct(f.sCorr), 7)} ${pad(pct(f.lAcc), 7)} ${inlineText(t.id)}`);
      const sc = set.samples?.themes[t.id]?.[0];
      if (sc) lines.push(`      per sample: ${sc.samples} samples, ${sc.spuriousSamples} spurious · per record: ${sc.records} records, ${sc.spuriousRecords} with a spurious sample`);
      for (const e of t.examples) lines.push(`      e.g. record ${inlineText(e.recordId)} (${e.failure}): ${claimLine(e.goldClaim)}${e.rationaleClaim ? ` ⟂ rationale: ${claimLine(e.rationaleClaim, 80)}` : ''}`);
    });
    if (set.themes.some((t) => t.titleSource === 'researcher')) lines.push('', '* renamed by you');
  }
  if (set.dismissed.length) lines.push('', `dismissed: ${set.dismissed.map((t) => `${claimLine(t.title, 60)} (${inlineText(t.id)})`).join('; ')}`);
  for (const n of set.notes) lines.push(`note: ${inlineText(n)}`);
  lines.push('', 'S-Corr and L-Acc are among the theme\'s records; rename, merge, split or dismiss with --rename <id>=<title>, --merge <id>,<id>, --split <id>, --dismiss <id>');
  return lines.join('\n');
}

/** What `--json` prints: the set, each theme's records as indexes and ids. */
export function themesJson(set: ThemeSet): unknown {
  const { grouping, aligner, totals, notes } = set;
  const theme = (t: Theme) => ({ id: t.id, title: t.title, titleSource: t.titleSource, words: t.words, claims: t.claims, figures: t.figures, records: t.recordIndexes, examples: t.examples });
  return { grouping, aligner, totals, themes: set.themes.map(theme), dismissed: set.dismissed.map(theme), notes, samples: set.samples };
}

/** `compare --themes`: each theme's records and spurious records in run a and run b (one grouping over both runs). */
export function renderThemeChanges(set: ThemeSet): string {
  const lines = ['failure themes, a → b (one grouping over both runs\' failure claims; records and spurious records per run):'];
  if (set.themes.length === 0) lines.push('  no theme: no failure is shared by two records');
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  for (const t of set.themes) {
    const [a, b] = t.figures as [ThemeFigures, ThemeFigures | undefined];
    const rb = b?.records ?? 0;
    const sb = b?.spurious ?? 0;
    lines.push(`  ${pad(claimLine(t.title, 44), 44)} records ${a.records} → ${rb} (${sign(rb - a.records)}) · spurious ${a.spurious} → ${sb} (${sign(sb - a.spurious)})`);
  }
  return lines.join('\n');
}

/** The summary export's section (Markdown): one row a theme; text escaped by the caller's cell function. */
export function themesMarkdown(set: ThemeSet, cell: (text: string) => string): string {
  const lines = ['## Failure themes', '', `${cell(groupingLine(set))}.`, ''];
  if (set.themes.length === 0) return [...lines, 'No failure is shared by two records.', ''].join('\n');
  lines.push('| Theme | Records | Spurious explained | S-Corr | L-Acc | Example |', '| --- | ---: | ---: | ---: | ---: | --- |');
  for (const t of set.themes) {
    const f = t.figures[0] as ThemeFigures;
    const e = t.examples[0];
    lines.push(`| ${cell(t.title)} | ${f.records} | ${f.spurious} | ${pct(f.sCorr)} | ${pct(f.lAcc)} | ${e ? `${cell(e.recordId)}: ${cell(claimLine(e.goldClaim, 120))}` : ''} |`);
  }
  return [...lines, ''].join('\n');
}
