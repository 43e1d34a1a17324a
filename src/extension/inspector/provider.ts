/** The Inspector custom editor: a read-only view of an evaluation file (`rationaleLens.inspector`). */
import * as vscode from 'vscode';
import { noteMarksLocationOnce } from '../marksNotice';
import type { Services } from '../services';
import { alignWithModel } from './alignWithModel';
import { InspectorPanel } from './panel';
import { VIEW_TYPES } from '../ids';


class InspectorDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {
    // The DatasetSession belongs to the SessionRegistry, shared with other features.
  }
}

export class InspectorProvider implements vscode.CustomReadonlyEditorProvider<InspectorDocument>, vscode.Disposable {
  private readonly panels = new Set<InspectorPanel>();
  /** Records a command asked to show before the Inspector for that file existed. */
  private readonly pendingSelect = new Map<string, number>();

  constructor(private readonly services: Services) {}

  static register(services: Services): { provider: InspectorProvider; disposable: vscode.Disposable } {
    const provider = new InspectorProvider(services);
    const registration = vscode.window.registerCustomEditorProvider(VIEW_TYPES.inspector, provider, {
      // View state survives hiding through the webview's getState/setState, not a retained context.
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
    return { provider, disposable: vscode.Disposable.from(registration, provider) };
  }

  openCustomDocument(uri: vscode.Uri): InspectorDocument {
    return new InspectorDocument(uri);
  }

  resolveCustomEditor(document: InspectorDocument, webviewPanel: vscode.WebviewPanel): void {
    const panel = new InspectorPanel(document.uri, webviewPanel, {
      sessions: this.services.sessions,
      extensionUri: this.services.context.extensionUri,
      log: this.services.log,
      filtered: this.services.filtered,
      runs: this.services.runs,
      sampleRuns: this.services.sampleRuns,
      alignWithModel: alignWithModel(this.services.context),
      onMarked: (marksFile) => void noteMarksLocationOnce(this.services.context, marksFile),
    });
    this.panels.add(panel);
    webviewPanel.onDidDispose(() => {
      this.panels.delete(panel);
      panel.dispose();
    });
    const key = document.uri.toString();
    const pending = this.pendingSelect.get(key);
    if (pending !== undefined) {
      this.pendingSelect.delete(key);
      panel.select(pending);
    }
  }

  /** Opens the Inspector on `uri` (or focuses it) and shows record `index`. */
  async showRecord(uri: vscode.Uri, index: number): Promise<void> {
    const key = uri.toString();
    this.pendingSelect.set(key, index);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPES.inspector);
    if (!this.pendingSelect.has(key)) return; // a new Inspector took it
    this.pendingSelect.delete(key);
    const open = [...this.panels].filter((p) => p.uri.toString() === key);
    const target = open.find((p) => p.panel.active) ?? open[0];
    target?.select(index);
  }

  /** The Inspector on `uri` listing only `indexes` (an audit's sample), at the first of them; null ends it. */
  async restrictTo(uri: vscode.Uri, indexes: readonly number[] | null, note: string): Promise<void> {
    if (indexes?.length) await this.showRecord(uri, indexes[0] as number);
    for (const p of this.panels) if (p.uri.toString() === uri.toString()) p.restrictList(indexes, note);
  }

  dispose(): void {
    for (const panel of this.panels) panel.dispose();
    this.panels.clear();
  }
}
