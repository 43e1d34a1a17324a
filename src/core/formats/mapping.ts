/**
 * A user field mapping for any other format: a small JSON config naming the path of each field.
 * Paths are dot-separated keys with numeric indices (`-1` is the last element): `judge.outputs.0.text`.
 * This file is the mapping's schema (validation with messages that name the key); the adapter that
 * reads records with it is mappingAdapter.ts, gold labels from a second file goldLabels.ts.
 */
import type { Label, PresentationOrder } from '../record/record';
import type { Infer } from '../schema/schema';
import { arr, check, described, either, lit, obj, optional, str, table } from '../schema/schema';
import { describe, isObject } from './adapter';

const path = described(str(Number.POSITIVE_INFINITY, 1), 'a field path string such as "answers.0"');
const paths = described(either(str(Number.POSITIVE_INFINITY, 1), arr(str(Number.POSITIVE_INFINITY, 1), Number.POSITIVE_INFINITY, 1)), 'a field path, or a list of paths');
const labelValue = lit('A', 'B', 'tie');
/** Raw values of a label or verdict field mapped to labels, e.g. {"1": "A", "2": "B", "0": "tie"}. */
const valueTable = described(table(labelValue), 'a table of raw values to "A", "B" or "tie"');
export type ValueTable = Readonly<Record<string, Label>>;

const judgmentMapping = obj({
  /** One path, or several whose texts are shown as parts of one judgment (e.g. one critique per response). */
  text: paths,
  verdict: optional(path),
  /** Raw verdict values in the frame the judge saw, e.g. {"1": "A", "2": "B"} or {"Output (a)": "A"}. */
  verdictValues: optional(valueTable),
  reasoning: optional(path),
  order: optional(lit<PresentationOrder>('original', 'swapped')),
  /**
   * The frame the verdict field is written in: `judge` (default: the letter the judge gave, which a
   * swapped-order judgment gives in the swapped frame) or `original` (the file already mapped it
   * back, as LLMBar's `winner` does).
   */
  verdictFrame: optional(lit('judge', 'original')),
});
export type JudgmentMapping = Readonly<Infer<typeof judgmentMapping>>;

/** Gold labels kept in a second file (MT-Bench human judgments, annotation exports), joined by id. */
const goldLabelFile = obj({
  /** JSONL or JSON-array file, relative to the dataset's folder. */
  path,
  /** Paths in the dataset record whose values, together, identify it (default: the mapping's `id`). */
  recordKey: optional(paths),
  /** Paths in the gold file's entries that hold the same values, in the same order. */
  key: paths,
  /** The label's path in a gold entry; several entries with one key are several annotators' votes. */
  label: path,
  values: optional(valueTable),
});
export type GoldLabelFile = Readonly<Infer<typeof goldLabelFile>>;

/**
 * How several annotators' labels become one: the most frequent label wins; `tieRule` says what a
 * tied vote gives: `tie` (a tie label), `none` (no gold label: the record is never label-correct).
 */
export type VoteTieRule = 'tie' | 'none';

/** The mapping file's one declaration: validation (messages naming the key) and the type come from it. */
const fieldMapping = obj({
  id: optional(path),
  prompt: optional(path),
  conversation: optional(path),
  responseA: path,
  responseB: path,
  /** One path, or several (one per annotator: the majority vote is the gold label). */
  goldLabel: optional(paths),
  goldLabelValues: optional(valueTable),
  goldLabelFile: optional(goldLabelFile),
  goldLabelTie: optional(lit<VoteTieRule>('tie', 'none')),
  goldRationale: optional(paths),
  judgments: optional(arr(judgmentMapping)),
  fidelity: optional(path),
  subset: optional(path),
});
export type FieldMapping = Readonly<Infer<typeof fieldMapping>>;

export class MappingError extends Error {}

/** Validates a parsed mapping config; every message names the offending key (and the closest valid one for a typo). */
export function validateMapping(value: unknown, where: string): FieldMapping {
  if (!isObject(value)) throw new MappingError(`${where}: the field mapping must be a JSON object, found ${describe(value)}`);
  const checked = check(fieldMapping, value, 'mapping');
  if (!checked.ok) throw new MappingError(`${where}: ${checked.error}`);
  const m = checked.message;
  const gf = m.goldLabelFile;
  if (gf) {
    const recordKey = gf.recordKey ?? m.id;
    if (recordKey === undefined) throw new MappingError(`${where}: "goldLabelFile.recordKey" (or the mapping's "id") must name the record's id to join on`);
    const n = (v: string | readonly string[]) => (Array.isArray(v) ? v.length : 1);
    if (n(recordKey) !== n(gf.key)) throw new MappingError(`${where}: "goldLabelFile.recordKey" and "goldLabelFile.key" must name the same number of fields`);
  }
  return m;
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

export function pathList(p: string | readonly string[] | undefined): readonly string[] {
  return p === undefined ? [] : typeof p === 'string' ? [p] : p;
}

/** A raw label or verdict value as a table key: strings trimmed, numbers and booleans as written. */
export function rawKey(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}
