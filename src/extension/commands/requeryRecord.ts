/**
 * Re-query the GenRM for one record: args [uri, index]. The new rationale is journaled beside the
 * file; an open Inspector of the file streams it beside the original as it comes (RecordRuns).
 */
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerRecordRun } from './recordRun';
import { COMMANDS } from '../ids';

export function registerRequeryRecord(services: Services): vscode.Disposable {
  return registerRecordRun(services, COMMANDS.requeryRecord, 'genrm', {
    action: 're-query the GenRM',
    cursorHint: 're-query the GenRM',
    progressive: 're-querying',
    result: (r, n) => (r.kind === 'genrm' ? `Record ${n}: the GenRM now answers ${r.pred ?? 'nothing parseable'}${r.error ? ` (${r.error})` : ''}.` : undefined),
  });
}
