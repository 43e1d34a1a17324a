/**
 * Compare's records grid and record pair. The grid: the records whose class changed, one row each,
 * a column per run with its class badge (promptfoo's layout: records down, runs across), filtered by
 * the transition chosen above. The pair: run a's rationale, the gold judgment once in the middle,
 * run b's rationale, as rendered Markdown; the gold's highlights are one run's alignment at a time
 * (the switch above it), and hovering that run's claims lights their gold matches.
 */
import type { ChangedView, CompareView, RecordPairView } from '../../src/protocol/reports';
import type { RecordKind } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { KIND_HELP, KIND_LABEL } from '../logic/format';
import { linkHover, renderAnnotated } from '../markdown/highlight';

export type Run = 'a' | 'b';

export interface GridCallbacks {
  onShow(changed: number): void;
  onOpen(changed: number, run: Run): void;
  onGoldFrom(run: Run): void;
}

function badge(kind: RecordKind): HTMLElement {
  return h('span', { class: `c-kind kind-${kind}`, title: KIND_HELP[kind] }, h('span', { class: 'dot' }), KIND_LABEL[kind]);
}

/** The grid of `shown` (indexes into v.changed): records × the two runs. */
export function changedGrid(v: CompareView, shown: readonly number[], selected: number | null, label: string, cb: GridCallbacks): HTMLElement {
  const row = (i: number) => {
    const c = v.changed[i] as ChangedView;
    return h(
      'tr',
      { class: i === selected ? 'selected' : '', attrs: { 'data-changed': i, 'aria-selected': String(i === selected) } },
      h('th', { attrs: { scope: 'row' } }, h('button', { class: 'grid-open', title: `Show ${c.idA}'s two rationales against the gold judgment`, on: { click: () => cb.onShow(i) } }, c.idA)),
      h('td', { attrs: { 'data-run': 'a', 'data-kind': c.from } }, badge(c.from), h('span', { class: 'muted' }, ` #${c.indexA + 1}`)),
      h('td', { attrs: { 'data-run': 'b', 'data-kind': c.to } }, badge(c.to), h('span', { class: 'muted' }, ` #${c.indexB + 1}`)),
    );
  };
  return h(
    'div',
    { class: 'changed-grid' },
    h(
      'table',
      { attrs: { 'aria-label': label } },
      h('thead', null, h('tr', null, h('th', null, 'record'), h('th', null, `a: ${v.a.name}`), h('th', null, `b: ${v.b.name}`))),
      h('tbody', null, ...shown.map(row)),
    ),
  );
}

function rationaleSide(name: string, run: Run, s: RecordPairView['a'], cb: GridCallbacks, changed: number): HTMLElement {
  return h(
    'div',
    { class: 'side', attrs: { 'data-run': run, 'data-kind': s.kind } },
    h('div', { class: 'column-title' }, `${name}: `, badge(s.kind), ` · ${s.verdict}`),
    h('div', { class: 'muted' }, s.alignment ? `${s.alignment.arithmetic} (${s.alignment.tier})` : 'no alignment (no gold judgment or no rationale)'),
    h('div', { class: 'column-title' }, 'GenRM rationale'),
    renderAnnotated(s.rationale, s.alignment, 'rationale', true),
    h('button', { class: 'cell', on: { click: () => cb.onOpen(changed, run) } }, 'Open in its Inspector'),
  );
}

/** a's rationale | the gold once | b's rationale. */
export function pairColumns(v: CompareView, pair: RecordPairView, goldFrom: Run, cb: GridCallbacks): HTMLElement {
  const from = pair[goldFrom];
  const option = (run: Run) =>
    h('button', { class: 'view-mode-option', attrs: { type: 'button', 'data-gold-from': run, 'aria-pressed': String(goldFrom === run), title: `Highlight the gold judgment with run ${run}'s alignment: what ${run}'s rationale misses, and hover links` }, on: { click: () => goldFrom !== run && cb.onGoldFrom(run) } }, `${run}'s`);
  const gold = h(
    'div',
    { class: 'side gold-column' },
    h('div', { class: 'column-title' }, 'Gold judgment (both runs’) · highlights from ', h('span', { class: 'view-mode', attrs: { role: 'group', 'aria-label': 'Gold highlights from run' } }, option('a'), option('b'))),
    renderAnnotated(pair.gold, from.alignment, 'gold', true),
  );
  const a = rationaleSide(`a (${v.a.name})`, 'a', pair.a, cb, pair.changed);
  const b = rationaleSide(`b (${v.b.name})`, 'b', pair.b, cb, pair.changed);
  // Hover links work between the gold and the run its highlights come from: one scope holds both
  // (display: contents, so the three columns stay one grid).
  const scope = h('div', { class: 'link-scope' }, ...(goldFrom === 'a' ? [a, gold] : [gold, b]));
  if (from.alignment) linkHover(scope, from.alignment);
  return h('div', { class: 'pair three' }, ...(goldFrom === 'a' ? [scope, b] : [a, scope]));
}

/** Why the view shows two S-Corr figures for each run. */
export function sCorrNote(): HTMLElement {
  return h(
    'div',
    { class: 'muted s-corr-note', attrs: { 'data-role': 's-corr-note' } },
    'Two S-Corr figures: the table gives each run its own S-Corr over the paired records, each on its own label-correct records with a fidelity verdict (the two runs’ sets differ). The line above compares the runs on the same records, those label-correct with a verdict in both, so its a and b can differ from the table’s; only that difference has a paired 95% interval.',
  );
}
