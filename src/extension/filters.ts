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
    this.shownByFile.delete(uri.fsPath);
  }

  private readonly shownByFile = new Map<string, number>();

  /** The record an Inspector of the file last showed (a record command from the palette acts on it). */
  setShown(uri: vscode.Uri, index: number): void {
    this.shownByFile.set(uri.fsPath, index);
  }

  shown(uri: vscode.Uri): number | undefined {
    return this.shownByFile.get(uri.fsPath);
  }
}
