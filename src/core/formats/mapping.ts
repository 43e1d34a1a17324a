/**
 * A user field mapping for any other format: a small JSON config naming the path of each field.
 * Paths are dot-separated keys with numeric indices (`-1` is the last element): `judge.outputs.0.text`.
 */
import type { FidelityVerdict, Judgment, Label, PresentationOrder } from '../record';
import type { AdapterResult, EntryContext, FormatAdapter } from './adapter';
import { FIDELITY_VERDICTS, FieldReader, describe, idOf, isObject, labelFromToken, makeJudgment, notAnObject, recordResult } from './adapter';

export interface JudgmentMapping {
  readonly text: string;
  readonly verdict?: string;
  readonly reasoning?: string;
  readonly order?: PresentationOrder;
}

export interface FieldMapping {
  readonly id?: string;
  readonly prompt?: string;
  readonly conversation?: string;
  readonly responseA: string;
  readonly responseB: string;
  readonly goldLabel?: string;
  /** Maps raw gold values to labels, e.g. {"1": "A", "2": "B", "0": "tie"}. */
  readonly goldLabelValues?: Readonly<Record<string, Label>>;
  readonly goldRationale?: string | readonly string[];
  readonly judgments?: readonly JudgmentMapping[];
  readonly fidelity?: string;
  readonly subset?: string;
}

export class MappingError extends Error {}

/** Validates a parsed mapping config; every message names the offending key. */
export function validateMapping(value: unknown, where: string): FieldMapping {
  if (!isObject(value)) throw new MappingError(`${where}: the field mapping must be a JSON object, found ${describe(value)}`);
  const str = (key: string, required = false): void => {
    const v = value[key];
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || !v) throw new MappingError(`${where}: "${key}" must be a field path string such as "answers.0"${required ? ' (required)' : ''}`);
  };
  str('responseA', true);
  str('responseB', true);
  ['id', 'prompt', 'conversation', 'goldLabel', 'fidelity', 'subset'].forEach((k) => str(k));
  const gr = value.goldRationale;
  if (gr !== undefined && typeof gr !== 'string' && !(Array.isArray(gr) && gr.every((p) => typeof p === 'string'))) {
    throw new MappingError(`${where}: "goldRationale" must be a path or a list of paths`);
  }
  const glv = value.goldLabelValues;
  if (glv !== undefined) {
    if (!isObject(glv)) throw new MappingError(`${where}: "goldLabelValues" must map raw values to "A", "B" or "tie"`);
    for (const [k, v] of Object.entries(glv)) {
      if (v !== 'A' && v !== 'B' && v !== 'tie') throw new MappingError(`${where}: goldLabelValues["${k}"] must be "A", "B" or "tie", found ${describe(v)}`);
    }
  }
  const js = value.judgments;
  if (js !== undefined) {
    if (!Array.isArray(js)) throw new MappingError(`${where}: "judgments" must be a list of {text, verdict?, reasoning?, order?}`);
    js.forEach((j, i) => {
      if (!isObject(j) || typeof j.text !== 'string') throw new MappingError(`${where}: judgments[${i}] needs a "text" path`);
      if (j.order !== undefined && j.order !== 'original' && j.order !== 'swapped') throw new MappingError(`${where}: judgments[${i}].order must be "original" or "swapped"`);
    });
  }
  return value as unknown as FieldMapping;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (Array.isArray(cur) && /^-?\d+$/.test(key)) {
      const i = Number(key);
      cur = cur[i < 0 ? cur.length + i : i];
    } else if (isObject(cur)) {
      cur = cur[key];
    } else {
      return undefined;
    }
  }
  return cur;
}

export function mappingAdapter(mapping: FieldMapping): FormatAdapter {
  return {
    name: 'mapping',
    description: 'a user field mapping',
    bothOrders: (mapping.judgments ?? []).some((j) => j.order === 'swapped'),
    detect: () => false,
    toRecord: (value, ctx) => toRecord(mapping, value, ctx),
  };
}

function toRecord(m: FieldMapping, value: unknown, ctx: EntryContext): AdapterResult {
  if (!isObject(value)) return notAnObject(value);
  const fields = new FieldReader(value);
  const text = (path: string | undefined, required: boolean): string => {
    if (!path) return '';
    const v = getPath(value, path);
    if (typeof v === 'string') return v;
    if (v === undefined || v === null) {
      if (required) fields.fail(path, `missing field "${path}" (named in the field mapping)`);
      return '';
    }
    return typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
  let goldLabel: Label | null = null;
  if (m.goldLabel) {
    const raw = getPath(value, m.goldLabel);
    const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
    goldLabel = m.goldLabelValues?.[key] ?? labelFromToken(key);
    if (goldLabel === null) fields.warn(m.goldLabel, `gold label ${describe(raw)} is not A, B or a tie; add it to goldLabelValues in the mapping`);
  }
  const judgments: Judgment[] = (m.judgments ?? []).map((j) => {
    const order = j.order ?? 'original';
    const hasVerdict = j.verdict !== undefined;
    const rawVerdict = hasVerdict ? getPath(value, j.verdict) : undefined;
    return makeJudgment({
      raw: text(j.text, false),
      field: j.text,
      order,
      ctx,
      hasFileVerdict: hasVerdict,
      fileVerdict: hasVerdict ? labelFromToken(typeof rawVerdict === 'number' ? String(rawVerdict) : rawVerdict, order) : null,
      reasoning: j.reasoning ? text(j.reasoning, false) || null : null,
    });
  });
  const rationalePaths = m.goldRationale === undefined ? [] : typeof m.goldRationale === 'string' ? [m.goldRationale] : m.goldRationale;
  const goldRationales = rationalePaths.map((p) => text(p, false)).filter((t) => t.trim());
  const fidelityRaw = m.fidelity ? getPath(value, m.fidelity) : undefined;
  const fidelityVerdict = typeof fidelityRaw === 'string' && (FIDELITY_VERDICTS as readonly string[]).includes(fidelityRaw) ? (fidelityRaw as FidelityVerdict) : null;
  if (m.fidelity && fidelityRaw != null && fidelityVerdict === null) fields.warn(m.fidelity, `fidelity verdict ${describe(fidelityRaw)} is not one of ${FIDELITY_VERDICTS.join(', ')}`);
  const prompt = text(m.prompt, false);
  const subset = m.subset ? getPath(value, m.subset) : null;
  return recordResult(fields, ctx, value, {
    id: idOf(m.id ? getPath(value, m.id) : undefined, ctx),
    conversation: prompt ? [{ role: 'user', content: prompt }] : [],
    responseA: text(m.responseA, true),
    responseB: text(m.responseB, true),
    goldLabel,
    goldRationales,
    judgments,
    fidelity: fidelityVerdict ? { verdict: fidelityVerdict, origin: 'file' } : null,
    subset: typeof subset === 'string' ? subset : null,
  });
}
