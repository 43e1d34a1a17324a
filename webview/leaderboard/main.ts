/**
 * The Leaderboard view (webview): the model × benchmark table of a results folder, sortable, each
 * cell opening that file's Inspector, and S-Corr against L-Acc per model (the paper's picture).
 */
import '../dom/nonce';
import '../styles/styles.css';
import '../styles/reports.css';
import type { CellView, FromLeaderboard, LeaderboardView, SampleFigureView, ToLeaderboard } from '../../src/protocol/reports';
import { checkToLeaderboard } from '../../src/protocol/reports';
import { append, clear, h } from '../dom/dom';
import { pct } from '../logic/format';
import { channel, svg } from '../vscodeApi/reportChannel';

type PaperMetric = 'lAcc' | 'sCorr' | 'fScore';
const METRICS: readonly { key: PaperMetric; name: string }[] = [
  { key: 'lAcc', name: 'L-Acc' },
  { key: 'sCorr', name: 'S-Corr' },
  { key: 'fScore', name: 'F-Score' },
];
/** Issue 24's columns, for benchmarks where some file has several samples per record. */
type SampleMetric = 'k' | 'lAccPerSample' | 'lAccMajority' | 'sCorrPerSample' | 'sCorrMajority' | 'meanFlipRate';
const SAMPLE_METRICS: readonly { key: SampleMetric; name: string; title: string }[] = [
  { key: 'k', name: 'k', title: 'samples per record (fewest–most)' },
  { key: 'lAccPerSample', name: 'L-Acc/sample', title: 'label-correct samples / samples' },
  { key: 'lAccMajority', name: 'L-Acc maj.', title: 'records whose majority verdict is the gold label / records with a gold label' },
  { key: 'sCorrPerSample', name: 'S-Corr/sample', title: 'misaligned / judged label-correct samples, 95% Wilson' },
  { key: 'sCorrMajority', name: 'S-Corr maj.', title: 'records with a label-correct majority whose judged label-correct samples are mostly misaligned' },
  { key: 'meanFlipRate', name: 'flip rate', title: 'mean over records of 1 − (most common verdict / k)' },
];
type Metric = PaperMetric | SampleMetric;
/** Lower is better: sorted ascending on the first click. */
const LOWER_IS_BETTER: ReadonlySet<Metric> = new Set<Metric>(['sCorr', 'sCorrPerSample', 'sCorrMajority', 'meanFlipRate']);

function metricValue(cell: CellView, metric: Metric): number | null {
  if (metric === 'lAcc' || metric === 'sCorr' || metric === 'fScore') return cell[metric].value;
  const s = cell.samples;
  if (!s) return null;
  return metric === 'k' ? s.kMax : s[metric].value;
}

interface Sort {
  /** null: by model name. */
  readonly bench: string | null;
  readonly metric: Metric;
  readonly descending: boolean;
}

const io = channel<ToLeaderboard, FromLeaderboard>(checkToLeaderboard);
const root = document.getElementById('app') as HTMLElement;
root.classList.add('report');
let view: LeaderboardView | null = null;
let sort: Sort = { bench: null, metric: 'lAcc', descending: false, ...io.state<{ sort: Sort }>().sort };

const ci = (iv: readonly number[] | null) => (iv ? ` [${((iv[0] ?? 0) * 100).toFixed(1)}–${((iv[1] ?? 0) * 100).toFixed(1)}]` : '');

/** Cells by model, then benchmark: built once per view (a search per lookup is quadratic over 10,000 cells). */
const cellIndex = new WeakMap<LeaderboardView, Map<string, Map<string, CellView>>>();

function cellOf(v: LeaderboardView, model: string, bench: string): CellView | undefined {
  let byModel = cellIndex.get(v);
  if (!byModel) {
    byModel = new Map();
    for (const c of v.cells) {
      let row = byModel.get(c.model);
      if (!row) byModel.set(c.model, (row = new Map<string, CellView>()));
      row.set(c.bench, c);
    }
    cellIndex.set(v, byModel);
  }
  return byModel.get(model)?.get(bench);
}

