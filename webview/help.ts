/** The `?` overlay: every key, and the record actions as buttons (the same ones the record view has). */
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

export type HelpAction = 'requery' | 'rejudge' | 'mark-aligned' | 'mark-misaligned' | 'cancel-run';

export const ACTIONS: readonly { key: string; action: HelpAction; label: string; what: string }[] = [
  { key: 'q', action: 'requery', label: 'Re-query GenRM', what: 'ask the GenRM again; the new rationale streams in beside the original' },
  { key: 'f', action: 'rejudge', label: 'Re-judge Fidelity', what: 'ask the fidelity judge again; its verdict and analysis stream in' },
  { key: 'a', action: 'mark-aligned', label: 'Mark Aligned', what: 'your verdict (with the note typed in the record view) overrides the judge’s and the file’s' },
  { key: 'm', action: 'mark-misaligned', label: 'Mark Misaligned', what: 'likewise, misaligned' },
  { key: 'x', action: 'cancel-run', label: 'Cancel', what: 'stop the re-query or re-judge running on this record' },
];

export interface HelpOverlay {
  readonly element: HTMLElement;
  /** Enables each action button, or disables it with the reason as its tooltip. */
  update(blocked: (action: HelpAction) => string | null): void;
}

export function helpOverlay(onClose: () => void, onAction: (action: HelpAction) => void): HelpOverlay {
  const buttons = new Map<HelpAction, HTMLElement & { disabled: boolean }>();
  const actionRows = ACTIONS.map(({ key, action, label, what }) => {
    const button = h('vscode-button', { attrs: { secondary: true, 'data-help-action': action }, on: { click: () => !button.disabled && onAction(action) } }, label) as HTMLElement & { disabled: boolean };
    buttons.set(action, button);
    return h('tr', null, h('td', null, h('kbd', null, key)), h('td', null, button), h('td', { class: 'help-what' }, what));
  });
  const overlay = h(
    'div',
    { class: 'help-overlay', attrs: { role: 'dialog', 'aria-label': 'Keyboard shortcuts and actions', tabindex: -1, hidden: true }, on: { click: (e) => e.target === overlay && onClose() } },
    h(
      'div',
      { class: 'help-box' },
      h('h2', null, 'Keyboard'),
      h('table', null, h('tbody', null, ...KEYS.map(([key, what]) => h('tr', null, h('td', null, h('kbd', null, key)), h('td', null, what))))),
      h('h2', { class: 'help-actions-title' }, 'Actions on the shown record'),
      h('table', { class: 'help-actions' }, h('tbody', null, ...actionRows)),
      h('p', { class: 'help-foot' }, 'Hover a highlighted claim to light up its match on the other side. Click a subset in the header to filter by it.'),
    ),
  );
  return {
    element: overlay,
    update(blocked) {
      for (const [action, button] of buttons) {
        const why = blocked(action);
        button.disabled = why !== null;
        button.title = why ?? '';
      }
    },
  };
}
