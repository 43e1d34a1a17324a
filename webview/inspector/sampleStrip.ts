/**
 * The record's sample set (issue 24): one chip a sample (verdict, order, label-correct or not,
 * aligned / spurious / never judged / judge failed), the majority and the flip rate; the chosen sample's rationale
 * against the gold with its highlights; or two samples side by side, each aligned with the same
 * gold, the gold claims they disagree on marked. Record text only through textContent.
 */
import type { RecordView, SampleChipView, SampleStripView } from '../../src/protocol/messages';
import { append, clear, h } from '../dom/dom';
import { pct } from '../logic/format';
import { claimDisagreements, markedPieces } from '../logic/sampleDiff';
import type { ClaimDisagreement, ClaimStand } from '../logic/sampleDiff';
import { linkHover, renderAnnotated } from '../markdown/highlight';

/** A verdict in words ("none found" rather than a symbol). */
const label = (v: SampleChipView['verdict']): string => v ?? 'none found';

/** Which chips are chosen, per record (kept across repaints of the same record). */
const chosen = new Map<number, { first: number; second: number | null; comparing: boolean }>();

const STANDING: Record<SampleChipView['fidelity'], string> = {
  aligned: 'aligned (the fidelity judge found its reasons match the gold)',
  spurious: 'spurious (label-correct, but the fidelity judge found its reasons do not match the gold)',
  unjudged: 'never judged for fidelity (as a record, F-Score would count it as not aligned)',
  failed: 'judge failed: the fidelity judge was asked and gave no usable verdict (CallFail/ParseFail; as a record, F-Score would leave it out)',
};

/** A named part ("trajectory 2", "synthesis") of a synthesis over trajectories, else the sample's place. */
function chipName(s: SampleChipView): string {
  if (s.part) return s.part;
  return s.source === 'journal' ? `#${s.n} (re-query ${s.sampleNumber ?? '?'})` : `#${s.n}`;
}

function chipTitle(s: SampleChipView): string {
  const where = s.source === 'journal' ? `re-queried sample ${s.sampleNumber ?? '?'}${s.model ? ` of ${s.model}` : ''}, from the journal` : `from the file, record ${s.recordIndex + 1}`;
  const correct = s.labelCorrect === null ? 'no gold label' : s.labelCorrect ? 'label-correct' : 'label-wrong';
  const what = s.part === 'synthesis' ? "Synthesis (the record's final judgment over its trajectories)" : s.part ? `${s.part[0]?.toUpperCase() ?? ''}${s.part.slice(1)}` : `Sample ${s.n}`;
  return `${what}: verdict ${label(s.verdict)} · shown ${s.order === 'swapped' ? 'B first (swapped)' : 'in the original order'} · ${correct} · ${STANDING[s.fidelity]} · ${where}`;
}

function chip(s: SampleChipView, pressed: 'first' | 'second' | null, onChoose: () => void): HTMLElement {
  const correct = s.labelCorrect === null ? '' : s.labelCorrect ? '✓' : '✗';
  return h(
    'button',
    {
      class: `sample-chip fidelity-${s.fidelity}${s.labelCorrect === false ? ' label-wrong' : ''}${pressed ? ` chosen-${pressed}` : ''}`,
      title: chipTitle(s),
      // aria-pressed takes "true"/"false": a bare attribute (what `true` gives) is not a pressed state to assistive technology.
      attrs: { 'aria-pressed': pressed !== null ? 'true' : 'false', 'data-sample': s.n, 'aria-label': chipTitle(s), ...(s.part ? { 'data-part': s.part } : {}) },
      on: { click: onChoose },
    },
    h('span', { class: 'chip-n' }, s.part ?? `#${s.n}`),
    h('span', { class: 'chip-verdict' }, ` ${label(s.verdict)}`),
    s.order === 'swapped' ? h('span', { class: 'chip-order', title: 'shown B first' }, ' ⇄') : null,
    correct ? h('span', { class: 'chip-correct' }, ` ${correct}`) : null,
    h('span', { class: 'chip-fidelity' }, ` ${s.fidelity === 'aligned' ? 'aligned' : s.fidelity === 'spurious' ? 'spurious' : s.fidelity === 'failed' ? 'judge failed' : 'never judged'}`),
  );
}

