/**
 * The list beside the record: a split whose divider is dragged (mouse-up ends a drag) and whose place
 * is remembered with the view state. Under a width the list folds to a strip, so the record keeps
 * room for the gold beside the rationale; the strip opens it again (j/k and the keys work either way).
 * What the reader chose (open or folded) wins over the width until they choose again.
 */
import { h } from '../dom/dom';
import type { ViewState } from './state';
import { saveStateNow } from './state';

/** The Inspector's width under which the list folds by itself. */
const FOLD_BELOW_PX = 820;
const STRIP_PX = 34;
const LIST_MIN = '260px';

type Split = HTMLElement & { handlePosition?: string; minStart?: string };

export function splitLayout(list: HTMLElement, record: HTMLElement, state: ViewState): HTMLElement {
  record.setAttribute('slot', 'end');
  const split = h(
    'vscode-split-layout',
    { class: 'split', attrs: { 'initial-handle-position': state.listWidth === null ? '33%' : `${state.listWidth}px`, 'fixed-pane': 'start', 'min-start': LIST_MIN, 'min-end': '320px' } },
    list,
    record,
  ) as Split;
  let folded = false;
  const setFolded = (fold: boolean) => {
    if (fold === folded) return;
    folded = fold;
    list.classList.toggle('folded', fold);
    split.classList.toggle('list-folded', fold);
    split.minStart = fold ? `${STRIP_PX}px` : LIST_MIN;
    split.handlePosition = fold ? `${STRIP_PX}px` : state.listWidth === null ? '33%' : `${state.listWidth}px`;
  };
  const choose = (fold: boolean) => {
    state.listCollapsed = fold;
    saveStateNow(state);
    setFolded(fold);
    (fold ? record : list.querySelector<HTMLElement>('.vlist'))?.focus();
  };
  list.prepend(
    h('button', { class: 'list-expand', title: 'Show the record list', attrs: { type: 'button', 'aria-label': 'Show the record list' }, on: { click: () => choose(false) } }, h('span', { class: 'list-expand-text' }, '» Records')),
    h('button', { class: 'list-collapse', title: 'Fold the record list to a strip (j/k still step through it)', attrs: { type: 'button', 'aria-label': 'Fold the record list' }, on: { click: () => choose(true) } }, '«'),
  );
  new ResizeObserver(() => {
    const width = split.getBoundingClientRect().width;
    if (width > 0) setFolded(state.listCollapsed ?? width < FOLD_BELOW_PX);
  }).observe(split);
  split.addEventListener('vsc-split-layout-change', (e) => {
    if (folded) return; // the strip's width is not the list's
    state.listWidth = Math.max(120, Math.round((e as CustomEvent<{ position: number }>).detail.position));
    saveStateNow(state);
  });
  return split;
}