function sortedModels(v: LeaderboardView): string[] {
  const models = [...v.models];
  if (sort.bench === null) return sort.descending ? models.reverse() : models;
  const bench = sort.bench;
  const value = (m: string) => {
    const cell = cellOf(v, m, bench);
    return cell ? metricValue(cell, sort.metric) : null;
  };
  return models.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1; // undefined last
    return sort.descending ? y - x : x - y;
  });
}

function header(label: string, next: Sort, title: string): HTMLElement {
  const active = sort.bench === next.bench && (next.bench === null || sort.metric === next.metric);
  return h(
    'th',
    {
      class: 'sortable',
      attrs: { title, 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : null, 'data-sort': `${next.bench ?? 'model'}:${next.metric}` },
      on: {
        click: () => {
          sort = { ...next, descending: active ? !sort.descending : next.bench !== null && !LOWER_IS_BETTER.has(next.metric) };
          io.saveState({ sort });
          render();
        },
      },
    },
    label,
  );
}

const figureTitle = (name: string, f: SampleFigureView) =>
  f.value === null ? `${name} undefined: ${f.reason ?? ''}` : `${name} ${pct(f.value)}${ci(f.interval)} over ${f.denominator} ${f.over}`;

/** A cell of issue 24's columns: empty with the reason in its tooltip when the file has no samples (never 0). */
function sampleCell(cell: CellView | undefined, m: (typeof SAMPLE_METRICS)[number], file: string): HTMLElement {
  if (!cell) return h('td', { class: 'muted' }, '');
  const s = cell.samples;
  if (!s) return h('td', { class: 'muted', attrs: { title: `${m.name}: none for ${file}: ${cell.samplesReason ?? ''}`, 'data-metric': m.key, 'data-file': file } }, '');
  const text = m.key === 'k' ? (s.kMin === s.kMax ? String(s.kMin) : `${s.kMin}–${s.kMax}`) : pct(s[m.key].value);
  const title = m.key === 'k' ? `${m.title}: ${text}` : figureTitle(m.name, s[m.key]);
  return h('td', null, h('button', { class: 'cell', attrs: { title: `${title} · ${file}: click to open its Inspector`, 'data-file': file, 'data-metric': m.key }, on: { click: () => io.send({ type: 'openFile', file: cell.file }) } }, text));
}

function table(v: LeaderboardView): HTMLElement {
  const sampled = new Set(v.cells.filter((c) => c.samples).map((c) => c.bench));
  const columnsOf = (b: string) => (sampled.has(b) ? METRICS.length + SAMPLE_METRICS.length : METRICS.length);
  const modelHeader = header('model', { bench: null, metric: 'lAcc', descending: false }, 'Sort by model name');
  modelHeader.setAttribute('rowspan', '2');
  const top = h('tr', null, modelHeader, ...v.benches.map((b) => h('th', { attrs: { colspan: columnsOf(b) } }, b)));
  const sub = h(
    'tr',
    null,
    ...v.benches.flatMap((b) => [
      ...METRICS.map((m) => header(m.name, { bench: b, metric: m.key, descending: false }, `Sort by ${m.name} on ${b}`)),
      ...(sampled.has(b) ? SAMPLE_METRICS.map((m) => header(m.name, { bench: b, metric: m.key, descending: false }, `Sort by ${m.name} on ${b}: ${m.title}`)) : []),
    ]),
  );
  const rows = sortedModels(v).map((model) =>
    h(
      'tr',
      { attrs: { 'data-model': model } },
      h('td', null, model),
      ...v.benches.flatMap((bench) => {
        const cell = cellOf(v, model, bench);
        const file = cell ? v.files[cell.file] ?? '' : '';
        const extra = sampled.has(bench) ? SAMPLE_METRICS.map((m) => sampleCell(cell, m, file)) : [];
        if (!cell) return [...METRICS.map(() => h('td', { class: 'muted' }, '')), ...extra];
        return [...paperCells(cell, file), ...extra];
      }),
    ),
  );
  return h('table', { class: 'leaderboard' }, h('thead', null, top, sub), h('tbody', null, ...rows));
}

