/**
 * Human fidelity marks: an append-only, fsynced JSONL file beside the dataset
 * (`<dataset>.rlens-marks.jsonl`). The dataset itself is never modified. Later lines win.
 */
import { SideFileError } from './io/sideFiles';
import { JsonlAppender, scanJsonl } from './llm/jsonl';

export const MARKS_SUFFIX = '.rlens-marks.jsonl';

export interface HumanMark {
  readonly recordIndex: number;
  readonly recordId: string;
  /** `null` clears an earlier mark. */
  readonly verdict: 'Correct' | 'Incorrect' | null;
  readonly note?: string;
  readonly at: string;
}

export function marksPathFor(datasetPath: string): string {
  return datasetPath + MARKS_SUFFIX;
}

/** One line of the marks file, validated (a hand-edited or hostile line is skipped, never trusted). */
function asMark(v: unknown): HumanMark | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const m = v as Partial<HumanMark>;
  if (typeof m.recordIndex !== 'number' || !Number.isInteger(m.recordIndex) || m.recordIndex < 0) return undefined;
  if (!(m.verdict === 'Correct' || m.verdict === 'Incorrect' || m.verdict === null)) return undefined;
  const note = typeof m.note === 'string' && m.note ? m.note.slice(0, 10_000) : undefined;
  return { recordIndex: m.recordIndex, recordId: typeof m.recordId === 'string' ? m.recordId : String(m.recordId ?? ''), verdict: m.verdict, at: typeof m.at === 'string' ? m.at : '', ...(note ? { note } : {}) };
}

export interface MarksRead {
  readonly marks: Map<number, HumanMark>;
  /** Lines that are not marks (skipped), by line number. */
  readonly badLines: readonly number[];
}

/** Reads marks; lines that are not marks (a torn last line, a hand edit) are skipped and reported. */
export async function readMarksReport(path: string): Promise<MarksRead> {
  const marks = new Map<number, HumanMark>();
  const scan = await scanJsonl(path, asMark, (m) => {
    if (m.verdict === null) marks.delete(m.recordIndex);
    else marks.set(m.recordIndex, m);
  });
  return { marks, badLines: [...scan.corruptLines, ...(scan.torn ? [scan.torn.line] : [])] };
}

export async function readMarks(path: string): Promise<Map<number, HumanMark>> {
  return (await readMarksReport(path)).marks;
}

/**
 * Appends one mark durably (written and fsynced before it resolves, off the calling thread); never
 * through a link, never to a file that is not a marks file; an interrupted earlier write is cut.
 */
export async function appendMark(path: string, mark: HumanMark): Promise<void> {
  const scan = await scanJsonl(path, asMark, () => undefined, (t) => t.startsWith('{"recordIndex"'));
  const foreign = (): Error => new SideFileError(`${path} is not a Rationale Lens marks file (its first line is not a mark): nothing was written to it; move it aside`);
  const appender = await JsonlAppender.afterScan(path, scan, foreign, { sync: true });
  try {
    await appender.append(JSON.stringify(mark));
  } finally {
    await appender.close();
  }
}
