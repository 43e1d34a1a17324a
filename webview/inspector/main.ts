/**
 * Rationale Lens Inspector (webview). Talks to the extension host through the shared protocol
 * (src/protocol/messages.ts): a `ready` handshake, then requests with ids. Keeps its view state in
 * getState/setState so hiding or reloading the view loses nothing.
 */
import '../dom/nonce';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../styles/styles.css';
import '../styles/layout.css';
import '../styles/samples.css';
import { log } from '../vscodeApi/inspectorApi';
import { App } from './app';
import { STYLE_ID } from '../../src/protocol/pageData';

// Errors in the view reach the host's "Rationale Lens Inspector" output channel.
window.addEventListener('error', (e) => log('error', `${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => log('error', `unhandled rejection: ${String(e.reason)}`));

// The page's inline script loads this bundle and its stylesheet together (firstPaint.ts): the app
// lays out once the stylesheet is there (or failed), never unstyled.
const style = document.getElementById(STYLE_ID) as HTMLLinkElement | null;
const start = () => new App(document.getElementById('app') as HTMLElement).start();
if (!style || style.sheet || style.dataset.state) start();
else {
  style.addEventListener('load', start, { once: true });
  style.addEventListener('error', start, { once: true });
}
