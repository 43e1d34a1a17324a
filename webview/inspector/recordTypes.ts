/** What the record view is drawn from and what it calls back (shared by its parts). */
import type { LlmRoleView, SnapshotView } from '../../src/protocol/messages';
import type { LiveRun } from './live';
import type { TierShown, TierState } from './modelTier';
import type { HighlightMode } from '../markdown/highlight';

export interface RecordCallbacks {
  onMark(verdict: 'Correct' | 'Incorrect' | null, note: string): void;
  onReveal(): void;
  onCopyLink(): void;
  onToggle(section: 'thinking' | 'responses' | 'prompt', open: boolean): void;
  onTab(index: number): void;
  onRun(role: LlmRoleView): void;
  onCancelRun(runId: number): void;
  onToggleReasoning(open: boolean): void;
  onAlignWithModel(): void;
  onShowTier(tier: TierShown): void;
  onRendered(rendered: boolean): void;
  onHighlights(mode: HighlightMode): void;
  onSetUpEndpoints(): void;
}

/** Whether model requests can be made (not in an untrusted workspace; `reason` says why not), and which endpoints are set up. */
export interface LlmStatus {
  available: boolean;
  reason: string | null;
  configured: Record<LlmRoleView, boolean>;
}

export interface RecordOptions {
  showThinking: boolean;
  showResponses: boolean;
  showPrompt: boolean;
  /** Markdown rendered, else raw text. */
  rendered: boolean;
  highlights: HighlightMode;
  tab: number;
  snapshot: SnapshotView | null;
  busy: boolean;
  /** Whether model requests can be made (not in an untrusted workspace), and why not. */
  llm: LlmStatus;
  /** Runs on this record, in progress or just over. */
  live: Partial<Record<LlmRoleView, LiveRun>>;
  /** The re-query's reasoning section is open (it starts collapsed). */
  reasoningOpen: boolean;
  /** The record's alignment tiers: the model's when asked for, and which one is shown. */
  tier: TierState;
}

