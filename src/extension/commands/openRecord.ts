/** `rationaleLens.openRecord(uri, index)` (internal): the Inspector on that file, showing record `index`. */
import * as vscode from 'vscode';
import type { InspectorProvider } from '../inspector/provider';
import { uriFromArg } from '../editor/evaluationFiles';
import { COMMANDS } from '../ids';

async function openRecord(provider: InspectorProvider, uriArg?: unknown, indexArg?: unknown): Promise<void> {
  const uri = uriFromArg(uriArg);
  const index = typeof indexArg === 'number' ? indexArg : typeof indexArg === 'string' ? Number(indexArg) : NaN;
  if (!uri || !Number.isInteger(index) || index < 0) {
    throw new Error('rationaleLens.openRecord expects (uri, record index ≥ 0)');
  }
  await provider.showRecord(uri, index);
}

export function registerOpenRecord(provider: InspectorProvider): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openRecord, (uri?: unknown, index?: unknown) => openRecord(provider, uri, index));
}
