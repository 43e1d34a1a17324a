/**
 * Failure themes as the views and exports show them: groups of failure claims (from either tier)
 * with the researcher's ratifications applied in order, then, for each theme and each run, its
 * records, how many spurious records it explains, and S-Corr and L-Acc among its records.
 */
import type { FailureClaim, ThemeRecord } from './failureClaims';
import { groupByTerms } from './lexicalGrouping';
import { isLabelCorrectKind } from '../record/record';
import type { Ratification } from './themesFile';

/** A theme before figures: what grouping (and ratification) decides. */
export interface ThemeGroup {
  readonly id: string;
  readonly title: string;
  readonly titleSource: 'terms' | 'model' | 'researcher';
  /** Readable key words (the lexical signature, or the cluster's most shared terms). */
  readonly words: readonly string[];
  /** Indexes into the claims. */
  readonly members: readonly number[];
  readonly dismissed?: boolean;
}

export interface ThemeFigures {
  /** Records with a failure claim in the theme. */
  readonly records: number;
  /** Of them, spurious (label-correct, fidelity Incorrect in force): the records this theme explains. */
  readonly spurious: number;
  readonly labelCorrect: number;
  /** Label-correct records judged aligned / misaligned (the S-Corr denominator). */
  readonly aligned: number;
  /** label-correct ÷ records. */
  readonly lAcc: number | null;
  /** spurious ÷ (aligned + spurious); null when none was judged. */
  readonly sCorr: number | null;
}

interface ThemeExample {
  readonly recordIndex: number;
  readonly recordId: string;
  readonly run: number;
  readonly failure: 'missing' | 'conflict';
  readonly goldClaim: string;
  readonly rationaleClaim: string | null;
}

export interface Theme {
  readonly id: string;
  readonly title: string;
  readonly titleSource: ThemeGroup['titleSource'];
  readonly words: readonly string[];
  readonly claims: number;
  /** Distinct record indexes per run. */
  readonly recordIndexes: readonly (readonly number[])[];
  readonly figures: readonly ThemeFigures[];
  readonly examples: readonly ThemeExample[];
}

const MAX_EXAMPLES = 3;

/** What ratifications could not apply (a theme that this run does not have), for the caller to say. */
export interface Applied {
  readonly groups: ThemeGroup[];
  readonly dismissed: ThemeGroup[];
  readonly notes: string[];
}

/** Splits a theme by the terms its claims share besides the ones that made it (the offline grouping, inside the theme). */
function splitGroup(g: ThemeGroup, claims: readonly FailureClaim[]): ThemeGroup[] {
  // The terms that made the theme: those in more than half of its claims.
  const df = new Map<string, number>();
  for (const i of g.members) for (const t of (claims[i] as FailureClaim).terms) df.set(t, (df.get(t) ?? 0) + 1);
  const made = new Set([...df].filter(([, n]) => 2 * n > g.members.length).map(([t]) => t));
  const inner = g.members.map((i) => claims[i] as FailureClaim).map((c) => ({ ...c, terms: c.terms.filter((t) => !made.has(t)) }));
  const parts = groupByTerms(inner);
  const placed = new Set<number>();
  const out: ThemeGroup[] = parts.map((p) => {
    const members = p.members.map((k) => g.members[k] as number);
    for (const m of members) placed.add(m);
    return { id: `${g.id}/${p.id}`, title: `${g.title}: ${p.words.slice(0, 3).join(', ')}`, titleSource: g.titleSource, words: [...g.words, ...p.words], members };
  });
  const rest = g.members.filter((m) => !placed.has(m));
  if (rest.length) out.push({ ...g, id: `${g.id}/rest`, title: `${g.title}: the rest`, members: rest });
  return out;
}

