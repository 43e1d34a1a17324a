/** The Inspector feature: the custom editor and the commands that open it. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { registerOpenInspector } from '../commands/openInspector';
import { registerOpenRecord } from '../commands/openRecord';
import { InspectorProvider } from './provider';
import { holdForOpening } from './firstScreen';
import { registerRecordLinks } from '../commands/recordLinks';
import { registerAuditJudge } from '../commands/auditJudge';

export function registerInspector(services: Services): vscode.Disposable {
  const { provider, disposable } = InspectorProvider.register(services);
  return vscode.Disposable.from(disposable, registerOpenInspector(() => holdForOpening(services.sessions)), registerOpenRecord(provider), registerRecordLinks(services, provider), registerAuditJudge(services, provider));
}
