/**
 * The webview's side of the protocol: every message received is validated before the app sees it
 * (invalid ones are dropped and logged), and every message sent is typed by the shared protocol.
 */
import type { FromWebview, ToWebview } from '../../src/protocol/messages';
import { checkToWebview } from '../../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let lastId = 0;

/** A fresh request id (ids only need to be unique within this webview's lifetime). */
export function nextRequestId(): number {
  return ++lastId;
}

export function send(message: FromWebview): void {
  vscode.postMessage(message);
}

export function log(level: 'info' | 'warn' | 'error', message: string): void {
  send({ type: 'log', level, message: message.slice(0, 10_000) });
}

export function onMessage(handler: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const checked = checkToWebview(event.data);
    if (!checked.ok) {
      console.warn(`Rationale Lens Inspector: dropped an invalid message: ${checked.error}`);
      log('warn', `dropped an invalid message from the host: ${checked.error}`);
      return;
    }
    handler(checked.message);
  });
}

export const getState = (): unknown => vscode.getState();
export const setState = (state: unknown): void => vscode.setState(state);
