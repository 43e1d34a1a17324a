/**
 * DOM building that never parses HTML: elements by createElement, text by createTextNode. Record
 * text (prompts, responses, rationales: untrusted, LLM-written) only ever goes through here.
 */
type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** Attributes; `style` and event-handler attributes are refused (CSP and safety). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  title?: string;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props | null = null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (props?.class) el.className = props.class;
  if (props?.title) el.title = props.title;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style' || /^on/i.test(name)) throw new Error(`refusing attribute ${name}`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props?.on ?? {})) el.addEventListener(type, listener as EventListener);
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** An http(s) link (anything else is shown as plain text). */
export function link(url: string, label = url): HTMLElement {
  let safe: URL | null = null;
  try {
    safe = new URL(url);
  } catch {
    safe = null;
  }
  if (!safe || (safe.protocol !== 'https:' && safe.protocol !== 'http:')) return h('span', { class: 'url' }, label);
  return h('a', { attrs: { href: safe.href, rel: 'noreferrer noopener' }, title: safe.href }, label);
}
