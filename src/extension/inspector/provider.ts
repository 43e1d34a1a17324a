/** The Inspector custom editor: a read-only view of an evaluation file (`rationaleLens.inspector`). */
import * as vscode from 'vscode';
import { noteMarksLocationOnce } from '../marksNotice';
import type { Services } from '../services';
import { alignWithModel } from './alignWithModel';
import { InspectorPanel } from './panel';
import { VIEW_TYPES } from '../ids';
import { fileOfInspectorUri, inspectorUri } from './inspectorUri';
import { registerTextReopen } from './textReopen';


class InspectorDocument implements vscode.CustomDocument {
  /** `uri`: the tab's (an Inspector URI, or the file's own after "Reopen Editor With"); `file`: the file shown. */
  constructor(
    readonly uri: vscode.Uri,
    readonly file: vscode.Uri = fileOfInspectorUri(uri),
  ) {}
  dispose(): void {
    // The DatasetSession belongs to the SessionRegistry, shared with other features.
  }
}

export class InspectorProvider implements vscode.CustomReadonlyEditorProvider<InspectorDocument>, vscode.Disposable {
  private readonly panels = new Set<InspectorPanel>();
  /** The URI each open Inspector's tab was opened on (showRecord reopens that tab, not a second one). */
  private readonly tabUris = new WeakMap<InspectorPanel, vscode.Uri>();
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
    return { provider, disposable: vscode.Disposable.from(registration, registerTextReopen(), provider) };
  }

  openCustomDocument(uri: vscode.Uri): InspectorDocument {
    return new InspectorDocument(uri);
  }

  resolveCustomEditor(document: InspectorDocument, webviewPanel: vscode.WebviewPanel): void {
    const panel = new InspectorPanel(document.file, webviewPanel, {
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
    this.tabUris.set(panel, document.uri);
    webviewPanel.onDidDispose(() => {
      this.panels.delete(panel);
      panel.dispose();
    });
    const key = document.file.toString();
    const pending = this.pendingSelect.get(key);
    if (pending !== undefined) {
      this.pendingSelect.delete(key);
      panel.select(pending);
    }
  }

  /** Opens the Inspector on `uri` (or focuses it) and shows record `index`. */
  async showRecord(uri: vscode.Uri, index: number): Promise<void> {
    const key = uri.toString();
    const openOn = () => [...this.panels].filter((p) => p.uri.toString() === key);
    const before = openOn();
    const shown = before.find((p) => p.panel.active) ?? before[0];
    this.pendingSelect.set(key, index);
    await vscode.commands.executeCommand('vscode.openWith', (shown && this.tabUris.get(shown)) ?? inspectorUri(uri), VIEW_TYPES.inspector);
    if (!this.pendingSelect.has(key)) return; // a new Inspector took it
    this.pendingSelect.delete(key);
    const open = openOn();
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
