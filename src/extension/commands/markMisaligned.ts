/** Rationale Lens: Mark Record Misaligned — see markAligned.ts. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { markRecord } from './markAligned';
import { COMMANDS } from '../ids';


export function registerMarkMisaligned(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.markMisaligned, (uri?: unknown, index?: unknown, note?: unknown) => markRecord(services, 'Incorrect', uri, index, note));
}
