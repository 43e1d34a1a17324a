/** The record view's building blocks: a remembered collapsible section, and a block of record text. */
import { h } from './dom';
import { renderText } from './highlight';

/** Record text (rendered as Markdown or raw), never as HTML. */
export function textBlock(text: string, rendered: boolean, cls = ''): HTMLElement {
  return renderText(text, rendered, cls);
}

export function collapsible(heading: string, open: boolean, section: string, onToggle: (open: boolean) => void, ...content: (Node | null)[]): HTMLElement {
  return collapsibleWith({ heading, description: '', open, section, onToggle }, ...content);
}

/** A collapsible with a description beside its heading (shown folded: what is inside). */
export function collapsibleWith(o: { heading: string; description: string; open: boolean; section: string; onToggle: (open: boolean) => void }, ...content: (Node | null)[]): HTMLElement {
  const el = h('vscode-collapsible', { class: `section section-${o.section}`, attrs: { heading: o.heading, description: o.description || undefined, 'data-section': o.section, open: o.open } }, ...content);
  el.addEventListener('vsc-collapsible-toggle', (e) => {
    if (e.target === el) o.onToggle((e as CustomEvent<{ open: boolean }>).detail.open);
  });
  return el;
}
