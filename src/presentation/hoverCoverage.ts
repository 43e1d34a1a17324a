/**
 * The hover's alignment line (pure: no `vscode`, so unit tests check it against the CLI and the
 * Inspector): the record's headline alignment from core/align/alignTarget.ts, the one the Inspector's
 * view and the list's coverage column show, within the same time bound (its result is cached).
 */
import { coverageArithmetic, tierLabel } from '../core/align/explain';
import type { Logger } from '../core/log/logger';
import { errorText } from '../core/log/logger';
import type { EvalRecord } from '../core/record/record';
import { headlineAlignment } from './alignment';

/** The line, or '' when the record has nothing to align or aligning failed (said in `log`: the hover still shows the rest). */
export function hoverCoverageLine(record: EvalRecord, log?: Logger): string {
  try {
    const headline = headlineAlignment(record);
    if (!headline) return '';
    const a = headline.alignment;
    const golds = record.goldRationales.length;
    const reference = headline.against === 'gold' ? 'the gold' : 'the original-order rationale';
    const whose = headline.against === 'gold' ? "the gold's decisive claims" : `the original-order rationale's decisive claims in the swapped-order one (judgment ${headline.judgment + 1})`;
    const joined = headline.against === 'gold' && golds > 1 ? ` · against the ${golds} gold judgments, joined` : '';
    if (a.coverage === null) return `Alignment coverage: n/a (no decisive claims found in ${reference})${joined} · *estimate (${tierLabel(a.tier)})*`;
    return `Alignment of ${whose}: ${coverageArithmetic(a)}${a.truncated ? ' (cut short)' : ''}${joined} · *estimate (${tierLabel(a.tier)}), not a fidelity verdict*`;
  } catch (err) {
    log?.warn(`hover: cannot align record ${record.index + 1} (id ${record.id}, line ${record.line}): ${errorText(err)}`);
    return '';
  }
}
