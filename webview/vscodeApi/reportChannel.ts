/** The Leaderboard and Compare pages' shared parts: their channel (channel.ts, as the Inspector's) and SVG elements. */
export { channel } from './channel';

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
