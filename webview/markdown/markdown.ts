/**
 * Record text as Markdown, without ever treating it as HTML: micromark (CommonMark + GFM) parses it
 * to a syntax tree with source offsets, and DOM nodes are built from the tree by createElement and
 * text nodes only. Raw HTML in the Markdown stays visible text; links are never live (their
 * address is shown); images are never loaded. Every text leaf is split by the alignment pieces at
 * its source offsets, so claim highlights and their hover links work on the rendered text as on the raw.
 */
import type { Nodes, Parents } from 'mdast';
import { h } from '../dom/dom';
import type { Mark, Piece, Side } from '../logic/annotate';
import { chunks, pieceAt, sourceRuns } from '../logic/annotate';
import { codePointLabel, showInvisible, splitInvisible } from '../logic/invisible';
import { parseMarkdown } from '../logic/markdownParse';


/**
 * Deeper nodes are drawn as their source text: the units' budget already bounds nesting, and this
 * bounds the recursion below whatever the parser returns.
 */
const MAX_TREE_DEPTH = 128;

/** Text with its invisible characters (bidi overrides, zero-width, controls) shown as code points. */
function appendText(parent: Node, text: string): void {
  for (const part of splitInvisible(text)) {
    if (!part.invisible) parent.appendChild(document.createTextNode(part.text));
    else parent.appendChild(h('span', { class: 'invisible-char', title: `${codePointLabel(part.text)}: an invisible character, shown as its code point` }, codePointLabel(part.text)));
  }
}

function markElement(mark: Mark, side: Side | null, inner: boolean): HTMLElement {
  const attrs = !inner && mark.claim !== undefined ? { 'data-claim': mark.claim, 'data-side': side ?? undefined } : undefined;
  return h('span', { class: mark.cls, title: mark.title, attrs });
}

/** Appends `text` (lying inside piece `piece`) to `parent`, wrapped in the piece's marks. */
function appendPiece(parent: Node, text: string, piece: Piece | undefined, side: Side | null): void {
  if (piece?.evidence) {
    const wrap = markElement(piece.evidence, side, true);
    parent.appendChild(wrap);
    appendPiece(wrap, text, { ...piece, evidence: null }, side);
    return;
  }
  if (!piece || (!piece.outer && !piece.inner)) {
    appendText(parent, text);
    return;
  }
  const outer = piece.outer ? markElement(piece.outer, side, false) : null;
  const inner = piece.inner ? markElement(piece.inner, side, true) : null;
  appendText((inner ?? outer) as HTMLElement, text);
  if (outer && inner) outer.appendChild(inner);
  parent.appendChild((outer ?? inner) as HTMLElement);
}

/** Raw text, highlighted: one node per piece. */
export function appendRaw(parent: Node, text: string, pieces: readonly Piece[], side: Side | null): void {
  for (const p of pieces) appendPiece(parent, text.slice(p.start, p.end), p, side);
}

interface Context {
  /** The whole text: offsets below are into it. */
  readonly source: string;
  /** Where the parsed unit starts in the source (tree positions are relative to it). */
  readonly base: number;
  readonly pieces: readonly Piece[];
  readonly side: Side | null;
  /** Nesting of the node being built. */
  depth: number;
}

/** A node's source range in the whole text, when the parser gave one. */
function range(node: Nodes, ctx: Context): { start: number; end: number } | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : { start: ctx.base + start, end: ctx.base + end };
}

function leaf(parent: Node, value: string, start: number | undefined, end: number | undefined, ctx: Context): void {
  if (start === undefined || end === undefined) {
    appendText(parent, value);
    return;
  }
  for (const c of chunks(sourceRuns(value, ctx.source, start, end), ctx.pieces)) appendPiece(parent, c.text, ctx.pieces[c.piece], ctx.side);
}

/** Where `value` starts in `slice` at or after `from`: looked for within a bounded window, so the search stays linear. */
function findNear(slice: string, value: string, from: number): number {
  const last = Math.min(slice.length - value.length, from + 64);
  for (let at = from; at <= last; at++) if (slice.startsWith(value, at)) return at;
  return -1;
}

/** A leaf whose value sits inside its node's source after some syntax (code spans, fences). */
function innerLeaf(parent: Node, node: Nodes & { value: string }, ctx: Context): void {
  const r = range(node, ctx);
  if (!r) return leaf(parent, node.value, undefined, undefined, ctx);
  const slice = ctx.source.slice(r.start, r.end);
  const skip = node.type === 'code' ? slice.indexOf('\n') + 1 : 0;
  const at = node.value ? findNear(slice, node.value, skip) : -1;
  if (at >= 0) leaf(parent, node.value, r.start + at, r.start + at + node.value.length, ctx);
  else leaf(parent, node.value, r.start + skip, r.end, ctx);
}

