/** Reads records with a user field mapping (mapping.ts holds its schema). */
import type { FidelityVerdict, Judgment, JudgmentPart, Label } from '../record/record';
import type { AdapterResult, EntryContext, FormatAdapter } from './adapter';
import { FIDELITY_VERDICTS } from '../record/record';
import { FieldReader, describe, idOf, isObject, makeJudgment, notAnObject, recordResult } from './adapter';
import { GoldLabelTable, joinKey, labelOf, majorityLabel } from './goldLabels';
import type { FieldMapping, JudgmentMapping } from './mapping';
import { getPath, pathList, rawKey } from './mapping';

export function mappingAdapter(mapping: FieldMapping): FormatAdapter {
  // The gold file is read once, on the first record (in whichever thread reads the dataset).
  let table: GoldLabelTable | undefined;
  const goldTable = (file: string): GoldLabelTable | undefined => {
    if (!mapping.goldLabelFile) return undefined;
    table ??= GoldLabelTable.load(mapping.goldLabelFile, file);
    return table;
  };
  return {
    name: 'mapping',
    description: 'a user field mapping',
    bothOrders: (mapping.judgments ?? []).some((j) => j.order === 'swapped'),
    detect: () => false,
    toRecord: (value, ctx) => toRecord(mapping, value, ctx, goldTable(ctx.file)),
  };
}

/** Texts of one or several fields joined into one judgment, with where each part sits. */
function judgmentText(value: unknown, paths: readonly string[]): { raw: string; parts: JudgmentPart[] } {
  const parts: JudgmentPart[] = [];
  let raw = '';
  for (const path of paths) {
    const v = getPath(value, path);
    const text = typeof v === 'string' ? v : v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : JSON.stringify(v);
    if (raw) raw += '\n\n';
    parts.push({ field: path, start: raw.length, end: raw.length + text.length });
    raw += text;
  }
  return { raw, parts };
}

function fileVerdict(j: JudgmentMapping, value: unknown): Label | null {
  if (j.verdict === undefined) return null;
  return labelOf(getPath(value, j.verdict), j.verdictValues);
}

function goldLabelOf(m: FieldMapping, value: unknown, fields: FieldReader, table: GoldLabelTable | undefined): Label | null {
  const tie = m.goldLabelTie ?? 'none';
  if (table) {
    const recordKey = m.goldLabelFile?.recordKey ?? m.id ?? '';
    const key = joinKey(value, recordKey);
    const votes = table.votesFor(key);
    if (votes.length === 0) fields.warn(String(recordKey), `no gold label for this record in ${table.path} (join key ${key ?? 'missing'})`);
    const label = majorityLabel(votes, tie);
    if (votes.length > 1 && label === null) fields.warn(String(recordKey), `the ${votes.length} gold labels in ${table.path} are tied (${votes.join(', ')}); goldLabelTie "none": no gold label`);
    return label;
  }
  const paths = pathList(m.goldLabel);
  if (paths.length === 0) return null;
  const votes: Label[] = [];
  for (const p of paths) {
    const raw = getPath(value, p);
    // A path to a list is itself a list of votes (one per annotator).
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      if (item === undefined || item === null) continue;
      const label = labelOf(item, m.goldLabelValues);
      if (label === null) fields.warn(p, `gold label ${describe(item)} is not A, B or a tie; add it to goldLabelValues in the mapping`);
      else votes.push(label);
    }
  }
  const label = majorityLabel(votes, tie);
  if (votes.length > 1 && label === null) fields.warn(paths.join(', '), `the annotators' labels are tied (${votes.join(', ')}); goldLabelTie "none": no gold label`);
  return label;
}

function toRecord(m: FieldMapping, value: unknown, ctx: EntryContext, table: GoldLabelTable | undefined): AdapterResult {
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
  const goldLabel = goldLabelOf(m, value, fields, table);
  const judgments: Judgment[] = (m.judgments ?? []).map((j) => {
    const order = j.order ?? 'original';
    const hasVerdict = j.verdict !== undefined;
    const { raw, parts } = judgmentText(value, pathList(j.text));
    if (j.verdict !== undefined) {
      const rawVerdict = getPath(value, j.verdict);
      if (rawVerdict !== undefined && rawVerdict !== null && labelOf(rawVerdict, j.verdictValues) === null) {
        fields.warn(j.verdict, `verdict ${describe(rawVerdict)} is not recognized: add it to "verdictValues" in the mapping (e.g. {"${rawKey(rawVerdict) ?? ''}": "A"}); counted as unparseable`);
      }
    }
    const judgment = makeJudgment({
      raw,
      field: pathList(j.text).join(' + '),
      order,
      ctx,
      ...(hasVerdict ? { fileVerdict: { verdict: fileVerdict(j, value), frame: j.verdictFrame ?? 'judge' } } : {}),
      reasoning: j.reasoning ? text(j.reasoning, false) || null : null,
    });
    return parts.length > 1 ? { ...judgment, parts } : judgment;
  });
  const goldRationales = pathList(m.goldRationale)
    .map((p) => text(p, false))
    .filter((t) => t.trim());
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

/**
 * A mapped verdict or gold-label field whose values are present but never recognized would give
 * 0.0% without a word: found on the first records, it is an error that names the values seen.
 */
export function unrecognizedValues(m: FieldMapping, samples: readonly unknown[]): string | null {
  const check = (path: string, table: Parameters<typeof labelOf>[1], what: string, fix: string): string | null => {
    const seen = new Map<string, number>();
    let recognized = 0;
    for (const s of samples) {
      const raw = getPath(s, path);
      for (const item of Array.isArray(raw) ? raw : [raw]) {
        if (item === undefined || item === null) continue;
        if (labelOf(item, table) !== null) recognized++;
        else {
          const k = rawKey(item) ?? JSON.stringify(item) ?? '';
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
      }
    }
    if (recognized > 0 || seen.size === 0) return null;
    const values = [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    return `the mapped ${what} "${path}" has values ${values.map(([k, n]) => `${JSON.stringify(k)} (${n}×)`).join(', ')} in the first ${samples.length} records, none of them A, B or a tie: add ${fix} to the mapping, mapping each value to "A", "B" or "tie": {${values
      .map(([k]) => k)
      .sort()
      .map((k) => `${JSON.stringify(k)}: "…"`)
      .join(', ')}}`;
  };
  for (const [i, j] of (m.judgments ?? []).entries()) {
    if (j.verdict === undefined) continue;
    const problem = check(j.verdict, j.verdictValues, `verdict field of judgments[${i}]`, `judgments[${i}].verdictValues`);
    if (problem) return problem;
  }
  for (const p of m.goldLabelFile ? [] : pathList(m.goldLabel)) {
    const problem = check(p, m.goldLabelValues, 'gold label field', 'goldLabelValues');
    if (problem) return problem;
  }
  return null;
}
