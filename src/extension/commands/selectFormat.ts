/**
 * Rationale Lens: Select Format / Field Mapping — pins `rationaleLens.format` (auto or a format
 * name) or `rationaleLens.fieldMapping` (a JSON mapping file) for the file's workspace folder.
 * The session registry re-reads open evaluation files when the settings change.
 */
import { relative } from 'node:path';
import * as vscode from 'vscode';
import { FORMAT_NAMES } from '../../core/formats';
import { loadedSession } from '../../core/session/sessionState';
import { insideAnyFolder, isInsideFolder } from '../../core/io/folderContainment';
import type { Services } from '../services';
import { activeEvaluationUri, fileName, uriFromArg } from '../editor/evaluationFiles';
import { COMMANDS } from '../ids';

const DESCRIPTIONS: Record<string, string> = {
  'r-align': 'R-Align: gt_label, gt_judgment, model_judgment, model_pred, metarm_*',
  judgebench: 'JudgeBench outputs: label A>B, two judgments (original and swapped)',
  llmbar: 'LLMBar result.json: output_1/2, label 1|2, results',
  'mtbench-pair': 'MT-Bench pairwise judgments: g1_winner, g2_winner',
  helpsteer3: 'HelpSteer3-Preference: overall_preference, individual_preference',
  rewardbench: 'RewardBench-style: chosen, rejected',
  'mm-rewardbench': 'Multimodal RewardBench: ID, Label, output',
  'trl-ralign': 'trl-ralign predictions.jsonl: predicted_label, label_correct, rationale_correct',
  'vl-rewardbench': 'VL-RewardBench inference output: k rows per id, meta.filter_choice, meta.flag_status',
  'rewardbench2-generative': 'RewardBench 2 generative per-prompt results (column-oriented JSON): results, scores, subset',
};

interface Item extends vscode.QuickPickItem {
  readonly value: string | { mapping: true };
}

/** The settings level to write: the file's workspace folder, else the workspace, else the user settings. */
function targetFor(uri: vscode.Uri | undefined): vscode.ConfigurationTarget {
  if (uri && vscode.workspace.getWorkspaceFolder(uri)) return vscode.ConfigurationTarget.WorkspaceFolder;
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

/** Writes the choice; `format` clears a mapping at the same level (a mapping overrides the format). */
export async function applyFormatChoice(uri: vscode.Uri | undefined, choice: { format: string } | { mapping: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration('rationaleLens', uri);
  const target = targetFor(uri);
  if ('format' in choice) {
    await config.update('fieldMapping', undefined, target);
    await config.update('format', choice.format === 'auto' ? undefined : choice.format, target);
    const mapping = config.get<string>('fieldMapping', '').trim();
    if (mapping) void vscode.window.showWarningMessage(`Rationale Lens: a field mapping (${mapping}) set at another settings level still overrides the format.`);
  } else {
    await config.update('fieldMapping', choice.mapping, target);
    if (!vscode.workspace.isTrusted) void vscode.window.showWarningMessage('Rationale Lens: field mappings are used only in a trusted workspace.');
  }
}

async function selectFormat(services: Services, arg?: unknown): Promise<void> {
  const uri = uriFromArg(arg) ?? activeEvaluationUri();
  const config = vscode.workspace.getConfiguration('rationaleLens', uri);
  const pinned = config.get<string>('format', 'auto');
  const mapping = config.get<string>('fieldMapping', '').trim();
  const detected = uri ? loadedSession(services.sessions.state(uri))?.dataset.adapter.name : undefined;
  const mark = (on: boolean) => (on ? '$(check) ' : '');
  const items: Item[] = [
    { label: `${mark(!mapping && pinned === 'auto')}auto`, description: detected && pinned === 'auto' && !mapping ? `detected: ${detected}` : 'detect the format from the first records', value: 'auto' },
    ...FORMAT_NAMES.map((name) => ({ label: `${mark(!mapping && pinned === name)}${name}`, description: DESCRIPTIONS[name] ?? '', value: name })),
    { label: '', kind: vscode.QuickPickItemKind.Separator, value: '' },
    { label: `${mark(!!mapping)}Field mapping file…`, description: mapping || 'a JSON file naming the fields of another layout', value: { mapping: true } },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Rationale Lens: Format${uri ? ` of ${fileName(uri)}` : ''} (saved in the ${targetFor(uri) === vscode.ConfigurationTarget.Global ? 'user' : 'workspace folder'} settings)`,
    placeHolder: 'How should evaluation files be read?',
    matchOnDescription: true,
  });
  if (!picked) return;
  if (typeof picked.value === 'string') return applyFormatChoice(uri, { format: picked.value });
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
  const files = await vscode.window.showOpenDialog({
    title: 'Field mapping file (JSON)',
    canSelectMany: false,
    filters: { 'Field mapping (JSON)': ['json'] },
    ...(folder ? { defaultUri: folder.uri } : {}),
  });
  const file = files?.[0];
  if (!file) return;
  // Saved relative to the folder only when the file is inside it (links resolved); else by its full path.
  const inFolder = !!folder && isInsideFolder(file.fsPath, folder.uri.fsPath) && (await insideAnyFolder(file.fsPath, [folder.uri.fsPath])).inside;
  await applyFormatChoice(uri, { mapping: folder && inFolder ? relative(folder.uri.fsPath, file.fsPath) : file.fsPath });
}

export function registerSelectFormat(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.selectFormat, (arg?: unknown) => selectFormat(services, arg));
}
