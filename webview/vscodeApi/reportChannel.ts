/** The Leaderboard and Compare webviews' side of their protocol: messages received are checked, sent ones typed. */
/** What the protocol's check functions return. */
type Checked<T> = { ok: true; message: T } | { ok: false; error: string };

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Channel<In, Out> {
  send(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  state<T>(): Partial<T>;
  saveState(state: object): void;
}

export function channel<In, Out>(checkIn: (value: unknown) => Checked<In>): Channel<In, Out> {
  const api = acquireVsCodeApi();
  return {
    send: (message) => api.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const checked = checkIn(event.data);
        if (checked.ok) handler(checked.message);
        else console.warn(`Rationale Lens: dropped an invalid message: ${checked.error}`);
      }),
    state: <T>(): Partial<T> => {
      const saved: unknown = api.getState();
      return (saved ?? {});
    },
    saveState: (state) => api.setState(state),
  };
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (never `on*` or style); text goes in as a text node. */
export function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (/^on/i.test(k) || k === 'style') throw new Error(`refusing attribute ${k}`);
    el.setAttribute(k, String(v));
  }
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}
