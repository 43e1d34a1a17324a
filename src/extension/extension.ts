import type * as vscode from 'vscode';
import { SessionRegistry } from './sessions';

/** Services built once in `activate` and handed to every feature. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly sessions: SessionRegistry;
}

// Thin activation: build the shared services, then each feature registers itself and returns a Disposable.
export function activate(context: vscode.ExtensionContext): void {
  const sessions = new SessionRegistry();
  const services: Services = { context, sessions };
  context.subscriptions.push(sessions, ...FEATURES.map((register) => register(services)));
}

/** Every feature: `(services) => Disposable`. Add new ones here. */
const FEATURES: ((services: Services) => vscode.Disposable)[] = [];

export function deactivate(): void {
  // Nothing to release: every feature is a Disposable in context.subscriptions.
}
