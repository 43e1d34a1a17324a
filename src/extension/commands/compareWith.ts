/**
 * "Compare with…" (the Inspector's title bar, the explorer, the palette): this run against another
 * on the same records — figures, McNemar, the paired S-Corr interval, transitions, and any changed
 * record's two rationales side by side.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { Comparison } from '../../core/research/compare';
import { compareRuns, readRun } from '../../core/research/compare';
import { sampledComparisonOf } from '../../core/research/sampledCompare';
import { DatasetError } from '../../core/dataset/dataset';
import { checkFromCompare } from '../../protocol/reports';
import type { FromCompare, ToCompare } from '../../protocol/reports';
import { compareView, recordPairView } from '../../presentation/reportViews';
import { openReportPanel } from '../reports/reportPanel';
import type { Services } from '../services';
import { activeEvaluationUri, uriFromArg } from '../editor/evaluationFiles';
import { COMMANDS, PANEL_TYPES } from '../ids';

/** (uri, [uri, uri]) from the explorer's multi-selection, (uri) from a menu, () from the palette. */
async function runsToCompare(arg: unknown, selection: unknown): Promise<[vscode.Uri, vscode.Uri] | undefined> {
  const selected = Array.isArray(selection) ? selection.map(uriFromArg).filter((u): u is vscode.Uri => !!u) : [];
  if (selected.length === 2) return [selected[0] as vscode.Uri, selected[1] as vscode.Uri];
  const a = uriFromArg(arg) ?? activeEvaluationUri();
  if (!a) {
    void vscode.window.showInformationMessage('Rationale Lens: open an evaluation file (or select two in the explorer) to compare runs.');
    return undefined;
  }
  const picked = await vscode.window.showOpenDialog({ defaultUri: vscode.Uri.file(dirname(a.fsPath)), canSelectMany: false, openLabel: 'Compare', title: `Compare ${basename(a.fsPath)} with… (another run on the same records)`, filters: { 'Evaluation files': ['jsonl', 'json'] } });
  return picked?.[0] ? [a, picked[0]] : undefined;
}

async function compareWith(services: Services, arg?: unknown, selection?: unknown): Promise<void> {
  const runs = await runsToCompare(arg, selection);
  if (!runs) return;
  const [uriA, uriB] = runs;
  let c: Comparison;
  try {
    c = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rationale Lens: comparing ${basename(uriA.fsPath)} with ${basename(uriB.fsPath)}…` }, async () => {
      const [a, b] = await Promise.all([readRun(uriA.fsPath, { overlays: true }), readRun(uriB.fsPath, { overlays: true })]);
      const single = compareRuns(a, b);
      // Files with samples (issue 24) add their sample sets' comparison, with the same seed and resamples.
      const samples = await sampledComparisonOf({ a, b }, { overlays: true }, { seed: single.sCorr.seed, resamples: single.sCorr.resamples });
      return samples ? { ...single, samples } : single;
    });
  } catch (err) {
    if (!(err instanceof DatasetError)) throw err;
    void vscode.window.showWarningMessage(`Rationale Lens: cannot compare: ${err.message}`);
    return;
  }
  if (c.join.matched === 0) {
    void vscode.window.showWarningMessage(`Rationale Lens: no record of ${basename(uriA.fsPath)} matches one of ${basename(uriB.fsPath)} (joined by ${c.join.by === 'id' ? 'id' : 'prompt and responses'}): are they runs on the same benchmark?`);
    return;
  }
  const view = compareView(c);
  openReportPanel<FromCompare, ToCompare>(
    services.context.extensionUri,
    { viewType: PANEL_TYPES.compare, title: `Compare: ${basename(uriA.fsPath)} → ${basename(uriB.fsPath)}`, bundle: 'compare', subject: basename(uriA.fsPath), key: `${uriA.fsPath}\0${uriB.fsPath}` },
    checkFromCompare,
    async (m, post) => {
      if (m.type === 'ready') return post({ type: 'compare', view });
      const changed = c.changed[m.changed];
      if (!changed) throw new Error(`no changed record ${m.changed} in this comparison`);
      if (m.type === 'openRecord') {
        await vscode.commands.executeCommand(COMMANDS.openRecord, m.run === 'a' ? uriA : uriB, m.run === 'a' ? changed.indexA : changed.indexB);
        return;
      }
      const [sessionA, sessionB] = await Promise.all([services.sessions.get(uriA), services.sessions.get(uriB)]);
      const [recA, recB] = await Promise.all([sessionA.record(changed.indexA), sessionB.record(changed.indexB)]);
      post({ type: 'pair', pair: recordPairView(m.changed, { a: changed.from, b: changed.to }, recA, recB) });
    },
  );
}

export function registerCompareWith(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.compareWith, (arg?: unknown, selection?: unknown) => compareWith(services, arg, selection));
}
