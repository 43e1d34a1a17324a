/**
 * Every id the extension shares with VS Code and its manifest, in one place: commands, the custom
 * editor's view type, context keys. A unit test checks this module against package.json both ways.
 */

export const COMMANDS = {
  openInspector: 'rationaleLens.openInspector',
  showSummary: 'rationaleLens.showSummary',
  selectFormat: 'rationaleLens.selectFormat',
  copySummaryMarkdown: 'rationaleLens.copySummaryMarkdown',
  exportSummary: 'rationaleLens.exportSummary',
  nextSpurious: 'rationaleLens.nextSpurious',
  rescoreFile: 'rationaleLens.rescoreFile',
  rejudgeFailed: 'rationaleLens.rejudgeFailed',
  rescoreSpurious: 'rationaleLens.rescoreSpurious',
  rescoreFiltered: 'rationaleLens.rescoreFiltered',
  requeryGenrmFiltered: 'rationaleLens.requeryGenrmFiltered',
  openSample: 'rationaleLens.openSample',
  setUpEndpoints: 'rationaleLens.setUpEndpoints',
  setApiKey: 'rationaleLens.setApiKey',
  clearApiKey: 'rationaleLens.clearApiKey',
  openRecord: 'rationaleLens.openRecord',
  markAligned: 'rationaleLens.markAligned',
  markMisaligned: 'rationaleLens.markMisaligned',
  rejudgeRecord: 'rationaleLens.rejudgeRecord',
  requeryRecord: 'rationaleLens.requeryRecord',
  requerySamples: 'rationaleLens.requerySamples',
  requerySamplesFiltered: 'rationaleLens.requerySamplesFiltered',
  judgeSamples: 'rationaleLens.judgeSamples',
  addVerdictPattern: 'rationaleLens.addVerdictPattern',
  alignFilteredWithModel: 'rationaleLens.alignFilteredWithModel',
  copyRecordLink: 'rationaleLens.copyRecordLink',
  openRecordLink: 'rationaleLens.openRecordLink',
  showLeaderboard: 'rationaleLens.showLeaderboard',
  compareWith: 'rationaleLens.compareWith',
  auditJudge: 'rationaleLens.auditJudge',
  endAudit: 'rationaleLens.endAudit',
} as const;

export const VIEW_TYPES = {
  inspector: 'rationaleLens.inspector',
} as const;

/** Webview panels the extension opens itself (not declared in the manifest). */
export const PANEL_TYPES = {
  leaderboard: 'rationaleLens.leaderboard',
  compare: 'rationaleLens.compare',
} as const;

export const CONTEXT_KEYS = {
  /** The active editor (text or Inspector) is an evaluation file whose session is known. */
  evaluationFileActive: 'rationaleLens.evaluationFileActive',
} as const;
