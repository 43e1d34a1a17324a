/** A remembered collapsible section of the record view, its content built the first time it is open. */
import { h } from '../dom/dom';

interface Section {
  heading: string;
  description?: string;
  open: boolean;
  section: string;
  onToggle: (open: boolean) => void;
}

/**
 * A folded prompt or pair of responses costs nothing (no Markdown parse) until the reader unfolds
 * it. `open` is a reflected attribute, so one observer sees every opening: a header click and the
 * t/p/r keys alike.
 */
export function collapsible(o: Section, content: () => Node | null): HTMLElement {
  const el = h('vscode-collapsible', { class: `section section-${o.section}`, attrs: { heading: o.heading, description: o.description || undefined, 'data-section': o.section, open: o.open } });
  let built = false;
  const build = () => {
    if (built || !el.hasAttribute('open')) return;
    built = true;
    const node = content();
    if (node) el.append(node);
  };
  build();
  new MutationObserver(build).observe(el, { attributes: true, attributeFilter: ['open'] });
  el.addEventListener('vsc-collapsible-toggle', (e) => {
    if (e.target === el) o.onToggle((e as CustomEvent<{ open: boolean }>).detail.open);
  });
  return el;
}
