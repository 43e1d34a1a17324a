import { createHash } from 'node:crypto';
import type { EvalRecord } from './record';

/** A short fingerprint of the rationale a verdict was given on (the primary judgment's raw text). */
export function rationaleFingerprint(record: EvalRecord): string {
  return createHash('sha256')
    .update(record.judgments[0]?.raw ?? '')
    .digest('hex')
    .slice(0, 16);
}
