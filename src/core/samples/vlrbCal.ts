/**
 * VL-RewardBench's own scorer, `cal.py` (vl-rewardbench/VL_RewardBench), replayed exactly on a file's
 * rows, for k = 1, 3, 5, 7, 9 as its main() runs it:
 * - `random.seed(1234)` once; for each k the rows are re-read in file order and "shuffled" (each row
 *   swapped with a `randint`-chosen one: draw for draw CPython's generator, pythonRandom.ts);
 * - rows are grouped by `id + query + "\t".join(sorted(response))`, and each group counts its FIRST k
 *   rows in that shuffled order; each row's status is re-derived from `meta.filter_choice` with the
 *   authors' pattern (vlrbRule.ts) against `ranking` and `meta.random_number`: the chosen answer is
 *   the rejected response's place → `reject`, no match → `doesntMatch`, any other number → `agree`;
 * - a group is `agree`/`reject`/`doesntMatch` when that status has more than half of its counted rows,
 *   else `other`; the accuracy of a task group is agree / (agree + reject) over its datasets (records
 *   with no majority or a doesntMatch majority are left out of the denominator), overall is the
 *   pooled ratio, macro the mean of the three groups (reasoning printed with 1e-6 added to its total).
 * Where this differs from issue 24's majority (unparsed samples never a majority, every record with a
 * gold label in the denominator, the first k samples in FILE order, a number other than 1 or 2 is no
 * verdict) both figures are shown, each named. Where cal.py would stop with an exception, `stops`
 * says on which row and why, and no figure is given.
 */
import { PythonRandom } from './pythonRandom';
import { GROUP_OF, calDataset } from '../formats/vlrbDatasets';
import type { CalGroup } from '../formats/vlrbDatasets';
import { vlrbChoice } from '../formats/vlrbRule';

type CalStatus = 'agree' | 'reject' | 'doesntMatch';
export { calDataset } from '../formats/vlrbDatasets';

interface CalAtK {
  readonly k: number;
  /** Groups (len(distribution)) and how many are classified agree, reject, doesntMatch, other. */
  readonly items: number;
  readonly agree: number;
  readonly reject: number;
  readonly doesntMatch: number;
  readonly other: number;
  /** agree / (items + 1e-6), as printed (cal.py's "rate"), and agree / (agree + reject + 1e-6) ("normalized rate"). */
  readonly agreeRate: number;
  readonly normalizedAgreeRate: number;
  /** Per task group: agree / (agree + reject); reasoning's total has 1e-6 added, as cal.py prints it. */
  readonly groups: Readonly<Record<CalGroup, number>>;
  readonly overallAccuracy: number;
  readonly macroAverage: number;
}

export interface CalFigures {
  readonly ks: readonly CalAtK[];
  /** Where and why cal.py would raise instead of printing (null: it runs). */
  readonly stops: string | null;
}

export const CAL_KS: readonly number[] = [1, 3, 5, 7, 9];
const CAL_SEED = 1234;

class CalStop extends Error {}

/** Python's `==` between a JSON value and an int (True == 1, 1.0 == 1). */
function pyEquals(value: unknown, n: number): boolean {
  return value === n || (typeof value === 'boolean' && Number(value) === n);
}

/** Python's code-point string order (JavaScript's sort compares UTF-16 units). */
function codePointCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

