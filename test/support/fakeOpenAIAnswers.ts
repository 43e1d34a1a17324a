/**
 * What the fake OpenAI-compatible server (fake-openai-server.ts) is asked and answers, for tests to
 * build and check requests with: the request body's shape and its prompt text, a judge's and a
 * GenRM's answer, a deterministic embedding and token counts.
 */

interface ChatMessageBody {
  readonly role: string;
  readonly content: string | ReadonlyArray<{ readonly type: string; readonly text?: string; readonly image_url?: { readonly url: string } }>;
}

export interface ChatBody {
  readonly model?: string;
  readonly messages?: readonly ChatMessageBody[];
  readonly stream?: boolean;
  readonly temperature?: number;
  readonly max_tokens?: number;
  readonly [extra: string]: unknown;
}

/** All the text of a request's messages, joined (for assertions on what the model was shown). */
export function promptText(body: ChatBody | null): string {
  return (body?.messages ?? [])
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('\n')))
    .join('\n');
}

/** A judge answer in the three-tag format. */
export function judgeAnswer(verdict: string, analysis = 'The rationale names the decisive error.', keyPoints = 'A has a factual error.'): string {
  return `<golden_key_points>\n${keyPoints}\n</golden_key_points>\n<genrm_analysis>\n${analysis}\n</genrm_analysis>\n<final_verdict>\n${verdict}\n</final_verdict>`;
}

/** A GenRM answer ending in \boxed{letter}. */
export function genrmAnswer(letter: 'A' | 'B', rationale = 'Assistant A is correct; B miscalculates.'): string {
  return `${rationale}\n\n\\boxed{${letter}}`;
}

/** A deterministic embedding: content words hashed into 64 dimensions (texts sharing words point alike). */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(64).fill(0);
  for (const w of text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []) {
    let h = 2166136261;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619) >>> 0;
    v[h % 64] = (v[h % 64] as number) + 1;
  }
  return v;
}

export interface FakeUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly completion_tokens_details: { readonly reasoning_tokens: number };
}

/** Deterministic token counts: one token per 4 characters of prompt, answer and reasoning (the tests compute the same). */
export function fakeUsage(body: ChatBody | null, content: string, reasoning: string): FakeUsage {
  const prompt = Math.ceil(promptText(body).length / 4);
  const thought = Math.ceil(reasoning.length / 4);
  const completion = Math.ceil(content.length / 4) + thought;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, completion_tokens_details: { reasoning_tokens: thought } };
}
