/**
 * Conversation parts for display. Images referenced by a path are read here and sent as data:
 * URLs (size-capped, from inside the dataset's folder only, images by content), so the webview's
 * localResourceRoots never has to include the dataset's folder; remote URLs become links and are
 * never loaded.
 */
import { ImageRefusedError, readImageFile } from '../core/io/imageFiles';
import type { ContentPart, Turn } from '../core/record/record';
import type { PartView, TurnView } from '../protocol/messages';
import { cut } from './snapshotViews';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const DISPLAYABLE = /^image\/(png|jpeg|gif|webp|bmp|svg\+xml|avif|vnd\.microsoft\.icon)$/;

async function imagePart(part: Extract<ContentPart, { type: 'image' }>, baseDir: string): Promise<PartView> {
  if (part.url) {
    const url = part.url;
    const m = /^data:([^;,]+)[;,]/.exec(url);
    if (m) {
      if (DISPLAYABLE.test(m[1] ?? '') && url.length <= MAX_IMAGE_BYTES * 1.4) return { type: 'image', label: `inline ${m[1]} image`, src: url, note: null };
      return { type: 'image', label: `inline ${m[1]} data`, src: null, note: 'not shown: too large or not an image type' };
    }
    return { type: 'link', url };
  }
  if (!part.path) return { type: 'image', label: '(image)', src: null, note: 'the image part has neither a path nor a URL' };
  try {
    const { bytes, mime } = await readImageFile(part.path, baseDir, { roots: [baseDir], maxBytes: MAX_IMAGE_BYTES });
    if (!DISPLAYABLE.test(mime)) return { type: 'image', label: part.path, src: null, note: `not shown: ${mime} is not an image type the view displays` };
    return { type: 'image', label: part.path, src: `data:${mime};base64,${bytes.toString('base64')}`, note: null };
  } catch (e) {
    if (e instanceof ImageRefusedError) return { type: 'image', label: part.path, src: null, note: `not shown: ${e.message}` };
    return { type: 'image', label: part.path, src: null, note: `cannot read: ${(e as Error).message}` };
  }
}

export async function turnViews(turns: readonly Turn[], baseDir: string, truncated: string[]): Promise<TurnView[]> {
  const out: TurnView[] = [];
  for (const [t, turn] of turns.entries()) {
    if (typeof turn.content === 'string') {
      out.push({ role: turn.role, parts: [{ type: 'text', text: cut(turn.content, `conversation[${t}]`, truncated) }] });
      continue;
    }
    const parts: PartView[] = [];
    for (const [p, part] of turn.content.entries()) {
      parts.push(part.type === 'text' ? { type: 'text', text: cut(part.text, `conversation[${t}].content[${p}]`, truncated) } : await imagePart(part, baseDir));
    }
    out.push({ role: turn.role, parts });
  }
  return out;
}
