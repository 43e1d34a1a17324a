/**
 * Human fidelity marks: an append-only, fsynced JSONL file beside the dataset
 * (`<dataset>.rlens-marks.jsonl`). The dataset itself is never modified. Later lines win; an undo is
 * one more line (undoLine).
 */
import type { Infer } from '../schema/schema';
import { check, int, lit, nullable, obj, optional, str } from '../schema/schema';
import type { SideFileSpec } from '../io/keyedStore';
import { openSideFileAppender, readSideFile } from '../io/keyedStore';

export const MARKS_SUFFIX = '.rlens-marks.jsonl';

/** One line of the marks file (a hand-edited or hostile line that is not one is skipped, never trusted). */
const markLine = obj(
  {
    recordIndex: int(),
    recordId: str(10_000),
    /** `null` clears an earlier mark. */
    verdict: nullable(lit('Correct', 'Incorrect')),
    note: optional(str(10_000)),
    at: str(100),
    /** On a line that undoes a mark: the `at` of the mark undone (the line itself restores what that mark replaced). */
    undoes: optional(str(100)),
  },
  { extra: 'allow' },
);
export type HumanMark = Readonly<Infer<typeof markLine>>;

export function marksPathFor(datasetPath: string): string {
  return datasetPath + MARKS_SUFFIX;
}

/**
 * The marks files of a dataset, in reading order (a later file's line wins, as a later line does):
 * beside the data, then the editor's own store when marks are kept there (`marksStore`, set by the
 * `rationaleLens.marks.location` setting; the CLI never has one). New marks go to the last.
 */
export function marksFilesFor(datasetPath: string, marksStore?: string): readonly string[] {
  return marksStore ? [marksPathFor(datasetPath), marksStore] : [marksPathFor(datasetPath)];
}

function asMark(v: unknown): HumanMark | undefined {
  if (!check(markLine, v, 'mark').ok) return undefined;
  const m = v as HumanMark;
  return { recordIndex: m.recordIndex, recordId: m.recordId, verdict: m.verdict, at: m.at, ...(m.note ? { note: m.note } : {}), ...(m.undoes ? { undoes: m.undoes } : {}) };
}

/** The marks file (store: io/keyedStore.ts); read whole, later lines win. */
const MARKS_FILE: SideFileSpec<HumanMark> = {
  what: 'marks file',
  parse: asMark,
  looksLikeEntry: (t) => t.startsWith('{"recordIndex"'),
  ours: (t) => t.startsWith('{"recordIndex":'),
};

/** A mark written, and the one it replaced on its record (null: none, the judge's or the file's verdict was in force). */
export interface MarkChange {
  readonly written: HumanMark;
  readonly replaced: HumanMark | null;
}

/**
 * The line that undoes `change`: appended, never a rewrite (the file stays append-only). It restores
 * the mark the change replaced (verdict and note), or clears the record's mark when it replaced
 * none, so later-lines-win readers (the session, `stats`) count the record as before.
 */
export function undoLine(change: MarkChange, at: string): HumanMark {
  const { written, replaced } = change;
  return { recordIndex: written.recordIndex, recordId: written.recordId, verdict: replaced?.verdict ?? null, ...(replaced?.note ? { note: replaced.note } : {}), at, undoes: written.at };
}

export interface MarksRead {
  readonly marks: Map<number, HumanMark>;
  /** Records whose last line here clears their mark (it clears an earlier file's mark too). */
  readonly cleared: ReadonlySet<number>;
  /** Lines that are not marks (skipped), by line number. */
  readonly badLines: readonly number[];
}

/** Reads marks; lines that are not marks (a torn last line, a hand edit) are skipped and reported. */
export async function readMarksReport(path: string): Promise<MarksRead> {
  const marks = new Map<number, HumanMark>();
  const cleared = new Set<number>();
  const scan = await readSideFile(path, MARKS_FILE, (m) => {
    if (m.verdict === null) {
      marks.delete(m.recordIndex);
      cleared.add(m.recordIndex);
    } else {
      marks.set(m.recordIndex, m);
      cleared.delete(m.recordIndex);
    }
  });
  return { marks, cleared, badLines: [...scan.corruptLines, ...(scan.torn ? [scan.torn.line] : [])] };
}

export async function readMarks(path: string): Promise<Map<number, HumanMark>> {
  return (await readMarksReport(path)).marks;
}

/**
 * Appends one mark durably (written and fsynced before it resolves, off the calling thread); never
 * through a link, never to a file that is not a marks file; an interrupted earlier write is cut.
 */
export async function appendMark(path: string, mark: HumanMark): Promise<void> {
  const { appender } = await openSideFileAppender(path, MARKS_FILE, { sync: true });
  try {
    await appender.append(mark);
  } finally {
    await appender.close();
  }
}
