/** What `activate` builds first: the model runs are made from these, and every feature gets them with the runs (services.ts). */
import type * as vscode from 'vscode';
import type { FilteredRecords } from './filters';
import type { SessionRegistry } from './sessions';

export interface BaseServices {
  readonly context: vscode.ExtensionContext;
  /** The one "Rationale Lens" log every feature writes to (nothing fails silently: a line here says what and where). */
  readonly log: vscode.LogOutputChannel;
  readonly sessions: SessionRegistry;
  /** What each open Inspector shows after its filters, for the "… Filtered Records" commands. */
  readonly filtered: FilteredRecords;
}
