/**
 * The one wait of the unit and in-host tests: polls `probe` until it gives a value (not undefined or
 * false) and fails after `timeout` ms naming what it waited for. A busy machine makes a wait longer,
 * never a test wrong: no test decides an outcome by a fixed sleep or polls without a deadline.
 * (The e2e harness, plain .mjs, has the same helper in test/e2e/harness/waitFor.mjs.)
 */
export interface WaitOptions {
  /** What is awaited, for the failure message. */
  readonly what: string;
  /** Give up after this many ms (default 15 s: a hang detector, not a speed check). */
  readonly timeout?: number;
  /** Poll every this many ms (default 10). */
  readonly interval?: number;
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 15_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeout ?? 15_000} ms waiting for ${options.what}`);
    await new Promise((r) => setTimeout(r, options.interval ?? 10));
  }
}
