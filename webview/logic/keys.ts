/**
 * The Inspector's one key map: the key handler resolves keys with it and the `?` overlay lists it,
 * so a key cannot be bound in one place and documented differently in the other. Pure: no DOM.
 */

/** Actions on the shown record (buttons in the record view and the overlay, and keys). */
export type RecordAction = 'requery' | 'rejudge' | 'mark-aligned' | 'mark-misaligned' | 'cancel-run';
/** Moves of the list's selection by more than one row. */
export type ListMove = 'first' | 'last' | 'page-down' | 'page-up';
type NavigationCommand = ListMove | 'next' | 'previous' | 'next-spurious' | 'previous-spurious' | 'search' | 'thinking' | 'responses' | 'prompt' | 'header' | 'rendered' | 'highlights' | 'reveal' | 'copy-link' | 'undo-mark' | 'help';
export type KeyCommand = NavigationCommand | RecordAction;

export interface KeyBinding {
  /** `KeyboardEvent.key` values that run the command. */
  readonly keys: readonly string[];
  /** How the overlay writes them. */
  readonly shown: string;
  readonly command: KeyCommand;
  readonly what: string;
}

export interface ActionBinding extends KeyBinding {
  readonly command: RecordAction;
  /** The button's label. */
  readonly label: string;
}

export const NAVIGATION_KEYS: readonly KeyBinding[] = [
  { keys: ['j', 'ArrowDown'], shown: 'j  or  ↓', command: 'next', what: 'next record' },
  { keys: ['k', 'ArrowUp'], shown: 'k  or  ↑', command: 'previous', what: 'previous record' },
  { keys: ['Home'], shown: 'Home', command: 'first', what: 'first record of the list' },
  { keys: ['End'], shown: 'End', command: 'last', what: 'last record of the list' },
  { keys: ['PageDown'], shown: 'PageDown', command: 'page-down', what: 'one screen of records down the list' },
  { keys: ['PageUp'], shown: 'PageUp', command: 'page-up', what: 'one screen of records up the list' },
  { keys: ['s'], shown: 's', command: 'next-spurious', what: 'next spurious record (label-correct, misaligned)' },
  { keys: ['S'], shown: 'Shift+s', command: 'previous-spurious', what: 'previous spurious record' },
  { keys: ['/'], shown: '/', command: 'search', what: 'focus the search field (Enter searches at once)' },
  { keys: ['t'], shown: 't', command: 'thinking', what: 'show or hide the thinking' },
  { keys: ['r'], shown: 'r', command: 'responses', what: 'show or hide responses A and B' },
  { keys: ['p'], shown: 'p', command: 'prompt', what: 'show or hide the prompt (or conversation)' },
  { keys: ['h'], shown: 'h', command: 'header', what: 'fold the figures header to one line, or unfold it' },
  { keys: ['v'], shown: 'v', command: 'rendered', what: 'show Markdown rendered or as raw text' },
  { keys: ['d'], shown: 'd', command: 'highlights', what: 'highlight only the differences (missing, extra, conflicts) or every claim' },
  { keys: ['o'], shown: 'o', command: 'reveal', what: 'open the record in the text editor, at its line (Reveal)' },
  { keys: ['l'], shown: 'l', command: 'copy-link', what: 'copy a link that opens this record in the Inspector (Copy Link)' },
  { keys: ['u'], shown: 'u', command: 'undo-mark', what: 'undo your last mark in this Inspector (the figures go back; the undo is one more line in the marks file)' },
  { keys: ['?'], shown: '?', command: 'help', what: 'show or hide this help' },
];

/** Escape is handled before the map (it closes, cancels or leaves, whichever applies); listed for the overlay. */
export const ESCAPE_HELP: readonly [string, string] = ['Esc', 'close this help, cancel a running search or sort, leave a field'];

export const ACTION_KEYS: readonly ActionBinding[] = [
  { keys: ['q'], shown: 'q', command: 'requery', label: 'Re-query GenRM', what: 'ask the GenRM again; the new rationale streams in beside the original' },
  { keys: ['f'], shown: 'f', command: 'rejudge', label: 'Re-judge Fidelity', what: 'ask the fidelity judge again; its verdict and analysis stream in' },
  { keys: ['a'], shown: 'a', command: 'mark-aligned', label: 'Mark Aligned', what: 'your verdict (with the note typed in the record view) overrides the judge’s and the file’s' },
  { keys: ['m'], shown: 'm', command: 'mark-misaligned', label: 'Mark Misaligned', what: 'likewise, misaligned' },
  { keys: ['x'], shown: 'x', command: 'cancel-run', label: 'Cancel', what: 'stop the re-query or re-judge running on this record' },
];

const BY_KEY = new Map<string, KeyCommand>([...NAVIGATION_KEYS, ...ACTION_KEYS].flatMap((b) => b.keys.map((k) => [k, b.command] as const)));

/** The command a key press runs (no modifier but Shift), or undefined. */
export function commandFor(key: string): KeyCommand | undefined {
  return BY_KEY.get(key);
}

export const isRecordAction = (c: KeyCommand): c is RecordAction => ACTION_KEYS.some((b) => b.command === c);

const LIST_MOVES: ReadonlySet<KeyCommand> = new Set<ListMove>(['first', 'last', 'page-down', 'page-up']);
export const isListMove = (c: KeyCommand): c is ListMove => LIST_MOVES.has(c);

/**
 * Where a list move lands: `from` is the selected position (-1 for none), `size` the list's length,
 * `rowsInView` how many rows the list shows. A page moves by one screen less one row, so the row
 * left is still in view; it stops at the ends. Undefined for an empty list.
 */
export function movedPosition(move: ListMove, from: number, size: number, rowsInView: number): number | undefined {
  if (size <= 0) return undefined;
  const page = Math.max(1, rowsInView - 1);
  const target = move === 'first' ? 0 : move === 'last' ? size - 1 : move === 'page-down' ? from + page : from - page;
  return Math.max(0, Math.min(size - 1, target));
}
