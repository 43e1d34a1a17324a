/**
 * Every page's one connection to VS Code (Inspector, Leaderboard, Compare): the API acquired once,
 * messages received checked by the page's protocol (invalid ones dropped and said), sent ones typed.
 */
import type { Checked } from '../../src/protocol/messages';
import { vsCodeApi } from './acquire';

export interface Channel<In, Out> {
  send(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  state<T>(): Partial<T>;
  saveState(state: object): void;
}

/** The page's channel; `onInvalid` hears why a message was dropped (the console always does). */
export function channel<In, Out>(checkIn: (value: unknown) => Checked<In>, onInvalid?: (error: string) => void): Channel<In, Out> {
  const api = vsCodeApi();
  return {
    send: (message) => api.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const checked = checkIn(event.data);
        if (checked.ok) return handler(checked.message);
        console.warn(`Rationale Lens: dropped an invalid message: ${checked.error}`);
        onInvalid?.(checked.error);
      }),
    state: <T>(): Partial<T> => {
      const saved: unknown = api.getState();
      return saved ?? {};
    },
    saveState: (state) => api.setState(state),
  };
}
