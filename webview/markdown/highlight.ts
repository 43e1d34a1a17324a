/**
 * Alignment highlighting in place: claims wrapped in spans by class (shared / missing / extra /
 * conflict), non-reason segments dimmed, changed words inside matched pairs marked. Text goes in
 * as text nodes only. Hovering a claim lights up its partners on the other side.
 */
import type { AlignmentView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import type { Piece, Side } from '../logic/annotate';
import { annotationPieces, markEvidence } from '../logic/annotate';
import { appendRaw, appendRendered, shownAsWrittenNote } from './markdown';

export type { Side };

/** Claim highlights: only what differs, or every class (`d` switches). */
export type HighlightMode = 'differences' | 'all';

/**
 * `text` with its alignment highlights, as Markdown rendered (when `rendered` and not too long)
 * or raw. data-view says which, so a reader (and a test) can tell.
 */
export function renderAnnotated(text: string, alignment: AlignmentView | null, side: Side, rendered = false, evidence: readonly { start: number; end: number }[] = []): HTMLElement {
  const pieces = markEvidence(annotationPieces(text, alignment, side), evidence, EVIDENCE_MARK);
  const root = h('div', { class: 'annotated', attrs: { 'data-side': side } });
  fill(root, text, pieces, alignment ? side : null, rendered);
  return root;
}

const EVIDENCE_MARK = { cls: 'argument-evidence', title: 'the rationale argues for the other response than its verdict here (heuristic)' };

/** Record text without highlights (prompts, responses, analyses), rendered or raw. */
export function renderText(text: string, rendered: boolean, cls = ''): HTMLElement {
  const root = h('div', { class: `text ${cls}` });
  fill(root, text, annotationPieces(text, null, 'gold'), null, rendered);
  return root;
}

function fill(root: HTMLElement, text: string, pieces: Piece[], side: Side | null, rendered: boolean): void {
  const refused = rendered ? appendRendered(root, text, pieces, side) : null;
  if (rendered && refused === null) {
    root.classList.add('md');
    root.dataset.view = 'rendered';
    return;
  }
  // Said on screen, not only in a tooltip: the reader asked for rendered Markdown.
  if (refused !== null) root.appendChild(shownAsWrittenNote(refused));
  appendRaw(root, text, pieces, side);
  root.dataset.view = 'raw';
}

/** Partners of a claim through the alignment's pairs (primary first). */
function partners(alignment: AlignmentView, side: Side, claim: number): number[] {
  const out: number[] = [];
  const pairs = [...alignment.pairs].sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const p of pairs) {
    if (side === 'gold' && p.gold === claim) out.push(p.rationale);
    if (side === 'rationale' && p.rationale === claim) out.push(p.gold);
  }
  return out;
}

/** Wires hover linking inside `container`, which holds both sides of one alignment. A claim may be drawn in several fragments (rendered Markdown splits it by element): all of them light up. */
export function linkHover(container: HTMLElement, alignment: AlignmentView): void {
  let lit: HTMLElement[] = [];
  let current = '';
  const fragments = (side: Side, claim: number) => [...container.querySelectorAll<HTMLElement>(`.claim[data-side="${side}"][data-claim="${claim}"]`)];
  const clearLit = () => {
    for (const el of lit) el.classList.remove('linked', 'linked-source');
    lit = [];
    current = '';
  };
  container.addEventListener('mouseover', (e) => {
    const claim = (e.target as HTMLElement).closest<HTMLElement>('.claim[data-claim]');
    if (!claim) return;
    const side = claim.dataset.side as Side;
    const index = Number(claim.dataset.claim);
    if (current === `${side}:${index}`) return;
    clearLit();
    current = `${side}:${index}`;
    const other: Side = side === 'gold' ? 'rationale' : 'gold';
    for (const el of fragments(side, index)) {
      el.classList.add('linked-source');
      lit.push(el);
    }
    for (const p of partners(alignment, side, index)) {
      for (const el of fragments(other, p)) {
        el.classList.add('linked');
        lit.push(el);
      }
    }
  });
  container.addEventListener('mouseleave', clearLit);
  container.addEventListener('mouseout', (e) => {
    const to = e.relatedTarget as HTMLElement | null;
    if (!to || !to.closest('.claim[data-claim]')) clearLit();
  });
}

/**
 * The legend, with the switch between the two highlight views: "differences" (what differs stands
 * out: missing, extra, conflicts; shared claims quiet, their changed words on hover) and "all".
 */
export function legend(mode: HighlightMode, onMode: ((mode: HighlightMode) => void) | null): HTMLElement {
  const item = (cls: string, name: string, help: string) => h('span', { class: 'legend-item', title: help }, h('span', { class: `claim ${cls} swatch` }, name));
  const option = (value: HighlightMode, text: string, title: string) =>
    h('button', { class: 'view-mode-option', attrs: { type: 'button', 'data-highlights-mode': value, 'aria-pressed': String(mode === value), title }, on: { click: () => mode !== value && onMode?.(value) } }, text);
  const differences = mode === 'differences';
  return h(
    'div',
    { class: 'legend', attrs: { 'aria-label': 'Legend', 'data-highlights': mode } },
    onMode && h(
      'span',
      { class: 'view-mode highlight-mode', attrs: { role: 'group', 'aria-label': 'Highlights (d switches)' } },
      option('differences', 'Differences', 'Highlight only what differs: missing, extra and conflicting reasons; hover a shared claim for its changed words (d)'),
      option('all', 'All highlights', 'Highlight every claim: shared ones, changed words, what is not a reason (d)'),
    ),
    item('cls-missing', 'missing', 'a reference reason the rationale does not give'),
    item('cls-extra', 'extra', 'a rationale reason the reference does not give'),
    item('cls-conflict', 'conflict', 'the same point, opposite conclusions'),
    differences ? null : item('cls-shared', 'shared', 'a reason both texts give'),
    differences ? null : h('span', { class: 'legend-item', title: 'words that differ inside a matched pair' }, h('span', { class: 'claim cls-shared swatch' }, h('span', { class: 'diff diff-added' }, 'changed words'))),
    differences ? null : h('span', { class: 'legend-item', title: 'headings, labels, verdict lines, filler' }, h('span', { class: 'skipped swatch' }, 'not a reason')),
    h(
      'span',
      { class: 'legend-hint', title: differences ? 'Shared claims are left unmarked in this view; hovering one shows its match and the words that differ (d marks every claim).' : 'Hovering a claim shows its match on the other side.' },
      differences ? 'Hover a claim: its match and changed words.' : 'Hover a claim to see its match.',
    ),
  );
}
