/** The exact requests sent for one record: messages and the content-addressed key. */
import { dirname } from 'node:path';
import type { EvalRecord } from '../record/record';
import { cacheKey } from './cache';
import type { ChatMessage } from './client';
import { buildContextBlock, collectImages, removeThinking } from './context';
import { toImageUrlPart } from './images';
import type { ImageUrlPart } from './images';
import type { LlmProfile } from './profile';
import { DEFAULT_FIDELITY_TEMPLATE, DEFAULT_GENRM_TEMPLATE, renderTemplate, TemplateError } from './template';
import type { PromptTemplate } from './template';
import type { SampleSlot } from './sampling';

export interface PreparedRequest {
  readonly messages: ChatMessage[];
  readonly key: string;
}

export interface PrepareOptions {
  readonly template?: PromptTemplate;
  /** The dataset file: image paths are relative to its folder. */
  readonly datasetPath?: string;
  /** GenRM: one numbered sample of the record (a key of its own; swapped: the responses shown B first). */
  readonly slot?: SampleSlot;
  /** Fidelity: the key of the GenRM sample judged, so two samples with the same text keep their own verdicts. */
  readonly sampleKey?: string;
}

/** Why a record is not sent to the fidelity judge, or null when it is. */
export function fidelitySkipReason(record: EvalRecord): 'SkippedLabelMismatch' | null {
  const pred = record.judgments[0]?.verdict ?? null;
  if ((pred === 'A' || pred === 'B') && pred === record.goldLabel) return null;
  return 'SkippedLabelMismatch';
}

/** The gold explanation as the judge sees it: thinking removed. Several gold rationales are joined by a blank line. */
function goldExplanation(record: EvalRecord): string {
  return removeThinking(record.goldRationales.map((g) => removeThinking(g)).join('\n\n'));
}

/** The GenRM rationale as the judge sees it: the primary judgment with its thinking removed. */
function genrmExplanation(record: EvalRecord): string {
  const j = record.judgments[0];
  return j ? removeThinking(j.rationale) : '';
}

async function imageParts(record: EvalRecord, datasetPath: string | undefined): Promise<ImageUrlPart[]> {
  const images = collectImages(record.conversation);
  if (images.length === 0) return [];
  const baseDir = datasetPath ? dirname(datasetPath) : process.cwd();
  return Promise.all(images.map((p) => toImageUrlPart(p, baseDir)));
}

/** A user message: plain text, or the images followed by the text when the conversation has images. */
function userMessage(text: string, images: readonly ImageUrlPart[]): ChatMessage {
  if (images.length === 0) return { role: 'user', content: text };
  return { role: 'user', content: [...images, { type: 'text', text }] };
}

function keyFor(kind: 'genrm' | 'fidelity', profile: LlmProfile, template: PromptTemplate, messages: ChatMessage[], sample?: Pick<PrepareOptions, 'slot' | 'sampleKey'>): string {
  return cacheKey({
    kind,
    model: profile.model,
    temperature: profile.temperature,
    maxTokens: profile.maxTokens,
    extraBody: profile.extraBody,
    template: template.text,
    messages,
    // Only sampled requests carry these: the keys of single runs (and their journals) stay as they were.
    ...(sample?.slot ? { sample: sample.slot.sample, order: sample.slot.order } : {}),
    ...(sample?.sampleKey ? { of: sample.sampleKey } : {}),
  });
}

/** The fidelity judge request for a label-correct record. */
export async function prepareFidelityRequest(record: EvalRecord, profile: LlmProfile, opts: PrepareOptions = {}): Promise<PreparedRequest> {
  const template = opts.template ?? DEFAULT_FIDELITY_TEMPLATE;
  if (template.kind !== 'fidelity') throw new TemplateError(`Template ${template.source} is a GenRM template, not a fidelity-judge template.`);
  const text = renderTemplate(template, {
    context_and_responses: buildContextBlock(record.conversation, record.responseA, record.responseB),
    golden_explanation: goldExplanation(record),
    genrm_explanation: genrmExplanation(record),
  });
  const messages = [userMessage(text, await imageParts(record, opts.datasetPath))];
  return { messages, key: keyFor('fidelity', profile, template, messages, opts) };
}

/** The GenRM request: system instruction + context block, or one filled user message. */
export async function prepareGenrmRequest(record: EvalRecord, profile: LlmProfile, opts: PrepareOptions = {}): Promise<PreparedRequest> {
  const template = opts.template ?? DEFAULT_GENRM_TEMPLATE;
  if (template.kind !== 'genrm') throw new TemplateError(`Template ${template.source} is a fidelity-judge template, not a GenRM template.`);
  const swapped = opts.slot?.order === 'swapped';
  const block = buildContextBlock(record.conversation, swapped ? record.responseB : record.responseA, swapped ? record.responseA : record.responseB);
  const images = await imageParts(record, opts.datasetPath);
  const messages: ChatMessage[] =
    template.mode === 'system'
      ? [{ role: 'system', content: template.text }, userMessage(block, images)]
      : [userMessage(renderTemplate(template, { context_and_responses: block }), images)];
  return { messages, key: keyFor('genrm', profile, template, messages, opts) };
}

/** The text a request sends, in characters (images not counted): the basis of a token estimate. */
export function promptCharsOf(messages: readonly ChatMessage[]): number {
  let n = 0;
  for (const m of messages) {
    const c = m.content;
    if (typeof c === 'string') n += c.length;
    else if (Array.isArray(c)) for (const part of c) if (part.type === 'text') n += part.text.length;
  }
  return n;
}
