/**
 * Status bar figures of the active evaluation file (`S-Corr 29.2% · L-Acc 76.3% (n=1,000)`, or
 * what is undefined and why), with every figure in the tooltip; a click opens the summary.
 * Keys on the active tab, so files too large to be handed to extensions as documents work too.
 * While the session indexes a file, the figures of the records read so far show with their count
 * and a spinner; the whole file's once it is loaded. The session's read is the one whole-file pass
 * (a large plain R-Align file in byte ranges, one worker a core, as `stats` reads it: no separate
 * tally, docs/ARCHITECTURE.md "The whole-file passes"). Everything shown follows the file's session
 * state and its change event (no polling).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { activeEvaluationUri, isEvaluationSession } from './evaluationFiles';
import type { DatasetSession } from '../../core/session/session';
import type { SessionState } from '../../core/session/sessionState';
import type { SummaryView } from '../../presentation/summary';
import { statusText, summaryView, tooltipMarkdown } from '../../presentation/summary';
import { unstableFlipRate } from '../settings';
import type { SamplesSummaryView } from '../../protocol/messages';
import { SampleSetsCache, samplesSummaryView } from '../../presentation/sampleSets';
import { samplesStatusText, samplesTooltipMarkdown } from '../../presentation/sampleStatus';
import { COMMANDS } from '../ids';

const READING = '$(sync~spin) Rationale Lens: reading…';

export function registerStatusBar(services: Services): vscode.Disposable {
  const { sessions } = services;
  const item = vscode.window.createStatusBarItem('rationaleLens.summary', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Rationale Lens Summary';
  let shown: vscode.Uri | undefined;

  const showFigures = (uri: vscode.Uri, view: SummaryView, prefix: string, note: string | null, samples: SamplesSummaryView | null = null) => {
    // A file with several samples per record: its per-sample and majority figures follow the file's.
    item.text = `${prefix}${statusText(view, samples ? ` · ${samplesStatusText(samples)}` : '')}`;
    const tooltip = new vscode.MarkdownString(`${note ? `${note}\n\n` : ''}${samples ? `${samplesTooltipMarkdown(samples)}\n\n` : ''}${tooltipMarkdown(view)}`);
    tooltip.supportThemeIcons = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.command = { title: 'Show S-Corr Summary', command: COMMANDS.showSummary, arguments: [uri] };
    item.accessibilityInformation = { label: `Rationale Lens: ${item.text.replace(/\$\([^)]*\)\s*/g, '')}. Click for the summary.` };
    item.backgroundColor = undefined;
    item.show();
  };

  const showReading = (uri: vscode.Uri, state: SessionState) => {
    const indexing = state.phase === 'indexing' ? state.session : undefined;
    if (indexing && indexing.count > 0) {
      const view = summaryView(indexing);
      return showFigures(uri, view, '$(sync~spin) ', `Partial: the first ${indexing.count.toLocaleString('en-US')} records, read so far; final once the whole file is read.`);
    }
    item.text = indexing ? `${READING} ${indexing.count.toLocaleString('en-US')} records` : READING;
    item.tooltip = `Rationale Lens is reading ${vscode.workspace.asRelativePath(uri)}`;
    item.command = undefined;
    item.backgroundColor = undefined;
    item.show();
  };

  const showFailed = (uri: vscode.Uri, state: Extract<SessionState, { phase: 'failed' }>) => {
    if (state.unrecognized) return item.hide(); // not an evaluation file (e.g. package.json)
    item.text = '$(error) Rationale Lens: cannot read file';
    item.tooltip = `Rationale Lens cannot read ${uri.fsPath}: ${state.error.message}`;
    item.command = undefined;
    item.show();
  };

  const showLoaded = (uri: vscode.Uri, session: DatasetSession) => {
    if (!isEvaluationSession(uri, session)) return item.hide();
    const sets = SampleSetsCache.for(session);
    const known = sets.current;
    showFigures(uri, summaryView(session), '', null, known ? samplesSummaryView(known, unstableFlipRate()) : null);
    if (known !== undefined) return;
    // The sample sets after the figures are on their way: looking for repeated ids takes a while on a
    // large file (0.1-0.2 s on the 1 GB file, loaded machine), and the item is sent on a later tick.
    setTimeout(() => {
      const now = sessions.state(uri);
      if (shown?.toString() !== uri.toString() || now.phase !== 'loaded' || now.session !== session) return;
      sets.compute().then(
        (found) => found && shown?.toString() === uri.toString() && update(),
        () => undefined, // the Inspector logs why the samples could not be grouped
      );
    }, 0);
  };

  /** The active file's state, shown; `retry` reads a file that failed before again (the settings may now pin its format). */
  const update = (retry = false) => {
    const uri = activeEvaluationUri();
    shown = uri;
    if (!uri) return item.hide();
    const state = sessions.state(uri);
    if (state.phase === 'loaded') return showLoaded(uri, state.session);
    if (state.phase === 'failed' && !retry) return showFailed(uri, state);
    showReading(uri, state);
    // The registry logs a failed read; its 'failed' state shows here.
    if (state.phase === 'closed' || state.phase === 'failed') sessions.get(uri).catch(() => undefined);
  };

  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => update()),
    vscode.window.tabGroups.onDidChangeTabs(() => update()),
    vscode.window.tabGroups.onDidChangeTabGroups(() => update()),
    // The figures follow the state: each batch indexed redraws the partial figures, every other change the whole item.
    sessions.onDidChangeState(({ uri, state, previous }) => {
      if (shown?.toString() !== uri.toString()) return;
      if (state.phase === 'indexing' && previous.phase === 'indexing') showReading(uri, state);
      else update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rationaleLens')) update(true);
    }),
  );
}