function children(el: Node, node: Parents, ctx: Context): Node {
  ctx.depth++;
  for (const child of node.children) build(el, child, ctx);
  ctx.depth--;
  return el;
}

/** The node's own source text, shown as text (raw HTML, definitions, footnotes). */
function asSource(parent: Node, node: Nodes, ctx: Context, cls: string): void {
  const r = range(node, ctx);
  if (!r) return;
  const { start, end } = r;
  const span = h('span', { class: cls });
  leaf(span, ctx.source.slice(start, end), start, end, ctx);
  parent.appendChild(span);
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Emphasis by `*` inside a word on both sides (`2*3*4`, `a*b*c`): CommonMark reads it as emphasis,
 * a judge writing arithmetic or a product did not mean it. Ambiguous, so shown as written.
 */
function intraword(node: Nodes, ctx: Context): boolean {
  const r = range(node, ctx);
  if (!r || ctx.source[r.start] !== '*') return false;
  return WORD.test(ctx.source[r.start - 1] ?? '') && WORD.test(ctx.source[r.end] ?? '');
}

/** A node's delimiters (`size` characters each side) as text, its content still rendered. */
function asWritten(parent: Node, node: Parents, size: number, ctx: Context): void {
  const r = range(node, ctx);
  if (!r) return void children(parent, node, ctx);
  leaf(parent, ctx.source.slice(r.start, r.start + size), r.start, r.start + size, ctx);
  children(parent, node, ctx);
  leaf(parent, ctx.source.slice(r.end - size, r.end), r.end - size, r.end, ctx);
}

function build(parent: Node, node: Nodes, ctx: Context): void {
  const add = (el: HTMLElement, of: Parents = node as Parents) => parent.appendChild(children(el, of, ctx));
  if (ctx.depth > MAX_TREE_DEPTH && 'children' in node) return asSource(parent, node, ctx, 'md-source');
  switch (node.type) {
    case 'root':
      return void children(parent, node, ctx);
    case 'paragraph':
      return void add(h('p'));
    case 'heading':
      return void add(h(`h${Math.min(6, node.depth + 2)}` as 'h3', { class: `md-heading md-h${node.depth}` }));
    case 'emphasis':
    case 'strong':
      if (intraword(node, ctx)) return asWritten(parent, node, node.type === 'strong' ? 2 : 1, ctx);
      return void add(h(node.type === 'strong' ? 'strong' : 'em'));
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
      const span = children(h('span', { class: 'md-link', title: showInvisible(node.url) }), node, ctx);
      parent.appendChild(span);
      if (span.textContent !== node.url) {
        const url = h('span', { class: 'md-url' }, ' (');
        appendText(url, node.url);
        url.append(')');
        parent.appendChild(url);
      }
      return;
    }
    case 'linkReference':
      return void add(h('span', { class: 'md-ref' }));
    case 'text': {
      const r = range(node, ctx);
      return leaf(parent, node.value, r?.start, r?.end, ctx);
    }
    case 'inlineCode': {
      const code = h('code');
      innerLeaf(code, node, ctx);
      return void parent.appendChild(code);
    }
    case 'code': {
      const code = h('code', { attrs: { 'data-lang': node.lang ? showInvisible(node.lang) : undefined } });
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

/** Why part of a text is shown as written, on screen: the reader sees the text is not rendered and why. */
export function shownAsWrittenNote(reason: string): HTMLElement {
  return h('div', { class: 'md-as-written-note', attrs: { role: 'note' } }, `Shown as written: ${reason}.`);
}

/**
 * Renders `text` as Markdown into `parent`, highlighted by `pieces`, one parse unit at a time; a
 * unit over the parse budget is shown as written, with a note that says why. Returns the reason
 * (and renders nothing) when the whole text is too long to render; the caller shows it raw.
 */
export function appendRendered(parent: HTMLElement, text: string, pieces: readonly Piece[], side: Side | null): string | null {
  const parsed = parseMarkdown(text);
  if (parsed.units === null) return parsed.refused;
  for (const { unit, tree } of parsed.units) {
    if (tree) build(parent, tree, { source: text, base: unit.start, pieces, side, depth: 0 });
    else {
      const raw = h('div', { class: 'md-as-written', attrs: { 'data-refused': unit.refused } });
      raw.appendChild(shownAsWrittenNote(unit.refused ?? ''));
      const body = h('div', { class: 'md-as-written-text' });
      for (let i = pieceAt(pieces, unit.start); i < pieces.length && (pieces[i] as Piece).start < unit.end; i++) {
        const p = pieces[i] as Piece;
        appendPiece(body, text.slice(Math.max(p.start, unit.start), Math.min(p.end, unit.end)), p, side);
      }
      raw.appendChild(body);
      parent.appendChild(raw);
    }
  }
  return null;
}
