/**
 * The Inspector's alignment tiers per record: the lexical alignment that comes with the record, and
 * the model's once "Align with model" has answered. The user switches between them; the record is
 * drawn with the alignments of the tier shown (a judgment the model could not align keeps its lexical one).
 */
import type { AlignmentView, RecordView, ToWebview } from '../../src/protocol/messages';
import { nextRequestId, send } from '../vscodeApi/inspectorApi';

export type TierShown = 'lexical' | 'model';

export interface TierState {
  running: boolean;
  /** The model's alignments (empty until it answered, or when it could not). */
  model: AlignmentView[];
  message: string | null;
  showing: TierShown;
}

const IDLE: TierState = { running: false, model: [], message: null, showing: 'lexical' };

export class ModelTiers {
  private readonly byRecord = new Map<number, TierState & { requestId: number }>();

  /** The record's tiers: this session's request, else the model alignments journaled beside the file. */
  state(record: Pick<RecordView, 'index' | 'modelAlignments'>): TierState {
    const s = this.byRecord.get(record.index);
    if (s && (s.running || s.model.length || s.message)) return s;
    if (record.modelAlignments.length) return { running: false, model: record.modelAlignments, message: null, showing: s?.showing ?? 'model' };
    return s ?? IDLE;
  }

  request(index: number): void {
    const requestId = nextRequestId();
    this.byRecord.set(index, { ...(this.byRecord.get(index) ?? IDLE), requestId, running: true, message: null });
    send({ type: 'alignWithModel', requestId, index });
  }

  /** True when the answer is for a request still wanted (the caller re-draws that record). */
  answer(m: Extract<ToWebview, { type: 'modelAlignment' }>): boolean {
    const s = this.byRecord.get(m.index);
    if (!s || s.requestId !== m.requestId) return false;
    this.byRecord.set(m.index, { ...s, running: false, model: m.alignments, message: m.message, showing: m.alignments.length ? 'model' : s.showing });
    return true;
  }

  /** An error answering the request: shown as the tier's message. */
  failed(requestId: number, message: string): number | null {
    for (const [index, s] of this.byRecord) {
      if (s.requestId === requestId && s.running) {
        this.byRecord.set(index, { ...s, running: false, message });
        return index;
      }
    }
    return null;
  }

  show(index: number, showing: TierShown): void {
    this.byRecord.set(index, { ...(this.byRecord.get(index) ?? { ...IDLE, requestId: -1 }), showing });
  }

  /** The record with the alignments of the tier shown. */
  apply(record: RecordView): RecordView {
    const s = this.state(record);
    if (s.showing !== 'model' || !s.model.length) return record;
    return { ...record, alignments: record.alignments.map((a) => s.model.find((m) => m.judgment === a.judgment && m.against === a.against) ?? a) };
  }
}
