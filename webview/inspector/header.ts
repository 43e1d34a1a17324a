/** The figures header: S-Corr, L-Acc, F-Score with intervals, the 2×2 table, positions, subsets. */
import type { GroupView, ListFlag, MetricView, SnapshotView } from '../../src/protocol/messages';
import { counted, plural } from '../../src/core/text/plural';
import { send } from '../vscodeApi/inspectorApi';
import { clear, h } from '../dom/dom';
import { bytes, count, interval, pct } from '../logic/format';
import { sampleFiguresCard } from './sampleFigures';

/** The file's problems (malformed lines, warnings) are listed in the Problems panel. */
const showProblems = (): void => send({ type: 'workbench', action: 'showProblems' });

export interface HeaderCallbacks {
  onSubset(subset: string): void;
  /** A count of records clicked: the list shows only those (again: all). */
  onFlag(flag: ListFlag): void;
  onToggleDetails(open: boolean): void;
  onFold(folded: boolean): void;
}

/** How the reader left the header: a subset picked, the details open, folded to one line. */
export interface HeaderView {
  subset: string | null;
  flag: ListFlag | null;
  detailsOpen: boolean;
  folded: boolean;
}

const DEFINITIONS = {
  sCorr: 'S-Corr (spurious correctness) = misaligned ÷ (aligned + misaligned), over label-correct records with a fidelity verdict: right answer, wrong reason.',
  lAcc: 'L-Acc (label accuracy) = label-correct ÷ all records (unparseable verdicts count as wrong).',
  fScore: 'F-Score (fidelity) = aligned ÷ (all records − fidelity-judge call and parse failures).',
};

function metricCard(id: string, name: string, m: MetricView, definition: string, primary = false): HTMLElement {
  return h(
    'div',
    { class: `metric${primary ? ' primary' : ''}${m.value === null ? ' undefined' : ''}`, attrs: { 'data-metric': id }, title: definition },
    h('div', { class: 'metric-name' }, name),
    h('div', { class: 'metric-value' }, pct(m.value)),
    h('div', { class: 'metric-ci' }, m.value === null ? '' : interval(m)),
    h('div', { class: 'metric-note' }, m.note),
  );
}

function table2x2(s: SnapshotView['summary']): HTMLElement {
  const t = s.table;
  const cell = (n: number, cls = '') => h('td', { class: `num ${cls}` }, count(n));
  return h(
    'div',
    { class: 'panel' },
    h('div', { class: 'panel-title' }, 'Label × fidelity'),
    h(
      'table',
      { class: 'grid2x2' },
      h('thead', null, h('tr', null, h('th'), h('th', null, 'aligned'), h('th', null, 'misaligned'), h('th', null, 'not judged'))),
      h(
        'tbody',
        null,
        h('tr', null, h('th', null, 'label correct'), cell(t.labelCorrect.aligned, 'k-aligned'), cell(t.labelCorrect.misaligned, 'k-spurious'), cell(t.labelCorrect.notJudged)),
        h('tr', null, h('th', null, 'label wrong'), cell(t.labelIncorrect.aligned), cell(t.labelIncorrect.misaligned), cell(t.labelIncorrect.notJudged)),
      ),
    ),
    h(
      'div',
      { class: 'panel-foot' },
      `fidelity: ${count(s.fidelity.callFail)} call-fail · ${count(s.fidelity.parseFail)} parse-fail · ${count(s.fidelity.skipped)} skipped`,
    ),
  );
}

function positions(s: SnapshotView['summary']): HTMLElement | null {
  const p = s.positions;
  if (!p) return null;
  const row = (name: string, n: number, help: string) =>
    h('tr', { title: help }, h('th', null, name), h('td', { class: 'num' }, `${count(n)}/${count(s.records)}`), h('td', { class: 'num' }, pct(s.records ? n / s.records : null)));
  return h(
    'div',
    { class: 'panel positions' },
    h('div', { class: 'panel-title' }, 'Presentation order'),
    h(
      'table',
      null,
      h(
        'tbody',
        null,
        row('original', p.originalCorrect, 'label-correct in the original order'),
        row('swapped', p.swappedCorrect, 'label-correct with A and B swapped'),
        row('both', p.bothCorrect, 'label-correct in both orders'),
        row('agree', p.agree, 'the two orders give the same verdict'),
        row('combined', p.combinedCorrect, 'correct by the JudgeBench rule: +1 per order right, −1 per order wrong'),
      ),
    ),
  );
}

