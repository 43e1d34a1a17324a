/**
 * Shared by the editor features and their commands: which evaluation file is active (a text editor,
 * a text tab too large to be handed to extensions, or the Inspector), its session for a command,
 * and reading `[uri, index]` command arguments.
 */
import * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import { loadedSession } from '../../core/session/sessionState';
import type { Services } from '../services';
import { SessionRegistry } from '../sessions';
import { VIEW_TYPES } from '../ids';
import { fileOfInspectorUri } from '../inspector/inspectorUri';

/** The file shown by the active editor tab, if it may be an evaluation file (text tab, even a huge one, or the Inspector). */
export function activeEvaluationUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  let uri: vscode.Uri | undefined;
  if (input instanceof vscode.TabInputText) uri = input.uri;
  else if (input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPES.inspector) uri = fileOfInspectorUri(input.uri);
  else if (!input) uri = vscode.window.activeTextEditor?.document.uri;
  return uri && SessionRegistry.isCandidate(uri) ? uri : undefined;
}

/** Whether the Inspector is the active editor tab. */
export function inspectorIsActive(): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPES.inspector;
}

/** A visible text editor showing `uri` (the active one first). */
export function textEditorFor(uri: vscode.Uri): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && active.document.uri.toString() === uri.toString()) return active;
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
}

/** A Uri from a command argument: a Uri, its JSON form (command links) or a string (URI or absolute path). */
export function uriFromArg(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return /^[a-z][\w+.-]+:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  if (arg && typeof arg === 'object' && typeof (arg as { scheme?: unknown }).scheme === 'string') {
    const a = arg as { scheme: string; authority?: string; path?: string; query?: string; fragment?: string };
    return vscode.Uri.from({ scheme: a.scheme, authority: a.authority ?? '', path: a.path ?? '', query: a.query ?? '', fragment: a.fragment ?? '' });
  }
  return undefined;
}

export function indexFromArg(arg: unknown): number | undefined {
  return typeof arg === 'number' && Number.isInteger(arg) && arg >= 0 ? arg : undefined;
}

/**
 * The evaluation file a command acts on: its first argument, else the active one. Loads it (with a
 * progress notification when slow) and explains in a message why there is none.
 */
export async function sessionForCommand(services: Services, arg: unknown, action: string): Promise<{ uri: vscode.Uri; session: DatasetSession } | undefined> {
  const uri = uriFromArg(arg) ?? activeEvaluationUri();
  if (!uri) {
    void vscode.window.showInformationMessage(`Rationale Lens: open an evaluation file (.jsonl or .json) to ${action}.`);
    return undefined;
  }
  try {
    const session =
      loadedSession(services.sessions.state(uri)) ??
      (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Rationale Lens: reading…' }, () => services.sessions.get(uri)));
    return { uri, session };
  } catch (err) {
    void vscode.window.showWarningMessage(`Rationale Lens: cannot ${action} for ${vscode.workspace.asRelativePath(uri)}: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * Whether a loaded session is an evaluation file worth showing. The reader opens a `.json` file
 * with no readable record (package.json, tsconfig.json: one object over many lines) as an empty
 * file whose every line is malformed; such a file is not an evaluation file.
 */
export function isEvaluationSession(uri: vscode.Uri, session: DatasetSession): boolean {
  return session.count > 0 || session.malformed === 0 || /\.jsonl$/i.test(uri.fsPath);
}

/** Base name of a path, for messages. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}
