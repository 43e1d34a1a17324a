/**
 * Data a webview page carries in its HTML (the Inspector's first record, docs/ARCHITECTURE.md "The
 * first screen"): a `<script type="application/json">` block, never executed (the CSP does not need
 * to admit it), read in the page with `textContent` and `JSON.parse`, then checked by the protocol's
 * schema like any message. The JSON is written with `<`, `>` and `&` as `\u` escapes, so record text
 * can never end the block (`</script>`) or open an HTML comment (`<!--`) in it, and with U+2028 and
 * U+2029 escaped too; `JSON.parse` gives back exactly the value written.
 */

const ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** `value` as JSON with no character that HTML or a script parser could take for markup. */
function pageDataJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c] as string);
}

/** The block itself; `id` is the page's own constant (letters, digits and dashes only). */
export function pageDataBlock(id: string, value: unknown): string {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`page data id ${JSON.stringify(id)}: letters, digits and dashes only`);
  return `<script type="application/json" id="${id}">${pageDataJson(value)}</script>`;
}

/** The id of the Inspector's first record in its page. */
export const FIRST_RECORD_ID = 'rlens-first-record';

/** The element the page's inline script paints record 0 into before the full bundle loads (webview/inspector/firstPaint.ts). */
export const FIRST_PAINT_ID = 'rlens-first-paint';

/** The id of the page's inline script; its data-script and data-style name the full bundle it loads. */
export const LOADER_ID = 'rlens-loader';

/** The id the loader gives the full bundle's stylesheet (the app waits for it before it lays out). */
export const STYLE_ID = 'rlens-style';

/**
 * Whether `text` (our own build's script or stylesheet, never data) can sit inside a `<tag>` element
 * of the page as written: nothing in it ends the element or opens a comment. scripts/build.mjs checks
 * the same when it builds the inline first paint.
 */
export function inlineable(text: string, tag: 'script' | 'style'): boolean {
  return !new RegExp(`</${tag}|<!--`, 'i').test(text);
}
