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
