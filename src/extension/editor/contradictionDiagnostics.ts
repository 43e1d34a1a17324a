/**
 * The Problems panel's rationale-vs-verdict entries over the WHOLE file: every record is checked
 * (presentation/verdictArgument.ts's ContradictionCache: two bits a record, shared with the Inspector's
 * filter and the summaries) a chunk at a time, in time slices, and the entries found so far are
 * published after each chunk, so the panel fills in while the host stays responsive. Memory stays
 * bounded: one chunk of indexes and at most `room` entries. VS Code keeps at most 1,000 entries a
 * file: past that, one entry says how many more records contradict their verdict and where all of
 * them are listed (the Inspector's "Contradicts its verdict" filter).
 */
import * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import { ContradictionCache, contradictionMessage, firstContradiction } from '../../presentation/verdictArgument';

/** Records checked between two publications of the entries found. */
const CHUNK = 5_000;

export interface ContradictionScan {
  /** Entries still free under the panel's cap (the file's other problems come first). */
  readonly room: number;
  /** The verdict field's range in the text, or the record's start (`field` from the judgment, else the format's keys). */
  readonly verdictRange: (index: number, field: string | undefined) => vscode.Range;
  /** Called with every entry found so far after each chunk that found one, and at the end. */
  readonly publish: (entries: readonly vscode.Diagnostic[]) => void;
  /** True once a newer update superseded this one: the scan stops. */
  readonly stale: () => boolean;
  readonly source: string;
  readonly code: string;
}

/** Checks every record of `session`; returns the entries (the last one the "more" statement when the cap was reached), or null when superseded. */
export async function scanContradictions(session: DatasetSession, scan: ContradictionScan): Promise<vscode.Diagnostic[] | null> {
  const check = ContradictionCache.for(session);
  const controller = new AbortController();
  const total = session.count;
  const entries: vscode.Diagnostic[] = [];
  const listed = Math.max(0, scan.room - 1); // one place kept for the "more" statement
  let beyond = 0;
  const chunk = new Uint32Array(Math.min(CHUNK, total));
  for (let from = 0; from < total; from += CHUNK) {
    const n = Math.min(CHUNK, total - from);
    for (let k = 0; k < n; k++) chunk[k] = from + k;
    const indexes = chunk.subarray(0, n);
    await check.compute(indexes, controller.signal, () => {
      if (scan.stale()) controller.abort();
    });
    if (scan.stale()) return null;
    const before = entries.length;
    for (const index of indexes) {
      if (check.get(index) !== true) continue;
      if (entries.length >= listed) {
        beyond++;
        continue;
      }
      const entry = await entryOf(session, index, scan);
      if (scan.stale()) return null;
      if (entry) entries.push(entry);
    }
    if (entries.length > before) scan.publish(entries);
  }
  if (beyond > 0 && scan.room > 0) {
    const more = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 1),
      `${beyond.toLocaleString('en-US')} more ${beyond === 1 ? 'record\u2019s rationale argues' : 'records\u2019 rationales argue'} for the other response than the verdict (heuristic): the Problems panel keeps at most 1,000 entries a file. Open the file in the Inspector and filter by \u201cContradicts its verdict\u201d to list all ${(beyond + entries.length).toLocaleString('en-US')}.`,
      vscode.DiagnosticSeverity.Information,
    );
    more.source = scan.source;
    more.code = scan.code;
    entries.push(more);
    scan.publish(entries);
  }
  return entries;
}

async function entryOf(session: DatasetSession, index: number, scan: ContradictionScan): Promise<vscode.Diagnostic | null> {
  try {
    const record = await session.record(index);
    const found = firstContradiction(record);
    if (!found) return null;
    const field = found.judgment.verdictSource === 'parser' ? /^[^.[]+/.exec(found.judgment.field)?.[0] : undefined;
    const d = new vscode.Diagnostic(scan.verdictRange(index, field), contradictionMessage(record, found), vscode.DiagnosticSeverity.Information);
    d.source = scan.source;
    d.code = scan.code;
    return d;
  } catch {
    return null; // changed on disk: a reload follows
  }
}
