/**
 * The LLM aligner's answer: a quote-anchored checklist. The prompt asks for the gold judgment's
 * decisive points, each with an exact quote from the gold, and for each the rationale's matching
 * quote (or none) and a status; plus the rationale's points that are not in the gold. The answer is
 * untrusted: parsed robustly (code fences, prose around the JSON, thinking), validated point by
 * point, and every problem kept to be reported.
 */
import { removeThinking } from '../../record/thinking';

type PointStatus = 'stated' | 'missing' | 'contradicted';
const POINT_STATUSES: readonly PointStatus[] = ['stated', 'missing', 'contradicted'];

interface GoldPoint {
  point: string;
  goldQuote: string;
  rationaleQuote: string | null;
  status: PointStatus;
}

interface ExtraPoint {
  point: string;
  rationaleQuote: string;
}

export interface Checklist {
  goldPoints: GoldPoint[];
  extraPoints: ExtraPoint[];
  /** Entries of the answer that were not points of the expected shape, with the reason. */
  problems: string[];
}

export class ChecklistError extends Error {}

/** Bumped when the prompt or schema changes, so cached answers of the old prompt stop matching. */
export const CHECKLIST_PROMPT_VERSION = 1;
const MAX_POINTS = 60;

const CHECKLIST_SYSTEM = `You compare a reward model's rationale with a gold judgment of the same two responses (Response A and Response B).
List the gold judgment's decisive points: the reasons it gives for its verdict. For each point:
- "point": the reason in a few words;
- "gold_quote": an exact, contiguous quote from the GOLD JUDGMENT that states it (copy the characters; do not paraphrase);
- "rationale_quote": an exact, contiguous quote from the RATIONALE that states the same reason, or null when the rationale does not;
- "status": "stated" when the rationale gives this reason about the same response, "contradicted" when the rationale says the opposite or blames it on the other response, "missing" when it does not give it.
Then list "extra_points": reasons the rationale gives that the gold does not, each with "point" and an exact "rationale_quote".
Answer with JSON only: {"gold_points": [...], "extra_points": [...]}.`;

export function checklistMessages(gold: string, rationale: string): { role: 'system' | 'user'; content: string }[] {
  return [
    { role: 'system', content: CHECKLIST_SYSTEM },
    { role: 'user', content: `<gold_judgment>\n${gold}\n</gold_judgment>\n\n<rationale>\n${rationale}\n</rationale>` },
  ];
}

/** `response_format` for servers that support structured output (vLLM, SGLang, OpenAI, llama.cpp). */
export const CHECKLIST_RESPONSE_FORMAT = {
  type: 'json_schema',
  json_schema: {
    name: 'claim_checklist',
    strict: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['gold_points', 'extra_points'],
      properties: {
        gold_points: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['point', 'gold_quote', 'rationale_quote', 'status'],
            properties: {
              point: { type: 'string' },
              gold_quote: { type: 'string' },
              rationale_quote: { type: ['string', 'null'] },
              status: { type: 'string', enum: POINT_STATUSES },
            },
          },
        },
        extra_points: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['point', 'rationale_quote'],
            properties: { point: { type: 'string' }, rationale_quote: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

/** The JSON object in an answer: thinking removed, then a fenced block, else the outermost braces. */
function jsonText(answer: string): string {
  const text = removeThinking(answer).trim();
  const fence = /```(?:json)?[ \t]*\n([\s\S]*?)```/i.exec(text);
  if (fence?.[1] !== undefined) return fence[1].trim();
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  if (open < 0) throw new ChecklistError('malformed answer: no JSON object in it');
  if (close < open) throw new ChecklistError('malformed JSON: the object is never closed (was the answer cut off by max tokens?)');
  return text.slice(open, close + 1);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function parseChecklist(answer: string): Checklist {
  if (answer.trim() === '') throw new ChecklistError('empty answer');
  let value: unknown;
  try {
    value = JSON.parse(jsonText(answer));
  } catch (err) {
    if (err instanceof ChecklistError) throw err;
    throw new ChecklistError(`malformed JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ChecklistError('malformed answer: expected a JSON object with "gold_points"');
  const o = value as Record<string, unknown>;
  const gold = o.gold_points ?? o.goldPoints;
  if (!Array.isArray(gold)) throw new ChecklistError('malformed answer: "gold_points" is not a list');
  const problems: string[] = [];
  const goldPoints: GoldPoint[] = [];
  gold.slice(0, MAX_POINTS).forEach((p: unknown, i) => {
    const e = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const goldQuote = str(e.gold_quote);
    const status = typeof e.status === 'string' ? e.status.trim().toLowerCase() : '';
    if (!goldQuote) return void problems.push(`gold point ${i + 1}: no gold_quote`);
    if (!(POINT_STATUSES as readonly string[]).includes(status)) return void problems.push(`gold point ${i + 1}: status "${String(e.status)}" is not stated, missing or contradicted`);
    goldPoints.push({ point: str(e.point) ?? goldQuote, goldQuote, rationaleQuote: str(e.rationale_quote), status: status as PointStatus });
  });
  if (gold.length > MAX_POINTS) problems.push(`${gold.length - MAX_POINTS} gold points past the first ${MAX_POINTS} ignored`);
  const extra = Array.isArray(o.extra_points) ? o.extra_points : [];
  const extraPoints: ExtraPoint[] = [];
  extra.slice(0, MAX_POINTS).forEach((p: unknown, i) => {
    const e = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const rationaleQuote = str(e.rationale_quote);
    if (!rationaleQuote) return void problems.push(`extra point ${i + 1}: no rationale_quote`);
    extraPoints.push({ point: str(e.point) ?? rationaleQuote, rationaleQuote });
  });
  return { goldPoints, extraPoints, problems };
}
