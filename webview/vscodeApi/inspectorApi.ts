/**
 * The webview's side of the protocol: every message received is validated before the app sees it
 * (invalid ones are dropped and logged), and every message sent is typed by the shared protocol.
 */
import type { FromWebview, ToWebview } from '../../src/protocol/messages';
import { checkToWebview } from '../../src/protocol/messages';
import { channel } from './channel';

// The one channel (channel.ts): invalid messages are dropped, said in the console and in the host's log.
const vscode = channel<ToWebview, FromWebview>(checkToWebview, (error) => log('warn', `dropped an invalid message from the host: ${error}`));
let lastId = 0;

/** A fresh request id (ids only need to be unique within this webview's lifetime). */
export function nextRequestId(): number {
  return ++lastId;
}

export function send(message: FromWebview): void {
  if (message.type === 'ready') performance.mark('rlens:ready'); // a phase of bench/inspector.bench.mjs
  vscode.send(message);
}

export function log(level: 'info' | 'warn' | 'error', message: string): void {
  send({ type: 'log', level, message: message.slice(0, 10_000) });
}

export const onMessage = (handler: (message: ToWebview) => void): void => vscode.onMessage(handler);
export const getState = (): unknown => vscode.state();
export const setState = (state: object): void => vscode.saveState(state);
