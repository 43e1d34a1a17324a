import type * as vscode from 'vscode';

// Thin activation: features register themselves and return Disposables.
export function activate(context: vscode.ExtensionContext): void {
  void context;
}

export function deactivate(): void {
  // Nothing to release: every feature is a Disposable in context.subscriptions.
}
