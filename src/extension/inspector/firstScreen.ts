/**
 * The Inspector's first screen gets the cores: from "Open Inspector" until its first record is sent,
 * background readers (the file's index worker, the status bar's whole-file tally workers) wait
 * between batches. On two cores they otherwise slow the webview's start and the first record several
 * times over (docs/ARCHITECTURE.md, "The first screen").
 */
import type * as vscode from 'vscode';
import type { SessionRegistry } from '../sessions';

/** The longest a first screen holds the background back (a hidden webview may never ask for a record). */
const FIRST_SCREEN_MS = 3000;

/** The command's hold, from its start until a panel takes over (VS Code creates the panel later). */
const OPENING = 'open inspector';

let opened = 0;

/**
 * Called when the Open Inspector command starts, before VS Code opens the editor: the file's read
 * starts now (opening it, recognizing its format, starting its index worker), not once VS Code has
 * resolved the custom editor (60–430 ms later), so its record 0 is there sooner (firstPage.ts).
 */
export function holdForOpening(sessions: SessionRegistry, uri: vscode.Uri, log: vscode.LogOutputChannel): void {
  log.info(`Inspector: opening ${uri.fsPath} (the command; the panel's times below count from VS Code's resolveCustomEditor)`);
  sessions.background.hold(OPENING, FIRST_SCREEN_MS);
  sessions.get(uri).catch(() => undefined); // a file that cannot be read: the Inspector says why
}

export class FirstScreen {
  /** This panel's name among the holders: two Inspectors never end each other's hold. */
  private readonly holder = `inspector ${++opened}`;

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly uri: vscode.Uri,
  ) {}

  begin(): void {
    this.sessions.background.hold(this.holder, FIRST_SCREEN_MS);
    this.sessions.pauseIndexing(this.uri, FIRST_SCREEN_MS);
  }

  /** The first record is on its way (or never will be): background readers go on. */
  end(): void {
    this.sessions.background.release(this.holder);
    this.sessions.background.release(OPENING);
    this.sessions.resumeIndexing(this.uri);
  }
}
