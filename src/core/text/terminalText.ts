/**
 * Text from records and servers never reaches a terminal raw: C0 controls (but newline and tab), DEL,
 * C1 controls and the bidirectional overrides are shown as `\uXXXX`. So a record cannot write the
 * clipboard (OSC 52), retitle the window (OSC 0), hide text (SGR 8), move the cursor back over a
 * figure (CR) or reorder what is shown (Trojan-source bidi). Inside JSON output the same escapes are
 * valid JSON for the same characters, so one pass serves tables, CSV and `--json` alike.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// eslint-disable-next-line no-control-regex -- as above, plus the characters that end or split a line
const UNSAFE_INLINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * A name or id shown inside one line (a table cell, a tab-separated column, a note): newlines, tabs
 * and Unicode line separators are escaped too, so a file name or record id cannot forge lines or
 * columns of the output around it.
 */
export function inlineText(text: string): string {
  return text.replace(UNSAFE_INLINE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
