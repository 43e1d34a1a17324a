/**
 * The Compare view (webview): two runs' figures with McNemar and the paired S-Corr interval, the
 * transition table of record classes, the grid of records filtered by a transition ("became
 * spurious"; grid.ts), and a record's two rationales either side of the gold judgment.
 */
import '../dom/nonce';
import '../styles/styles.css';
import '../styles/reports.css';
import type { ChangedView, CompareView, FromCompare, RecordPairView, SampledCompareView, ToCompare } from '../../src/protocol/reports';
import { checkToCompare } from '../../src/protocol/reports';
import type { RecordKind } from '../../src/protocol/messages';
import { RECORD_KINDS } from '../../src/protocol/messages';
import { append, clear, h } from '../dom/dom';
import { KIND_HELP, KIND_LABEL, pct } from '../logic/format';
import { legend } from '../markdown/highlight';
import type { GridCallbacks, Run } from './grid';
import { changedGrid, pairColumns, sCorrNote } from './grid';
import { channel } from '../vscodeApi/reportChannel';

/** The transition table's order: the host sends rows and columns in the same one. */
const CLASSES = RECORD_KINDS;
interface Filter {
  readonly from: RecordKind | null;
  readonly to: RecordKind | null;
}

const io = channel<ToCompare, FromCompare>(checkToCompare);
const root = document.getElementById('app') as HTMLElement;
root.classList.add('report');
let view: CompareView | null = null;
let pair: RecordPairView | null = null;
let error: string | null = null;
const known = (k: unknown): k is RecordKind | null => k === null || (CLASSES as readonly unknown[]).includes(k);
const stored = { from: null, to: 'spurious', ...io.state<{ filter: Filter }>().filter };
// A filter saved before 0.2.0 may name the class "unjudged", since split into judge-failed and never-judged.
let filter: Filter = known(stored.from) && known(stored.to) ? { from: stored.from, to: stored.to } : { from: null, to: 'spurious' };
/** Whose alignment highlights the gold judgment (b: the run compared with a). */
let goldFrom: Run = io.state<{ goldFrom?: Run }>().goldFrom === 'a' ? 'a' : 'b';

const delta = (a: number | null, b: number | null) => (a === null || b === null ? '' : `${b - a >= 0 ? '+' : '−'}${Math.abs((b - a) * 100).toFixed(1)} pts`);

function figures(v: CompareView): HTMLElement {
  const row = (name: string, key: 'lAcc' | 'sCorr' | 'fScore') => h('tr', null, h('td', null, name), h('td', null, pct(v.a.figures[key])), h('td', null, pct(v.b.figures[key])), h('td', null, delta(v.a.figures[key], v.b.figures[key])));
  return h('table', { class: 'figures' }, h('thead', null, h('tr', null, h('th', null, 'on the paired records'), h('th', null, `a: ${v.a.name}`), h('th', null, `b: ${v.b.name}`), h('th', null, 'b − a'))), h('tbody', null, row('L-Acc', 'lAcc'), row('S-Corr', 'sCorr'), row('F-Score', 'fScore')));
}

/** Issue 24: the runs' sample sets compared by majority and per sample, each figure with its count and denominator. */
function sampled(s: SampledCompareView): HTMLElement {
  const cell = (run: 'a' | 'b', value: number | null, ratio: string, counted: string) => h('td', { title: counted, attrs: { 'data-run': run } }, pct(value), ratio ? h('span', { class: 'muted' }, ` (${ratio})`) : null);
  const row = (f: SampledCompareView['figures'][number]) => h('tr', { attrs: { 'data-figure': f.name } }, h('td', null, f.name), cell('a', f.a, f.aRatio, f.aCounted), cell('b', f.b, f.bRatio, f.bCounted), h('td', null, delta(f.a, f.b)));
  return h(
    'section',
    { attrs: { 'data-role': 'samples' } },
    h('h2', null, 'Samples: records as sample sets'),
    h('div', { class: 'muted' }, s.heading),
    h('div', { class: 'muted', attrs: { 'data-role': 'samples-join' } }, s.join),
    h('table', { class: 'figures' }, h('thead', null, h('tr', null, h('th', null, 'on the paired records'), h('th', null, 'a'), h('th', null, 'b'), h('th', null, 'b − a'))), h('tbody', null, ...s.figures.map(row))),
    h('div', { attrs: { 'data-role': 'samples-mcnemar' } }, s.mcnemar),
    h('div', { attrs: { 'data-role': 'samples-s-corr-delta' } }, s.sCorrDelta),
    ...s.notes.map((n) => h('div', { class: 'muted' }, `note: ${n}`)),
  );
}

