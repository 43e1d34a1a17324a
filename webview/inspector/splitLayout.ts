/** The list beside the record: a split whose divider is dragged (mouse-up ends a drag) and whose place is remembered with the view state. */
import { h } from '../dom/dom';
import type { ViewState } from './state';
import { saveStateNow } from './state';

export function splitLayout(list: HTMLElement, record: HTMLElement, state: ViewState): HTMLElement {
  record.setAttribute('slot', 'end');
  const split = h(
    'vscode-split-layout',
    { class: 'split', attrs: { 'initial-handle-position': state.listWidth === null ? '33%' : `${state.listWidth}px`, 'fixed-pane': 'start', 'min-start': '260px', 'min-end': '320px' } },
    list,
    record,
  );
  split.addEventListener('vsc-split-layout-change', (e) => {
    state.listWidth = Math.max(120, Math.round((e as CustomEvent<{ position: number }>).detail.position));
    saveStateNow(state);
  });
  return split;
}