export function applyRatifications(groups: readonly ThemeGroup[], ratifications: readonly Ratification[], claims: readonly FailureClaim[]): Applied {
  const byId = new Map<string, ThemeGroup>(groups.map((g) => [g.id, g]));
  const notes: string[] = [];
  const missing = (id: string, r: Ratification) => notes.push(`a ${r.action} of theme "${id}" (${r.at}) was not applied: this run has no such theme`);
  for (const r of ratifications) {
    const g = byId.get(r.theme);
    if (!g) {
      missing(r.theme, r);
      continue;
    }
    if (r.action === 'rename') byId.set(g.id, { ...g, title: r.title ?? g.title, titleSource: 'researcher' });
    else if (r.action === 'dismiss') byId.set(g.id, { ...g, dismissed: true });
    else if (r.action === 'restore') byId.set(g.id, { ...g, dismissed: false });
    else if (r.action === 'merge') {
      const members = new Set(g.members);
      const words = [...g.words];
      for (const o of r.others ?? []) {
        const other = byId.get(o);
        if (!other || o === g.id) {
          if (!other) missing(o, r);
          continue;
        }
        for (const m of other.members) members.add(m);
        for (const w of other.words) if (!words.includes(w)) words.push(w);
        byId.delete(o);
      }
      byId.set(g.id, { ...g, words, members: [...members].sort((a, b) => a - b) });
    } else {
      const parts = splitGroup(g, claims);
      if (parts.length < 2) {
        notes.push(`theme "${g.title}" could not be split: its claims share no further terms`);
        continue;
      }
      byId.delete(g.id);
      for (const p of parts) byId.set(p.id, p);
    }
  }
  const all = [...byId.values()];
  return { groups: all.filter((g) => !g.dismissed), dismissed: all.filter((g) => g.dismissed), notes };
}

const key = (run: number, index: number) => `${run}:${index}`;

/** Figures and examples of each group; themes sorted by spurious records explained (run 0), then records, then id. */
export function themesOf(groups: readonly ThemeGroup[], claims: readonly FailureClaim[], records: ReadonlyMap<string, ThemeRecord>, runs = 1): Theme[] {
  const themes = groups.map((g): Theme => {
    const byRun: Set<number>[] = Array.from({ length: runs }, () => new Set<number>());
    for (const i of g.members) {
      const c = claims[i] as FailureClaim;
      byRun[c.run]?.add(c.recordIndex);
    }
    const figures = byRun.map((set, run) => {
      let spurious = 0;
      let labelCorrect = 0;
      let aligned = 0;
      for (const index of set) {
        const kind = records.get(key(run, index))?.kind;
        if (kind === 'spurious') spurious++;
        if (kind === 'aligned') aligned++;
        if (kind !== undefined && isLabelCorrectKind(kind)) labelCorrect++;
      }
      return { records: set.size, spurious, labelCorrect, aligned, lAcc: set.size ? labelCorrect / set.size : null, sCorr: aligned + spurious ? spurious / (aligned + spurious) : null };
    });
    // Examples: spurious records' claims first, one per record, in file order.
    const seen = new Set<string>();
    const ranked = [...g.members].sort((a, b) => {
      const ca = claims[a] as FailureClaim;
      const cb = claims[b] as FailureClaim;
      const sa = records.get(key(ca.run, ca.recordIndex))?.kind === 'spurious' ? 0 : 1;
      const sb = records.get(key(cb.run, cb.recordIndex))?.kind === 'spurious' ? 0 : 1;
      return sa - sb || ca.run - cb.run || ca.recordIndex - cb.recordIndex || a - b;
    });
    const examples: ThemeExample[] = [];
    for (const i of ranked) {
      const c = claims[i] as FailureClaim;
      if (seen.has(key(c.run, c.recordIndex))) continue;
      seen.add(key(c.run, c.recordIndex));
      examples.push({ recordIndex: c.recordIndex, recordId: c.recordId, run: c.run, failure: c.failure, goldClaim: c.text, rationaleClaim: c.rationaleText });
      if (examples.length >= MAX_EXAMPLES) break;
    }
    return { id: g.id, title: g.title, titleSource: g.titleSource, words: g.words, claims: g.members.length, recordIndexes: byRun.map((s) => [...s].sort((a, b) => a - b)), figures, examples };
  });
  const first = (t: Theme) => t.figures[0] as ThemeFigures;
  return themes.sort((a, b) => first(b).spurious - first(a).spurious || first(b).records - first(a).records || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The offline tier's groups: titled by their signature words. */
export function lexicalGroups(claims: readonly FailureClaim[]): ThemeGroup[] {
  return groupByTerms(claims).map((g) => ({ id: g.id, title: g.words.slice(0, 3).join(', '), titleSource: 'terms', words: g.words, members: g.members }));
}
