/**
 * The Inspector page's inline script (nonce'd, written into the page by
 * src/extension/inspector/html.ts; docs/ARCHITECTURE.md "The first screen"). VS Code shows a
 * webview's frame once its page has loaded (the `load` event, or 200 ms after the page was written),
 * and `load` waits for the page's stylesheets and scripts: with main.css and main.js in the page, the
 * first record could not show before the full bundle was fetched through the webview's service
 * worker, parsed and run. So the page links neither: this script paints record 0 from the page's
 * data block at once (the light view, recordLight.ts, styled by the inline webview/styles/firstPaint.css),
 * and only after `load` adds the full bundle's stylesheet and script, whose app then replaces the
 * paint (firstRecord.ts). Record text is only ever set as text.
 */
import '../styles/firstPaint.css';
import { FIRST_PAINT_ID, LOADER_ID, STYLE_ID } from '../../src/protocol/pageData';
import { h } from '../dom/dom';
import { hasSavedState, vsCodeApi } from '../vscodeApi/acquire';
import { pageRecordZero } from './pageRecord';
import { renderLight } from './recordLight';
import { markFirstRecordFrame } from './recordTiming';

/** Record 0, painted where the app will show it; not on a restored view (the app shows what it had) nor without a usable record 0 (the app says why). */
function paintFirst(): void {
  if (hasSavedState(vsCodeApi())) return;
  const first = pageRecordZero();
  if (!first || !('record' in first)) return;
  const fileName = document.getElementById('app')?.dataset.fileName ?? '';
  const paint = h(
    'div',
    { attrs: { id: FIRST_PAINT_ID, 'data-record-id': first.record.id, 'aria-busy': 'true' } },
    h('div', { class: 'first-paint-header' }, h('span', { class: 'file-name' }, fileName), h('span', { class: 'file-meta' }, 'loading…')),
    h('div', { class: 'first-paint-record' }, renderLight(first.record)),
  );
  document.body.append(paint);
  performance.mark('rlens:first-paint');
  markFirstRecordFrame();
}

/** The full bundle: its stylesheet (marked when it has loaded or failed, main.ts waits for it) and its script. */
function loadBundle(): void {
  const loader = document.getElementById(LOADER_ID) as HTMLScriptElement | null;
  const { script, style } = loader?.dataset ?? {};
  if (!loader || !script || !style) return;
  const link = h('link', { attrs: { rel: 'stylesheet', id: STYLE_ID, href: style } });
  link.nonce = loader.nonce;
  link.addEventListener('load', () => (link.dataset.state = 'loaded'), { once: true });
  link.addEventListener('error', () => (link.dataset.state = 'failed'), { once: true });
  document.head.append(link);
  const bundle = h('script', { attrs: { src: script } });
  bundle.nonce = loader.nonce;
  document.body.append(bundle);
}

try {
  paintFirst();
} catch (e) {
  console.warn(`Rationale Lens: the first record was not painted early: ${String(e)}`); // the app paints it as before
}
// After `load`, so that VS Code shows the frame (with the record) without waiting for the bundle.
if (document.readyState === 'complete') loadBundle();
else window.addEventListener('load', loadBundle, { once: true });
