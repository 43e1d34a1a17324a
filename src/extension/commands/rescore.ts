/**
 * Judge Never-Judged Records (label-correct records no fidelity judge has answered), Re-judge
 * Failed Records (label-correct records whose fidelity call failed or could not be read: CallFail,
 * ParseFail), Re-score Spurious (ask the judge again about label-correct, misaligned records) and
 * Re-score Filtered Records (what the Inspector shows). Never-judged and judge-failed records are
 * two runs on purpose: F-Score counts the first as not aligned and leaves the second out, and a
 * failure usually wants its cause fixed (endpoint, template, token limit) before it is asked again.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionForCommand } from '../editor/evaluationFiles';
import { runOnRecords } from '../llm/bulkRuns';
import { COMMANDS } from '../ids';
import { isLabelCorrectKind } from '../../core/record/record';

type Selection = 'never-judged' | 'judge-failed' | 'spurious' | 'filtered';

const TITLES: Record<Selection, string> = {
  'never-judged': 'Rationale Lens: judging label-correct records no fidelity judge has answered',
  'judge-failed': 'Rationale Lens: re-judging records whose fidelity judge failed (CallFail/ParseFail)',
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
      indexes = shown.filter((i) => isLabelCorrectKind(session.kindOf(i)));
    } else {
      indexes = session.filter([selection], null);
    }
    // A journaled ParseFail would be read back as it is: a failure is asked again (refresh).
    await runOnRecords(services, { uri, role: 'fidelity', indexes, refresh: selection !== 'never-judged', title: TITLES[selection], confirmCost: true });
  });
}

export function registerRescoreFile(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rescoreFile, 'never-judged');
}

export function registerRejudgeFailed(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rejudgeFailed, 'judge-failed');
}

export function registerRescoreSpurious(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rescoreSpurious, 'spurious');
}

export function registerRescoreFiltered(services: Services): vscode.Disposable {
  return register(services, COMMANDS.rescoreFiltered, 'filtered');
}
