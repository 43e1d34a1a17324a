/**
 * The themes side file beside a dataset (`<file>.rlens-themes.jsonl`; append-only, fsynced, the
 * dataset is never modified), written through the one appender like the marks:
 * - the researcher's ratifications, in order (rename, merge, split, dismiss, restore), which every
 *   view and export applies to the themes they compute;
 * - the titling model's answers (the journal of those calls: a cluster titled once is not asked again).
 */
import type { SideFileSpec } from '../io/keyedStore';
import { openSideFileAppender, readSideFile } from '../io/keyedStore';
import { SideFileError } from '../io/sideFiles';
import type { Infer } from '../schema/schema';
import { arr, check, int, lit, obj, optional, str } from '../schema/schema';

const THEMES_SUFFIX = '.rlens-themes.jsonl';
export const MAX_TITLE_LENGTH = 200;
const themeId = str(1000, 1);

function themesPathFor(datasetPath: string): string {
  return datasetPath + THEMES_SUFFIX;
}

/** One ratification; `others` (merge only): the themes folded into `theme`. */
const ratificationLine = obj(
  {
    kind: lit('ratify'),
    action: lit('rename', 'merge', 'split', 'dismiss', 'restore'),
    theme: themeId,
    title: optional(str(MAX_TITLE_LENGTH, 1)),
    others: optional(arr(themeId, 1000, 1)),
    at: str(100),
  },
  { extra: 'allow' },
);
export type Ratification = Readonly<Infer<typeof ratificationLine>>;

/** A titling call's answer, keyed by the request (model, prompt version, the claims shown). */
const titleLine = obj({ kind: lit('title'), key: str(200, 1), model: str(1000), title: str(MAX_TITLE_LENGTH, 1), at: str(100), promptChars: optional(int()), completionTokens: optional(int()) }, { extra: 'allow' });
export type TitleEntry = Readonly<Infer<typeof titleLine>>;

type Line = Ratification | TitleEntry;

function asLine(v: unknown): Line | undefined {
  if (check(ratificationLine, v, 'line').ok) {
    const r = v as Ratification;
    if (r.action === 'rename' && r.title === undefined) return undefined;
    if (r.action === 'merge' && r.others === undefined) return undefined;
    return r;
  }
  return check(titleLine, v, 'line').ok ? (v as TitleEntry) : undefined;
}

export interface ThemesFileRead {
  readonly ratifications: readonly Ratification[];
  /** Latest title per key. */
  readonly titles: ReadonlyMap<string, TitleEntry>;
  /** Lines that are not ours (skipped, left in place), by line number. */
  readonly badLines: readonly number[];
}

/** The themes file (store: io/keyedStore.ts); read whole. */
const THEMES_FILE: SideFileSpec<Line> = {
  what: 'themes file',
  parse: asLine,
  looksLikeEntry: (t) => t.startsWith('{"kind":'),
  ours: (t) => /^\{"kind":"(?:ratify|title)"/.test(t),
};

export async function readThemesFile(datasetPath: string): Promise<ThemesFileRead> {
  const ratifications: Ratification[] = [];
  const titles = new Map<string, TitleEntry>();
  const scan = await readSideFile(themesPathFor(datasetPath), THEMES_FILE, (l) => {
    if (l.kind === 'ratify') ratifications.push(l);
    else titles.set(l.key, l);
  });
  return { ratifications, titles, badLines: [...scan.corruptLines, ...(scan.torn ? [scan.torn.line] : [])] };
}

/** Appends lines durably; never through a link, never to a file that is not a themes file; a torn tail is cut first. */
export async function appendThemesLines(datasetPath: string, lines: readonly Line[]): Promise<void> {
  const path = themesPathFor(datasetPath);
  for (const l of lines) if (!asLine(l)) throw new SideFileError('unwritable-value', `refused to write a themes line its reader would reject: ${JSON.stringify(l).slice(0, 200)}`);
  const { appender } = await openSideFileAppender(path, THEMES_FILE, { sync: true });
  try {
    for (const l of lines) await appender.append(l);
  } finally {
    await appender.close();
  }
}

export function ratify(action: Ratification['action'], theme: string, extra: { title?: string; others?: readonly string[] } = {}, at = new Date().toISOString()): Ratification {
  return { kind: 'ratify', action, theme, ...(extra.title !== undefined ? { title: extra.title } : {}), ...(extra.others !== undefined ? { others: [...extra.others] } : {}), at };
}
