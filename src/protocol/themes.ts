/**
 * The Inspector's Themes view: what spurious rationales get wrong across the file, as the host
 * computed it (offline themes with the researcher's ratifications applied), and the requests that
 * ratify a theme or filter the list by one. Imports only the schema layer.
 */
import type { Infer } from '../core/schema/schema';
import { arr, bool, int, lit, nullable, num, obj, str } from '../core/schema/schema';

const count = int();
const themeId = str(1000, 1);

const RATIFY_ACTIONS = ['rename', 'merge', 'split', 'dismiss', 'restore'] as const;
export type RatifyAction = (typeof RATIFY_ACTIONS)[number];

const exampleView = obj({ recordIndex: count, recordId: str(), failure: lit('missing', 'conflict'), goldClaim: str(), rationaleClaim: nullable(str()) });

const themeView = obj({
  id: themeId,
  title: str(),
  titleSource: lit('terms', 'model', 'researcher'),
  words: arr(str(), 20),
  /** Records with a failure claim in the theme, and of them spurious ones (the records it explains). */
  records: count,
  spurious: count,
  sCorr: nullable(num),
  lAcc: nullable(num),
  /** The records themselves (record indexes), for the list filter and the record view's chips. */
  indexes: arr(count),
  examples: arr(exampleView, 3),
});
export type ThemeView = Infer<typeof themeView>;

const themesView = obj({
  /** How the themes were grouped, in words. */
  grouping: str(),
  themes: arr(themeView),
  dismissed: arr(obj({ id: themeId, title: str() })),
  spurious: count,
  spuriousExplained: count,
  failureClaims: count,
  unthemedClaims: count,
  /** The theme the list is filtered by, or null. */
  filter: nullable(themeId),
  notes: arr(str(), 50),
  /** The file was still being read: themes of the records read so far. */
  partial: bool,
});
export type ThemesView = Infer<typeof themesView>;

/** webview → host: the themes (action null), or a ratification then the themes. */
export const themesRequest = obj({
  type: lit('themes'),
  requestId: int(0, Number.MAX_SAFE_INTEGER),
  action: nullable(lit(...RATIFY_ACTIONS)),
  theme: nullable(themeId),
  title: nullable(str(200, 1)),
  others: arr(themeId, 1000),
});
/** webview → host: list only a theme's records (null: all again). */
export const filterThemeRequest = obj({ type: lit('filterTheme'), requestId: int(0, Number.MAX_SAFE_INTEGER), theme: nullable(themeId) });
/** host → webview: the themes (`requestId` null when pushed after a change). */
export const themesAnswer = obj({ type: lit('themes'), requestId: nullable(int(0, Number.MAX_SAFE_INTEGER)), view: themesView });
