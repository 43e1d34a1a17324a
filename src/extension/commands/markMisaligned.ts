/** Rationale Lens: Mark Record Misaligned — see markAligned.ts. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { markRecord } from './markAligned';

export const MARK_MISALIGNED = 'rationaleLens.markMisaligned';

export function registerMarkMisaligned(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(MARK_MISALIGNED, (uri?: unknown, index?: unknown, note?: unknown) => markRecord(services, 'Incorrect', uri, index, note));
}
