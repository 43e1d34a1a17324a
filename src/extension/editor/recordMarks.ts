/**
 * Gutter and overview-ruler marks on the first line of spurious (label-correct, misaligned),
 * label-wrong and unparseable records: one dot per record, in the Inspector's class colours (its
 * list draws the same dots), never VS Code's error/warning/info glyphs, which mean something else.
 * The ruler takes the theme colours (`rationaleLens.*Foreground`); gutter icons are SVG files in
 * the default light/dark colours, since an icon cannot take a theme colour. The hover carries the
 * legend. Big files get marks only around the visible ranges. `rationaleLens.marks.enabled` turns
 * them on and off live.
 */
import * as vscode from 'vscode';
import type { RecordKind } from '../../core/record/record';
import type { DatasetSession } from '../../core/session/session';
import type { Services } from '../services';
import { SessionRegistry } from '../sessions';
import { isUnrecognized, loadedSession } from '../../core/session/sessionState';

type MarkedKind = Extract<RecordKind, 'spurious' | 'label-wrong' | 'unparseable'>;
const MARKED: readonly MarkedKind[] = ['spurious', 'label-wrong', 'unparseable'];
const COLORS: Record<MarkedKind, string> = {
  spurious: 'rationaleLens.spuriousForeground',
  'label-wrong': 'rationaleLens.labelWrongForeground',
  unparseable: 'rationaleLens.unparseableForeground',
};
/** Above this many marked records, only those within VISIBLE_MARGIN lines of the visible ranges are decorated. */
const MAX_MARKS_EVERYWHERE = 10_000;
const VISIBLE_MARGIN = 300;

export function marksEnabled(uri?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('rationaleLens', uri).get<boolean>('marks.enabled', true);
}

function decorationType(context: vscode.ExtensionContext, kind: MarkedKind): vscode.TextEditorDecorationType {
  const icon = (theme: string) => vscode.Uri.joinPath(context.extensionUri, 'media', 'marks', `${kind}-${theme}.svg`);
  // Not isWholeLine: a whole-line decoration repeats its icon on every wrapped row of a long record;
  // an empty range at column 0 marks its first row only.
  return vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor(COLORS[kind]),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    gutterIconSize: '70%',
    light: { gutterIconPath: icon('light') },
    dark: { gutterIconPath: icon('dark') },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

/** 0-based first lines of the records of each marked kind. */
function markedLines(session: DatasetSession): Map<MarkedKind, number[]> {
  const out = new Map<MarkedKind, number[]>(MARKED.map((k) => [k, []]));
  for (let i = 0; i < session.count; i++) {
    const kind = session.kindOf(i);
    if (kind === 'spurious' || kind === 'label-wrong' || kind === 'unparseable') out.get(kind)?.push(session.row(i).line - 1);
  }
  return out;
}

export function registerRecordMarks(services: Services): vscode.Disposable {
  const { sessions, context } = services;
  const types = new Map<MarkedKind, vscode.TextEditorDecorationType>(MARKED.map((k) => [k, decorationType(context, k)]));
  /** Marked lines per session, recomputed when the session's verdicts change. */
  const linesCache = new WeakMap<DatasetSession, { lines: Map<MarkedKind, number[]>; total: number }>();
  const visibleTimers = new Map<vscode.TextEditor, NodeJS.Timeout>();

  const clear = (editor: vscode.TextEditor) => {
    for (const type of types.values()) editor.setDecorations(type, []);
  };

  const linesOf = (session: DatasetSession) => {
    let entry = linesCache.get(session);
    if (!entry) {
      const lines = markedLines(session);
      entry = { lines, total: [...lines.values()].reduce((a, l) => a + l.length, 0) };
      linesCache.set(session, entry);
    }
    return entry;
  };

  const decorate = (editor: vscode.TextEditor) => {
    const uri = editor.document.uri;
    if (!SessionRegistry.isCandidate(uri) || isUnrecognized(sessions.state(uri))) return;
    if (!marksEnabled(uri)) return clear(editor);
    const session = loadedSession(sessions.state(uri));
    if (!session) {
      sessions.get(uri).then(
        () => undefined, // the 'loaded' event redraws
        () => clear(editor),
      );
      return;
    }
    const { lines, total } = linesOf(session);
    const lineCount = editor.document.lineCount;
    let keep = (line: number) => line < lineCount;
    if (total > MAX_MARKS_EVERYWHERE) {
      const spans = editor.visibleRanges.map((r) => [r.start.line - VISIBLE_MARGIN, r.end.line + VISIBLE_MARGIN] as const);
      keep = (line) => line < lineCount && spans.some(([a, b]) => line >= a && line <= b);
    }
    for (const [kind, type] of types) {
      const ranges = (lines.get(kind) ?? []).filter(keep).map((l) => new vscode.Range(l, 0, l, 0));
      editor.setDecorations(type, ranges);
    }
  };

  const decorateAll = () => vscode.window.visibleTextEditors.forEach(decorate);

  decorateAll();
  return vscode.Disposable.from(
    ...types.values(),
    vscode.window.onDidChangeVisibleTextEditors(decorateAll),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const session = loadedSession(sessions.state(e.textEditor.document.uri));
      if (!session || linesOf(session).total <= MAX_MARKS_EVERYWHERE) return;
      clearTimeout(visibleTimers.get(e.textEditor));
      visibleTimers.set(
        e.textEditor,
        setTimeout(() => {
          visibleTimers.delete(e.textEditor);
          decorate(e.textEditor);
        }, 60),
      );
    }),
    sessions.onDidChangeState(({ uri, state }) => {
      // Loaded (or its verdicts changed): redraw. Failed: clear (never read again from here, which would loop).
      if (state.phase !== 'loaded' && state.phase !== 'failed') return;
      if (state.phase === 'loaded') linesCache.delete(state.session);
      const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString());
      editors.forEach(state.phase === 'loaded' ? decorate : clear);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rationaleLens.marks.enabled')) decorateAll();
    }),
    { dispose: () => visibleTimers.forEach((t) => clearTimeout(t)) },
  );
}
