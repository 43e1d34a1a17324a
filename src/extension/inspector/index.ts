/** The Inspector feature: the custom editor and the commands that open it. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { OpenInspectorCommand } from '../commands/openInspector';
import { OpenRecordCommand } from '../commands/openRecord';
import { InspectorProvider } from './provider';

export function registerInspector(services: Services): vscode.Disposable {
  const { provider, disposable } = InspectorProvider.register(services);
  const openInspector = new OpenInspectorCommand();
  const openRecord = new OpenRecordCommand(provider);
  return vscode.Disposable.from(
    disposable,
    vscode.commands.registerCommand(openInspector.id, (uri?: unknown) => openInspector.execute(uri)),
    vscode.commands.registerCommand(openRecord.id, (uri?: unknown, index?: unknown) => openRecord.execute(uri, index)),
  );
}
