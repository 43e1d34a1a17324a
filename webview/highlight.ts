/**
 * Alignment highlighting in place: claims wrapped in spans by class (shared / missing / extra /
 * conflict), non-reason segments dimmed, changed words inside matched pairs marked. Text goes in
 * as text nodes only. Hovering a claim lights up its partners on the other side.
 */
import type { AlignmentView, ClaimView, DiffView, SpanView } from '../src/protocol/messages';
import { h } from './dom';

export type Side = 'gold' | 'rationale';

interface Outer {
  start: number;
  end: number;
  claim: number | null;
  cls: string;
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(max, n));
}

/** Diff spans of a side, per claim of that side, from the primary pairs. */
function diffsBySide(a: AlignmentView, side: Side): Map<number, DiffView[]> {
  const out = new Map<number, DiffView[]>();
  for (const p of a.pairs) {
    if (!p.primary) continue;
    const claim = side === 'gold' ? p.gold : p.rationale;
    const kind = side === 'gold' ? 'removed' : 'added';
    const list = out.get(claim) ?? [];
    list.push(...p.diff.filter((d) => d.kind === kind));
    out.set(claim, list);
  }
  return out;
}

const CLASS_TITLE: Record<ClaimView['cls'], Record<Side, string>> = {
  shared: { gold: 'shared: the rationale gives this reason too', rationale: 'shared: this reason is in the reference' },
  missing: { gold: 'missing: the rationale does not give this reason', rationale: 'missing' },
  extra: { gold: 'extra', rationale: 'extra: a reason the reference does not give' },
  conflict: { gold: 'conflict: the rationale says the opposite about the same point', rationale: 'conflict: the reference says the opposite about the same point' },
};

export function renderAnnotated(text: string, alignment: AlignmentView | null, side: Side): HTMLElement {
  const root = h('div', { class: 'annotated', attrs: { 'data-side': side } });
  if (!alignment) {
    root.append(text);
    return root;
  }
  const max = text.length;
  const claims = side === 'gold' ? alignment.gold : alignment.rationale;
  const skipped: SpanView[] = side === 'gold' ? alignment.skippedGold : alignment.skippedRationale;
  const diffs = diffsBySide(alignment, side);
  const outers: Outer[] = [
    ...claims.map((c, i) => ({ start: clamp(c.start, max), end: clamp(c.end, max), claim: i, cls: `claim cls-${c.cls}` })),
    ...skipped.map((s) => ({ start: clamp(s.start, max), end: clamp(s.end, max), claim: null, cls: 'skipped' })),
  ]
    .filter((o) => o.end > o.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);

  let pos = 0;
  for (const o of outers) {
    if (o.start < pos) continue; // overlapping segments: keep the first
    if (o.start > pos) root.append(text.slice(pos, o.start));
    if (o.claim === null) {
      root.append(h('span', { class: o.cls, title: 'not a reason (heading, label, verdict or filler)' }, text.slice(o.start, o.end)));
    } else {
      const c = claims[o.claim] as ClaimView;
      const span = h('span', { class: o.cls, title: CLASS_TITLE[c.cls][side], attrs: { 'data-claim': o.claim, 'data-side': side } });
      appendWithDiffs(span, text, o.start, o.end, diffs.get(o.claim) ?? [], side);
      root.append(span);
    }
    pos = o.end;
  }
  if (pos < max) root.append(text.slice(pos));
  return root;
}

function appendWithDiffs(span: HTMLElement, text: string, start: number, end: number, diffs: readonly DiffView[], side: Side): void {
  let pos = start;
  const inner = diffs.filter((d) => d.start >= start && d.end <= end && d.end > d.start).sort((a, b) => a.start - b.start);
  for (const d of inner) {
    if (d.start < pos) continue;
    if (d.start > pos) span.append(text.slice(pos, d.start));
    span.append(h('span', { class: `diff diff-${d.kind}`, title: side === 'gold' ? 'worded differently in the rationale' : 'worded differently in the reference' }, text.slice(d.start, d.end)));
    pos = d.end;
  }
  if (pos < end) span.append(text.slice(pos, end));
}

/** Partners of a claim through the alignment's pairs (primary first). */
export function partners(alignment: AlignmentView, side: Side, claim: number): number[] {
  const out: number[] = [];
  const pairs = [...alignment.pairs].sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const p of pairs) {
    if (side === 'gold' && p.gold === claim) out.push(p.rationale);
    if (side === 'rationale' && p.rationale === claim) out.push(p.gold);
  }
  return out;
}

/** Wires hover linking inside `container`, which holds both sides of one alignment. */
export function linkHover(container: HTMLElement, alignment: AlignmentView): void {
  let lit: HTMLElement[] = [];
  const clearLit = () => {
    for (const el of lit) el.classList.remove('linked', 'linked-source');
    lit = [];
  };
  container.addEventListener('mouseover', (e) => {
    const claim = (e.target as HTMLElement).closest<HTMLElement>('.claim');
    if (!claim || lit[0] === claim) return;
    clearLit();
    const side = claim.dataset.side as Side;
    const index = Number(claim.dataset.claim);
    const other: Side = side === 'gold' ? 'rationale' : 'gold';
    claim.classList.add('linked-source');
    lit.push(claim);
    for (const p of partners(alignment, side, index)) {
      const el = container.querySelector<HTMLElement>(`.claim[data-side="${other}"][data-claim="${p}"]`);
      if (!el) continue;
      el.classList.add('linked');
      lit.push(el);
    }
  });
  container.addEventListener('mouseleave', clearLit);
  container.addEventListener('mouseout', (e) => {
    const to = e.relatedTarget as HTMLElement | null;
    if (!to || !to.closest('.claim')) clearLit();
  });
}

export function legend(): HTMLElement {
  const item = (cls: string, name: string, help: string) => h('span', { class: 'legend-item', title: help }, h('span', { class: `claim ${cls} swatch` }, name));
  return h(
    'div',
    { class: 'legend', attrs: { 'aria-label': 'Legend' } },
    item('cls-shared', 'shared', 'a reason both texts give'),
    item('cls-missing', 'missing', 'a reference reason the rationale does not give'),
    item('cls-extra', 'extra', 'a rationale reason the reference does not give'),
    item('cls-conflict', 'conflict', 'the same point, opposite conclusions'),
    h('span', { class: 'legend-item', title: 'words that differ inside a matched pair' }, h('span', { class: 'claim cls-shared swatch' }, h('span', { class: 'diff diff-added' }, 'changed words'))),
    h('span', { class: 'legend-item', title: 'headings, labels, verdict lines, filler' }, h('span', { class: 'skipped swatch' }, 'not a reason')),
    h('span', { class: 'legend-hint' }, 'Hover a claim to see its match.'),
  );
}
