/** The URI an Inspector tab is opened on (its tab then reads "Inspector · <file>"), and the file it shows. */
import * as vscode from 'vscode';
import { INSPECTOR_SCHEME, filePathOfInspectorTab, inspectorTabPath } from '../../presentation/inspectorTabName';

/** The Inspector's URI for a `file:` URI; any other URI is opened as it is (its tab reads the file's name). */
export function inspectorUri(file: vscode.Uri): vscode.Uri {
  if (file.scheme !== 'file') return file;
  return vscode.Uri.from({ scheme: INSPECTOR_SCHEME, authority: file.authority, path: inspectorTabPath(file.path) });
}

/** The file an Inspector tab's URI shows: the `file:` URI behind an Inspector URI, else `uri` itself. */
export function fileOfInspectorUri(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== INSPECTOR_SCHEME) return uri;
  const path = filePathOfInspectorTab(uri.path);
  return path === undefined ? uri : vscode.Uri.from({ scheme: 'file', authority: uri.authority, path });
}
