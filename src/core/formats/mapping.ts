/**
 * A user field mapping for any other format: a small JSON config naming the path of each field.
 * Paths are dot-separated keys with numeric indices (`-1` is the last element): `judge.outputs.0.text`.
 * This file is the mapping's schema (validation with messages that name the key); the adapter that
 * reads records with it is mappingAdapter.ts, gold labels from a second file goldLabels.ts.
 */
import type { Label, PresentationOrder } from '../record';
import { describe, isObject } from './adapter';

/** Raw values of a label or verdict field mapped to labels, e.g. {"1": "A", "2": "B", "0": "tie"}. */
export type ValueTable = Readonly<Record<string, Label>>;

export interface JudgmentMapping {
  /** One path, or several whose texts are shown as parts of one judgment (e.g. one critique per response). */
  readonly text: string | readonly string[];
  readonly verdict?: string;
  /** Raw verdict values in the frame the judge saw, e.g. {"1": "A", "2": "B"} or {"Output (a)": "A"}. */
  readonly verdictValues?: ValueTable;
  readonly reasoning?: string;
  readonly order?: PresentationOrder;
}

/** Gold labels kept in a second file (MT-Bench human judgments, annotation exports), joined by id. */
export interface GoldLabelFile {
  /** JSONL or JSON-array file, relative to the dataset's folder. */
  readonly path: string;
  /** Paths in the dataset record whose values, together, identify it (default: the mapping's `id`). */
  readonly recordKey?: string | readonly string[];
  /** Paths in the gold file's entries that hold the same values, in the same order. */
  readonly key: string | readonly string[];
  /** The label's path in a gold entry; several entries with one key are several annotators' votes. */
  readonly label: string;
  readonly values?: ValueTable;
}

/**
 * How several annotators' labels become one: the most frequent label wins; `tieRule` says what a
 * tied vote gives: `tie` (a tie label), `none` (no gold label: the record is never label-correct).
 */
export type VoteTieRule = 'tie' | 'none';

export interface FieldMapping {
  readonly id?: string;
  readonly prompt?: string;
  readonly conversation?: string;
  readonly responseA: string;
  readonly responseB: string;
  /** One path, or several (one per annotator: the majority vote is the gold label). */
  readonly goldLabel?: string | readonly string[];
  readonly goldLabelValues?: ValueTable;
  readonly goldLabelFile?: GoldLabelFile;
  readonly goldLabelTie?: VoteTieRule;
  readonly goldRationale?: string | readonly string[];
  readonly judgments?: readonly JudgmentMapping[];
  readonly fidelity?: string;
  readonly subset?: string;
}

export class MappingError extends Error {}

const TOP_KEYS = ['id', 'prompt', 'conversation', 'responseA', 'responseB', 'goldLabel', 'goldLabelValues', 'goldLabelFile', 'goldLabelTie', 'goldRationale', 'judgments', 'fidelity', 'subset'] as const;
const JUDGMENT_KEYS = ['text', 'verdict', 'verdictValues', 'reasoning', 'order'] as const;
const GOLD_FILE_KEYS = ['path', 'recordKey', 'key', 'label', 'values'] as const;

