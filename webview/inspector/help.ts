/** The `?` overlay: every key of the one key map (logic/keys.ts), and the record actions as buttons (the same ones the record view has). */
import type { CommandKeysView } from '../../src/protocol/messages';
import { check, commandKeysView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import type { RecordAction } from '../logic/keys';
import { ACTION_KEYS, ESCAPE_HELP, NAVIGATION_KEYS } from '../logic/keys';

export type HelpAction = RecordAction;

export interface HelpOverlay {
  readonly element: HTMLElement;
  /** Enables each action button, or disables it with the reason as its tooltip. */
  update(blocked: (action: HelpAction) => string | null): void;
}

/** The palette commands with their keybindings, from the page the host wrote (validated; none if malformed). */
function commandKeys(): CommandKeysView {
  try {
    const parsed: unknown = JSON.parse(document.getElementById('app')?.dataset.commandKeys ?? '[]');
    return check(commandKeysView, parsed, 'commandKeys').ok ? (parsed as CommandKeysView) : [];
  } catch {
    return [];
  }
}

export function helpOverlay(onClose: () => void, onAction: (action: HelpAction) => void): HelpOverlay {
  const commands = commandKeys();
  const buttons = new Map<HelpAction, HTMLElement & { disabled: boolean }>();
  const actionRows = ACTION_KEYS.map(({ shown: key, command: action, label, what }) => {
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
      h('table', null, h('tbody', null, ...[...NAVIGATION_KEYS.map((b) => [b.shown, b.what] as const), ESCAPE_HELP].map(([key, what]) => h('tr', null, h('td', null, h('kbd', null, key)), h('td', null, what))))),
      h('h2', { class: 'help-actions-title' }, 'Actions on the shown record'),
      h('table', { class: 'help-actions' }, h('tbody', null, ...actionRows)),
      commands.length ? h('h2', { class: 'help-commands-title' }, 'Commands (also in the palette, F1)') : null,
      commands.length ? h('table', { class: 'help-commands' }, h('tbody', null, ...commands.map((c) => h('tr', null, h('td', null, h('kbd', null, c.key)), h('td', null, `Rationale Lens: ${c.title}`))))) : null,
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
