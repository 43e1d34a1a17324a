/**
 * The list's filter chips: "All", one per record class (with its count), the heuristic
 * "Contradicts its verdict" filter, and for files with samples the three sample filters (with the
 * records each keeps). Built from the view state and the figures; the list pane owns what a click does.
 */
import type { RecordKind, SampleFilter, SnapshotView } from '../../src/protocol/messages';
import { RECORD_KINDS, SAMPLE_FILTERS } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { KIND_HELP, KIND_LABEL, count, pct } from '../logic/format';
import type { ViewState } from './state';

export interface ChipActions {
  toggleKind(kind: RecordKind | 'all', combine: boolean): void;
  toggleContradicts(): void;
  toggleSampleFilter(filter: SampleFilter): void;
}

const SAMPLE_LABEL: Record<SampleFilter, string> = { unstable: 'Unstable', 'majority-spurious': 'Right by majority, spurious in most', 'sometimes-correct': 'Label-correct in some samples only' };

function sampleHelp(filter: SampleFilter, threshold: number): string {
  if (filter === 'unstable') return `Records whose samples flip: flip rate (1 − the share giving the most common verdict) above ${pct(threshold, 0)} (the setting rationaleLens.samples.unstableFlipRate). One row per record; its strip shows every sample.`;
  if (filter === 'majority-spurious') return 'Records whose majority verdict is the gold label, but more than half of their judged label-correct samples are spurious (the fidelity judge found the reasons wrong): what S-Corr by majority counts. One row per record.';
  return 'Records label-correct in some samples and not in others: right by luck some of the time. One row per record.';
}

/** The sample filters of a file with samples (none otherwise). */
function sampleChips(state: ViewState, snapshot: SnapshotView | null, actions: ChipActions): HTMLElement[] {
  const samples = snapshot?.samples;
  if (!samples) return [];
  return SAMPLE_FILTERS.map((f) => {
    const n = samples.filters[f];
    return h(
      'button',
      {
        class: `chip samples-filter${n === 0 ? ' zero' : ''}`,
        title: sampleHelp(f, samples.threshold),
        attrs: { 'aria-pressed': state.sampleFilter === f ? 'true' : 'false', 'data-filter': f },
        on: { click: () => actions.toggleSampleFilter(f) },
      },
      h('span', { class: 'samples-mark', attrs: { 'aria-hidden': 'true' } }, '\u2261'),
      SAMPLE_LABEL[f],
      h('span', { class: 'chip-count' }, count(n)),
    );
  });
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
  out.push(...sampleChips(state, snapshot, actions));
  return out;
}
