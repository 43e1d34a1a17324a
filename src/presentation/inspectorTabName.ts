/**
 * The Inspector's tab name. VS Code 1.100 names a custom editor's tab after the last segment of the
 * editor's URI, whatever the extension sets as the panel's title or icon (customEditorInput.ts,
 * `getName`), so the Inspector opens on a URI of its own: the file's folder and name, the name
 * prefixed. These two functions map a file's path to that URI's path and back.
 */

/** The URI scheme of the Inspector's tabs (the file itself is read through its own `file:` URI). */
export const INSPECTOR_SCHEME = 'rationale-lens-inspector';
/** What the Inspector's tab reads before the file's name. */
export const INSPECTOR_TAB_PREFIX = 'Inspector · ';

/** The Inspector tab's path for the file at `filePath` (a URI path: `/`-separated, absolute). */
export function inspectorTabPath(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return `${filePath.slice(0, slash + 1)}${INSPECTOR_TAB_PREFIX}${filePath.slice(slash + 1)}`;
}

/** The file's path for the Inspector tab's `tabPath`; undefined when `tabPath` is not one. */
export function filePathOfInspectorTab(tabPath: string): string | undefined {
  const slash = tabPath.lastIndexOf('/');
  const name = tabPath.slice(slash + 1);
  if (!name.startsWith(INSPECTOR_TAB_PREFIX) || name.length === INSPECTOR_TAB_PREFIX.length) return undefined;
  return `${tabPath.slice(0, slash + 1)}${name.slice(INSPECTOR_TAB_PREFIX.length)}`;
}
