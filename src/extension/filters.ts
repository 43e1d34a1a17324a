/** The records each open Inspector currently shows (after filters and search), for "… Filtered Records" commands. */
import type * as vscode from 'vscode';

export class FilteredRecords {
  private readonly byFile = new Map<string, readonly number[]>();

  set(uri: vscode.Uri, indexes: readonly number[]): void {
    this.byFile.set(uri.fsPath, indexes);
  }

  get(uri: vscode.Uri): readonly number[] | undefined {
    return this.byFile.get(uri.fsPath);
  }

  clear(uri: vscode.Uri): void {
    this.byFile.delete(uri.fsPath);
  }
}
