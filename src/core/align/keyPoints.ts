/**
 * Judge-grounded key points: the fidelity judge's own `<golden_key_points>` (R-Align's `metarm_raw`,
 * or this project's judge runs), split into points and anchored where they quote the gold judgment
 * or the rationale, so the reader sees what the verdict was based on. A point that paraphrases is
 * shown unanchored; an anchor is only ever a span that is really in the text (anchor.ts).
 */
import { anchorQuote, foldForAnchors } from './lexical/anchor';

export interface AnchoredKeyPoint {
  text: string;
  gold: { start: number; end: number } | null;
  rationale: { start: number; end: number } | null;
}

const MAX_POINTS = 40;

/** Bulleted or numbered lines (a point may wrap onto unbulleted lines); else non-empty lines. */
export function splitKeyPoints(text: string): string[] {
  const points: string[] = [];
  const bullet = /^\s*(?:[-*•‣·]|\d{1,3}[.)]|\(\d{1,3}\))\s+/;
  const lines = text.split(/\r?\n/);
  const bulleted = lines.some((l) => bullet.test(l));
  for (const line of lines) {
    const t = line.trim();
    if (!t) continue;
    if (!bulleted || bullet.test(line)) points.push(line.replace(bullet, '').trim());
    else if (points.length) points[points.length - 1] += ` ${t}`;
    else points.push(t);
  }
  return points.filter((p) => p.length > 0).slice(0, MAX_POINTS);
}

/** Quoted passages inside a point ("…", “…”, '…' of 8+ characters), longest first. */
function quotedPassages(point: string): string[] {
  const out: string[] = [];
  const re = /"([^"]{8,400})"|“([^”]{8,400})”|'([^']{8,400})'/g;
  for (let m = re.exec(point); m; m = re.exec(point)) out.push((m[1] ?? m[2] ?? m[3]) as string);
  return out.sort((a, b) => b.length - a.length);
}

export function anchorKeyPoints(keyPoints: string, gold: string, rationale: string): AnchoredKeyPoint[] {
  const g = foldForAnchors(gold);
  const r = foldForAnchors(rationale);
  return splitKeyPoints(keyPoints).map((text) => {
    const candidates = [...quotedPassages(text), text];
    const find = (source: string, folded: ReturnType<typeof foldForAnchors>) => {
      for (const c of candidates) {
        const a = anchorQuote(source, c, folded);
        if (a) return { start: a.start, end: a.end };
      }
      return null;
    };
    return { text, gold: find(gold, g), rationale: find(rationale, r) };
  });
}