function figuresLine(strip: SampleStripView): HTMLElement {
  const c = strip.counts;
  const majority = strip.majority === null ? 'no majority (no verdict has more than half)' : `majority ${label(strip.majority)} (${c[strip.majority]} of ${strip.k})`;
  return h(
    'div',
    { class: 'sample-figures', attrs: { 'data-k': strip.k } },
    h('span', { class: 'sample-k' }, `${strip.k} ${strip.synthesis ? 'trajectories' : 'samples'}`),
    ` · ${majority} · `,
    h('span', { class: 'sample-flip', title: 'flip rate = 1 − the share of samples giving the most common verdict' }, `flip rate ${pct(strip.flipRate, 0)}`),
    ` · verdicts A ${c.A}, B ${c.B}${c.tie ? `, tie ${c.tie}` : ''}${c.unparsed ? `, none found ${c.unparsed}` : ''}`,
    strip.labelCorrectShare === null ? '' : ` · label-correct ${pct(strip.labelCorrectShare, 0)}`,
    strip.misalignedShare === null ? '' : h('span', { title: 'of the label-correct samples the fidelity judge judged, the share it found misaligned' }, ` · spurious ${pct(strip.misalignedShare, 0)} of judged label-correct`),
    strip.more ? ` · ${strip.more} more not shown` : '',
    strip.synthesis ? h('span', { class: 'sample-synthesis', title: "the record's final judgment, combining its trajectories; the figures before it count the trajectories" }, ` · synthesis ${label(strip.synthesis.verdict)}`) : '',
  );
}

function sampleHead(s: SampleChipView): HTMLElement {
  return h('div', { class: 'column-title' }, `${chipName(s)} · verdict ${label(s.verdict)}${s.order === 'swapped' ? ' · shown B first' : ''} · ${s.fidelity === 'spurious' ? 'spurious' : s.fidelity}`);
}

function sampleText(s: SampleChipView, side: 'rationale', rendered: boolean): HTMLElement {
  if (!s.rationale) return h('div', { class: 'annotated empty' }, s.error ? `No answer: ${s.error}` : 'No rationale.');
  return renderAnnotated(s.rationale, s.alignment, side, rendered);
}

/** One sample against the gold: the gold on the left, the sample on the right, claims linked on hover. */
function oneSample(record: RecordView, s: SampleChipView, rendered: boolean): HTMLElement {
  const a = s.alignment;
  const columns = h(
    'div',
    { class: 'columns sample-one' },
    record.goldText !== null ? h('div', { class: 'column gold' }, h('div', { class: 'column-title' }, 'Gold judgment'), renderAnnotated(record.goldText, a, 'gold', rendered)) : null,
    h('div', { class: 'column rationale' }, sampleHead(s), sampleText(s, 'rationale', rendered)),
  );
  if (a) linkHover(columns, a);
  return h('div', { class: 'sample-detail', attrs: { 'data-sample': s.n } }, a ? h('div', { class: 'coverage' }, h('span', { class: 'heuristic-tag' }, `estimate · ${a.tier}`), ` claims of the gold judgment: ${a.arithmetic}`) : null, columns);
}

const STAND: Record<ClaimStand, string> = { covered: 'states it', missed: 'misses it', contradicted: 'contradicts it' };

