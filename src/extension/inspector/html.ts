/** The Inspector's page: the webviews' shell (../webviewShell.ts) with the palette commands and their keys. */
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../core/dataset/recordLink';
import { commandKeys } from '../../presentation/commandKeys';
import type { RecordView } from '../../protocol/messages';
import { FIRST_RECORD_ID, pageDataBlock } from '../../protocol/pageData';
import { webviewHtml } from '../webviewShell';

/** `first`: record 0's view, painted by the page as it starts (no round trip; firstPage.ts). */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, fileName: string, first?: RecordView): string {
  // The palette commands and their keys, for the `?` overlay (the manifest declares them once).
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Parameters<typeof commandKeys>[0] | undefined;
  const keys = manifest ? commandKeys(manifest, process.platform === 'darwin').map(({ title, key }) => ({ title, key })) : [];
  return webviewHtml(webview, extensionUri, 'main', 'Rationale Lens Inspector', fileName, JSON.stringify(keys), first ? pageDataBlock(FIRST_RECORD_ID, first) : '');
}