/** Levenshtein distance, for "did you mean" suggestions on short keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

export function closest(key: string, valid: readonly string[]): string {
  return [...valid].sort((x, y) => distance(key, x) - distance(key, y))[0] ?? '';
}

function checkKeys(obj: Record<string, unknown>, valid: readonly string[], where: string, prefix: string): void {
  for (const k of Object.keys(obj)) {
    if (!valid.includes(k)) throw new MappingError(`${where}: unknown key "${prefix}${k}"; did you mean "${prefix}${closest(k, valid)}"? (valid keys: ${valid.join(', ')})`);
  }
}

const isPath = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isPaths = (v: unknown): boolean => isPath(v) || (Array.isArray(v) && v.length > 0 && v.every(isPath));

function checkTable(v: unknown, where: string, name: string): void {
  if (v === undefined) return;
  if (!isObject(v)) throw new MappingError(`${where}: "${name}" must map raw values to "A", "B" or "tie", found ${describe(v)}`);
  for (const [k, label] of Object.entries(v)) {
    if (label !== 'A' && label !== 'B' && label !== 'tie') throw new MappingError(`${where}: ${name}["${k}"] must be "A", "B" or "tie", found ${describe(label)}`);
  }
}

/** Validates a parsed mapping config; every message names the offending key. */
export function validateMapping(value: unknown, where: string): FieldMapping {
  if (!isObject(value)) throw new MappingError(`${where}: the field mapping must be a JSON object, found ${describe(value)}`);
  checkKeys(value, TOP_KEYS, where, '');
  const str = (key: string, required = false): void => {
    const v = value[key];
    if (v === undefined && !required) return;
    if (!isPath(v)) throw new MappingError(`${where}: "${key}" must be a field path string such as "answers.0"${required ? ' (required)' : ''}`);
  };
  str('responseA', true);
  str('responseB', true);
  ['id', 'prompt', 'conversation', 'fidelity', 'subset'].forEach((k) => str(k));
  if (value.goldLabel !== undefined && !isPaths(value.goldLabel)) throw new MappingError(`${where}: "goldLabel" must be a path, or a list of paths (one per annotator)`);
  if (value.goldRationale !== undefined && !isPaths(value.goldRationale)) throw new MappingError(`${where}: "goldRationale" must be a path or a list of paths`);
  if (value.goldLabelTie !== undefined && value.goldLabelTie !== 'tie' && value.goldLabelTie !== 'none') throw new MappingError(`${where}: "goldLabelTie" must be "tie" or "none", found ${describe(value.goldLabelTie)}`);
  checkTable(value.goldLabelValues, where, 'goldLabelValues');
  const gf = value.goldLabelFile;
  if (gf !== undefined) {
    if (!isObject(gf)) throw new MappingError(`${where}: "goldLabelFile" must be an object {path, key, label, recordKey?, values?}`);
    checkKeys(gf, GOLD_FILE_KEYS, where, 'goldLabelFile.');
    if (!isPath(gf.path)) throw new MappingError(`${where}: "goldLabelFile.path" must name the file that holds the gold labels`);
    if (!isPaths(gf.key)) throw new MappingError(`${where}: "goldLabelFile.key" must be the path (or paths) of the id in the gold file's entries`);
    if (!isPath(gf.label)) throw new MappingError(`${where}: "goldLabelFile.label" must be the path of the label in the gold file's entries`);
    const recordKey = gf.recordKey ?? value.id;
    if (!isPaths(recordKey)) throw new MappingError(`${where}: "goldLabelFile.recordKey" (or the mapping's "id") must name the record's id to join on`);
    const n = (v: unknown) => (Array.isArray(v) ? v.length : 1);
    if (n(recordKey) !== n(gf.key)) throw new MappingError(`${where}: "goldLabelFile.recordKey" and "goldLabelFile.key" must name the same number of fields`);
    checkTable(gf.values, where, 'goldLabelFile.values');
  }
  const js = value.judgments;
  if (js !== undefined) {
    if (!Array.isArray(js)) throw new MappingError(`${where}: "judgments" must be a list of {text, verdict?, verdictValues?, reasoning?, order?}`);
    js.forEach((j, i) => {
      if (!isObject(j)) throw new MappingError(`${where}: judgments[${i}] must be an object with a "text" path`);
      checkKeys(j, JUDGMENT_KEYS, where, `judgments[${i}].`);
      if (!isPaths(j.text)) throw new MappingError(`${where}: judgments[${i}] needs a "text" path (or a list of paths, shown as parts)`);
      if (j.verdict !== undefined && !isPath(j.verdict)) throw new MappingError(`${where}: judgments[${i}].verdict must be a field path`);
      if (j.reasoning !== undefined && !isPath(j.reasoning)) throw new MappingError(`${where}: judgments[${i}].reasoning must be a field path`);
      if (j.order !== undefined && j.order !== 'original' && j.order !== 'swapped') throw new MappingError(`${where}: judgments[${i}].order must be "original" or "swapped"`);
      checkTable(j.verdictValues, where, `judgments[${i}].verdictValues`);
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

export function pathList(p: string | readonly string[] | undefined): readonly string[] {
  return p === undefined ? [] : typeof p === 'string' ? [p] : p;
}

/** A raw label or verdict value as a table key: strings trimmed, numbers and booleans as written. */
export function rawKey(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}
