/**
 * Alignment highlights as a flat cover of a text: consecutive pieces, each with at most one outer
 * mark (a claim by class, or a "not a reason" segment) and one inner mark (changed words in a
 * matched pair). Raw and rendered Markdown draw from the same pieces, by source offset, so a claim
 * lights up the same characters in both. Pure: no DOM.
 */
import type { AlignmentView, ClaimView, DiffView } from '../../src/protocol/messages';
import { isHiddenWhenDecoded } from './invisible';

export type Side = 'gold' | 'rationale';

export interface Mark {
  readonly cls: string;
  readonly title: string;
  /** The claim's index on its side (hover links claims through it). */
  readonly claim?: number;
}

export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly outer: Mark | null;
  readonly inner: Mark | null;
  /** A mark around both (a sentence the rationale argues against its verdict with). */
  readonly evidence?: Mark | null;
}

/**
 * `pieces` with `spans` marked as evidence: pieces cut at the spans' edges, the ones inside carry
 * `mark`. Spans are clamped to the text and may be unsorted; overlapping ones merge. Linear after
 * sorting the (few) spans.
 */
export function markEvidence(pieces: readonly Piece[], spans: readonly { start: number; end: number }[], mark: Mark): Piece[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return [...pieces];
  const out: Piece[] = [];
  let s = 0;
  for (const p of pieces) {
    let at = p.start;
    while (at < p.end) {
      while (s < sorted.length && (sorted[s] as { end: number }).end <= at) s++;
      const span = sorted[s];
      if (!span || span.start >= p.end) {
        out.push({ ...p, start: at, end: p.end });
        break;
      }
      if (span.start > at) {
        out.push({ ...p, start: at, end: span.start });
        at = span.start;
        continue;
      }
      const end = Math.min(p.end, span.end);
      out.push({ ...p, start: at, end, evidence: mark });
      at = end;
    }
  }
  return out;
}

const CLASS_TITLE: Record<ClaimView['cls'], Record<Side, string>> = {
  shared: { gold: 'shared: the rationale gives this reason too', rationale: 'shared: this reason is in the reference' },
  missing: { gold: 'missing: the rationale does not give this reason', rationale: 'missing' },
  extra: { gold: 'extra', rationale: 'extra: a reason the reference does not give' },
  conflict: { gold: 'conflict: the rationale says the opposite about the same point', rationale: 'conflict: the reference says the opposite about the same point' },
};

const SKIPPED: Mark = { cls: 'skipped', title: 'not a reason (heading, label, verdict or filler)' };

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

