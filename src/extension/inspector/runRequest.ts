/**
 * An Inspector's `runLlm` request (Re-query GenRM, Re-judge Fidelity on one record): started through
 * the shared record runs with the Inspector as its origin, or refused with the reason (the file is
 * not loaded, the record is out of range, a run is already going).
 */
import type * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import type { FromWebview, ToWebview } from '../../protocol/messages';
import type { RunOrigin } from '../../presentation/runRelay';
import type { RecordRuns } from '../llm/recordRuns';

export interface RunRequestHost {
  /** The session once it has read the whole file. */
  readonly session: () => Promise<DatasetSession>;
  readonly runs: RecordRuns;
  readonly uri: vscode.Uri;
  /** The Inspector: its runs' messages answer its own requests. */
  readonly owner: unknown;
  readonly post: (m: ToWebview) => void;
}

export async function requestRun(m: Extract<FromWebview, { type: 'runLlm' }>, host: RunRequestHost): Promise<void> {
  const refuse = (message: string) => host.post({ type: 'runRefused', requestId: m.requestId, index: m.index, role: m.role, message });
  let session: DatasetSession;
  try {
    session = await host.session();
  } catch (err) {
    refuse(err instanceof Error ? err.message : String(err));
    return;
  }
  if (m.index >= session.count) {
    refuse(`The file has ${session.count} records; there is no record ${m.index + 1}.`);
    return;
  }
  const origin: RunOrigin = { owner: host.owner, requestId: m.requestId };
  const out = await host.runs.run(host.uri, m.index, m.role, origin);
  if (out.status === 'refused') refuse(out.message);
}
