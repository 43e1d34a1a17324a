/**
 * Painting the record pane: what the reader had open or typed survives a redraw of the same record,
 * and stepping to another record keeps them where they were relative to the comparison (the gold
 * judgment beside the rationale), so `j`/`s` do not throw them back to the prompt.
 */
import { send } from '../vscodeApi/inspectorApi';
import { clear } from '../dom/dom';
import type { RecordCallbacks, RecordOptions } from './record';
import type { ViewState } from './state';
import { saveStateNow } from './state';

export type Section = 'thinking' | 'responses' | 'prompt';
export const SECTION_STATE = { thinking: 'showThinking', responses: 'showResponses', prompt: 'showPrompt' } as const;

/** The comparison counts as "where the reader is" when its top is above the middle of the pane. */
function readerAtComparison(pane: HTMLElement): boolean | null {
  const comparison = pane.querySelector<HTMLElement>('[data-anchor="comparison"]');
  if (!comparison) return null;
  const top = comparison.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  return top <= pane.clientHeight / 2;
}

/** Scrolls a freshly drawn record so its comparison is in view (just under the sticky title), when it is not already in the upper half. */
function placeAtComparison(pane: HTMLElement): void {
  pane.scrollTop = 0;
  const comparison = pane.querySelector<HTMLElement>('[data-anchor="comparison"]');
  if (!comparison) return;
  const top = comparison.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  if (top <= pane.clientHeight / 2) return;
  const title = pane.querySelector<HTMLElement>('.record-title');
  pane.scrollTop = Math.max(0, top - (title?.offsetHeight ?? 0) - 8);
}

/** Replaces the pane's record with `content` (the record `index`), keeping what the reader had. */
export function paintRecord(pane: HTMLElement, index: number, content: HTMLElement, state: ViewState): void {
  const scroll = pane.scrollTop;
  // A record painted light (recordLight.ts, while j is held) is no `.record`: replaced as another record would be.
  const sameRecord = pane.querySelector<HTMLElement>('.record')?.dataset.index === String(index);
  if (!sameRecord) {
    const at = readerAtComparison(pane);
    if (at !== null) state.atComparison = at;
  }
  // Disclosures the user opened stay open when the same record is drawn again (a verdict arrived).
  const opened = sameRecord ? [...pane.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.className) : [];
  // So does a note being typed for a mark (a run ending re-draws the record).
  const noteField = pane.querySelector<HTMLElement & { value: string }>('.mark-note');
  const note = sameRecord ? (noteField?.value ?? '') : '';
  const typing = sameRecord && !!noteField && (document.activeElement === noteField || noteField.contains(document.activeElement));
  clear(pane);
  pane.classList.remove('stale');
  pane.append(content);
  for (const d of pane.querySelectorAll<HTMLDetailsElement>('details')) if (opened.includes(d.className)) d.open = true;
  const newNote = pane.querySelector<HTMLElement & { value: string }>('.mark-note');
  if (newNote && note) newNote.value = note;
  if (newNote && typing) newNote.focus();
  if (sameRecord) pane.scrollTop = scroll;
  else {
    pane.scrollTop = 0;
    // After the custom elements (collapsibles, tabs) have drawn themselves, so heights are real.
    if (state.atComparison) requestAnimationFrame(() => content.isConnected && placeAtComparison(pane));
  }
}

/** Opens or closes a remembered section on the shown record, and remembers it. */
export function setSection(pane: HTMLElement, section: Section, state: ViewState, open: boolean): void {
  state[SECTION_STATE[section]] = open;
  saveStateNow(state);
  for (const el of pane.querySelectorAll<HTMLElement & { open: boolean }>(`vscode-collapsible[data-section="${section}"]`)) el.open = open;
}

/** The record view's options that come from the remembered view state. */
export function viewOptions(state: ViewState): Pick<RecordOptions, 'showThinking' | 'showResponses' | 'showPrompt' | 'rendered' | 'highlights' | 'tab'> {
  return { showThinking: state.showThinking, showResponses: state.showResponses, showPrompt: state.showPrompt, rendered: state.rendered, highlights: state.highlights, tab: state.tab };
}

/** A change of how record text is shown: Markdown rendered or raw, every highlight or the differences. */
export type ViewChange = Partial<Pick<ViewState, 'rendered' | 'highlights'>>;

/** What the status line says after a view change. */
export function viewChangeStatus(change: ViewChange): string {
  if (change.highlights === 'all') return 'Every claim highlighted (d shows only the differences).';
  if (change.highlights === 'differences') return 'Only the differences highlighted: missing, extra, conflicts; hover a shared claim for its changed words (d shows every claim).';
  return change.rendered ? 'Markdown rendered (v shows the raw text).' : 'Raw text (v renders Markdown).';
}

/** The record view's callbacks that only change the view state or ask the host to show something. */
export function viewCallbacks(state: ViewState, index: number, onView: (change: ViewChange) => void): Pick<RecordCallbacks, 'onToggle' | 'onTab' | 'onReveal' | 'onCopyLink' | 'onRendered' | 'onHighlights' | 'onSetUpEndpoints'> {
  return {
    onSetUpEndpoints: () => send({ type: 'workbench', action: 'setUpEndpoints' }),
    onReveal: () => send({ type: 'reveal', index }),
    onCopyLink: () => send({ type: 'copyLink', index }),
    onToggle: (section, open) => {
      state[SECTION_STATE[section]] = open;
      saveStateNow(state);
    },
    onTab: (tab) => {
      state.tab = tab;
      saveStateNow(state);
    },
    onRendered: (rendered) => onView({ rendered }),
    onHighlights: (highlights) => onView({ highlights }),
  };
}
