/**
 * A session's failure themes, as the Inspector's Themes view, the list's theme filter and the
 * summary export show them: the offline tier over the session's records (each re-read and aligned
 * once, giving the event loop turns, then kept), with each record's class as the session counts it
 * now (marks and judge verdicts folded in) and the ratifications beside the file applied. Pure (no
 * `vscode`): the panel passes messages through.
 */
import type { DatasetSession } from '../core/session/session';
import type { Failures, Ratification, ThemeSet } from '../core/themes';
import { appendThemesLines, assembleThemes, collectFailures, emptyFailures, lexicalAligner, lexicalGroups, ratify, readThemesFile } from '../core/themes';
import type { ThemeGroup } from '../core/themes';
import type { RatifyAction, ThemeView, ThemesView } from '../protocol/themes';

/** Records aligned between two turns given back to the event loop. */
const RECORDS_PER_TURN = 25;

function toView(set: ThemeSet, filter: string | null, partial: boolean): ThemesView {
  const t0 = set.totals[0];
  const theme = (t: ThemeSet['themes'][number]): ThemeView => {
    const f = t.figures[0];
    return {
      id: t.id,
      title: t.title,
      titleSource: t.titleSource,
      words: t.words.slice(0, 20),
      records: f?.records ?? 0,
      spurious: f?.spurious ?? 0,
      sCorr: f?.sCorr ?? null,
      lAcc: f?.lAcc ?? null,
      indexes: [...(t.recordIndexes[0] ?? [])],
      examples: t.examples.slice(0, 3).map((e) => ({ recordIndex: e.recordIndex, recordId: e.recordId, failure: e.failure, goldClaim: e.goldClaim, rationaleClaim: e.rationaleClaim })),
    };
  };
  return {
    grouping: 'grouped by shared key terms (offline), from the lexical aligner',
    themes: set.themes.map(theme),
    dismissed: set.dismissed.map((t) => ({ id: t.id, title: t.title })),
    spurious: t0?.spurious ?? 0,
    spuriousExplained: t0?.spuriousExplained ?? 0,
    failureClaims: t0?.failureClaims ?? 0,
    unthemedClaims: t0?.unthemedClaims ?? 0,
    filter,
    notes: set.notes.slice(0, 50).map((n) => n.slice(0, 2000)),
    partial,
  };
}

export class SessionThemes {
  private static readonly all = new WeakMap<DatasetSession, SessionThemes>();
  private failures: Promise<Failures> | null = null;
  private groups: ThemeGroup[] | null = null;
  private last: ThemeSet | null = null;

  private constructor(private readonly session: DatasetSession) {}

  static for(session: DatasetSession): SessionThemes {
    let themes = this.all.get(session);
    if (!themes) {
      themes = new SessionThemes(session);
      this.all.set(session, themes);
    }
    return themes;
  }

  /** The failure claims of every record, read once (a new session, after the file changed, reads again). */
  private collect(signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Failures> {
    const session = this.session;
    const run = async (): Promise<Failures> => {
      const total = session.count;
      async function* records() {
        for (let i = 0; i < total; i++) {
          if (signal.aborted) return;
          if (i % RECORDS_PER_TURN === 0) {
            onProgress(i, total);
            await new Promise<void>((r) => setImmediate(r));
          }
          yield { record: await session.record(i), kind: session.kindOf(i) };
        }
      }
      const failures = await collectFailures(emptyFailures(), records(), lexicalAligner, 0, signal);
      onProgress(total, total);
      return failures;
    };
    // Records read while the file is still indexed are not kept: the next request reads them all.
    if (session.loading) return run();
    const started = (this.failures ??= run());
    // A cancelled read is not kept: the next request reads again.
    return started.then((f) => {
      if (signal.aborted && this.failures === started) this.failures = null;
      return f;
    });
  }

  /** The themes now: each record's class as the session has it, the ratifications as the file has them. */
  async themes(signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<ThemeSet> {
    const failures = await this.collect(signal, onProgress);
    // Verdicts may have changed since the claims were collected (a mark, a re-judge): classes from the session now.
    for (const r of failures.records.values()) if (r.index < this.session.count) failures.records.set(`0:${r.index}`, { ...r, kind: this.session.kindOf(r.index) });
    const groups = this.session.loading ? lexicalGroups(failures.claims) : (this.groups ??= lexicalGroups(failures.claims));
    const side = await readThemesFile(this.session.path);
    const set = assembleThemes(failures, groups, side.ratifications, { kind: 'lexical' }, 'lexical');
    const bad = side.badLines.length ? [`the themes file has unreadable lines ${side.badLines.slice(0, 10).join(', ')} (skipped, left in place)`] : [];
    this.last = { ...set, notes: [...bad, ...set.notes] };
    return this.last;
  }

  async view(signal: AbortSignal, onProgress: (done: number, total: number) => void, filter: string | null): Promise<ThemesView> {
    return toView(await this.themes(signal, onProgress), filter, this.session.loading);
  }

  /** Appends a ratification of a theme shown (else throws, saying so; nothing is written). */
  async ratify(action: RatifyAction, theme: string, extra: { title?: string; others?: readonly string[] }): Promise<void> {
    const known = new Set([...(this.last?.themes ?? []), ...(this.last?.dismissed ?? [])].map((t) => t.id));
    for (const id of [theme, ...(extra.others ?? [])]) if (!known.has(id)) throw new Error(`There is no theme "${id}" in this file any more; the themes were recomputed.`);
    if (action === 'rename' && !extra.title?.trim()) throw new Error('A theme needs a title.');
    if (action === 'merge' && !extra.others?.length) throw new Error('Choose the themes to merge into this one.');
    const line: Ratification = ratify(action, theme, { ...(action === 'rename' ? { title: (extra.title ?? '').trim() } : {}), ...(action === 'merge' ? { others: extra.others ?? [] } : {}) });
    await appendThemesLines(this.session.path, [line]);
  }

  /** The records of a theme of the last themes computed, or null when there is no such theme. */
  recordsOf(theme: string): readonly number[] | null {
    return this.last?.themes.find((t) => t.id === theme)?.recordIndexes[0] ?? null;
  }

  titleOf(theme: string): string | null {
    return this.last?.themes.find((t) => t.id === theme)?.title ?? null;
  }
}
