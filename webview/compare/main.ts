/**
 * The Compare view (webview): two runs' figures with McNemar and the paired S-Corr interval, the
 * transition table of record classes, the records filtered by a transition ("became spurious"),
 * and a record's two rationales side by side, each aligned with the same gold judgment.
 */
import '../dom/nonce';
import '../styles/styles.css';
import '../styles/reports.css';
import type { ChangedView, CompareView, FromCompare, RecordPairView, ToCompare } from '../../src/protocol/reports';
import { checkToCompare } from '../../src/protocol/reports';
import type { RecordKind } from '../../src/protocol/messages';
import { RECORD_KINDS } from '../../src/protocol/messages';
import { append, clear, h } from '../dom/dom';
import { KIND_LABEL, pct } from '../logic/format';
import { legend, linkHover, renderAnnotated } from '../markdown/highlight';
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
let filter: Filter = { from: null, to: 'spurious', ...io.state<{ filter: Filter }>().filter };

const delta = (a: number | null, b: number | null) => (a === null || b === null ? '' : `${b - a >= 0 ? '+' : '−'}${Math.abs((b - a) * 100).toFixed(1)} pts`);

function figures(v: CompareView): HTMLElement {
  const row = (name: string, key: 'lAcc' | 'sCorr' | 'fScore') => h('tr', null, h('td', null, name), h('td', null, pct(v.a.figures[key])), h('td', null, pct(v.b.figures[key])), h('td', null, delta(v.a.figures[key], v.b.figures[key])));
  return h('table', { class: 'figures' }, h('thead', null, h('tr', null, h('th', null, 'on the paired records'), h('th', null, `a: ${v.a.name}`), h('th', null, `b: ${v.b.name}`), h('th', null, 'b − a'))), h('tbody', null, row('L-Acc', 'lAcc'), row('S-Corr', 'sCorr'), row('F-Score', 'fScore')));
}

const matches = (c: ChangedView) => (filter.from === null || c.from === filter.from) && (filter.to === null || c.to === filter.to) && c.from !== c.to;

function setFilter(next: Filter): void {
  filter = next;
  io.saveState({ filter });
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

function changedList(v: CompareView): HTMLElement {
  const shown = v.changed.map((c, i) => ({ c, i })).filter(({ c }) => matches(c));
  const chips = h(
    'div',
    null,
    h('button', { class: 'cell', attrs: { 'data-filter': 'became-spurious' }, on: { click: () => setFilter({ from: null, to: 'spurious' }) } }, 'became spurious'),
    ' · ',
    h('button', { class: 'cell', attrs: { 'data-filter': 'became-aligned' }, on: { click: () => setFilter({ from: null, to: 'aligned' }) } }, 'became aligned'),
    ' · ',
    h('button', { class: 'cell', attrs: { 'data-filter': 'any' }, on: { click: () => setFilter({ from: null, to: null }) } }, 'every change'),
  );
  const label = `${filter.from ? KIND_LABEL[filter.from] : 'any class'} → ${filter.to ? KIND_LABEL[filter.to] : 'any other class'}: ${shown.length} record${shown.length === 1 ? '' : 's'}`;
  const list = h(
    'div',
    { class: 'changed-list', attrs: { role: 'listbox', 'aria-label': label } },
    ...shown.map(({ c, i }) =>
      h('button', { attrs: { role: 'option', 'data-changed': i, 'aria-selected': pair?.changed === i }, on: { click: () => io.send({ type: 'showPair', changed: i }) } }, `${c.idA} · ${KIND_LABEL[c.from]} → ${KIND_LABEL[c.to]} · a #${c.indexA + 1} · b #${c.indexB + 1}`),
    ),
  );
  return h('div', null, chips, h('div', { class: 'muted', attrs: { 'data-role': 'filter-label' } }, label), list);
}

function side(name: string, run: 'a' | 'b', s: RecordPairView['a'], gold: string): HTMLElement {
  const goldEl = renderAnnotated(gold, s.alignment, 'gold');
  const rationaleEl = renderAnnotated(s.rationale, s.alignment, 'rationale');
  const block = h(
    'div',
    { class: 'side', attrs: { 'data-run': run, 'data-kind': s.kind } },
    h('div', { class: 'column-title' }, `${name}: ${KIND_LABEL[s.kind]} · ${s.verdict}`),
    s.alignment ? h('div', { class: 'muted' }, `${s.alignment.arithmetic} (${s.alignment.tier})`) : h('div', { class: 'muted' }, 'no alignment (no gold judgment or no rationale)'),
    h('div', { class: 'column-title' }, 'Gold judgment'),
    h('div', { class: 'text' }, goldEl),
    h('div', { class: 'column-title' }, 'GenRM rationale'),
    h('div', { class: 'text' }, rationaleEl),
    h('button', { class: 'cell', on: { click: () => pair && io.send({ type: 'openRecord', changed: pair.changed, run }) } }, 'Open in its Inspector'),
  );
  if (s.alignment) linkHover(block, s.alignment);
  return block;
}

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
    h('h2', null, 'Record classes, a to b'),
    transitions(v),
    h('h2', null, 'Records that changed'),
    changedList(v),
    pair ? h('h2', null, `Record ${v.changed[pair.changed]?.idA ?? ''}: both rationales against the same gold judgment`) : null,
    pair ? legend() : null,
    pair ? h('div', { class: 'pair' }, side(`a (${v.a.name})`, 'a', pair.a, pair.gold), side(`b (${v.b.name})`, 'b', pair.b, pair.gold)) : null,
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
