/**
 * Gold labels that are not one field of the record: several annotators' labels reduced by majority
 * vote (with a stated tie rule), and labels kept in a second file joined to the records by id.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Label } from '../record/record';
import { isObject, labelFromToken } from './adapter';
import type { GoldLabelFile, ValueTable, VoteTieRule } from './mapping';
import { getPath, pathList, rawKey } from './mapping';

/** The most frequent label; a tie between the top labels gives `tie` or no label, as the rule says. */
export function majorityLabel(votes: readonly Label[], tieRule: VoteTieRule): Label | null {
  if (votes.length === 0) return null;
  const counts = new Map<Label, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (second && second[1] === (top as [Label, number])[1]) return tieRule === 'tie' ? 'tie' : null;
  return (top as [Label, number])[0];
}

/** A raw value read through a value table, else as A/B/A>B/tie. */
export function labelOf(raw: unknown, table: ValueTable | undefined): Label | null {
  const key = rawKey(raw);
  if (key === null) return null;
  return table?.[key] ?? labelFromToken(key);
}

/** The join key of an object: the values at the given paths, as one string. */
export function joinKey(obj: unknown, paths: string | readonly string[]): string | null {
  const parts: string[] = [];
  for (const p of pathList(paths)) {
    const k = rawKey(getPath(obj, p));
    if (k === null) return null;
    parts.push(k);
  }
  return JSON.stringify(parts);
}

export class GoldFileError extends Error {}

const MAX_GOLD_FILE_BYTES = 256 * 1024 * 1024;

/** Labels of a second file, by join key: each entry with the key is one vote. */
export class GoldLabelTable {
  private constructor(
    readonly path: string,
    private readonly votes: ReadonlyMap<string, readonly Label[]>,
    /** Label values the table could not read, with how often they occur (for the error message). */
    readonly unrecognized: ReadonlyMap<string, number>,
    readonly entries: number,
  ) {}

  static load(spec: GoldLabelFile, datasetPath: string): GoldLabelTable {
    const path = isAbsolute(spec.path) ? spec.path : resolve(dirname(datasetPath), spec.path);
    let text: string;
    try {
      const size = statSync(path).size;
      if (size > MAX_GOLD_FILE_BYTES) throw new GoldFileError(`the gold label file ${path} is larger than 256 MB`);
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if (err instanceof GoldFileError) throw err;
      throw new GoldFileError(`cannot read the gold label file ${path} (goldLabelFile.path in the mapping): ${(err as Error).message}`);
    }
    const values: unknown[] = [];
    const trimmed = text.trimStart();
    if (trimmed.startsWith('[')) {
      try {
        values.push(...(JSON.parse(trimmed) as unknown[]));
      } catch (err) {
        throw new GoldFileError(`the gold label file ${path} is not valid JSON: ${(err as Error).message}`);
      }
    } else {
      text.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        try {
          values.push(JSON.parse(line));
        } catch {
          throw new GoldFileError(`${path}:${i + 1}: the gold label file has a line that is not JSON`);
        }
      });
    }
    const votes = new Map<string, Label[]>();
    const unrecognized = new Map<string, number>();
    for (const v of values) {
      if (!isObject(v)) continue;
      const key = joinKey(v, spec.key);
      if (key === null) continue;
      const raw = getPath(v, spec.label);
      const label = labelOf(raw, spec.values);
      if (label === null) {
        const shown = rawKey(raw) ?? JSON.stringify(raw) ?? 'undefined';
        unrecognized.set(shown, (unrecognized.get(shown) ?? 0) + 1);
        continue;
      }
      const list = votes.get(key);
      if (list) list.push(label);
      else votes.set(key, [label]);
    }
    if (votes.size === 0) {
      const seen = [...unrecognized.keys()].slice(0, 8).map((k) => JSON.stringify(k));
      throw new GoldFileError(
        `no gold label could be read from ${path} (${values.length} entries)${seen.length ? `: the values of "${spec.label}" are ${seen.join(', ')}; add them to goldLabelFile.values, each mapped to "A", "B" or "tie": {${seen.map((s) => `${s}: "…"`).join(', ')}}` : `; check goldLabelFile.key and goldLabelFile.label`}`,
      );
    }
    return new GoldLabelTable(path, votes, unrecognized, values.length);
  }

  votesFor(key: string | null): readonly Label[] {
    return key === null ? [] : this.votes.get(key) ?? [];
  }
}
