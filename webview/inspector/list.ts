/**
 * The record list, virtualized: a spacer gives the scroll height, and only the rows in view (plus a
 * margin) exist in the DOM, recycled as the list scrolls. Rows arrive in pages on request. For very
 * long lists the spacer is capped and scroll positions are scaled, so a million rows scroll fine.
 */
import type { RowView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { KIND_HELP, KIND_LABEL, label, pct } from '../logic/format';

export const ROW_HEIGHT = 26;
export const PAGE_SIZE = 100;
const MAX_SPACER_PX = 8_000_000;
const OVERSCAN = 10;
const MAX_PAGES = 60;

export interface ListCallbacks {
  requestPage(start: number, count: number): void;
  onActivate(position: number, row: RowView): void;
  onScroll(scrollTop: number): void;
}

export class VirtualList {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly empty: HTMLElement;
  private total = 0;
  private listId = -1;
  private pages = new Map<number, RowView[]>();
  private requested = new Set<number>();
  private selected = -1;
  private frame = 0;
  private pool: HTMLElement[] = [];

  constructor(private readonly cb: ListCallbacks) {
    this.spacer = h('div', { class: 'vlist-spacer' });
    this.rowsEl = h('div', { class: 'vlist-rows', attrs: { role: 'presentation' } });
    this.empty = h('div', { class: 'vlist-empty' });
    this.element = h('div', { class: 'vlist', attrs: { role: 'listbox', tabindex: 0, 'aria-label': 'Records' } }, this.spacer, this.rowsEl, this.empty);
    this.element.addEventListener('scroll', () => {
      this.schedule();
      this.cb.onScroll(this.element.scrollTop);
    });
    this.element.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('.vrow');
      if (!row) return;
      const position = Number(row.dataset.position);
      const data = this.rowAt(position);
      if (data) this.cb.onActivate(position, data);
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  get size(): number {
    return this.total;
  }

  get id(): number {
    return this.listId;
  }

  /** A new list: drops cached rows (unless `keepRows`, for a refresh of the same list). */
  reset(listId: number, total: number, emptyText: string): void {
    this.listId = listId;
    this.total = total;
    this.pages.clear();
    this.requested.clear();
    this.empty.textContent = total === 0 ? emptyText : '';
    this.spacer.style.height = `${this.spacerHeight()}px`;
    this.schedule();
  }

  addRows(listId: number, start: number, rows: readonly RowView[]): void {
    if (listId !== this.listId) return;
    const page = Math.floor(start / PAGE_SIZE);
    this.pages.set(page, [...rows]);
    this.requested.delete(page);
    if (this.pages.size > MAX_PAGES) {
      const current = Math.floor(this.firstVisible() / PAGE_SIZE);
      const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - current) - Math.abs(a - current))[0];
      if (far !== undefined) this.pages.delete(far);
    }
    this.schedule();
  }

  rowAt(position: number): RowView | undefined {
    return this.pages.get(Math.floor(position / PAGE_SIZE))?.[position % PAGE_SIZE];
  }

  /** The records of up to `n` rows after position `from` in `direction`, as far as their rows are here (read ahead while stepping; the page of the first row not here is asked for). */
  ahead(from: number, direction: 1 | -1, n: number): { index: number; position: number }[] {
    const out: { index: number; position: number }[] = [];
    for (let p = from + direction; out.length < n && p >= 0 && p < this.total; p += direction) {
      const row = this.rowAt(p);
      if (!row) {
        this.ensure(p); // the next page, before the selection reaches it
        break;
      }
      out.push({ index: row.index, position: p });
    }
    return out;
  }

  /** Asks for the page holding `position` if it is not here. */
  ensure(position: number): void {
    const page = Math.floor(position / PAGE_SIZE);
    if (position < 0 || position >= this.total || this.pages.has(page) || this.requested.has(page)) return;
    this.requested.add(page);
    this.cb.requestPage(page * PAGE_SIZE, Math.min(PAGE_SIZE, this.total - page * PAGE_SIZE));
  }

  setSelected(position: number): void {
    this.selected = position;
    this.schedule();
  }

  get scrollTop(): number {
    return this.element.scrollTop;
  }

  set scrollTop(value: number) {
    this.element.scrollTop = value;
    this.schedule();
  }

  /** Whole rows the list shows at once (at least one). */
  get rowsInView(): number {
    return Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT));
  }

  /** Scrolls so that `position` is in view (centred when it was far away). */
  reveal(position: number): void {
    if (position < 0 || position >= this.total) return;
    const view = this.element.clientHeight;
    const top = this.topOf(position);
    const current = this.element.scrollTop;
    const rowTop = top - current;
    if (rowTop >= 0 && rowTop + ROW_HEIGHT <= view) return;
    if (rowTop < 0 && rowTop > -ROW_HEIGHT * 3) this.element.scrollTop = top;
    else if (rowTop > view && rowTop < view + ROW_HEIGHT * 3) this.element.scrollTop = top - view + ROW_HEIGHT;
    else this.element.scrollTop = Math.max(0, top - view / 2);
    this.schedule();
  }

  private spacerHeight(): number {
    return Math.min(this.total * ROW_HEIGHT, MAX_SPACER_PX);
  }

  /** Virtual pixels per real scroll pixel (1 unless the list is huge). */
  private scale(): number {
    const view = this.element.clientHeight || 1;
    const real = this.spacerHeight() - view;
    const virtual = this.total * ROW_HEIGHT - view;
    return real > 0 && virtual > real ? virtual / real : 1;
  }

  /** Real scrollTop that puts `position` at the top. */
  private topOf(position: number): number {
    return (position * ROW_HEIGHT) / this.scale();
  }

  private firstVisible(): number {
    return Math.floor((this.element.scrollTop * this.scale()) / ROW_HEIGHT);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const scrollTop = this.element.scrollTop;
    const virtualTop = scrollTop * this.scale();
    const first = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil((this.element.clientHeight || 600) / ROW_HEIGHT) + OVERSCAN * 2;
    const last = Math.min(this.total, first + visible);
    // Rows are placed relative to the real scroll position, offset by the sub-row remainder.
    const offset = scrollTop - (virtualTop - first * ROW_HEIGHT);
    this.rowsEl.style.transform = `translateY(${offset}px)`;
    const needed = last - first;
    while (this.pool.length < needed) {
      const el = h('div', { class: 'vrow', attrs: { role: 'option' } });
      this.pool.push(el);
      this.rowsEl.appendChild(el);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k] as HTMLElement;
      if (k >= needed) {
        if (!el.hidden) {
          // Spare rows keep no stale record text.
          el.hidden = true;
          el.replaceChildren();
          el.dataset.key = '';
          delete el.dataset.index;
          delete el.dataset.position;
        }
        continue;
      }
      el.hidden = false;
      const position = first + k;
      this.fill(el, position, this.rowAt(position));
    }
    for (let p = first; p < last; p += PAGE_SIZE) this.ensure(p);
    if (last > 0) this.ensure(last - 1);
  }

  private fill(el: HTMLElement, position: number, row: RowView | undefined): void {
    const key = row ? `${position}:${row.index}:${row.kind}:${row.id ?? ''}:${row.coverage ?? ''}:${row.flip ?? ''}:${row.origin ?? ''}:${String(row.contradicts)}:${position === this.selected}` : `${position}:pending`;
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    el.dataset.position = String(position);
    el.setAttribute('aria-selected', position === this.selected ? 'true' : 'false');
    el.classList.toggle('selected', position === this.selected);
    el.replaceChildren();
    if (!row) {
      el.dataset.index = '';
      el.append(h('span', { class: 'c-id pending' }, '…'));
      return;
    }
    el.dataset.index = String(row.index);
    el.dataset.kind = row.kind;
    const id = row.id ?? `line ${row.line}`;
    const verdictOk = row.gold !== null && row.predicted === row.gold;
    el.title = `${id} (line ${row.line}) · gold ${label(row.gold)}, predicted ${label(row.predicted)} · ${KIND_LABEL[row.kind]}: ${KIND_HELP[row.kind]}${row.origin ? ` · verdict from ${row.origin === 'llm' ? 'the LLM judge' : row.origin}` : ''}${row.subset ? ` · subset ${row.subset}` : ''}${row.coverage === null ? '' : ` · heuristic claim coverage ${pct(row.coverage, 0)}`}${row.flip === undefined || row.flip === null ? '' : ` · flip rate of its samples ${pct(row.flip, 0)}`}${row.contradicts ? ' · the rationale argues for the other response than its verdict (heuristic)' : ''}`;
    el.append(
      h('span', { class: 'c-id', title: id }, row.contradicts ? h('span', { class: 'contradicts-mark', title: 'the rationale argues for the other response than its verdict (heuristic)' }, '\u2260 ') : null, id),
      h('span', { class: `c-labels ${verdictOk ? 'ok' : 'bad'}` }, `${label(row.gold)}→${label(row.predicted)}`),
      h('span', { class: `c-kind kind-${row.kind}` }, h('span', { class: 'dot' }), KIND_LABEL[row.kind], row.origin === 'human' ? h('span', { class: 'human', title: 'marked by a human' }, ' ✎') : null),
      h('span', { class: 'c-subset' }, row.subset ?? ''),
      row.coverage === null && row.flip !== undefined && row.flip !== null
        ? h('span', { class: 'c-cov c-flip', title: 'flip rate of its samples: 1 − the share giving the most common verdict' }, pct(row.flip, 0))
        : h('span', { class: 'c-cov', title: 'heuristic claim coverage (not S-Corr)' }, row.coverage === null ? '' : pct(row.coverage, 0)),
    );
  }
}
