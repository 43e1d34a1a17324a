/**
 * Human fidelity marks: an append-only, fsynced JSONL file beside the dataset
 * (`<dataset>.rlens-marks.jsonl`). The dataset itself is never modified. Later lines win.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

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

/** Reads marks; a torn or unreadable line is skipped (it can only be the last, interrupted write). */
export async function readMarks(path: string): Promise<Map<number, HumanMark>> {
  const marks = new Map<number, HumanMark>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return marks;
    throw err;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const m = JSON.parse(line) as Partial<HumanMark>;
      if (typeof m.recordIndex !== 'number' || !(m.verdict === 'Correct' || m.verdict === 'Incorrect' || m.verdict === null)) continue;
      if (m.verdict === null) marks.delete(m.recordIndex);
      else marks.set(m.recordIndex, { recordIndex: m.recordIndex, recordId: String(m.recordId ?? ''), verdict: m.verdict, at: String(m.at ?? ''), ...(typeof m.note === 'string' && m.note ? { note: m.note } : {}) });
    } catch {
      // torn last line from an interrupted write
    }
  }
  return marks;
}

/** Appends one mark durably (written and fsynced before returning). */
export function appendMark(path: string, mark: HumanMark): void {
  const fd = openSync(path, 'a+');
  try {
    // After an interrupted write the file ends mid-line: start on a fresh line so this mark stays readable.
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    writeSync(fd, (torn ? '\n' : '') + JSON.stringify(mark) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
