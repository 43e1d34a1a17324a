/**
 * Two samples side by side, each aligned with the same gold judgment: the gold claims they disagree
 * on, where one sample states a claim the other misses or contradicts. DOM-free, unit-tested.
 */
import type { AlignmentView, ClaimView } from '../../src/protocol/messages';

export type ClaimStand = 'covered' | 'missed' | 'contradicted';

export interface ClaimDisagreement {
  /** The claim's span in the gold text. */
  readonly start: number;
  readonly end: number;
  readonly left: ClaimStand;
  readonly right: ClaimStand;
}

function stand(c: ClaimView): ClaimStand {
  return c.cls === 'shared' ? 'covered' : c.cls === 'conflict' ? 'contradicted' : 'missed';
}

/**
 * Gold claims are matched by their span (both sides split the same gold text; a claim one side's
 * aligner cut differently is left out rather than guessed at), in gold order.
 */
export function claimDisagreements(left: AlignmentView, right: AlignmentView): ClaimDisagreement[] {
  const rightBySpan = new Map<string, ClaimView>();
  for (const c of right.gold) rightBySpan.set(`${c.start}:${c.end}`, c);
  const out: ClaimDisagreement[] = [];
  for (const c of left.gold) {
    const other = rightBySpan.get(`${c.start}:${c.end}`);
    if (!other) continue;
    const l = stand(c);
    const r = stand(other);
    if (l !== r) out.push({ start: c.start, end: c.end, left: l, right: r });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The gold text cut at the disagreements: plain pieces and marked ones, in order, covering the text once. */
export function markedPieces(text: string, marks: readonly ClaimDisagreement[]): { text: string; mark: ClaimDisagreement | null }[] {
  const out: { text: string; mark: ClaimDisagreement | null }[] = [];
  let at = 0;
  for (const m of marks) {
    const start = Math.max(at, Math.min(m.start, text.length));
    const end = Math.max(start, Math.min(m.end, text.length));
    if (start > at) out.push({ text: text.slice(at, start), mark: null });
    if (end > start) out.push({ text: text.slice(start, end), mark: m });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: null });
  return out;
}
