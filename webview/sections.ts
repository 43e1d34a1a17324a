/** The record view's building blocks: a remembered collapsible section, and a block of record text. */
import { h } from './dom';
import { renderText } from './highlight';

/** Record text (rendered as Markdown or raw), never as HTML. */
export function textBlock(text: string, rendered: boolean, cls = ''): HTMLElement {
  return renderText(text, rendered, cls);
}

interface Section {
  heading: string;
  description?: string;
  open: boolean;
  section: string;
  onToggle: (open: boolean) => void;
}

/**
 * A collapsible whose content is built the first time it is open: a folded prompt or pair of
 * responses costs nothing (no Markdown parse) until the reader unfolds it.
 */
export function collapsibleWith(o: Section, content: () => Node | null): HTMLElement {
  const el = h('vscode-collapsible', { class: `section section-${o.section}`, attrs: { heading: o.heading, description: o.description || undefined, 'data-section': o.section, open: o.open } });
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    const node = content();
    if (node) el.append(node);
  };
  if (o.open) build();
  el.addEventListener('vsc-collapsible-toggle', (e) => {
    if (e.target !== el) return;
    const open = (e as CustomEvent<{ open: boolean }>).detail.open;
    if (open) build();
    o.onToggle(open);
  });
  // Opened from outside (the t/p/r keys set `open`): build before it draws.
  new MutationObserver(() => el.hasAttribute('open') && build()).observe(el, { attributes: true, attributeFilter: ['open'] });
  return el;
}

export function collapsible(heading: string, open: boolean, section: string, onToggle: (open: boolean) => void, content: () => Node | null): HTMLElement {
  return collapsibleWith({ heading, open, section, onToggle }, content);
}