const matches = (c: ChangedView) => (filter.from === null || c.from === filter.from) && (filter.to === null || c.to === filter.to) && c.from !== c.to;

function setFilter(next: Filter): void {
  filter = next;
  io.saveState({ filter, goldFrom });
  render();
}

function transitions(v: CompareView): HTMLElement {
  const head = h('tr', null, h('th', null, 'a ↓ · b →'), ...CLASSES.map((k) => h('th', null, KIND_LABEL[k])));
  const rows = CLASSES.map((from, i) =>
    h(
      'tr',
      null,
      h('td', null, KIND_LABEL[from]),
      ...CLASSES.map((to, j) => {
        const n = v.transitions[i]?.[j] ?? 0;
        if (i === j || n === 0) return h('td', { class: i === j ? 'muted' : '' }, String(n));
        const selected = filter.from === from && filter.to === to;
        return h('td', null, h('button', { class: 'cell', attrs: { 'data-transition': `${from}:${to}`, 'aria-pressed': selected, title: `List the ${n} records that went from ${KIND_LABEL[from]} in a to ${KIND_LABEL[to]} in b` }, on: { click: () => setFilter({ from, to }) } }, String(n)));
      }),
    ),
  );
  return h('table', { class: 'transitions' }, h('thead', null, head), h('tbody', null, ...rows));
}

/** The filter chips, what they filter, and the grid of the records they leave. */
function changedList(v: CompareView): HTMLElement {
  const shown = v.changed.map((c, i) => ({ c, i })).filter(({ c }) => matches(c)).map(({ i }) => i);
  const chips = h(
    'div',
    null,
    h('button', { class: 'cell', attrs: { 'data-filter': 'became-spurious' }, on: { click: () => setFilter({ from: null, to: 'spurious' }) } }, 'became spurious'),
    ' · ',
    h('button', { class: 'cell', attrs: { 'data-filter': 'became-aligned' }, on: { click: () => setFilter({ from: null, to: 'aligned' }) } }, 'became aligned'),
    ' · ',
    h('button', { class: 'cell', title: `Records whose fidelity judge failed in b: ${KIND_HELP['judge-failed']}`, attrs: { 'data-filter': 'became-judge-failed' }, on: { click: () => setFilter({ from: null, to: 'judge-failed' }) } }, 'judge failed in b'),
    ' · ',
    h('button', { class: 'cell', attrs: { 'data-filter': 'any' }, on: { click: () => setFilter({ from: null, to: null }) } }, 'every change'),
  );
  const label = `${filter.from ? KIND_LABEL[filter.from] : 'any class'} → ${filter.to ? KIND_LABEL[filter.to] : 'any other class'}: ${shown.length} record${shown.length === 1 ? '' : 's'}`;
  return h('div', null, chips, h('div', { class: 'muted', attrs: { 'data-role': 'filter-label' } }, label), changedGrid(v, shown, pair?.changed ?? null, label, gridCallbacks));
}

const gridCallbacks: GridCallbacks = {
  onShow: (changed) => io.send({ type: 'showPair', changed }),
  onOpen: (changed, run) => io.send({ type: 'openRecord', changed, run }),
  onGoldFrom: (run) => {
    goldFrom = run;
    io.saveState({ filter, goldFrom });
    render();
  },
};

function render(): void {
  clear(root);
  if (error) root.append(h('div', { class: 'warn', attrs: { role: 'alert' } }, error));
  if (!view) {
    root.append(h('p', { class: 'muted' }, 'Reading both runs…'));
    return;
  }
  const v = view;
  append(
    root,
    h('h1', null, `Compare: ${v.a.name} → ${v.b.name}`),
    h('div', { class: 'muted' }, v.join),
    h('div', { class: 'muted', attrs: { 'data-role': 'convention' } }, v.convention),
    figures(v),
    h('div', null, v.mcnemar),
    h('div', { attrs: { 'data-role': 's-corr-delta' } }, v.sCorrDelta),
    sCorrNote(),
    v.samples ? sampled(v.samples) : null,
    h('h2', null, 'Record classes, a to b'),
    transitions(v),
    h('h2', null, 'Records that changed'),
    changedList(v),
    pair ? h('h2', null, `Record ${v.changed[pair.changed]?.idA ?? ''}: both rationales against the same gold judgment`) : null,
    pair ? legend('all', null) : null,
    pair ? pairColumns(v, pair, goldFrom, gridCallbacks) : null,
  );
}

io.onMessage((m) => {
  if (m.type === 'compare') {
    view = m.view;
    error = null;
  } else if (m.type === 'pair') pair = m.pair;
  else error = m.message;
  render();
});
render();
io.send({ type: 'ready' });
