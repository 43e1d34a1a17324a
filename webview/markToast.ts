/**
 * The message a mark leaves: which record, the headline figures before → after, and Undo (also u).
 * A bar under the figures (never over the list or the record), a polite live region so a screen
 * reader hears it too; it stays until the next mark, the undo, or ×.
 */
import type { ToWebview } from '../src/protocol/messages';
import { h } from './dom';
import { markMessage } from './logic/markMessage';

export class MarkToast {
  private readonly text = h('span', { class: 'mark-toast-text' });
  private readonly undoButton = h('button', { class: 'mark-toast-undo', title: 'Undo this mark (u): one more line in the marks file restores the verdict in force before' }, 'Undo (u)');
  readonly element = h(
    'div',
    { class: 'mark-toast', attrs: { role: 'status', 'aria-live': 'polite', hidden: true } },
    this.text,
    this.undoButton,
    h('button', { class: 'mark-toast-close', title: 'Dismiss', attrs: { 'aria-label': 'Dismiss' }, on: { click: () => this.hide() } }, '×'),
  );

  constructor(onUndo: () => void) {
    this.undoButton.addEventListener('click', onUndo);
  }

  /** Shows what a mark (or its undo) did; returns the words, for the status line. */
  show(m: Extract<ToWebview, { type: 'marked' }>): string {
    const words = markMessage(m);
    // textContent: the record id comes from the file.
    this.text.textContent = words.replace(/ · Undo \(u\)$/, '');
    this.element.dataset.undone = String(m.undone);
    this.undoButton.hidden = !m.canUndo;
    this.element.hidden = false;
    return words;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