/** The gold with the claims the two samples disagree on marked, between the two samples. */
function twoSamples(record: RecordView, left: SampleChipView, right: SampleChipView, rendered: boolean): HTMLElement {
  const gold = record.goldText;
  const marks: ClaimDisagreement[] = left.alignment && right.alignment ? claimDisagreements(left.alignment, right.alignment) : [];
  const goldColumn =
    gold === null
      ? null
      : h(
          'div',
          { class: 'column gold sample-gold' },
          h('div', { class: 'column-title' }, `Gold judgment · ${marks.length} claim${marks.length === 1 ? '' : 's'} they disagree on, marked`),
          h(
            'div',
            { class: 'annotated text' },
            ...markedPieces(gold, marks).map((p) => (p.mark ? h('mark', { class: 'disagree', title: `${chipName(left)} ${STAND[p.mark.left]}; ${chipName(right)} ${STAND[p.mark.right]}` }, p.text) : p.text)),
          ),
        );
  const why =
    gold === null
      ? 'The record has no gold judgment: the two samples are shown side by side without claims to compare.'
      : !left.alignment || !right.alignment
        ? 'One of the two samples could not be aligned with the gold: nothing is marked.'
        : marks.length === 0
          ? 'They state, miss and contradict the same claims of the gold judgment.'
          : `${marks.length} claim${marks.length === 1 ? '' : 's'} of the gold judgment: ${chipName(left)} and ${chipName(right)} differ (hover a mark to see how).`;
  return h(
    'div',
    { class: 'sample-compare', attrs: { 'data-compare': `${left.n}-${right.n}`, 'data-disagreements': marks.length } },
    h('div', { class: 'sample-compare-note', attrs: { role: 'note' } }, why),
    h('div', { class: 'columns three' }, h('div', { class: 'column rationale' }, sampleHead(left), sampleText(left, 'rationale', rendered)), goldColumn, h('div', { class: 'column rationale' }, sampleHead(right), sampleText(right, 'rationale', rendered))),
  );
}

/** The strip section, or null when the record is one sample. */
export function sampleStripBlock(record: RecordView, rendered: boolean): HTMLElement | null {
  const strip = record.samples;
  if (!strip || strip.samples.length === 0) return null;
  // A row of a set of rows (runs concatenated) opens at its own sample.
  const own = strip.samples.find((s) => s.source === 'file' && s.recordIndex === record.index)?.n ?? 1;
  const state = chosen.get(record.index) ?? { first: own, second: null, comparing: false };
  chosen.set(record.index, state);
  const section = h('section', { class: 'sample-strip', attrs: { 'aria-label': 'Samples of this record' } });
  const paint = (): void => {
    clear(section);
    const parts = strip.synthesis ? [...strip.samples, strip.synthesis] : strip.samples;
    const find = (n: number | null) => parts.find((s) => s.n === n) ?? null;
    const first = find(state.first) ?? strip.samples[0];
    if (!first) return;
    const second = state.comparing ? find(state.second) : null;
    const choose = (n: number) => () => {
      if (state.comparing && n !== state.first) state.second = n;
      else state.first = n;
      paint();
      section.querySelector<HTMLElement>(`.sample-chip[data-sample="${n}"]`)?.focus();
    };
    const compare = h('label', { class: 'sample-compare-toggle', title: 'Put a second sample beside the chosen one, each aligned with the gold' }, h('input', { attrs: { type: 'checkbox', checked: state.comparing, 'data-action': 'compare-samples' }, on: { change: (e) => ((state.comparing = (e.target as HTMLInputElement).checked), state.comparing || (state.second = null), paint()) } }), ' Compare two: choose a second sample');
    append(
      section,
      h('div', { class: 'judgment-meta sample-head' }, h('span', { class: 'requery-title' }, 'Samples'), ' ', figuresLine(strip)),
      h('div', { class: 'sample-chips', attrs: { role: 'group', 'aria-label': 'Samples: choose one to read it against the gold' } }, ...parts.flatMap((s) => [s === strip.synthesis ? h('span', { class: 'synthesis-arrow', attrs: { 'aria-hidden': 'true' } }, ' → ') : null, chip(s, s.n === first.n ? 'first' : second && s.n === second.n ? 'second' : null, choose(s.n))])),
      compare,
      second ? twoSamples(record, first, second, rendered) : state.comparing ? h('div', { class: 'sample-compare-note', attrs: { role: 'note' } }, `Choose a second sample to put beside ${chipName(first)}.`) : null,
      second ? null : oneSample(record, first, rendered),
    );
  };
  paint();
  return section;
}
