/** The Inspector's page: the webviews' shell (../webviewShell.ts) with the palette commands and their keys. */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../core/dataset/recordLink';
import { commandKeys } from '../../presentation/commandKeys';
import type { RecordView } from '../../protocol/messages';
import { FIRST_RECORD_ID, pageDataBlock } from '../../protocol/pageData';
import { type InlineStart, webviewHtml, webviewRoot } from '../webviewShell';

/** The inline first paint (dist/webview/firstPaint.js and .css, built from webview/inspector/firstPaint.ts), read once. */
let firstPaint: InlineStart | null | undefined;

function firstPaintAssets(extensionUri: vscode.Uri, log?: vscode.LogOutputChannel): InlineStart | undefined {
  if (firstPaint === undefined) {
    const file = (ext: string) => readFileSync(vscode.Uri.joinPath(webviewRoot(extensionUri), `firstPaint.${ext}`).fsPath, 'utf8');
    try {
      firstPaint = { script: file('js'), style: file('css') };
    } catch (e) {
      firstPaint = null; // the page links the bundle as before: the record shows once it has loaded
      log?.warn(`Inspector: no inline first paint (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return firstPaint ?? undefined;
}

/** `first`: record 0's view, painted by the page's inline script as it starts (no round trip; firstPage.ts). */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, fileName: string, first?: RecordView, log?: vscode.LogOutputChannel): string {
  // The palette commands and their keys, for the `?` overlay (the manifest declares them once).
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Parameters<typeof commandKeys>[0] | undefined;
  const keys = manifest ? commandKeys(manifest, process.platform === 'darwin').map(({ title, key }) => ({ title, key })) : [];
  return webviewHtml(webview, extensionUri, 'main', 'Rationale Lens Inspector', fileName, {
    commandKeys: JSON.stringify(keys),
    data: first ? pageDataBlock(FIRST_RECORD_ID, first) : '',
    inline: firstPaintAssets(extensionUri, log),
  });
}
