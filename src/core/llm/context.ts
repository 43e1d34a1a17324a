/**
 * The text the GenRM and the fidelity judge are shown, built exactly as the R-Align scripts build
 * it, and the thinking-removal rule they apply to rationales.
 */
import type { ContentPart, ImagePart, Turn } from '../record/record';

/** Text of a turn: a string as is; for content parts, the text parts joined by newlines (images are sent separately). */
function turnText(content: Turn['content']): string {
  if (typeof content === 'string') return content;
  return content
    .filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text')
    .map((p) => p.text)
    .join('\n');
}

function roleLabel(role: string): string {
  if (role === 'user') return 'User';
  if (role === 'assistant') return 'Assistant';
  // Python's str.capitalize(): first character upper-cased, the rest lower-cased.
  return role.charAt(0).toUpperCase() + role.slice(1).toLowerCase();
}

/** Earlier turns as `User: …` / `Assistant: …` lines joined by `\n`. */
function formatDialogue(turns: readonly Turn[]): string {
  return turns.map((t) => `${roleLabel(t.role)}: ${turnText(t.content)}`).join('\n');
}

/**
 * The `{context_and_responses}` block: dialogue context (only when there is more than one turn),
 * the last turn as the user prompt, then answer A and answer B.
 */
export function buildContextBlock(conversation: readonly Turn[], responseA: string, responseB: string): string {
  let out = '';
  if (conversation.length > 1) {
    out += `<|Dialogue Context|>\n${formatDialogue(conversation.slice(0, -1))}\n\n<|End of Dialogue Context|>\n\n`;
  }
  const last = conversation[conversation.length - 1];
  out += last ? `<|User Prompt|>\n${turnText(last.content)}\n\n` : '<|User Prompt|>\n\n';
  out += `<|The Start of Assistant A's Answer with User|>\n\n${responseA}\n\n<|The End of Assistant A's Answer with User|>\n\n`;
  out += `<|The Start of Assistant B's Answer with User|>\n\n${responseB}\n\n<|The End of Assistant B's Answer with User|>\n\n`;
  return out;
}

// One definition of thinking removal and Python-style stripping for the whole core.
export { pyStrip, removeThinking } from '../record/thinking';

/** Image parts of the whole conversation, in order. */
export function collectImages(conversation: readonly Turn[]): ImagePart[] {
  const out: ImagePart[] = [];
  for (const t of conversation) {
    if (typeof t.content === 'string') continue;
    for (const p of t.content) if (p.type === 'image') out.push(p);
  }
  return out;
}
