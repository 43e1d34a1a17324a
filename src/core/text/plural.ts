/**
 * Counts in words, singular for exactly one: "1 warning", "3 warnings", "12,345 records". The one
 * helper the CLI, the editor and the Inspector word counts with; it imports nothing, so the webview
 * loads it too.
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** `n` (grouped as 12,345) and its noun. */
export function counted(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${plural(n, singular, pluralForm)}`;
}
