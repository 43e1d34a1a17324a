/** What a mark did, in words: the record, the figures before → after, and the undo key. Pure: no DOM. */
import type { ToWebview } from '../../src/protocol/messages';
import { pct } from './format';

type Marked = Extract<ToWebview, { type: 'marked' }>;

const VERDICT_WORDS = { Correct: 'aligned', Incorrect: 'misaligned' } as const;

/** "ra-012 marked misaligned · S-Corr 27.3% → 18.2% · Undo (u)"; after an undo, "Mark on ra-012 undone: … · S-Corr 18.2% → 27.3%". */
export function markMessage(m: Marked): string {
  const who = m.recordId || `record ${m.index + 1}`;
  const what = m.undone
    ? `Mark on ${who} undone: ${m.verdict ? `marked ${VERDICT_WORDS[m.verdict]} again` : 'the judge’s or the file’s verdict is in force again'}`
    : m.verdict
      ? `${who} marked ${VERDICT_WORDS[m.verdict]}`
      : `Mark on ${who} cleared`;
  const figures = m.figures.map((f) => (f.before === f.after ? `${f.name} ${pct(f.after)} (unchanged)` : `${f.name} ${pct(f.before)} → ${pct(f.after)}`));
  return [what, ...figures, ...(m.canUndo ? ['Undo (u)'] : [])].join(' · ');
}
