/** A Logger that keeps its lines ("warn <message>"), for tests that check a failure was logged. */
import type { Logger } from '../../src/core/log/logger';

export function recordingLog(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}
