/* global setTimeout -- a Node global (eslint.config.mjs gives .mjs files none) */
// The e2e harness's wait, the same as test/support/waitFor.ts (plain .mjs cannot import the compiled
// TypeScript): polls `probe` until it gives a value (not undefined or false), and fails after
// `timeout` ms naming what it waited for.
export async function waitFor(probe, { what, timeout = 15_000, interval = 25 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
