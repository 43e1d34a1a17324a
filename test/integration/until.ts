/** Polls `probe` until it returns a value (not undefined/false), or fails naming what it waited for: the shared waitFor. */
import { waitFor } from '../support/waitFor';

export function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  return waitFor(probe, { what, timeout: timeoutMs, interval: 100 });
}
