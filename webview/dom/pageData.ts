/** Data the host wrote into the page (src/protocol/pageData.ts): parsed, not yet checked; undefined when absent or unreadable. */
export function readPageData(id: string): unknown {
  const text = document.getElementById(id)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
