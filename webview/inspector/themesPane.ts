/**
 * The Themes view above the list: the file's failure themes (what spurious rationales get wrong),
 * each with its records, spurious records explained, S-Corr, L-Acc and an example. A theme's title
 * filters the list to its records; rename, split, dismiss one, or merge the ticked ones; dismissed
 * themes can be restored. Everything is saved beside the file by the host. Theme titles and claims
 * are record-derived text: built with text nodes only (dom.ts). The record view asks `themesOf` for
 * the chips of the record shown.
 */
import type { ThemeView, ThemesView, ToWebview } from '../../src/protocol/messages';
import type { RatifyAction } from '../../src/protocol/themes';
import { clear, h } from '../dom/dom';
import { nextRequestId, onMessage, send } from '../vscodeApi/inspectorApi';

const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const oneLine = (t: string, max = 160): string => {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

let current: ThemesView | null = null;
let byRecord = new Map<number, ThemeView[]>();

/** The themes a record is in (empty until the Themes view has been opened once). */
function themesOf(index: number): readonly ThemeView[] {
  return byRecord.get(index) ?? [];
}

/** Chips naming the record's themes; a click filters the list by that theme. */
export function recordThemeChips(index: number): HTMLElement | null {
  const themes = themesOf(index);
  if (!themes.length) return null;
  return h('div', { class: 'record-themes', attrs: { 'data-index': index } }, 'Failure themes: ', ...themes.map((t) => h('button', { class: 'theme-chip', title: 'List only this theme\'s records', attrs: { 'data-theme-id': t.id }, on: { click: () => filterBy(t.id) } }, t.title)));
}

function filterBy(theme: string | null): void {
  send({ type: 'filterTheme', requestId: nextRequestId(), theme });
}

export class ThemesPane {
  readonly element = h('section', { class: 'themes-pane', attrs: { 'aria-label': 'Failure themes' } });
  private readonly toggle = h('button', { class: 'themes-toggle', attrs: { 'aria-expanded': 'false' }, on: { click: () => this.setOpen(!this.open) } }, 'Themes');
  private readonly active = h('span', { class: 'themes-active' });
  private readonly body = h('div', { class: 'themes-body', attrs: { hidden: true } });
  private open = false;
  private request = -1;
  private readonly selected = new Set<string>();
  private renaming: string | null = null;

  constructor() {
    this.element.append(h('div', { class: 'themes-bar' }, this.toggle, this.active), this.body);
    onMessage((m) => this.onMessage(m));
  }

  private setOpen(open: boolean): void {
    this.open = open;
    this.toggle.setAttribute('aria-expanded', String(open));
    this.body.hidden = !open;
    if (open) this.ask();
  }

  private ask(action: RatifyAction | null = null, theme: string | null = null, extra: { title?: string; others?: string[] } = {}): void {
    this.request = nextRequestId();
    if (!current) this.status('Finding failure themes…');
    send({ type: 'themes', requestId: this.request, action, theme, title: extra.title ?? null, others: extra.others ?? [] });
  }

  private status(text: string): void {
    clear(this.body);
    this.body.append(h('div', { class: 'themes-status' }, text));
  }

  private onMessage(m: ToWebview): void {
    if (m.type === 'themes') {
      current = m.view;
      byRecord = new Map();
      for (const t of m.view.themes) for (const i of t.indexes) byRecord.set(i, [...(byRecord.get(i) ?? []), t]);
      this.render();
      this.refreshRecordChips();
    } else if (m.type === 'progress' && m.phase === 'themes' && m.requestId === this.request && !current) {
      this.status(`Finding failure themes… ${m.done} of ${m.total} records`);
    } else if (m.type === 'error' && m.requestId === this.request) {
      this.status(m.message);
    } else if (m.type === 'invalidate' && this.open && m.reason === 'file') {
      this.ask();
    }
  }

  /** The record shown gets its chips without being asked for again. */
  private refreshRecordChips(): void {
    const shown = document.querySelector<HTMLElement>('.record[data-index]');
    if (!shown) return;
    const index = Number(shown.dataset.index);
    const chips = recordThemeChips(index);
    const old = shown.querySelector('.record-themes');
    if (old) old.remove();
    // Under the title bar, where the record view puts them.
    if (chips) shown.querySelector('.record-title')?.after(chips);
  }

  private render(): void {
    const v = current;
    clear(this.active);
    if (!v) return;
    const filtered = v.themes.find((t) => t.id === v.filter);
    if (filtered) this.active.append(`listing theme "${filtered.title}" · `, h('button', { class: 'link-button', attrs: { 'data-action': 'clear-theme' }, on: { click: () => filterBy(null) } }, 'list all'));
    clear(this.body);
    this.body.append(
      h('div', { class: 'themes-summary' }, `${v.spurious} spurious records, ${v.spuriousExplained} explained by a theme · ${v.failureClaims} failure claims (decisive gold claims missed or contradicted), ${v.unthemedClaims} in no theme · ${v.grouping}${v.partial ? ' · the file is still being read' : ''}`),
    );
    if (!v.themes.length) this.body.append(h('div', { class: 'themes-status' }, 'No theme: no failure is shared by two records.'));
    const list = h('ol', { class: 'themes-list' });
    for (const t of v.themes) list.append(this.row(t, t.id === v.filter));
    this.body.append(list);
    if (v.themes.length > 1) {
      this.body.append(h('vscode-button', { attrs: { 'data-action': 'merge-themes', secondary: true }, on: { click: () => this.merge() } }, 'Merge ticked themes'));
    }
    if (v.dismissed.length) {
      this.body.append(h('div', { class: 'themes-dismissed' }, 'Dismissed: ', ...v.dismissed.map((d) => h('button', { class: 'link-button', title: 'Restore this theme', attrs: { 'data-theme-id': d.id }, on: { click: () => this.ask('restore', d.id) } }, `${d.title} (restore)`))));
    }
    for (const n of v.notes) this.body.append(h('div', { class: 'themes-note' }, n));
  }

  private row(t: ThemeView, filtered: boolean): HTMLElement {
    const tick = h('input', { attrs: { type: 'checkbox', 'aria-label': `Tick "${t.title}" to merge` } });
    tick.checked = this.selected.has(t.id);
    tick.addEventListener('change', () => (tick.checked ? this.selected.add(t.id) : this.selected.delete(t.id)));
    const title =
      this.renaming === t.id
        ? this.renameField(t)
        : h('button', { class: 'theme-title', title: 'List only this theme\'s records', attrs: { 'aria-pressed': String(filtered) }, on: { click: () => filterBy(filtered ? null : t.id) } }, t.title, t.titleSource === 'researcher' ? ' ✎' : '');
    const action = (label: string, name: string, run: () => void) => h('button', { class: 'link-button', attrs: { 'data-action': name }, on: { click: run } }, label);
    const e = t.examples[0];
    return h(
      'li',
      { class: 'theme', attrs: { 'data-theme-id': t.id } },
      h('div', { class: 'theme-head' }, tick, title),
      h('div', { class: 'theme-figures' }, `${t.records} records · ${t.spurious} spurious · S-Corr ${pct(t.sCorr)} · L-Acc ${pct(t.lAcc)}`),
      h('div', { class: 'theme-actions' }, action('rename', 'rename-theme', () => this.startRename(t.id)), action('split', 'split-theme', () => this.ask('split', t.id)), action('dismiss', 'dismiss-theme', () => this.ask('dismiss', t.id))),
      e ? h('div', { class: 'theme-example' }, `e.g. ${e.recordId} (${e.failure}): ${oneLine(e.goldClaim)}`) : null,
    );
  }

  private startRename(id: string): void {
    this.renaming = id;
    this.render();
    this.body.querySelector<HTMLInputElement>('input.theme-rename')?.focus();
  }

  private renameField(t: ThemeView): HTMLElement {
    const input = h('input', { class: 'theme-rename', attrs: { type: 'text', maxlength: 200, 'aria-label': 'New title' } });
    input.value = t.title;
    const done = (save: boolean) => {
      this.renaming = null;
      const title = input.value.trim();
      if (save && title && title !== t.title) this.ask('rename', t.id, { title });
      else this.render();
    };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') done(true);
      else if (e.key === 'Escape') done(false);
    });
    return h('span', { class: 'theme-renaming' }, input, h('button', { class: 'link-button', attrs: { 'data-action': 'save-title' }, on: { click: () => done(true) } }, 'save'));
  }

  private merge(): void {
    const ids = (current?.themes ?? []).map((t) => t.id).filter((id) => this.selected.has(id));
    if (ids.length < 2) {
      this.status('Tick two themes or more to merge them (into the first ticked).');
      setTimeout(() => this.render(), 2500);
      return;
    }
    this.selected.clear();
    this.ask('merge', ids[0], { others: ids.slice(1) });
  }
}
