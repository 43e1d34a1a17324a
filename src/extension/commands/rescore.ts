/**
 * Re-score File (judge every label-correct record without a verdict), Re-score Spurious (ask the
 * judge again about label-correct, misaligned records) and Re-score Filtered Records (what the
 * Inspector shows).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionForCommand } from '../editor/evaluationFiles';
import { runOnRecords } from '../llm/bulkRuns';
import { COMMANDS } from '../ids';

type Selection = 'unjudged' | 'spurious' | 'filtered';

const TITLES: Record<Selection, string> = {
  unjudged: 'Rationale Lens: judging label-correct records without a verdict',
  spurious: 'Rationale Lens: re-judging spurious records',
  filtered: 'Rationale Lens: judging the filtered records',
};

function register(services: Services, id: string, selection: Selection): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown) => {
    const target = await sessionForCommand(services, arg, 're-score');
    if (!target) return;
    const { uri, session } = target;
    let indexes: readonly number[];
    if (selection === 'filtered') {
      const shown = services.filtered.get(uri);
      if (!shown) {
        void vscode.window.showInformationMessage('Rationale Lens: open the file in the Inspector and filter it first.');
        return;
      }
      // Only label-correct records can be fidelity-judged (R-Align); the rest would be SkippedLabelMismatch.
      indexes = shown.filter((i) => ['aligned', 'spurious', 'unjudged'].includes(session.kindOf(i)));
    } else {
      indexes = session.filter([selection], null);
    }
    await runOnRecords(services, { uri, role: 'fidelity', indexes, refresh: selection !== 'unjudged', title: TITLES[selection], confirmCost: true });
  });
}

export function registerRescoreFile(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rescoreFile, 'unjudged');
}

export function registerRescoreSpurious(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rescoreSpurious, 'spurious');
}

export function registerRescoreFiltered(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rescoreFiltered, 'filtered');
}
