/**
 * The Inspector feature: the custom editor and the commands that open it or need it. Registered
 * here, above both folders, so inspector/ never imports commands/ (the commands use the provider).
 */
import * as vscode from 'vscode';
import type { Services } from './services';
import { registerOpenInspector } from './commands/openInspector';
import { registerOpenRecord } from './commands/openRecord';
import { InspectorProvider } from './inspector/provider';
import { holdForOpening } from './inspector/firstScreen';
import { registerRecordLinks } from './commands/recordLinks';
import { registerAuditJudge } from './commands/auditJudge';

export function registerInspector(services: Services): vscode.Disposable {
  const { provider, disposable } = InspectorProvider.register(services);
  return vscode.Disposable.from(disposable, registerOpenInspector((uri) => holdForOpening(services.sessions, uri, services.log)), registerOpenRecord(provider), registerRecordLinks(services, provider), registerAuditJudge(services, provider));
}