function paperCells(cell: CellView, file: string): HTMLElement[] {
        return METRICS.map((m) =>
          h(
            'td',
            null,
            h(
              'button',
              {
                class: 'cell',
                attrs: { title: `${m.name} ${pct(cell[m.key].value)}${ci(cell[m.key].interval)} (95% Wilson) · ${cell.records} records · ${file}: click to open its Inspector`, 'data-file': file, 'data-metric': m.key },
                on: { click: () => io.send({ type: 'openFile', file: cell.file }) },
              },
              pct(cell[m.key].value),
            ),
          ),
        );
}

/** One point per (model, benchmark), coloured by model: right and low is right for the right reasons. */
function chart(v: LeaderboardView): HTMLElement {
  const W = 420;
  const H = 300;
  const pad = 52;
  const colours = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
  const modelIndex = new Map(v.models.map((m, i) => [m, i]));
  const colour = (m: string) => `var(${colours[(modelIndex.get(m) ?? 0) % colours.length]})`;
  const x = (p: number) => pad + p * (W - pad - 10);
  const y = (p: number) => H - pad - p * (H - pad - 10);
  const points = v.cells.filter((c) => c.lAcc.value !== null && c.sCorr.value !== null);
  const plot = svg(
    'svg',
    { class: 'chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'S-Corr against L-Acc per model and benchmark' },
    svg('line', { class: 'axis', x1: x(0), y1: y(0), x2: x(1), y2: y(0) }),
    svg('line', { class: 'axis', x1: x(0), y1: y(0), x2: x(0), y2: y(1) }),
    svg('text', { x: x(0.5), y: H - 8, 'text-anchor': 'middle' }, 'L-Acc'),
    svg('text', { x: 10, y: y(0.5), transform: `rotate(-90 10 ${y(0.5)})`, 'text-anchor': 'middle' }, 'S-Corr'),
    ...[0, 0.5, 1].flatMap((t) => [svg('text', { x: x(t), y: y(0) + 14, 'text-anchor': 'middle' }, `${t * 100}%`), svg('text', { x: x(0) - 6, y: y(t) + 4, 'text-anchor': 'end' }, `${t * 100}%`)]),
    ...points.map((c) => svg('circle', { cx: x(c.lAcc.value ?? 0), cy: y(c.sCorr.value ?? 0), r: 5, fill: colour(c.model), 'data-model': c.model }, svg('title', {}, `${c.model} on ${c.bench}: L-Acc ${pct(c.lAcc.value)}, S-Corr ${pct(c.sCorr.value)}`))),
  );
  const legend = h('div', { class: 'muted' }, ...v.models.map((m) => h('span', { attrs: { 'data-legend': m } }, h('span', { class: 'legend-dot', attrs: { 'data-colour': colour(m) } }, '● '), `${m}   `)));
  for (const dot of legend.querySelectorAll<HTMLElement>('[data-colour]')) dot.style.color = dot.dataset['colour'] ?? '';
  return h('div', null, plot, legend, points.length < v.cells.length ? h('div', { class: 'muted' }, `${v.cells.length - points.length} cells without S-Corr are not plotted.`) : null);
}

function render(): void {
  clear(root);
  if (!view) {
    root.append(h('p', { class: 'muted' }, 'Reading the results folder…'));
    return;
  }
  const v = view;
  append(
    root,
    h('h1', null, 'Leaderboard'),
    h('div', { class: 'muted' }, `${v.folder} · ${v.models.length} models × ${v.benches.length} benchmarks · R-Align show_result.py rules; percentages with 95% Wilson intervals in the tooltips`),
    v.cells.length ? table(v) : h('p', null, 'No file here follows <bench>__<model>[_metarm_<judge>].jsonl.'),
    h('h2', null, 'S-Corr against L-Acc'),
    chart(v),
    v.notes.length ? h('h2', null, 'Notes') : null,
    v.notes.length ? h('ul', { class: 'notes' }, ...v.notes.map((n) => h('li', null, n))) : null,
  );
}

io.onMessage((m) => {
  if (m.type === 'leaderboard') {
    view = m.view;
    render();
  }
});
render();
io.send({ type: 'ready' });
