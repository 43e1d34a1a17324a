/**
 * Characters a reader cannot see but that change what they see: bidirectional overrides,
 * embeddings and isolates reorder the text around them (Trojan-source), zero-width and other
 * format characters hide or join, C0/C1 controls draw nothing. Record text shows them as their code
 * points, raw and rendered alike, so a record cannot disguise what it says. Pure: no DOM.
 */

/**
 * Shown wherever they stand in a record. Joiners (U+200C/D) and variation selectors stay: scripts
 * and emoji need them and they reorder nothing.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const SHOWN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/u;
const SHOWN_ALL = new RegExp(SHOWN.source, 'gu');

/**
 * Never the meaning of a character reference (`&#x202E;`, `&zwj;`): a reference to something
 * invisible is shown as written, as the raw view shows it.
 */
const HIDDEN_WHEN_DECODED = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]$/u;

export function isHiddenWhenDecoded(c: string): boolean {
  return HIDDEN_WHEN_DECODED.test(c);
}

/** How an invisible character is shown: `<U+202E>`. */
export function codePointLabel(c: string): string {
  return `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** `text` cut into its visible runs and its invisible characters, in order. */
export function splitInvisible(text: string): { text: string; invisible: boolean }[] {
  if (!SHOWN.test(text)) return text ? [{ text, invisible: false }] : [];
  const out: { text: string; invisible: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(SHOWN_ALL)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), invisible: false });
    out.push({ text: m[0], invisible: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), invisible: false });
  return out;
}

/** `text` with every invisible character replaced by its label (for tooltips and attributes). */
export function showInvisible(text: string): string {
  return text.replace(SHOWN_ALL, codePointLabel);
}
