/** The webviews' HTML shell: strict CSP with a per-load nonce, one bundled script and its stylesheet only. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { LOADER_ID, inlineable } from '../protocol/pageData';

/** The only folder the webview may load from. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page's inline script and stylesheet (our own build's, never data): they load the bundle themselves. */
export interface InlineStart {
  readonly script: string;
  readonly style: string;
}

export interface PageExtras {
  /** The palette commands and their keys, as JSON (the Inspector's `?` overlay). */
  readonly commandKeys?: string;
  /** A data block the page reads before it asks anything (src/protocol/pageData.ts). */
  readonly data?: string;
  /**
   * Given: the page carries this script and stylesheet inline (nonce'd) instead of linking the
   * bundle; the script adds the bundle's stylesheet and script itself (webview/inspector/firstPaint.ts).
   */
  readonly inline?: InlineStart;
}

/** `bundle`: dist/webview/<bundle>.js and .css; `fileName` travels in an escaped data- attribute. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: 'main' | 'leaderboard' | 'compare', title: string, fileName: string, extras: PageExtras = {}): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const script = escapeAttr(webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`)).toString());
  const style = escapeAttr(webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`)).toString());
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const inline = extras.inline && inlineable(extras.inline.script, 'script') && inlineable(extras.inline.style, 'style') ? extras.inline : undefined;
  const styles = inline ? `<style nonce="${nonce}">${inline.style}</style>` : `<link rel="stylesheet" href="${style}" nonce="${nonce}">`;
  const scripts = inline ? `<script nonce="${nonce}" id="${LOADER_ID}" data-script="${script}" data-style="${style}">${inline.script}</script>` : `<script nonce="${nonce}" src="${script}"></script>`;
  // The file name travels in an escaped data- attribute, never spliced into a script.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeAttr(title)}</title>
</head>
<body>
<div id="app" data-file-name="${escapeAttr(fileName)}" data-command-keys="${escapeAttr(extras.commandKeys ?? '[]')}"></div>
${extras.data ?? ''}
${scripts}
</body>
</html>`;
}
