/** The view state that survives hiding and reloading (getState/setState), validated on restore. */
import type { RecordKind, SortOrder } from '../src/protocol/messages';
import { RECORD_KINDS, SORT_ORDERS, arr, bool, int, lit, nullable, num, obj, str } from '../src/protocol/messages';
import { getState, setState } from './api';

export interface ViewState {
  v: 1;
  /** Record index shown in the record view. */
  selected: number | null;
  /** Its last known position in the list (where j/k continue when it left the list). */
  position: number;
  kinds: RecordKind[] | null;
  subset: string | null;
  search: string;
  sort: SortOrder;
  scrollTop: number;
  showThinking: boolean;
  showResponses: boolean;
  showPrompt: boolean;
  showDetails: boolean;
  /** Selected presentation-order tab. */
  tab: number;
}

export const DEFAULT_STATE: ViewState = {
  v: 1,
  selected: null,
  position: -1,
  kinds: null,
  subset: null,
  search: '',
  sort: 'file',
  scrollTop: 0,
  showThinking: false,
  showResponses: true,
  showPrompt: true,
  showDetails: true,
  tab: 0,
};

const viewState = obj<ViewState>({
  v: lit(1),
  selected: nullable(int()),
  position: int(-1),
  kinds: nullable(arr(lit(...RECORD_KINDS), RECORD_KINDS.length)),
  subset: nullable(str(10_000)),
  search: str(1000),
  sort: lit(...SORT_ORDERS),
  scrollTop: num,
  showThinking: bool,
  showResponses: bool,
  showPrompt: bool,
  showDetails: bool,
  tab: int(0, 16),
});

export function loadState(): ViewState {
  const saved = getState();
  return saved !== undefined && viewState(saved, 'state') === null ? { ...(saved as ViewState) } : { ...DEFAULT_STATE };
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
