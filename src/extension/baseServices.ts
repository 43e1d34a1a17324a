/** What `activate` builds first: the model runs are made from these, and every feature gets them with the runs (services.ts). */
import type * as vscode from 'vscode';
import type { FilteredRecords } from './filters';
import type { SessionRegistry } from './sessions';

export interface BaseServices {
  readonly context: vscode.ExtensionContext;
  readonly sessions: SessionRegistry;
  /** What each open Inspector shows after its filters, for the "… Filtered Records" commands. */
  readonly filtered: FilteredRecords;
}