function bar(value: number | null, cls: string): HTMLElement {
  const fill = h('div', { class: `bar-fill ${cls}` });
  // CSSOM style properties are allowed by the CSP (style attributes are not).
  fill.style.width = `${Math.round((value ?? 0) * 1000) / 10}%`;
  return h('div', { class: `bar${value === null ? ' empty' : ''}` }, fill);
}

function subsets(groups: readonly GroupView[], selected: string | null, cb: HeaderCallbacks): HTMLElement | null {
  if (groups.length < 2 && (groups.length === 0 || groups[0]?.key === '(none)')) return null;
  // No subset has an S-Corr yet (no fidelity verdicts): its column would only say n/a.
  const withSCorr = groups.some((g) => g.sCorr !== null);
  const rows = groups.map((g) =>
    h(
      'tr',
      {
        class: `subset-row${g.key === selected ? ' selected' : ''}`,
        title: `${g.key}: ${counted(g.records, 'record')}; L-Acc ${pct(g.lAcc)}, S-Corr ${pct(g.sCorr)} (${g.misaligned}/${g.aligned + g.misaligned}), F-Score ${pct(g.fScore)}. Click to filter.`,
        attrs: { 'data-subset': g.key },
        on: { click: () => cb.onSubset(g.key) },
      },
      h('th', { class: 'subset-name' }, g.key),
      h('td', { class: 'num' }, count(g.records)),
      h('td', { class: 'chart' }, bar(g.lAcc, 'lacc')),
      h('td', { class: 'num' }, pct(g.lAcc)),
      withSCorr ? h('td', { class: 'chart' }, bar(g.sCorr, 'scorr')) : null,
      withSCorr ? h('td', { class: 'num' }, pct(g.sCorr)) : null,
    ),
  );
  return h(
    'div',
    { class: 'panel subsets' },
    h('div', { class: 'panel-title' }, 'By subset'),
    h(
      'div',
      { class: 'subsets-scroll' },
      h(
        'table',
        null,
        h('thead', null, h('tr', null, h('th', null, 'subset'), h('th', { class: 'num' }, 'n'), h('th', { attrs: { colspan: 2 } }, 'L-Acc'), withSCorr ? h('th', { attrs: { colspan: 2 } }, 'S-Corr') : null)),
        h('tbody', null, ...rows),
      ),
    ),
  );
}

export function renderLoading(root: HTMLElement, fileName: string, records: number, shown: number, sizeBytes: number): void {
  clear(root);
  const parts = [`indexing${sizeBytes ? ` ${bytes(sizeBytes)}` : ''}…`, records ? `${counted(records, 'record')} so far` : '', shown ? `the first ${counted(shown, 'record')} can be browsed now` : ''].filter(Boolean);
  root.append(
    h('div', { class: 'title-row' }, h('span', { class: 'file-name' }, fileName), h('span', { class: 'file-meta' }, parts.join(' · '))),
    h('vscode-progress-bar', { attrs: { indeterminate: true, 'aria-label': 'Loading the file' } }),
    h('div', { class: 'metrics' }, h('div', { class: 'metric loading' }, h('div', { class: 'metric-name' }, 'S-Corr'), h('div', { class: 'metric-value' }, '…'), h('div', { class: 'metric-note' }, 'figures appear when the whole file is indexed'))),
  );
}

/** The three figures on the title line, for the folded header. */
function foldedFigures(s: SnapshotView['summary']): HTMLElement {
  const figure = (id: string, name: string, m: MetricView, definition: string) =>
    h('span', { class: 'folded-metric', attrs: { 'data-metric': id }, title: `${definition} ${m.value === null ? m.note : interval(m)}` }, `${name} `, h('span', { class: 'metric-value' }, pct(m.value)));
  return h('span', { class: 'folded-metrics' }, figure('s-corr', 'S-Corr', s.sCorr, DEFINITIONS.sCorr), figure('l-acc', 'L-Acc', s.lAcc, DEFINITIONS.lAcc), figure('f-score', 'F-Score', s.fScore, DEFINITIONS.fScore));
}

