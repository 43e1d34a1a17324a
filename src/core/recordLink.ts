/**
 * Links to one record of one file: `vscode://rationale-lens.rationale-lens/open?file=<absolute path>&record=<id>`
 * (and `&index=<n>`, 0-based, for a record whose id is not unique or not kept). The CLI prints them;
 * the extension's URI handler opens the Inspector there.
 */
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
  const index = indexText === null ? null : Number(indexText);
  if (index !== null && !(Number.isSafeInteger(index) && index >= 0)) return { ok: false, why: `index=${(indexText ?? "").slice(0, 20)} is not a record number (0-based)` };
  const record = q.get('record');
  return { ok: true, target: { file, record: record === null || record === '' ? null : record.slice(0, 10_000), index } };
}
