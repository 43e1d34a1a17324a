/**
 * The message a mark leaves: which record, the headline figures before → after, and Undo (also u).
 * A bar under the figures (never over the list or the record), a polite live region so a screen
 * reader hears it too; it stays until the next mark, the undo, or ×.
 */
import type { ToWebview } from '../../src/protocol/messages';
import { nextRequestId, send } from '../vscodeApi/inspectorApi';
import { h } from '../dom/dom';
import { markMessage } from '../logic/markMessage';

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

  /** Whether a mark made here can be undone (the host keeps them). */
  private canUndo = false;

  constructor(onUndo: () => void) {
    this.undoButton.addEventListener('click', onUndo);
  }

  /** Asks the host to undo the last mark made here; what to say, and whether it was asked. */
  undo(): { text: string; sent: boolean } {
    if (!this.canUndo) return { text: 'Nothing to undo: no mark was made in this Inspector.', sent: false };
    send({ type: 'undoMark', requestId: nextRequestId() });
    return { text: 'Undoing the last mark…', sent: true };
  }

  /** Shows what a mark (or its undo) did; returns the words, for the status line. */
  show(m: Extract<ToWebview, { type: 'marked' }>): string {
    const words = markMessage(m);
    this.canUndo = m.canUndo;
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
