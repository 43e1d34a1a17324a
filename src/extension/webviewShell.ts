/** The webviews' HTML shell: strict CSP with a per-load nonce, one bundled script and its stylesheet only. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The only folder the webview may load from. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `bundle`: dist/webview/<bundle>.js and .css; `fileName` travels in an escaped data- attribute;
 * `data`: a data block the page reads before it asks anything (src/protocol/pageData.ts).
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: 'main' | 'leaderboard' | 'compare', title: string, fileName: string, commandKeys = '[]', data = ''): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`));
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  // The file name travels in an escaped data- attribute, never spliced into a script.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(style.toString())}" nonce="${nonce}">
<title>${escapeAttr(title)}</title>
</head>
<body>
<div id="app" data-file-name="${escapeAttr(fileName)}" data-command-keys="${escapeAttr(commandKeys)}"></div>
${data}
<script nonce="${nonce}" src="${escapeAttr(script.toString())}"></script>
</body>
</html>`;
}
