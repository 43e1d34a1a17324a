/**
 * Where code that cannot throw to a caller says what failed: the extension passes its one
 * "Rationale Lens" log (a vscode LogOutputChannel fits this shape); the core never imports vscode.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** An error's message (or what was thrown, as text) for a log line. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A rejection handler for a promise nobody awaits: writes `<what>: <why>` to the log. */
export function logFailure(log: Logger | undefined, what: string): (err: unknown) => void {
  return (err) => log?.warn(`${what}: ${errorText(err)}`);
}
