/** What a session answers without reading records: a list row, and the figures of the whole file. */
import type { JudgeAudit } from '../verdicts/judgeAudit';
import type { Summary } from '../statistics/metrics';
import type { RecordKind } from '../record/record';
import type { Fidelity, Label, Verdict } from '../record/record';

/** What a record list row needs, without reading the record. */
export interface RecordRow {
  readonly index: number;
  /** Null when the id was too long to keep in the index. */
  readonly id: string | null;
  readonly line: number;
  readonly kind: RecordKind;
  readonly gold: Label | null;
  readonly predicted: Verdict;
  readonly subset: string | null;
  readonly fidelityOrigin: Fidelity['origin'] | null;
}

export interface SessionSnapshot {
  readonly file: string;
  readonly format: string;
  readonly container: string;
  readonly loading: boolean;
  readonly records: number;
  readonly summary: Summary;
  readonly groups: readonly (Summary & { key: string })[];
  readonly malformed: number;
  readonly warnings: number;
  readonly bothOrders: boolean;
  readonly hasGoldRationales: boolean;
  /** The fidelity judge against the human marks, where both exist. */
  readonly audit: JudgeAudit | null;
}
