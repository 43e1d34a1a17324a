/**
 * VS Code's API for a page, acquired once. VS Code lets a page acquire it only once, and the
 * Inspector's page has two scripts that need it: the inline first paint (inspector/firstPaint.ts,
 * which reads the saved state) and the full bundle. The first to ask acquires it and keeps it on
 * the window for the other.
 */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const KEY = 'rlensVsCodeApi';

export function vsCodeApi(): VsCodeApi {
  const holder = window as unknown as Record<typeof KEY, VsCodeApi | undefined>;
  return (holder[KEY] ??= acquireVsCodeApi());
}

/** Whether the page was restored with a saved state (hidden and shown again, or the window reloaded). */
export function hasSavedState(api: VsCodeApi): boolean {
  const saved = api.getState();
  return typeof saved === 'object' && saved !== null && Object.keys(saved).length > 0;
}
