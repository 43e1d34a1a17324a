/** Number formatting shared by the header and the list. */
import type { LabelView, MetricView, RecordKind } from '../../src/protocol/messages';
import { KIND_FSCORE, KIND_MEANING, RECORD_KINDS, isLabelCorrectKind } from '../../src/protocol/messages';

export function pct(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

export function interval(m: MetricView): string {
  return m.low === null || m.high === null ? '' : `95% CI ${(m.low * 100).toFixed(1)}–${(m.high * 100).toFixed(1)}`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}

export const label = (l: LabelView): string => l ?? '∅';

/** Whether records of this class got the right label (fidelity is judged, or marked, on these only: R-Align). */
export const labelCorrect = isLabelCorrectKind;

export const KIND_LABEL: Record<RecordKind, string> = {
  aligned: 'aligned',
  spurious: 'spurious',
  'label-wrong': 'label-wrong',
  'judge-failed': 'judge failed',
  'never-judged': 'never judged',
  unparseable: 'unparseable',
};


/** What a class means and how F-Score counts it (the chips', badges' and rows' tooltips). */
export const KIND_HELP: Record<RecordKind, string> = Object.fromEntries(RECORD_KINDS.map((k) => [k, `${KIND_MEANING[k]}. ${KIND_FSCORE[k]}`])) as Record<RecordKind, string>;
