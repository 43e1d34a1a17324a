/**
 * Record text to a Markdown syntax tree, or a reason to show it as written. Pure: no DOM, so the
 * unit tests and the bench run the same parse the webview does.
 *
 * The GFM extensions are chosen so that rendering never changes what a judge wrote where the
 * reading is ambiguous: strikethrough needs two tildes (`HEAD~1 … HEAD~1` is text, not struck
 * through), and literal autolinks (`www.x.com`, bare e-mail addresses) are off (they are never
 * live here, and would only add an address beside text that is already the address). Tables,
 * task lists and footnotes keep their characters or are unambiguous markup.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { MarkdownUnit } from './markdownUnits';
import { markdownUnits } from './markdownUnits';

/** Longer texts are shown raw: parsing a megabyte on every step would stall the view. */
const MAX_RENDERED_CHARS = 200_000;

/** A unit of the text (see markdownUnits) with its syntax tree, or why it is shown as written. */
interface ParsedUnit {
  readonly unit: MarkdownUnit;
  /** Positions are relative to the unit's start. */
  readonly tree: Root | null;
}

export type Parsed = { readonly units: ParsedUnit[]; readonly refused: null } | { readonly units: null; readonly refused: string };

/** Built once: micromark combines the extensions on every call otherwise. */
let options: Parameters<typeof fromMarkdown>[1] | undefined;

export function markdownOptions(): NonNullable<Parameters<typeof fromMarkdown>[1]> {
  options ??= {
    extensions: [gfmFootnote(), gfmStrikethrough({ singleTilde: false }), gfmTable(), gfmTaskListItem()],
    mdastExtensions: [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
  };
  return options;
}

/** The text's syntax trees, one per unit, or why the whole text is shown as written (too long). */
export function parseMarkdown(text: string): Parsed {
  if (text.length > MAX_RENDERED_CHARS) return { units: null, refused: `it is over ${MAX_RENDERED_CHARS.toLocaleString('en-US')} characters long` };
  const units = markdownUnits(text).units.map((unit) => ({ unit, tree: unit.refused === null ? fromMarkdown(text.slice(unit.start, unit.end), markdownOptions()) : null }));
  return { units, refused: null };
}
