/**
 * The list's search field and the pills of the filters in force. The search state follows the field
 * whatever empties it (typing, Esc, the native clear of type=search, which fires no input event
 * inside vscode-textfield), so an empty box never hides a filter; each filter the chips do not show
 * (the search, the subset) is a pill whose × removes it.
 */
import { clear, h } from '../dom/dom';

type Field = HTMLElement & { value: string; updateComplete?: Promise<unknown> };

export class SearchBox {
  readonly field = h('vscode-textfield', { class: 'search', attrs: { placeholder: 'Search prompt, responses, rationales, gold  ( / )', 'aria-label': 'Search records', type: 'search' } }) as Field;
  readonly pills = h('div', { class: 'filter-pills', attrs: { role: 'list', 'aria-label': 'Filters in force' } });
  private timer: number | undefined;

  /** `current()` is the search in force; `onSearch` sets it (typed: after a pause; Enter, Esc, clear: at once). */
  constructor(
    initial: string,
    private readonly current: () => string,
    private readonly onSearch: (text: string) => void,
  ) {
    this.field.value = initial;
    this.field.addEventListener('input', () => {
      window.clearTimeout(this.timer);
      // An emptied field (typed away, or the native clear) lists everything at once.
      if (this.text() === '') this.onSearch('');
      else this.timer = window.setTimeout(() => this.onSearch(this.text()), 350);
    });
    this.field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        window.clearTimeout(this.timer);
        this.onSearch(this.text());
      } else if (e.key === 'Escape' && (this.text() !== '' || this.current() !== '')) {
        // Esc clears the field (type=search's native behaviour) and the search with it; only an
        // empty field lets Esc through to leave it.
        e.preventDefault();
        e.stopPropagation();
        this.clear();
      }
    });
    // The native clear (×) of a type=search field fires "search" on the inner input (not composed).
    void customElements.whenDefined('vscode-textfield').then(async () => {
      await this.field.updateComplete;
      this.input()?.addEventListener('search', () => {
        if (this.text() === '') this.clear();
      });
    });
  }

  focus(): void {
    this.field.focus();
  }

  /** Empties the field and the search. */
  clear(): void {
    this.setField('');
    this.onSearch('');
  }

  /** Sets the field's text without searching (the state changed elsewhere). */
  setField(text: string): void {
    window.clearTimeout(this.timer);
    this.field.value = text;
    const inner = this.input();
    if (inner) inner.value = text;
  }

  /** One pill per filter in force that the chips do not show. */
  renderPills(search: string, subset: string | null, clearSubset: () => void, flag: { label: string; clear: () => void } | null = null): void {
    clear(this.pills);
    const pill = (filter: string, label: string, value: string, remove: () => void) =>
      h(
        'span',
        { class: 'filter-pill', attrs: { role: 'listitem', 'data-filter': filter }, title: `${label} ${value}` },
        h('span', { class: 'filter-pill-label' }, label),
        // textContent: the query is the user's own text, never parsed.
        h('span', { class: 'filter-pill-value' }, value),
        h('button', { class: 'filter-pill-remove', title: 'Remove this filter', attrs: { 'aria-label': `Remove the filter ${label} ${value}` }, on: { click: remove } }, '×'),
      );
    const query = search.trim();
    if (query !== '') this.pills.append(pill('search', 'search', `“${query}”`, () => this.clear()));
    if (subset !== null) this.pills.append(pill('subset', 'subset', subset, clearSubset));
    if (flag) this.pills.append(pill('flag', 'only', flag.label, flag.clear));
    this.pills.hidden = this.pills.childElementCount === 0;
  }

  /** The text as the inner input has it (the wrapper's value lags a native clear). */
  private text(): string {
    return this.input()?.value ?? this.field.value;
  }

  private input(): HTMLInputElement | null {
    return this.field.shadowRoot?.querySelector('input') ?? null;
  }
}
