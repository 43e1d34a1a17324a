/**
 * A record painted light, while the reader steps through records faster than its full view can be
 * built (recordFeed.ts): its title (id, place, class), the GenRM's verdict against the gold, and the
 * gold judgment beside the rationale as plain text, cut to LIGHT_CHARS each. No Markdown, claim
 * highlights, word diff or controls (custom elements): the full view replaces it once the steps
 * pause. Not a `.record`: what waits for a record's full view (and paintRecord's "same record")
 * does not take it for one. Record text is only ever set as text, never as HTML.
 */
import type { RecordView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { KIND_HELP, KIND_LABEL, label } from '../logic/format';
import { showInvisible } from '../logic/invisible';

/** Characters of each text painted light (about a screen). */
const LIGHT_CHARS = 3000;

/** Cut to LIGHT_CHARS, invisible characters (bidi overrides, zero-width) shown as code points as in the full view. */
const cut = (text: string): string => showInvisible(text.length > LIGHT_CHARS ? `${text.slice(0, LIGHT_CHARS)}…` : text);

export function renderLight(record: RecordView): HTMLElement {
  const j = record.judgments[0];
  const column = (title: string, text: string) => h('div', { class: 'column' }, h('div', { class: 'column-title' }, title), h('div', { class: 'light-text' }, cut(text)));
  return h(
    'div',
    { class: 'record-light', attrs: { 'data-index': record.index, 'data-kind': record.kind, 'aria-busy': 'true' } },
    h(
      'div',
      { class: 'record-title' },
      h('span', { class: 'record-id', title: record.id }, record.id),
      h('span', { class: 'record-meta' }, `record ${record.index + 1} · line ${record.line}${record.subset ? ` · ${record.subset}` : ''}`),
      h('span', { class: `c-kind kind-${record.kind}`, title: KIND_HELP[record.kind] }, h('span', { class: 'dot' }), KIND_LABEL[record.kind]),
    ),
    j ? h('div', { class: 'judgment-meta' }, h('span', { class: `verdict ${record.gold !== null && j.verdict === record.gold ? 'ok' : 'bad'}` }, `Verdict ${label(j.verdict)}`), ` vs gold ${label(record.gold)}`) : null,
    h(
      'div',
      { class: 'columns' },
      record.goldText !== null ? column('Gold judgment', record.goldText) : null,
      j ? column('GenRM rationale', j.rationale) : column('Response A', record.responseA),
    ),
  );
}
