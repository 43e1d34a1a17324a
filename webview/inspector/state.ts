/** The view state that survives hiding and reloading (getState/setState), validated on restore. */
import type { Infer } from '../../src/protocol/messages';
import { LIST_FLAGS, RECORD_KINDS, SAMPLE_FILTERS, SORT_ORDERS, arr, bool, check, int, lit, nullable, num, obj, str } from '../../src/protocol/messages';
import { getState, setState } from '../vscodeApi/inspectorApi';

const viewState = obj({
  v: lit(2),
  /** Record index shown in the record view. */
  selected: nullable(int()),
  /** Its last known position in the list (where j/k continue when it left the list). */
  position: int(-1),
  kinds: nullable(arr(lit(...RECORD_KINDS), RECORD_KINDS.length)),
  subset: nullable(str(10_000)),
  search: str(1000),
  /** A header count that filters the list (its pill removes it). */
  flag: nullable(lit(...LIST_FLAGS)),
  sort: lit(...SORT_ORDERS),
  /** The list shows only records whose rationale argues for the other response than their verdict. */
  contradicts: bool,
  /** Files with samples: the list shows only records whose sample set passes this filter. */
  sampleFilter: nullable(lit(...SAMPLE_FILTERS)),
  scrollTop: num,
  showThinking: bool,
  showResponses: bool,
  showPrompt: bool,
  showDetails: bool,
  /** The figures header folded to one line. */
  headerFolded: bool,
  /** Markdown in record text rendered (else shown raw). */
  rendered: bool,
  /** The list pane's width in pixels, as last dragged; null: the default share. */
  listWidth: nullable(int(120, 10_000)),
  /** The reader was at the comparison (gold beside rationale) when they last left a record: the next one opens there. */
  atComparison: bool,
  /** Selected presentation-order tab. */
  tab: int(0, 16),
  /** Claim highlights: only what differs (missing, extra, conflicts; changed words on hover), or every class. */
  highlights: lit('differences', 'all'),
  /** The list folded to a strip: true or false as the reader left it, null to follow the width. */
  listCollapsed: nullable(bool),
});
export type ViewState = Infer<typeof viewState>;

const DEFAULT_STATE: ViewState = {
  v: 2,
  selected: null,
  position: -1,
  kinds: null,
  subset: null,
  search: '',
  flag: null,
  sort: 'file',
  contradicts: false,
  sampleFilter: null,
  scrollTop: 0,
  showThinking: false,
  // Folded so the comparison is above the fold at 1400×900; each is remembered once changed.
  showResponses: false,
  showPrompt: false,
  showDetails: false,
  headerFolded: false,
  rendered: true,
  listWidth: null,
  atComparison: true,
  tab: 0,
  highlights: 'differences',
  listCollapsed: null,
};

export function loadState(): ViewState {
  // A state saved before a field existed gets that field's default, not a reset of everything.
  const saved = getState();
  const merged = saved !== null && typeof saved === 'object' ? { ...DEFAULT_STATE, ...saved } : undefined;
  return merged !== undefined && check(viewState, merged, 'state').ok ? merged : { ...DEFAULT_STATE };
}

let timer: number | undefined;
/** Saves soon (scrolling updates the state many times a second). */
export function saveState(state: ViewState): void {
  if (timer !== undefined) return;
  timer = window.setTimeout(() => {
    timer = undefined;
    setState(state);
  }, 100);
}

export function saveStateNow(state: ViewState): void {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = undefined;
  setState(state);
}
