/**
 * Record text inside Markdown (hovers, tooltips, summaries) is data, never markup: every ASCII
 * punctuation character is escaped, so no link, image, HTML tag, autolink, theme icon, table cell
 * or block construct can come from a record; bidi controls are shown as visible code points.
 */

const PUNCTUATION = /[!-/:-@[-`{-~]/g;
/** Bidi embeddings/overrides/isolates and other invisible format characters that could disguise text. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** One line of text for a Markdown paragraph, backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return showInvisible(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(PUNCTUATION, '\\$&');
}

/**
 * Escaped with numeric character references instead of backslashes, for text that passes through
 * core/reports/report.ts's renderers (they split paths on `\` and escape `|` themselves).
 */
export function escapeMarkdownEntities(text: string): string {
  return showInvisible(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(PUNCTUATION, (c) => `&#${c.charCodeAt(0)};`);
}

/** The first `maxLines` non-blank lines of `text`, each cut at `maxChars`; `more` says whether anything was left out. */
function firstLines(text: string, maxLines = 3, maxChars = 160): { lines: string[]; more: boolean } {
  const all = text.split(/\r\n|[\n\r\u2028\u2029]/);
  const lines: string[] = [];
  let more = false;
  for (const raw of all) {
    const line = raw.trim();
    if (!line) continue;
    if (lines.length === maxLines) {
      more = true;
      break;
    }
    // Cut on a code point boundary.
    const chars = Array.from(line);
    if (chars.length > maxChars) {
      lines.push(`${chars.slice(0, maxChars).join('')}…`);
      more = true;
    } else lines.push(line);
  }
  return { lines, more };
}

/** An escaped excerpt as a block quote, one hard-broken line per source line. */
export function quoteExcerpt(text: string, maxLines = 3, maxChars = 160): string {
  const { lines, more } = firstLines(text, maxLines, maxChars);
  if (!lines.length) return '> *(empty)*';
  const body = lines.map((l) => `> ${escapeMarkdown(l)}`);
  if (more && !body[body.length - 1]?.endsWith('…')) body[body.length - 1] += ' …';
  return body.join('\\\n');
}
