/**
 * The fidelity judge's key points as a checklist beside the texts: what its verdict was based on.
 * A point that quotes the gold judgment or the rationale shows the quoted span (found in the text
 * by the extension, never taken from the judge's words); one that paraphrases says so.
 */
import type { FidelityView, RecordView, SpanView } from '../../src/protocol/messages';
import { h } from '../dom/dom';

const EXCERPT = 160;

function excerpt(text: string, span: SpanView): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return s.length > EXCERPT ? `${s.slice(0, EXCERPT - 1)}…` : s;
}

export function keyPointsBlock(f: FidelityView, record: RecordView): HTMLElement | null {
  if (!f.keyPoints.length) return null;
  const rationale = record.judgments[0]?.rationale ?? '';
  const items = f.keyPoints.map((p) => {
    const where = [
      p.gold && record.goldText !== null ? h('div', { class: 'kp-anchor kp-gold' }, `in the gold: “${excerpt(record.goldText, p.gold)}”`) : null,
      p.rationale ? h('div', { class: 'kp-anchor kp-rationale' }, `in the rationale: “${excerpt(rationale, p.rationale)}”`) : null,
    ].filter((x): x is HTMLDivElement => x !== null);
    return h('li', { class: 'key-point' }, h('div', { class: 'kp-text' }, p.text), ...(where.length ? where : [h('div', { class: 'kp-anchor kp-none' }, 'paraphrased: not quoted from either text')]));
  });
  return h(
    'details',
    { class: 'key-points', attrs: { open: '' } },
    h('summary', null, `What the verdict was based on: the judge's ${f.keyPoints.length} key point${f.keyPoints.length === 1 ? '' : 's'} of the gold`),
    h('ul', null, ...items),
  );
}