/** The pieces of `text` under `alignment` seen from `side`; one unmarked piece without an alignment. */
export function annotationPieces(text: string, alignment: AlignmentView | null, side: Side): Piece[] {
  const max = text.length;
  const out: Piece[] = [];
  const push = (start: number, end: number, outer: Mark | null, inner: Mark | null) => {
    if (end > start) out.push({ start, end, outer, inner });
  };
  if (!alignment) {
    push(0, max, null, null);
    return out;
  }
  const claims = side === 'gold' ? alignment.gold : alignment.rationale;
  const skipped = side === 'gold' ? alignment.skippedGold : alignment.skippedRationale;
  const diffs = diffsBySide(alignment, side);
  const outers = [
    ...claims.map((c, i) => ({ start: clamp(c.start, max), end: clamp(c.end, max), claim: i })),
    ...skipped.map((s) => ({ start: clamp(s.start, max), end: clamp(s.end, max), claim: null as number | null })),
  ]
    .filter((o) => o.end > o.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const changed: Mark = { cls: 'diff', title: side === 'gold' ? 'worded differently in the rationale' : 'worded differently in the reference' };
  let pos = 0;
  for (const o of outers) {
    if (o.start < pos) continue; // overlapping segments: keep the first
    push(pos, o.start, null, null);
    if (o.claim === null) push(o.start, o.end, SKIPPED, null);
    else {
      const c = claims[o.claim] as ClaimView;
      const mark: Mark = { cls: `claim cls-${c.cls}`, title: CLASS_TITLE[c.cls][side], claim: o.claim };
      let at = o.start;
      const inner = (diffs.get(o.claim) ?? []).filter((d) => d.start >= o.start && d.end <= o.end && d.end > d.start).sort((a, b) => a.start - b.start);
      for (const d of inner) {
        if (d.start < at) continue;
        push(at, d.start, mark, null);
        push(d.start, d.end, mark, { ...changed, cls: `diff diff-${d.kind}` });
        at = d.end;
      }
      push(at, o.end, mark, null);
    }
    pos = o.end;
  }
  push(pos, max, null, null);
  return out;
}

/** The index of the piece holding source offset `at` (pieces cover the text in order). */
export function pieceAt(pieces: readonly Piece[], at: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pieces[mid] as Piece).start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How far ahead a character is looked for: Markdown removes a few characters at a time (an escape, an entity, a quote marker and indentation), so the scan stays linear. */
const LOOKAHEAD = 64;

/** A run of a rendered leaf's characters that sit consecutively in the source, from `at`. */
export interface SourceRun {
  readonly text: string;
  readonly at: number;
}

/**
 * Where a rendered leaf's characters sit in the source. Its value equals the source slice in
 * the common case; where Markdown removed characters (escapes, entities, block-quote markers,
 * indentation), each character is found by a greedy forward scan, so offsets stay monotone and
 * a highlight boundary falls on the right character.
 */
export function sourceRuns(value: string, source: string, start: number, end: number): SourceRun[] {
  if (source.slice(start, end) === value) return value ? [{ text: value, at: start }] : [];
  const runs: { text: string; at: number }[] = [];
  let p = start;
  let last: { text: string; at: number } | null = null;
  for (let i = 0; i < value.length; i++) {
    // One code point (a reference can decode to one outside the BMP).
    const c = (value.codePointAt(i) ?? 0) > 0xffff ? value.slice(i, i + 2) : (value[i] as string);
    i += c.length - 1;
    let q = p;
    const limit = Math.min(end, p + LOOKAHEAD);
    // Markdown never drops an `&`: one met before `c` (itself not `&`) is the reference `c` was
    // decoded from, even when `c` also stands literally further on.
    while (q < limit && !source.startsWith(c, q) && !(source[q] === '&' && c !== '&')) q++;
    if (q < limit && source[q] === '&' && c !== '&') p = q;
    else if (q < limit) {
      if (last && q === last.at + last.text.length) last.text += c;
      else {
        last = { text: c, at: q };
        runs.push(last);
      }
      p = q + c.length;
      continue;
    }
    // Not in the source as itself: a character reference (&lt; &#60;) decoded. It stands at the
    // reference, alone in its run, and the scan goes on after it. A reference to an invisible
    // character (&#x202E;, &zwj;) is shown as written, as the raw view shows it: never live.
    const at = Math.min(p, Math.max(start, end - 1));
    let semi = source[p] === '&' ? p : -1;
    while (semi !== -1 && source[semi] !== ';') semi = semi + 1 < Math.min(end, p + LOOKAHEAD) ? semi + 1 : -1;
    const reference = semi !== -1 ? source.slice(p, semi + 1) : null;
    runs.push({ text: reference !== null && isHiddenWhenDecoded(c) ? reference : c, at });
    last = null;
    if (reference !== null) p = semi + 1;
  }
  return runs;
}

/** Splits runs at piece boundaries: each chunk lies inside one piece. */
export function chunks(runs: readonly SourceRun[], pieces: readonly Piece[]): { text: string; piece: number }[] {
  const out: { text: string; piece: number }[] = [];
  for (const run of runs) {
    let offset = 0;
    while (offset < run.text.length) {
      const at = run.at + offset;
      const index = pieceAt(pieces, at);
      const piece = pieces[index];
      const take = piece ? Math.max(1, Math.min(run.text.length - offset, piece.end - at)) : run.text.length - offset;
      out.push({ text: run.text.slice(offset, offset + take), piece: index });
      offset += take;
    }
  }
  return out;
}
