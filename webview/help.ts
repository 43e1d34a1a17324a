/** The `?` overlay listing every key. */
import { h } from './dom';

export const KEYS: readonly [string, string][] = [
  ['j  or  ↓', 'next record'],
  ['k  or  ↑', 'previous record'],
  ['s', 'next spurious record (label-correct, misaligned)'],
  ['Shift+s', 'previous spurious record'],
  ['/', 'focus the search field (Enter searches at once)'],
  ['t', 'show or hide the thinking'],
  ['r', 'show or hide responses A and B'],
  ['Esc', 'close this help, cancel a running search or sort, leave a field'],
  ['?', 'show or hide this help'],
];

export function helpOverlay(onClose: () => void): HTMLElement {
  const overlay = h(
    'div',
    { class: 'help-overlay', attrs: { role: 'dialog', 'aria-label': 'Keyboard shortcuts', tabindex: -1, hidden: true }, on: { click: (e) => e.target === overlay && onClose() } },
    h(
      'div',
      { class: 'help-box' },
      h('h2', null, 'Keyboard'),
      h('table', null, h('tbody', null, ...KEYS.map(([key, what]) => h('tr', null, h('td', null, h('kbd', null, key)), h('td', null, what))))),
      h('p', { class: 'help-foot' }, 'Hover a highlighted claim to light up its match on the other side. Click a subset in the header to filter by it.'),
    ),
  );
  return overlay;
}
