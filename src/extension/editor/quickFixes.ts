/**
 * Quick fixes for Rationale Lens diagnostics: "Select format / field mapping…" for field and
 * verdict-field problems, "Add a verdict pattern…" for verdicts no pattern could read. The latter
 * is the command `rationaleLens.addVerdictPattern` ([uri?, pattern?]): it asks for a regular
 * expression, checks it with the same compiler the reader uses, and appends it to
 * `rationaleLens.verdictPatterns` in the workspace settings.
 */
import * as vscode from 'vscode';
import { compileUserPatterns } from '../../core/record/verdict';
import type { Services } from '../services';
import { activeEvaluationUri, uriFromArg } from './evaluationFiles';
import { CODES, DIAGNOSTIC_SOURCE } from './diagnostics';
import { COMMANDS } from '../ids';

/** Validates one pattern: a message when it cannot be used, else undefined. */
function patternProblem(source: string): string | undefined {
  if (!source.trim()) return 'Type a regular expression with a capture group for the verdict, e.g. Winner: Response (?<verdict>[12])';
  const { errors } = compileUserPatterns([source]);
  return errors[0]?.replace(/^verdict pattern 1 /, 'This pattern ');
}

/** Appends a verdict pattern at workspace level (user level when no folder is open). */
async function addVerdictPattern(uriArg?: unknown, patternArg?: unknown): Promise<boolean> {
  const uri = uriFromArg(uriArg) ?? activeEvaluationUri();
  let pattern = typeof patternArg === 'string' ? patternArg : undefined;
  if (pattern === undefined) {
    pattern = await vscode.window.showInputBox({
      title: 'Rationale Lens: Add a Verdict Pattern',
      prompt: 'A regular expression (case-insensitive) with a capture group for the verdict token (A/B, 1/2, tie…). The last match in the text wins.',
      placeHolder: 'Winner: Response (?<verdict>[12])',
      validateInput: (value) => patternProblem(value),
      ignoreFocusOut: true,
    });
    if (pattern === undefined) return false;
  }
  const problem = patternProblem(pattern);
  if (problem) {
    void vscode.window.showErrorMessage(`Rationale Lens: ${problem}`);
    return false;
  }
  const config = vscode.workspace.getConfiguration('rationaleLens', uri);
  const inspected = config.inspect<string[]>('verdictPatterns');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  if (current.includes(pattern)) {
    void vscode.window.showInformationMessage('Rationale Lens: that verdict pattern is already in the settings.');
    return true;
  }
  await config.update('verdictPatterns', [...current, pattern], target);
  // The session registry re-reads evaluation files when rationaleLens settings change.
  void vscode.window.setStatusBarMessage(`Rationale Lens: verdict pattern added to the ${target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} settings; re-reading the file…`, 5000);
  return true;
}

class EvaluationQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    let format: vscode.CodeAction | undefined;
    let pattern: vscode.CodeAction | undefined;
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if ((d.code === CODES.field || d.code === CODES.noVerdict) && !format) {
        format = new vscode.CodeAction('Select format / field mapping…', vscode.CodeActionKind.QuickFix);
        format.command = { title: 'Select Format / Field Mapping', command: COMMANDS.selectFormat, arguments: [document.uri] };
        format.diagnostics = [d];
        actions.push(format);
      } else if (d.code === CODES.unparseable && !pattern) {
        pattern = new vscode.CodeAction('Add a verdict pattern…', vscode.CodeActionKind.QuickFix);
        pattern.command = { title: 'Add a Verdict Pattern', command: COMMANDS.addVerdictPattern, arguments: [document.uri] };
        pattern.diagnostics = [d];
        pattern.isPreferred = true;
        actions.push(pattern);
      }
    }
    return actions;
  }
}

export function registerQuickFixes(_services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: '**/*.{jsonl,json}' }, new EvaluationQuickFixes(), {
      providedCodeActionKinds: EvaluationQuickFixes.kinds,
    }),
    vscode.commands.registerCommand(COMMANDS.addVerdictPattern, (uri?: unknown, pattern?: unknown) => addVerdictPattern(uri, pattern)),
  );
}
