/** The services `activate` builds once and hands to every feature (their own module, so features never import `extension.ts`). */
import type * as vscode from 'vscode';
import type { FilteredRecords } from './filters';
import type { SessionRegistry } from './sessions';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly sessions: SessionRegistry;
  /** What each open Inspector shows after its filters, for the "… Filtered Records" commands. */
  readonly filtered: FilteredRecords;
}