export function renderHeader(root: HTMLElement, snap: SnapshotView, view: HeaderView, cb: HeaderCallbacks): void {
  clear(root);
  root.classList.toggle('folded', view.folded);
  const s = snap.summary;
  // Counts act when clicked: records' counts filter the list, file problems open the Problems panel.
  const countButton = (text: string, title: string, act: () => void, attrs: Record<string, string> = {}) => h('button', { class: 'link-button header-count', title, attrs: { type: 'button', ...attrs }, on: { click: act } }, text);
  const differ = `${counted(s.parserDisagreements, 'file verdict')} ${plural(s.parserDisagreements, 'differs', 'differ')} from the text`;
  const meta: (string | HTMLElement)[] = [
    snap.format,
    snap.loading ? `indexing… ${counted(snap.records, 'record')} so far` : counted(snap.records, 'record'),
    snap.malformed ? countButton(`${count(snap.malformed)} malformed skipped`, 'Show them in the Problems panel', showProblems, { 'data-count': 'malformed' }) : '',
    snap.warnings ? countButton(counted(snap.warnings, 'warning'), 'Show them in the Problems panel', showProblems, { 'data-count': 'warnings' }) : '',
    s.parserDisagreements
      ? countButton(differ, view.flag === 'verdict-differs' ? 'List every record again' : 'List only these records: the verdict field says one thing, the judgment text another', () => cb.onFlag('verdict-differs'), { 'data-count': 'verdict-differs', 'aria-pressed': String(view.flag === 'verdict-differs') })
      : '',
    bytes(snap.sizeBytes),
  ].filter((part) => part !== '');
  const toggle = view.folded
    ? null
    : h(
        'button',
        { class: 'link-button details-toggle', attrs: { 'aria-expanded': view.detailsOpen ? 'true' : 'false' }, on: { click: () => cb.onToggleDetails(!view.detailsOpen) } },
        view.detailsOpen ? 'Hide details' : 'Show details',
      );
  const fold = h(
    'button',
    { class: 'link-button header-fold', attrs: { 'aria-expanded': view.folded ? 'false' : 'true' }, title: view.folded ? 'Show the figures header (h)' : 'Fold the figures header to this line (h)', on: { click: () => cb.onFold(!view.folded) } },
    view.folded ? 'Unfold ▾' : 'Fold ▴',
  );
  const metaText = meta.map((part) => (typeof part === 'string' ? part : part.textContent)).join(' · ');
  root.append(
    h(
      'div',
      { class: 'title-row' },
      h('span', { class: 'file-name', title: snap.fileName }, snap.fileName),
      view.folded ? foldedFigures(s) : null,
      h('span', { class: 'file-meta', title: metaText }, ...meta.flatMap((part, i) => (i === 0 ? [part] : [' · ', part]))),
      toggle,
      fold,
    ),
  );
  if (snap.loading) root.append(h('vscode-progress-bar', { attrs: { indeterminate: true } }));
  if (view.folded) return;
  const details = view.detailsOpen ? [table2x2(s), positions(s), subsets(snap.groups, view.subset, cb)] : [];
  root.append(
    h(
      'div',
      // data-state: tests and readers can tell the figures of the records read so far from the final ones.
      { class: `metrics${snap.loading ? ' partial' : ''}`, attrs: { 'data-state': snap.loading ? 'partial' : 'final', ...(snap.loading ? { title: 'Figures of the records read so far; final once the whole file is indexed' } : {}) } },
      metricCard('s-corr', 'S-Corr', s.sCorr, DEFINITIONS.sCorr, true),
      snap.samples ? sampleFiguresCard(snap.samples) : null,
      metricCard('l-acc', 'L-Acc', s.lAcc, DEFINITIONS.lAcc),
      metricCard('f-score', 'F-Score', s.fScore, DEFINITIONS.fScore),
      ...details,
    ),
  );
  // textContent only: the line names counts, never record text.
  if (snap.audit) root.append(h('div', { class: 'judge-audit', attrs: { title: 'Where people marked records the fidelity judge also judged: how often they agree (Cohen\'s κ, 95% bootstrap interval)' } }, snap.audit));
}
