/**
 * Problems panel entries for evaluation files: malformed lines and elements, missing or odd fields
 * (the session's ReadIssues, at their line and column) and records whose verdict cannot be read (at
 * the verdict field when it can be found in the text), then the records whose rationale argues for the
 * other response (contradictionDiagnostics.ts, the whole file in time slices). Kept while the file is
 * open in an editor tab.
 */
import * as vscode from 'vscode';
import { groupKey } from '../../core/dataset/issueGroups';
import type { ReadIssue } from '../../core/record/record';
import type { DatasetSession } from '../../core/session/session';
import type { Services } from '../services';
import { SessionRegistry } from '../sessions';
import { isEvaluationSession } from './evaluationFiles';
import { isUnrecognized, loadedSession } from '../../core/session/sessionState';
import { fileOfInspectorUri } from '../inspector/inspectorUri';
import { anchorAtRecord, recordOfLine } from './diagnosticAnchor';
import { recordAt, recordStart } from './recordLocator';
import { scanContradictions } from './contradictionDiagnostics';

export const DIAGNOSTIC_SOURCE = 'Rationale Lens';

/** Diagnostic codes, read by the quick fixes. */
export const CODES = {
  malformed: 'malformed',
  field: 'field',
  /** The verdict is parsed from the text and no pattern matched: a verdict pattern can fix it. */
  unparseable: 'unparseable-verdict',
  /** The file's verdict field is empty or not a verdict. */
  noVerdict: 'no-verdict',
  /** A rationale argues for the other response than its verdict (a heuristic reading). */
  contradicts: 'contradicts-verdict',
} as const;

/** Unparseable records read from disk for a precise message; the rest get a general one. */
const MAX_RECORDS_READ = 200;
/** A message repeated on more records than this is listed once, with its count. */
const REPEATS_LISTED = 3;
/** VS Code shows at most this many diagnostics per file; computing more is wasted work. */
const MAX_DIAGNOSTICS = 1000;

/** Where the primary verdict sits in a record, per format: a path of keys searched in order. */
const VERDICT_KEYS: Record<string, readonly string[]> = {
  'r-align': ['model_pred'],
  helpsteer3: ['model_pred'],
  judgebench: ['judgments', 'decision'],
  llmbar: ['swap = False', 'winner'],
  'mtbench-pair': ['g1_winner'],
};

/** Range of `"key": value` (a short scalar value included) after `from` in `text`, as offsets. */
function keySpan(text: string, key: string, from: number): { start: number; end: number } | undefined {
  const quoted = JSON.stringify(key);
  const start = text.indexOf(quoted, from);
  if (start < 0) return undefined;
  let end = start + quoted.length;
  const rest = /^\s*:\s*(null|true|false|-?\d[\d.eE+-]*|"(?:[^"\\]|\\.){0,60}")/.exec(text.slice(end, end + 80));
  if (rest) end += rest[0].length;
  return { start, end };
}

function keyPathSpan(text: string, keys: readonly string[]): { start: number; end: number } | undefined {
  let from = 0;
  let span: { start: number; end: number } | undefined;
  for (const key of keys) {
    span = keySpan(text, key, from);
    if (!span) return undefined;
    from = span.start + 1;
  }
  return span;
}

function unparseableMessage(format: string, source: 'file' | 'parser' | undefined, field: string | undefined, parsed: string | null | undefined, verdictKey: string | undefined): string {
  if (!source) return 'No judgment in this record: it counts as label-wrong.';
  if (source === 'file') {
    const key = verdictKey ?? 'verdict field';
    const text = parsed ? ` (the judgment text ends with a verdict for ${parsed}, but the ${format} scorer reads the field)` : '';
    return `No usable verdict in ${key}${text}: the record counts as label-wrong.`;
  }
  return `No verdict found in ${field ?? 'the judgment'}: no verdict pattern matches its text, so the record counts as label-wrong. If the judge writes its verdict another way, add a verdict pattern.`;
}

class EvaluationDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('rationaleLens');
  private readonly generation = new Map<string, number>();

  constructor(private readonly services: Services) {}

  /** Recomputes a file's diagnostics from its session (and its document, for precise ranges). */
  async update(uri: vscode.Uri, session: DatasetSession): Promise<void> {
    const key = uri.toString();
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    if (!isEvaluationSession(uri, session)) {
      this.collection.delete(uri);
      return;
    }
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const issueLines = new Set<number>();
    const groups = new Map(session.issueGroups.map((g) => [groupKey(g.first), g]));
    const diagnostics: vscode.Diagnostic[] = [];
    for (const issue of session.issues) {
      if (issue.field) issueLines.add(issue.line);
      // The same message on many records is one entry that says how many (the header's count).
      const g = groups.get(groupKey(issue));
      if (g && g.count > REPEATS_LISTED) {
        if (g.first !== issue && (g.first.line !== issue.line || g.first.column !== issue.column)) continue;
        diagnostics.push(this.atRecord(session, document, uri, issue, this.issueDiagnostic(session, document, { ...issue, message: `${issue.message} (${g.count.toLocaleString('en-US')} records with this ${issue.severity}: lines ${g.lines.join(', ')}, …)` })));
      } else diagnostics.push(this.atRecord(session, document, uri, issue, this.issueDiagnostic(session, document, issue)));
    }
    this.collection.set(uri, diagnostics);
    // Unparseable verdicts: read the first records for a precise message and range.
    const unparseable = session
      .filter(['unparseable'], null)
      .filter((i) => !issueLines.has(session.row(i).line))
      .slice(0, Math.max(0, MAX_DIAGNOSTICS - diagnostics.length));
    const format = session.dataset.adapter.name;
    const keys = VERDICT_KEYS[format] ?? (session.dataset.adapter.name === 'mapping' ? [] : ['model_pred']);
    for (const [n, index] of unparseable.entries()) {
      let source: 'file' | 'parser' | undefined = 'file';
      let field: string | undefined;
      let parsed: string | null | undefined;
      if (n < MAX_RECORDS_READ) {
        try {
          const record = await session.record(index);
          const j = record.judgments[0];
          source = j?.verdictSource;
          field = j?.field;
          parsed = j?.parsedVerdict;
        } catch {
          // changed on disk: a reload follows
        }
        if (this.generation.get(key) !== gen) return;
      }
      const path = source === 'parser' && field ? [/^[^.[]+/.exec(field)?.[0] ?? field] : keys;
      const range = this.verdictRange(session, document, index, path);
      const d = new vscode.Diagnostic(range, unparseableMessage(format, source, field, parsed, path[path.length - 1]), vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = source === 'parser' ? CODES.unparseable : CODES.noVerdict;
      diagnostics.push(anchorAtRecord(d, session, document, uri, index, 'the verdict'));
    }
    const stale = () => this.generation.get(key) !== gen;
    if (stale()) return;
    // In line order: VS Code keeps only the first 1,000 diagnostics of a file.
    const inOrder = (list: vscode.Diagnostic[]) => list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    this.collection.set(uri, inOrder([...diagnostics]));
    // Then every record's rationale against its verdict, the entries published as they are found.
    const verdictKeys = VERDICT_KEYS[format] ?? ['model_pred'];
    await scanContradictions(session, {
      room: MAX_DIAGNOSTICS - diagnostics.length,
      verdictRange: (index, field) => this.verdictRange(session, document, index, field ? [field] : verdictKeys),
      publish: (entries) => {
        if (!stale()) this.collection.set(uri, inOrder([...diagnostics, ...entries]));
      },
      stale,
      source: DIAGNOSTIC_SOURCE,
      code: CODES.contradicts,
    });
  }

  /** A record's issue (one with a field) sits on the record's id and names it; a malformed line stays where it is. */
  private atRecord(session: DatasetSession, document: vscode.TextDocument | undefined, uri: vscode.Uri, issue: ReadIssue, d: vscode.Diagnostic): vscode.Diagnostic {
    const index = issue.field ? recordOfLine(session, issue.line) : -1;
    return index < 0 ? d : anchorAtRecord(d, session, document, uri, index, issue.field ? `the field ${issue.field}` : 'the problem');
  }

  private issueDiagnostic(session: DatasetSession, document: vscode.TextDocument | undefined, issue: ReadIssue): vscode.Diagnostic {
    const line = Math.max(0, issue.line - 1);
    let range: vscode.Range;
    if (!document || line >= document.lineCount) {
      const col = Math.max(0, (issue.column ?? 1) - 1);
      range = new vscode.Range(line, col, line, col + 1);
    } else {
      const lineText = document.lineAt(line).text;
      // Columns count within the entry: a JSONL line, or a JSON-array element starting somewhere on its line.
      let start = new vscode.Position(line, 0);
      if (session.dataset.container === 'json-array') {
        const index = recordAt(session, document, new vscode.Position(line, lineText.length));
        start = index >= 0 && session.row(index).line === issue.line ? recordStart(session, document, index) : new vscode.Position(line, Math.max(0, lineText.search(/[^\s[,]/)));
      }
      if (issue.column !== undefined) {
        const at = document.positionAt(document.offsetAt(start) + issue.column - 1);
        const pos = at.line === line ? new vscode.Position(line, Math.min(at.character, lineText.length)) : at;
        const word = issue.field ? keySpan(document.lineAt(pos.line).text, issue.field.split(/[.[]/)[0] ?? '', pos.character) : undefined;
        range = word && word.start === pos.character ? new vscode.Range(pos.line, word.start, pos.line, word.end) : new vscode.Range(pos, pos.translate(0, pos.character < document.lineAt(pos.line).text.length ? 1 : 0));
      } else {
        const first = Math.max(0, lineText.search(/\S/));
        range = new vscode.Range(line, first, line, Math.min(lineText.length, first + 1));
      }
    }
    const d = new vscode.Diagnostic(range, issue.message, issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = issue.field && issue.field !== '(record)' ? CODES.field : CODES.malformed;
    return d;
  }

  private verdictRange(session: DatasetSession, document: vscode.TextDocument | undefined, index: number, keys: readonly string[]): vscode.Range {
    const line = session.row(index).line - 1;
    if (!document || line >= document.lineCount) return new vscode.Range(line, 0, line, 1);
    const start = recordStart(session, document, index);
    const loc = session.index.at(index);
    const text =
      session.dataset.container === 'jsonl'
        ? document.lineAt(line).text
        : document.getText(new vscode.Range(start, document.positionAt(document.offsetAt(start) + Math.min(4_000_000, (loc?.byteEnd ?? 0) - (loc?.byteStart ?? 0)))));
    const span = keys.length ? keyPathSpan(text, keys) : undefined;
    if (!span) return new vscode.Range(start, start.translate(0, 1));
    const base = document.offsetAt(start);
    return new vscode.Range(document.positionAt(base + span.start), document.positionAt(base + span.end));
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function isOpenInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => tabFile(t.input)?.toString() === key));
}

/** The file a text tab or a custom editor's tab (the Inspector's: its file, not its own URI) shows. */
function tabFile(input: unknown): vscode.Uri | undefined {
  if (input instanceof vscode.TabInputText) return input.uri;
  return input instanceof vscode.TabInputCustom ? fileOfInspectorUri(input.uri) : undefined;
}

export function registerDiagnostics(services: Services): vscode.Disposable {
  const { sessions } = services;
  const diagnostics = new EvaluationDiagnostics(services);

  const refresh = (uri: vscode.Uri) => {
    const session = loadedSession(sessions.state(uri));
    if (session && isOpenInTab(uri)) void diagnostics.update(uri, session);
  };
  const ensure = (uri: vscode.Uri) => {
    if (!SessionRegistry.isCandidate(uri) || isUnrecognized(sessions.state(uri))) return;
    if (loadedSession(sessions.state(uri))) return refresh(uri);
    sessions.get(uri).then(
      () => refresh(uri), // the 'loaded' event may come before a document is in a tab
      () => undefined, // no problems to show for a file that does not load: the registry logs why, the status bar says it
    );
  };
  const ensureTabs = () => {
    for (const group of vscode.window.tabGroups.all)
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) ensure(tab.input.uri);
  };

  ensureTabs();
  return vscode.Disposable.from(
    diagnostics,
    sessions.onDidChangeState((e) => e.state.phase === 'loaded' && refresh(e.uri)),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) if (tab.input instanceof vscode.TabInputText) ensure(tab.input.uri);
      for (const tab of e.closed) {
        const file = tabFile(tab.input);
        if (file && !isOpenInTab(file)) diagnostics.collection.delete(file);
      }
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (isOpenInTab(d.uri)) ensure(d.uri);
    }),
  );
}