interface CalRow {
  readonly key: string;
  readonly dataset: string;
  readonly status: CalStatus;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One row as cal.py reads it with reparse=True, or a CalStop naming what would raise. */
function calRow(item: unknown, line: number): CalRow | null {
  if (item === null) return null;
  const at = `line ${line}`;
  if (!isObj(item)) throw new CalStop(`${at}: the row is not a JSON object (cal.py raises TypeError)`);
  const { id, query, response, ranking, meta } = item;
  if (typeof id !== 'string') throw new CalStop(`${at}: "id" is not a string (cal.py raises on id + query)`);
  if (typeof query !== 'string') throw new CalStop(`${at}: "query" is not a string (cal.py raises on id + query)`);
  if (!Array.isArray(response) || !response.every((r): r is string => typeof r === 'string')) throw new CalStop(`${at}: "response" is not a list of strings (cal.py raises on "\\t".join(sorted(response)))`);
  if (!isObj(meta) || !('flag_status' in meta)) throw new CalStop(`${at}: no meta.flag_status (cal.py raises KeyError)`);
  if (!Array.isArray(ranking) || ranking.length === 0) throw new CalStop(`${at}: "ranking" is missing or empty (cal.py's assertion fails)`);
  if (!('random_number' in meta)) throw new CalStop(`${at}: no meta.random_number (cal.py raises KeyError)`);
  const rejectedRank = pyEquals(meta.random_number, 0) ? 1 : 0;
  const place = ranking.findIndex((r) => pyEquals(r, rejectedRank));
  if (place === -1) throw new CalStop(`${at}: "ranking" has no ${rejectedRank} (cal.py raises ValueError in ranking.index)`);
  if (typeof meta.filter_choice !== 'string') throw new CalStop(`${at}: meta.filter_choice is not a string (cal.py raises on .replace)`);
  const choice = vlrbChoice(meta.filter_choice);
  const status: CalStatus = choice === -1 ? 'doesntMatch' : choice === place + 1 ? 'reject' : 'agree';
  return { key: id + query + [...response].sort(codePointCompare).join('\t'), dataset: calDataset(id), status };
}

/** cal.py on the file's JSON values in order (null rows included, as it skips them after shuffling). */
export function calFigures(values: readonly unknown[], lines: readonly number[]): CalFigures {
  if (values.length === 0) return { ks: [], stops: 'the file has no rows (cal.py raises IndexError on data[0])' };
  let rows: (CalRow | null)[];
  try {
    const first = values[0];
    const wrapped = isObj(first) && '0' in first;
    rows = values.map((v, i) => {
      if (wrapped && !(isObj(v) && '0' in v)) throw new CalStop(`line ${lines[i]}: no "0" member while the first row has one (cal.py raises KeyError)`);
      return calRow(wrapped ? (v as Record<string, unknown>)['0'] : v, lines[i] as number);
    });
  } catch (err) {
    if (err instanceof CalStop) return { ks: [], stops: err.message };
    throw err;
  }
  const random = new PythonRandom(CAL_SEED);
  const ks: CalAtK[] = [];
  for (const k of CAL_KS) {
    const data = [...rows];
    for (let i = 0; i < data.length; i++) {
      const j = random.randint(0, data.length - 1);
      [data[i], data[j]] = [data[j] as CalRow | null, data[i] as CalRow | null];
    }
    const groups = new Map<string, { agree: number; reject: number; doesntMatch: number; dataset: string }>();
    for (const row of data) {
      if (!row) continue;
      const g = groups.get(row.key);
      if (!g) groups.set(row.key, { agree: 0, reject: 0, doesntMatch: 0, dataset: row.dataset, [row.status]: 1 });
      else if (g.agree + g.reject + g.doesntMatch < k) g[row.status]++;
    }
    const at = atK(k, [...groups.values()]);
    if (typeof at === 'string') return { ks, stops: `at k = ${k}: ${at}` };
    ks.push(at);
  }
  return { ks, stops: null };
}

function atK(k: number, groups: readonly { agree: number; reject: number; doesntMatch: number; dataset: string }[]): CalAtK | string {
  const counts = { agree: 0, reject: 0, doesntMatch: 0, other: 0 };
  const perDataset = new Map<string, { agree: number; reject: number }>();
  for (const g of groups) {
    const total = g.agree + g.reject + g.doesntMatch;
    const cls = g.agree > total / 2 ? 'agree' : g.reject > total / 2 ? 'reject' : g.doesntMatch > total / 2 ? 'doesntMatch' : 'other';
    counts[cls]++;
    let d = perDataset.get(g.dataset);
    if (!d) perDataset.set(g.dataset, (d = { agree: 0, reject: 0 }));
    if (cls === 'agree') d.agree++;
    else if (cls === 'reject') d.reject++;
  }
  const correct: Record<CalGroup, number> = { general: 0, hallucination: 0, reasoning: 0 };
  const total: Record<CalGroup, number> = { general: 0, hallucination: 0, reasoning: 0 };
  for (const [dataset, d] of perDataset) {
    if (d.agree + d.reject === 0) return `dataset ${dataset} has no record classified agree or reject (cal.py raises ZeroDivisionError in its accept_rate)`;
    const group = GROUP_OF[dataset] as CalGroup;
    correct[group] += d.agree;
    total[group] += d.agree + d.reject;
  }
  const empty = (['general', 'hallucination', 'reasoning'] as const).filter((g) => total[g] === 0);
  if (empty.includes('general') || empty.includes('hallucination')) return `no ${empty[0]} record is classified agree or reject (cal.py raises ZeroDivisionError when printing it)`;
  if (empty.length) return 'no reasoning record is classified agree or reject (cal.py raises ZeroDivisionError in its macro average)';
  const items = groups.length;
  return {
    k,
    items,
    ...counts,
    agreeRate: counts.agree / (items + 1e-6),
    normalizedAgreeRate: counts.agree / (counts.agree + counts.reject + 1e-6),
    groups: { general: correct.general / total.general, hallucination: correct.hallucination / total.hallucination, reasoning: correct.reasoning / (total.reasoning + 1e-6) },
    overallAccuracy: (correct.general + correct.hallucination + correct.reasoning) / (total.general + total.hallucination + total.reasoning),
    // Summed in cal.py's order (reasoning, hallucination, general): floating point is not associative.
    macroAverage: (correct.reasoning / total.reasoning + correct.hallucination / total.hallucination + correct.general / total.general) / 3,
  };
}
