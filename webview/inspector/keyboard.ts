/** Key presses to commands of the one key map (logic/keys.ts); Escape and typing in a field are handled first. */
import type { KeyCommand } from '../logic/keys';
import { commandFor } from '../logic/keys';

export interface KeyHandlers {
  /** Escape: `typing` when focus is in a field. */
  onEscape(typing: boolean): void;
  onCommand(command: KeyCommand): void;
}

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'VSCODE-TEXTFIELD', 'VSCODE-SINGLE-SELECT']);

/** Keys the browser also scrolls with: after a click in the record they scroll it, elsewhere they move the list. */
const SCROLL_KEYS = new Set(['Home', 'End', 'PageUp', 'PageDown']);

export function bindKeys(target: Document, handlers: KeyHandlers): void {
  let readingRecord = false;
  target.addEventListener('pointerdown', (e) => (readingRecord = e.composedPath().some((t) => t instanceof HTMLElement && t.classList.contains('record-pane'))), true);
  target.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.composedPath().some((t) => t instanceof HTMLElement && (FIELDS.has(t.tagName) || t.isContentEditable));
    if (e.key === 'Escape') return handlers.onEscape(typing);
    if (typing || (readingRecord && SCROLL_KEYS.has(e.key))) return;
    const command = commandFor(e.key);
    if (command === undefined) return;
    e.preventDefault();
    handlers.onCommand(command);
  });
}
