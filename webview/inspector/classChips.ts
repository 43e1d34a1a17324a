/**
 * The list's filter chips: "All", one per record class (with its count), and the heuristic
 * "Contradicts its verdict" filter. Built from the view state and the figures; the list pane
 * owns what a click does.
 */
import type { RecordKind, SnapshotView } from '../../src/protocol/messages';
import { RECORD_KINDS } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { KIND_HELP, KIND_LABEL, count } from '../logic/format';
import type { ViewState } from './state';

export interface ChipActions {
  toggleKind(kind: RecordKind | 'all', combine: boolean): void;
  toggleContradicts(): void;
}

export function classChips(state: ViewState, snapshot: SnapshotView | null, actions: ChipActions): HTMLElement[] {
  const counts = snapshot?.kindCounts;
  const active = state.kinds;
  const out: HTMLElement[] = [];
  const chip = (text: string, pressed: boolean, title: string, kind: RecordKind | 'all', n: number | undefined) =>
    h(
      'button',
      {
        class: `chip${kind === 'all' ? '' : ` kind-${kind}`}${n === 0 ? ' zero' : ''}`,
        title,
        attrs: { 'aria-pressed': pressed ? 'true' : 'false', 'data-kind': kind },
        on: { click: (e) => actions.toggleKind(kind, e.ctrlKey || e.metaKey || e.shiftKey) },
      },
      kind === 'all' ? null : h('span', { class: 'dot' }),
      text,
      n === undefined ? null : h('span', { class: 'chip-count' }, count(n)),
    );
  // "All" means every record: with a subset chosen it is not what is shown, so it is not pressed.
  const subset = state.subset;
  const inSubset = subset === null ? undefined : snapshot?.groups.find((g) => g.key === subset)?.records;
  // Nor with a search in force: the list holds only its matches.
  const searching = state.search.trim() !== '' || state.flag !== null;
  const allTitle = subset !== null ? `Every class in subset ${subset} (choose "All subsets" for every record)` : searching ? 'Every class among the records the search matches (remove the search pill for every record)' : 'Show every record';
  out.push(chip('All', active === null && subset === null && !searching, allTitle, 'all', inSubset ?? snapshot?.records));
  for (const k of RECORD_KINDS) out.push(chip(KIND_LABEL[k], active?.includes(k) ?? false, `${KIND_HELP[k]} (Ctrl/Cmd-click to combine)`, k, counts?.[k]));
  const contradicts = state.contradicts;
  out.push(
    h(
      'button',
      {
        class: 'chip contradicts-chip',
        title: 'Only records with a judgment whose rationale argues for the other response than its verdict. A heuristic reading of praise, blame, concessions and stated preference: read the highlighted evidence before trusting it.',
        attrs: { 'aria-pressed': contradicts ? 'true' : 'false', 'data-filter': 'contradicts' },
        on: { click: () => actions.toggleContradicts() },
      },
      h('span', { class: 'contradicts-mark', attrs: { 'aria-hidden': 'true' } }, '\u2260'),
      'Contradicts its verdict',
      h('span', { class: 'heuristic-tag' }, 'heuristic'),
    ),
  );
  return out;
}
