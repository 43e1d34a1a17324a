/**
 * Prompt templates. Substitution follows Python's `str.format` for named placeholders so that
 * template files written for the R-Align scripts work unchanged: `{name}` is replaced, `{{` and
 * `}}` are literal braces, and anything else that str.format would reject is an error naming the
 * template it came from.
 */
import { readFile } from 'node:fs/promises';
import type { LlmRole } from './profile';

const PLACEHOLDERS = ['context_and_responses', 'golden_explanation', 'genrm_explanation'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Which placeholders each kind of template may use. */
const ALLOWED_PLACEHOLDERS: Readonly<Record<LlmRole, readonly Placeholder[]>> = {
  genrm: ['context_and_responses'],
  fidelity: ['context_and_responses', 'golden_explanation', 'genrm_explanation'],
};

export interface PromptTemplate {
  readonly kind: LlmRole;
  readonly text: string;
  /** Where the text came from: a file path, or `built-in`. Used in error messages. */
  readonly source: string;
  /** Placeholders that occur in the text, in order of first occurrence. */
  readonly placeholders: readonly Placeholder[];
  /**
   * `format`: the text is filled like str.format and sent as one user message.
   * `system`: (GenRM templates without `{context_and_responses}`) the text is sent verbatim as
   * the system message, braces and all, and the context block is the user message, as the
   * R-Align generator does.
   */
  readonly mode: 'format' | 'system';
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

type Segment = { readonly literal: string } | { readonly field: string; readonly offset: number };

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parsed templates, by text (a template is filled once per record: parse it once). */
const parsed = new Map<string, readonly Segment[]>();
const PARSED_MAX = 64;

/** Split a template into literal text and replacement fields exactly as str.format scans it (memoized). */
function scan(text: string, source: string): readonly Segment[] {
  const hit = parsed.get(text);
  if (hit) return hit;
  const segs = scanUncached(text, source);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(text, segs);
  return segs;
}

function scanUncached(text: string, source: string): Segment[] {
  const out: Segment[] = [];
  let lit = '';
  let i = 0;
  const fail = (msg: string, at: number): never => {
    throw new TemplateError(`${msg} in template ${source} (line ${lineOf(text, at)}). Write {{ and }} for literal braces.`);
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '{') {
      if (text[i + 1] === '{') {
        lit += '{';
        i += 2;
        continue;
      }
      // A replacement field: runs to the matching '}' (braces nest only inside a format spec).
      let depth = 1;
      let j = i + 1;
      while (j < text.length) {
        const d = text[j];
        if (d === '{') depth++;
        else if (d === '}') {
          depth--;
          if (depth === 0) break;
        }
        j++;
      }
      if (j >= text.length) fail("Single '{' encountered (a '{' that is never closed)", i);
      if (lit) out.push({ literal: lit });
      lit = '';
      out.push({ field: text.slice(i + 1, j), offset: i });
      i = j + 1;
    } else if (c === '}') {
      if (text[i + 1] === '}') {
        lit += '}';
        i += 2;
        continue;
      }
      fail("Single '}' encountered", i);
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) out.push({ literal: lit });
  return out;
}

function checkField(field: string, allowed: readonly string[], text: string, offset: number, source: string): string {
  const where = `in template ${source} (line ${lineOf(text, offset)})`;
  const known = allowed.map((p) => `{${p}}`).join(', ');
  if (field === '' || /^\d+$/.test(field)) {
    throw new TemplateError(`Positional placeholder {${field}} ${where} is not supported; use one of ${known}. Write {{ and }} for literal braces.`);
  }
  const m = /^([^.[!:]*)(.*)$/s.exec(field);
  const name = m?.[1] ?? field;
  const rest = m?.[2] ?? '';
  if (!allowed.includes(name)) {
    const other = (PLACEHOLDERS as readonly string[]).includes(name) ? ' (not available in this kind of template)' : '';
    throw new TemplateError(`Unknown placeholder {${name}}${other} ${where}; known placeholders: ${known}. Write {{ and }} for literal braces.`);
  }
  if (rest !== '' && rest !== '!s' && rest !== ':' && rest !== '!s:') {
    throw new TemplateError(`Placeholder {${field}} ${where}: conversions, format specs and attribute access are not supported; write {${name}}.`);
  }
  return name;
}

/** Parse and validate a template text. Throws TemplateError naming the source on any problem. */
export function makeTemplate(kind: LlmRole, text: string, source = 'built-in'): PromptTemplate {
  if (kind === 'genrm' && !text.includes('{context_and_responses}')) {
    return { kind, text, source, placeholders: [], mode: 'system' };
  }
  const allowed = ALLOWED_PLACEHOLDERS[kind];
  const seen: Placeholder[] = [];
  for (const seg of scan(text, source)) {
    if ('field' in seg) {
      const p = checkField(seg.field, allowed, text, seg.offset, source) as Placeholder;
      if (!seen.includes(p)) seen.push(p);
    }
  }
  if (kind === 'fidelity') {
    const missing = (['golden_explanation', 'genrm_explanation'] as const).filter((p) => !seen.includes(p));
    if (missing.length > 0) {
      throw new TemplateError(`Fidelity template ${source} must contain ${missing.map((p) => `{${p}}`).join(' and ')}.`);
    }
  }
  return { kind, text, source, placeholders: seen, mode: 'format' };
}

/** Read a user template file (UTF-8) and validate it. */
export async function loadTemplate(kind: LlmRole, path: string): Promise<PromptTemplate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new TemplateError(`Cannot read template file ${path}: ${(e as Error).message}`);
  }
  return makeTemplate(kind, text.replace(/^\uFEFF/, ''), path);
}

/**
 * Substitute `{name}` placeholders like Python's `str.format(**values)`. Values are inserted
 * verbatim (braces inside values are not interpreted).
 */
export function formatTemplate(text: string, values: Readonly<Partial<Record<string, string>>>, source = 'built-in'): string {
  let out = '';
  for (const seg of scan(text, source)) {
    if ('literal' in seg) {
      out += seg.literal;
      continue;
    }
    const known = Object.keys(values).filter((k) => values[k] !== undefined);
    const name = checkField(seg.field, known, text, seg.offset, source);
    out += values[name] ?? '';
  }
  return out;
}

/** Fill a validated template (a `system`-mode template is returned verbatim). */
export function renderTemplate(t: PromptTemplate, values: Readonly<Partial<Record<Placeholder, string>>>): string {
  if (t.mode === 'system') return t.text;
  const allowed: Record<string, string> = {};
  for (const p of ALLOWED_PLACEHOLDERS[t.kind]) allowed[p] = values[p] ?? '';
  return formatTemplate(t.text, allowed, t.source);
}

// ---------------------------------------------------------------------------------------------
// Built-in templates (our own wording of the R-Align protocol).

/**
 * The GenRM instruction. It has no placeholder, so it is sent as the system message and the
 * context block (`{context_and_responses}`) is the user message. A user GenRM template that does
 * contain `{context_and_responses}` is sent as a single user message instead.
 */
const DEFAULT_GENRM_TEMPLATE_TEXT = `You are an impartial evaluator. A user prompt (possibly with earlier dialogue) and two candidate answers, Assistant A and Assistant B, follow. Decide which answer serves the user better. Judge the two answers against each other, using only the material given and widely known facts.

Weigh these aspects, most important first:
1. Correctness: factual or logical mistakes. Name each mistake you find in one sentence; do not guess.
2. Following the instructions: does the answer do the task that was asked, within its constraints?
3. Relevance and coverage: are all parts of the request handled, without drifting off topic?
4. Clarity and economy: organized, precise, no padding.
5. Safety: a brief, reasoned refusal beats harmful compliance.
6. Originality, only when the prompt is open-ended or creative.

Rules:
- Only differences that change how useful the answer is to the user are decisive (a wrong conclusion, a missed requirement, a safety problem). Wording, style and extra elaboration decide only when everything more important is equal.
- Length and decoration are not merits in themselves.
- If the prompt is ambiguous, favour the answer that notices it and states a reasonable assumption or asks a focused question.
- Answers should use the language(s) of the prompt.
- Ties are not allowed: you must pick A or B.

Structure your rationale as:
- Requirements: the 2-5 things the prompt asks for.
- Assistant A: its strengths and weaknesses (3-6 bullets).
- Assistant B: its strengths and weaknesses (3-6 bullets).
- Decisive differences: 2-4 bullets naming the specific points that settle the comparison.
- Useful information both answers lack, if any.

End with the letter of the better answer inside \\boxed{}, i.e. \\boxed{A} or \\boxed{B}, and write nothing after it.`;

/** The fidelity (meta-judge) instruction: one user message. */
const DEFAULT_FIDELITY_TEMPLATE_TEXT = `You audit reward-model rationales. A reward model (the GenRM) compared two answers and wrote a rationale for its choice. A reference judgment explains why the preferred answer is in fact better. Your job is to decide whether the GenRM chose for the right reasons: does its rationale identify the same decisive factors as the reference?

## Material

The conversation and the two answers:

{context_and_responses}

The reference judgment:
<golden_judge>
{golden_explanation}
</golden_judge>

The GenRM's rationale:
<genrm_output>
{genrm_explanation}
</genrm_output>

## Procedure

1. Decisive factors. From the reference judgment, extract the specific factors that actually separate the two answers and settle the preference: for example a factual or computational error, an ignored instruction or constraint, missing required content, a safety problem, or a problem of tone or format when the reference treats it as decisive. Leave out general praise and remarks that apply equally to both answers.

2. Coverage. Check whether the GenRM's rationale explicitly identifies those factors, in its own words or in the reference's.
   - Giving a different reason for the same choice is Incorrect: for instance, the reference rejects an answer for a calculation error while the GenRM rejects it for its tone. A matching verdict reached for other reasons may be luck.
   - Only vague or generic statements ("B is more detailed", "A is clearer") without the specific problem the reference points out is Incorrect.
   - Reasons that are false, or that contradict the reference's reasoning, make it Incorrect.

3. Decision. Answer Correct when the GenRM's reasoning captures the reference's core decisive factors, even if phrased differently; otherwise answer Incorrect.

## Answer format

Reply with exactly these three tagged sections:

<golden_key_points>
The decisive factors in the reference judgment, briefly.
</golden_key_points>
<genrm_analysis>
Which of those factors the GenRM's rationale identifies, misses or contradicts.
</genrm_analysis>
<final_verdict>
Correct or Incorrect
</final_verdict>`;

export const DEFAULT_GENRM_TEMPLATE: PromptTemplate = makeTemplate('genrm', DEFAULT_GENRM_TEMPLATE_TEXT, 'built-in GenRM template');
export const DEFAULT_FIDELITY_TEMPLATE: PromptTemplate = makeTemplate('fidelity', DEFAULT_FIDELITY_TEMPLATE_TEXT, 'built-in fidelity template');
