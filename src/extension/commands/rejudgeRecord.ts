/**
 * Re-judge one record's fidelity (hover link, Inspector button): args [uri, index]. Runs through
 * RecordRuns, so an open Inspector of the file streams the judge's answer as it comes.
 */
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerRecordRun } from './recordRun';
import { COMMANDS } from '../ids';

export function registerRejudgeRecord(services: Services): vscode.Disposable {
  return registerRecordRun(services, COMMANDS.rejudgeRecord, 'fidelity', {
    action: 're-judge a record',
    cursorHint: 're-judge it',
    progressive: 're-judging',
    result: (r, n) => (r.kind === 'fidelity' ? `Record ${n}: ${r.verdict}${r.error ? ` (${r.error})` : ''}${r.analysis ? ` — ${r.analysis.slice(0, 200)}` : ''}` : undefined),
  });
}
