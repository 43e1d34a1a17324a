/**
 * Record text as Markdown, without ever treating it as HTML: micromark (CommonMark + GFM) parses it
 * to a syntax tree with source offsets, and DOM nodes are built from the tree by createElement and
 * text nodes only. Raw HTML in the Markdown stays visible text; links are never live (their
 * address is shown); images are never loaded. Every text leaf is split by the alignment pieces at
 * its source offsets, so claim highlights and their hover links work on the rendered text as on the raw.
 */
import type { Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { h } from './dom';
import type { Mark, Piece, Side } from './logic/annotate';
import { chunks, sourceRuns } from './logic/annotate';

/** Longer texts are shown raw: parsing a megabyte on every step would stall the view. */
export const MAX_RENDERED_CHARS = 200_000;

function markElement(mark: Mark, side: Side | null, inner: boolean): HTMLElement {
  const attrs = !inner && mark.claim !== undefined ? { 'data-claim': mark.claim, 'data-side': side ?? undefined } : undefined;
  return h('span', { class: mark.cls, title: mark.title, attrs });
}

/** Appends `text` (lying inside piece `piece`) to `parent`, wrapped in the piece's marks. */
function appendPiece(parent: Node, text: string, piece: Piece | undefined, side: Side | null): void {
  if (!piece || (!piece.outer && !piece.inner)) {
    parent.appendChild(document.createTextNode(text));
    return;
  }
  const outer = piece.outer ? markElement(piece.outer, side, false) : null;
  const inner = piece.inner ? markElement(piece.inner, side, true) : null;
  (inner ?? outer)?.appendChild(document.createTextNode(text));
  if (outer && inner) outer.appendChild(inner);
  parent.appendChild((outer ?? inner) as HTMLElement);
}

/** Raw text, highlighted: one node per piece. */
export function appendRaw(parent: Node, text: string, pieces: readonly Piece[], side: Side | null): void {
  for (const p of pieces) appendPiece(parent, text.slice(p.start, p.end), p, side);
}

interface Context {
  readonly source: string;
  readonly pieces: readonly Piece[];
  readonly side: Side | null;
}

function leaf(parent: Node, value: string, start: number | undefined, end: number | undefined, ctx: Context): void {
  if (start === undefined || end === undefined) {
    parent.appendChild(document.createTextNode(value));
    return;
  }
  for (const c of chunks(sourceRuns(value, ctx.source, start, end), ctx.pieces)) appendPiece(parent, c.text, ctx.pieces[c.piece], ctx.side);
}

/** A leaf whose value sits inside its node's source after some syntax (code spans, fences). */
function innerLeaf(parent: Node, node: Nodes & { value: string }, ctx: Context): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return leaf(parent, node.value, start, end, ctx);
  const slice = ctx.source.slice(start, end);
  const skip = node.type === 'code' ? slice.indexOf('\n') + 1 : 0;
  const at = node.value ? slice.indexOf(node.value, skip) : -1;
  if (at >= 0) leaf(parent, node.value, start + at, start + at + node.value.length, ctx);
  else leaf(parent, node.value, start + skip, end, ctx);
}

function children(el: Node, node: Parents, ctx: Context): Node {
  for (const child of node.children) build(el, child, ctx);
  return el;
}

/** The node's own source text, shown as text (raw HTML, definitions, footnotes). */
function asSource(parent: Node, node: Nodes, ctx: Context, cls: string): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const span = h('span', { class: cls });
  leaf(span, ctx.source.slice(start, end), start, end, ctx);
  parent.appendChild(span);
}

function build(parent: Node, node: Nodes, ctx: Context): void {
  const add = (el: HTMLElement, of: Parents = node as Parents) => parent.appendChild(children(el, of, ctx));
  switch (node.type) {
    case 'root':
      return void children(parent, node, ctx);
    case 'paragraph':
      return void add(h('p'));
    case 'heading':
      return void add(h(`h${Math.min(6, node.depth + 2)}` as 'h3', { class: `md-heading md-h${node.depth}` }));
    case 'emphasis':
      return void add(h('em'));
    case 'strong':
      return void add(h('strong'));
    case 'delete':
      return void add(h('del'));
    case 'blockquote':
      return void add(h('blockquote'));
    case 'list':
      return void add(node.ordered ? h('ol', { attrs: { start: node.start ?? 1 } }) : h('ul'));
    case 'listItem':
      return void add(h('li', { class: node.checked === null || node.checked === undefined ? '' : `task ${node.checked ? 'done' : 'open'}` }));
    case 'table': {
      const table = h('table', { class: 'md-table' });
      node.children.forEach((row, i) => {
        const tr = h('tr');
        row.children.forEach((cell, j) => tr.appendChild(children(h(i === 0 ? 'th' : 'td', { class: node.align?.[j] ? `align-${node.align[j]}` : '' }), cell, ctx)));
        table.appendChild(tr);
      });
      return void parent.appendChild(h('div', { class: 'md-table-wrap' }, table));
    }
    case 'link': {
      // Never a live link: a record can say anything about where it points. The address is shown.
      const span = children(h('span', { class: 'md-link', title: node.url }), node, ctx);
      parent.appendChild(span);
      if (span.textContent !== node.url) parent.appendChild(h('span', { class: 'md-url' }, ` (${node.url})`));
      return;
    }
    case 'linkReference':
      return void add(h('span', { class: 'md-ref' }));
    case 'text':
      return leaf(parent, node.value, node.position?.start.offset, node.position?.end.offset, ctx);
    case 'inlineCode': {
      const code = h('code');
      innerLeaf(code, node, ctx);
      return void parent.appendChild(code);
    }
    case 'code': {
      const code = h('code', { attrs: { 'data-lang': node.lang ?? undefined } });
      innerLeaf(code, node, ctx);
      return void parent.appendChild(h('pre', null, code));
    }
    case 'break':
      return void parent.appendChild(h('br'));
    case 'thematicBreak':
      return void parent.appendChild(h('hr'));
    case 'html':
      // Raw HTML is record text like any other: shown, never parsed.
      return asSource(parent, node, ctx, 'md-html');
    case 'image':
    case 'imageReference':
      // Never loaded (a hostile record could track its readers); shown as its source.
      return asSource(parent, node, ctx, 'md-image');
    default:
      // definitions, footnotes and anything newer: their source, as text.
      return asSource(parent, node, ctx, 'md-source');
  }
}

/** Built once: micromark combines the extensions on every call otherwise. */
let options: Parameters<typeof fromMarkdown>[1] | undefined;

/**
 * Renders `text` as Markdown into `parent`, highlighted by `pieces`. Returns false (and renders
 * nothing) when the text is too long to render; the caller shows it raw.
 */
export function appendRendered(parent: HTMLElement, text: string, pieces: readonly Piece[], side: Side | null): boolean {
  if (text.length > MAX_RENDERED_CHARS) return false;
  options ??= { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
  const tree = fromMarkdown(text, options);
  build(parent, tree, { source: text, pieces, side });
  return true;
}
