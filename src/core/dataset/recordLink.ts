/**
 * Links to one record of one file: `vscode://rationale-lens.rationale-lens/open?file=<absolute path>&record=<id>`
 * (and `&index=<n>`, 0-based, for a record whose id is not unique or not kept). The CLI prints them;
 * the extension's URI handler opens the Inspector there.
 */
import { resolve } from 'node:path';
import { insideAnyFolder } from '../io/folderContainment';

export const EXTENSION_ID = 'rationale-lens.rationale-lens';

export interface RecordTarget {
  readonly file: string;
  readonly record: string | null;
  readonly index: number | null;
}

export function recordLink(target: RecordTarget, scheme = 'vscode', extensionId = EXTENSION_ID): string {
  const q = new URLSearchParams({ file: target.file });
  if (target.record !== null) q.set('record', target.record);
  if (target.index !== null) q.set('index', String(target.index));
  return `${scheme}://${extensionId}/open?${q.toString()}`;
}

/** The target of an `/open` link's query; null (with why) when it names no absolute file or a bad index. */
export function parseRecordLink(path: string, query: string): { ok: true; target: RecordTarget } | { ok: false; why: string } {
  if (path !== '/open') return { ok: false, why: `unknown link path "${path.slice(0, 80)}" (only /open is handled)` };
  const q = new URLSearchParams(query);
  const file = q.get('file');
  if (!file || !(file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file))) return { ok: false, why: 'the link names no absolute file path (file=…)' };
  const indexText = q.get('index');
  // Plain decimal digits only: Number() would read "" as 0, "0x10" as 16, " 7" as 7 and "1e3" as 1000.
  const index = indexText === null ? null : /^[0-9]{1,15}$/.test(indexText) ? Number(indexText) : NaN;
  if (index !== null && !Number.isSafeInteger(index)) return { ok: false, why: `index=${(indexText ?? '').slice(0, 20)} is not a record number (0-based decimal digits)` };
  const record = q.get('record');
  return { ok: true, target: { file, record: record === null || record === '' ? null : record.slice(0, 10_000), index } };
}

/**
 * Where a link leads: its file with `.` and `..` resolved (what the editor opens), where that really
 * is (links resolved), and whether the user must be asked first: always when the real place is
 * outside every open folder.
 */
export async function linkDestination(target: RecordTarget, openFolders: readonly string[]): Promise<{ path: string; real: string; ask: boolean }> {
  const { inside, real } = await insideAnyFolder(target.file, openFolders);
  return { path: resolve(target.file), real, ask: !inside };
}
