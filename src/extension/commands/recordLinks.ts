/**
 * Deep links to records: the URI handler for `<scheme>://rationale-lens.rationale-lens/open?file=…&record=…`
 * (what the CLI's `align` prints) and "Copy Link to Record" (the Inspector and the hover). A link is
 * text anyone can send: it only opens the read-only Inspector, and a file outside the open folders
 * is opened only after the user says so.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { linkDestination, parseRecordLink, recordLink } from '../../core/dataset/recordLink';
import type { RecordTarget } from '../../core/dataset/recordLink';
import type { InspectorProvider } from '../inspector/provider';
import type { Services } from '../services';
import { uriFromArg } from '../editor/evaluationFiles';
import { COMMANDS } from '../ids';

/** The open folders on this machine's disk (a virtual or remote folder never holds a local file). */
function openFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** The record a link names: by index when given (and the id, if any, agrees), else by id. */
async function resolveIndex(services: Services, uri: vscode.Uri, target: RecordTarget): Promise<number | string> {
  const session = await services.sessions.get(uri);
  if (target.index !== null) {
    if (target.index >= session.count) return `record ${target.index + 1} is past the end of ${basename(uri.fsPath)} (${session.count} records)`;
    const id = session.row(target.index).id;
    if (target.record === null || id === null || id === target.record) return target.index;
  }
  if (target.record === null) return 0;
  const byId = await session.indexOfId(target.record);
  return byId ?? `no record with id "${target.record.slice(0, 80)}" in ${basename(uri.fsPath)}`;
}

async function openLink(services: Services, provider: InspectorProvider, link: vscode.Uri): Promise<void> {
  const parsed = parseRecordLink(link.path, link.query);
  if (!parsed.ok) {
    void vscode.window.showWarningMessage(`Rationale Lens: cannot open this link: ${parsed.why}.`);
    return;
  }
  const destination = await linkDestination(parsed.target, openFolderPaths());
  const uri = vscode.Uri.file(destination.path);
  if (destination.ask) {
    const open = 'Open';
    const where = destination.real === parsed.target.file ? destination.real : `${destination.real} (the link says ${parsed.target.file})`;
    const picked = await vscode.window.showWarningMessage(`A link asks Rationale Lens to open ${where}, which is outside the open folders.`, { modal: true, detail: 'The Inspector is read-only: the file is never modified.' }, open);
    if (picked !== open) return;
  }
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showWarningMessage(`Rationale Lens: the link names ${destination.path}, which does not exist here.`);
    return;
  }
  const index = await resolveIndex(services, uri, parsed.target);
  if (typeof index === 'string') void vscode.window.showWarningMessage(`Rationale Lens: ${index}; opening the file's first record.`);
  await provider.showRecord(uri, typeof index === 'number' ? index : 0);
}

/** The link of record `index` of `uri`, in this editor's own URI scheme (vscode, code-oss, …). */
async function linkToRecord(services: Services, uri: vscode.Uri, index: number): Promise<string> {
  const session = await services.sessions.get(uri);
  return recordLink({ file: uri.fsPath, record: session.row(index).id, index }, vscode.env.uriScheme);
}

async function copyRecordLink(services: Services, uriArg?: unknown, indexArg?: unknown): Promise<void> {
  const uri = uriFromArg(uriArg);
  const index = typeof indexArg === 'number' ? indexArg : Number(indexArg);
  if (!uri || !Number.isInteger(index) || index < 0) throw new Error('rationaleLens.copyRecordLink expects (uri, record index ≥ 0)');
  const link = await linkToRecord(services, uri, index);
  await vscode.env.clipboard.writeText(link);
  void vscode.window.setStatusBarMessage(`$(link) Link to record ${index + 1} copied`, 5000);
}

/** "Open Link to Record…": a pasted link, for browsers and remotes where vscode:// links do not reach the editor. */
async function openPastedLink(services: Services, provider: InspectorProvider, arg?: unknown): Promise<void> {
  const text = typeof arg === 'string' ? arg : await vscode.window.showInputBox({ title: 'Open Link to Record', prompt: 'Paste a Rationale Lens link (from Copy Link to Record or `rationale-lens align`)', placeHolder: 'vscode://rationale-lens.rationale-lens/open?file=…&record=…', ignoreFocusOut: true });
  if (!text) return;
  let link: vscode.Uri;
  try {
    link = vscode.Uri.parse(text.trim(), true);
  } catch {
    void vscode.window.showWarningMessage('Rationale Lens: that is not a link.');
    return;
  }
  await openLink(services, provider, link);
}

export function registerRecordLinks(services: Services, provider: InspectorProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerUriHandler({ handleUri: (uri) => openLink(services, provider, uri) }),
    vscode.commands.registerCommand(COMMANDS.openRecordLink, (text?: unknown) => openPastedLink(services, provider, text)),
    vscode.commands.registerCommand(COMMANDS.copyRecordLink, (uri?: unknown, index?: unknown) => copyRecordLink(services, uri, index)),
  );
}
