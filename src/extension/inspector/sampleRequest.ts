/**
 * An Inspector's model-run requests: Re-query / Re-judge on one record (runRequest.ts) and its
 * cancel, and Re-query ×k (`requerySamples`: the shown record, or every record its list shows)
 * and its cancel: run through the shared sample runs with the Inspector as origin; a run that
 * cannot start throws its reason, which the panel answers as the request's `error`. The runs of the
 * Inspector's file reach its webview through a SampleRelay, whoever started them.
 */
import type * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import type { FromWebview, ToWebview } from '../../protocol/messages';
import { SampleRelay } from '../../presentation/sampleRelay';
import type { FilteredRecords } from '../filters';
import type { SampleRuns } from '../llm/sampleRuns';
import type { RunRequestHost } from './runRequest';
import { requestRun } from './runRequest';

export interface SampleRequestHost {
  readonly session: () => Promise<DatasetSession>;
  readonly sampleRuns: SampleRuns;
  readonly filtered: FilteredRecords;
  readonly uri: vscode.Uri;
  readonly owner: unknown;
}

type ModelRunMessage = Extract<FromWebview, { type: 'runLlm' | 'cancelRun' | 'requerySamples' | 'cancelSamples' }>;

/** Any of the four, answered as the panel answers requests (a refusal throws, or posts runRefused). */
export async function requestModelRun(m: ModelRunMessage, host: SampleRequestHost & RunRequestHost): Promise<void> {
  if (m.type === 'runLlm') return requestRun(m, host);
  if (m.type === 'cancelRun') return void host.runs.cancel(m.runId);
  return requestSamples(m, host);
}

async function requestSamples(m: Extract<FromWebview, { type: 'requerySamples' | 'cancelSamples' }>, host: SampleRequestHost): Promise<void> {
  if (m.type === 'cancelSamples') {
    host.sampleRuns.cancel(m.runId);
    return;
  }
  const session = await host.session();
  if (m.index >= session.count) throw new Error(`The file has ${session.count} records; there is no record ${m.index + 1}.`);
  const indexes = m.scope === 'record' ? [m.index] : host.filtered.get(host.uri);
  if (!indexes) throw new Error('The list is still being built: try again in a moment.');
  const report = await host.sampleRuns.run(host.uri, indexes, { origin: host.owner });
  if (report.status === 'refused') throw new Error(report.message);
}

/** Streams the re-query ×k runs of `uri` to one webview; disposing stops it (its pending text is dropped with the view). */
export function relaySamples(sampleRuns: SampleRuns, uri: vscode.Uri, post: (m: ToWebview) => void): { dispose(): void } {
  const relay = new SampleRelay(post);
  const sub = sampleRuns.onDidChange((e) => {
    if (e.run.uri.toString() === uri.toString()) relay.onEvent(e);
  });
  return {
    dispose: () => {
      sub.dispose();
      relay.dispose();
    },
  };
}
