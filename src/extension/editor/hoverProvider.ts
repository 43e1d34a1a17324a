/**
 * Hover on a record line (a JSONL line or any line of a JSON-array element): id, gold label vs
 * verdict, fidelity verdict and where it came from, a heuristic alignment coverage, the first
 * lines of the rationale and of the gold judgment, and command links limited to an allow-list.
 * Answered from the session index plus an LRU cache of rendered hovers; record text is escaped.
 */
import * as vscode from 'vscode';
import type { EvalRecord, Fidelity, Label, Verdict } from '../../core/record/record';
import type { RecordKind } from '../../core/record/record';
import { KIND_FSCORE, isLabelCorrectKind } from '../../core/record/vocabulary';
import type { DatasetSession } from '../../core/session/session';
import { removeThinking } from '../../core/record/thinking';
import type { Services } from '../services';
import { SessionRegistry } from '../sessions';
import { isEvaluationSession } from './evaluationFiles';
import { isUnrecognized, loadedSession, whenState } from '../../core/session/sessionState';
import { hoverArgumentLine } from '../../presentation/verdictArgument';
import { hoverCoverageLine } from '../../presentation/hoverCoverage';
import type { Logger } from '../../core/log/logger';
import { escapeMarkdown, quoteExcerpt } from '../../presentation/markdownText';
import { recordAt, recordRange } from './recordLocator';
import { marksEnabled } from './recordMarks';
import { COMMANDS } from '../ids';

/** The only commands a hover link may run. */
const HOVER_COMMANDS = [COMMANDS.openRecord, COMMANDS.rejudgeRecord, COMMANDS.markAligned, COMMANDS.markMisaligned, COMMANDS.copyRecordLink] as const;

const CACHE_SIZE = 512;
/** How long a hover waits for a file to load before saying it is still reading. */
const LOAD_WAIT_MS = 1500;

/** A small LRU: Map keeps insertion order, so re-inserting on a hit makes it the newest. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly size: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value as K);
  }
  deleteWhere(test: (key: K) => boolean): void {
    for (const k of [...this.map.keys()]) if (test(k)) this.map.delete(k);
  }
}

// The Inspector's class colours as coloured dots (VS Code's error/warning glyphs mean something else here).
const KIND_TEXT: Record<RecordKind, string> = {
  aligned: '🟢 label-correct, rationale aligned',
  spurious: '🟡 spurious: label-correct, rationale misaligned',
  'label-wrong': '🔴 label-wrong',
  'judge-failed': '⚪ judge failed: label-correct, the fidelity judge gave no usable verdict',
  'never-judged': '⚪ never judged: label-correct, no fidelity verdict yet',
  unparseable: '🔵 no readable verdict (counts as wrong)',
};

/** What the gutter dots mean: one on the first line of each record of these classes. */
const GUTTER_LEGEND = "Gutter: one dot on a record's first line · 🟡 spurious · 🔴 label-wrong · 🔵 unparseable (aligned, judge-failed and never-judged records have none)";

const label = (l: Label | Verdict) => (l === null ? 'none' : l === 'tie' ? 'tie' : l);

function commandLink(text: string, command: (typeof HOVER_COMMANDS)[number], args: unknown[], tooltip: string): string {
  return `[${text}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${tooltip}")`;
}

function originText(f: Fidelity): string {
  if (f.origin === 'human') return `human mark${f.note ? `: “${escapeMarkdown(f.note.slice(0, 120))}”` : ''}`;
  if (f.origin === 'llm') return `LLM judge${f.model ? ` ${escapeMarkdown(f.model)}` : ''}`;
  return 'from the file';
}

function fidelityLine(record: EvalRecord, kind: RecordKind): string {
  const f = record.fidelity;
  if (kind === 'label-wrong' || kind === 'unparseable') {
    const v = f?.verdict === 'SkippedLabelMismatch' ? ' (SkippedLabelMismatch)' : '';
    const why = kind === 'label-wrong' ? 'the verdict is wrong' : 'its verdict cannot be read';
    return `Fidelity: not judged, and it will not be: the fidelity judge reads only label-correct records, and ${why}${v}`;
  }
  if (!f) return record.goldRationales.length ? 'Fidelity: **not judged yet**' : 'Fidelity: **not judged**: the record has no gold judgment for the judge to compare with (a mark you make has no gold behind it)';
  const meaning = f.verdict === 'Correct' ? ' (aligned)' : f.verdict === 'Incorrect' ? ' (misaligned)' : '';
  const error = f.error ? `: ${escapeMarkdown(f.error.slice(0, 160))}` : '';
  const overrides = (f.overrides ?? []).map((o) => ` · overrides ${o.verdict} (${originText(o)})`).join('');
  return `Fidelity: **${f.verdict}**${meaning}${error} · ${originText(f)}${overrides}`;
}

function verdictLine(record: EvalRecord): string {
  const [primary, ...others] = record.judgments;
  if (!primary) return `Gold **${label(record.goldLabel)}** · no judgment in the record`;
  const swapped = others.find((j) => j.order === 'swapped');
  const source = primary.verdictSource === 'file' ? 'from the file' : 'parsed from the text';
  const disagree = primary.verdictSource === 'file' && primary.parsedVerdict !== null && primary.parsedVerdict !== primary.verdict ? ` (the text says ${label(primary.parsedVerdict)})` : '';
  const second = swapped ? ` · swapped order: **${label(swapped.verdict)}**` : '';
  return `Gold **${label(record.goldLabel)}** · verdict **${label(primary.verdict)}** ${source}${disagree}${second}`;
}

function renderRecordHover(uri: vscode.Uri, session: DatasetSession, record: EvalRecord, trusted: boolean, log?: Logger): vscode.MarkdownString {
  const row = session.row(record.index);
  const id = escapeMarkdown(record.id.length > 80 ? `${record.id.slice(0, 80)}…` : record.id);
  const subset = row.subset ? ` · subset ${escapeMarkdown(row.subset.slice(0, 60))}` : '';
  const lines: string[] = [];
  lines.push(`**Rationale Lens** · record **${id}** (${(record.index + 1).toLocaleString('en-US')} of ${session.count.toLocaleString('en-US')})${subset}`);
  lines.push(verdictLine(record));
  lines.push(`${KIND_TEXT[row.kind]} · ${KIND_FSCORE[row.kind]}`);
  lines.push(fidelityLine(record, row.kind));
  const coverage = hoverCoverageLine(record, log);
  if (coverage) lines.push(coverage);
  const argument = hoverArgumentLine(record);
  if (argument) lines.push(argument);
  if (marksEnabled(uri)) lines.push(`*${GUTTER_LEGEND}*`);
  const args = [uri.toJSON() as unknown, record.index];
  const links = [commandLink('$(preview) Open in Inspector', COMMANDS.openRecord, args, 'Open this record in the Rationale Lens Inspector'), commandLink('$(link) Copy Link', COMMANDS.copyRecordLink, args, 'Copy a link that opens this record in the Inspector')];
  // Fidelity is judged and marked on label-correct records only; Re-judge also needs a gold judgment.
  const labelCorrect = isLabelCorrectKind(row.kind);
  if (trusted && labelCorrect && record.goldRationales.length > 0) links.push(commandLink('$(sync) Re-judge', COMMANDS.rejudgeRecord, args, 'Ask the fidelity judge again'));
  if (labelCorrect) {
    links.push(commandLink('$(check) Mark aligned', COMMANDS.markAligned, args, 'Record a human fidelity verdict: aligned'));
    links.push(commandLink('$(close) Mark misaligned', COMMANDS.markMisaligned, args, 'Record a human fidelity verdict: misaligned'));
  }
  // Links before the excerpts, so they are in view without scrolling the hover.
  const md: string[] = [lines.join('\\\n'), '', links.join(' · '), '', '---', ''];
  const judgment = record.judgments[0];
  if (judgment) md.push(`**Rationale** (${escapeMarkdown(judgment.field)})`, '', quoteExcerpt(judgment.rationale || judgment.raw), '');
  const gold = record.goldRationales[0];
  if (gold !== undefined) md.push(`**Gold judgment**${record.goldRationales.length > 1 ? ` (1 of ${record.goldRationales.length})` : ''}`, '', quoteExcerpt(removeThinking(gold)));
  else md.push('*No gold judgment in this record.*');
  return trustedMarkdown(md.join('\n'));
}

function trustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  return md;
}

function plainMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, true);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

export class RecordHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Lru<string, vscode.MarkdownString>(CACHE_SIZE);

  constructor(private readonly services: Services) {}

  /** Drops cached hovers of a file (its records or verdicts changed). */
  invalidate(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}#`;
    this.cache.deleteWhere((k) => k.startsWith(prefix));
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const uri = document.uri;
    const { sessions } = this.services;
    if (!SessionRegistry.isCandidate(uri) || isUnrecognized(sessions.state(uri))) return undefined;
    let session = loadedSession(sessions.state(uri));
    if (!session) {
      // Starts the read; a failed one is logged by the registry, and the hover then says what it can below.
      sessions.get(uri).catch(() => undefined);
      session = await whenState(sessions.feed(uri), loadedSession, AbortSignal.timeout(LOAD_WAIT_MS)).catch(() => undefined);
      if (token.isCancellationRequested) return undefined;
      if (!session) {
        const state = sessions.state(uri);
        if (isUnrecognized(state)) return undefined;
        const n = state.phase === 'indexing' ? state.records : 0;
        return new vscode.Hover(plainMarkdown(`$(sync~spin) **Rationale Lens** is reading this file${n ? ` (${n.toLocaleString('en-US')} records so far)` : ''}; hover again in a moment.`));
      }
    }
    if (!isEvaluationSession(uri, session)) return undefined;
    const index = recordAt(session, document, position);
    if (index < 0) return undefined;
    const range = recordRange(session, document, index);
    const dirty = document.isDirty ? '\n\n*Unsaved changes: this describes the file as saved on disk.*' : '';
    const key = `${uri.toString()}#${index}#${vscode.workspace.isTrusted ? 't' : 'u'}`;
    let md = this.cache.get(key);
    if (!md) {
      try {
        const record = await session.record(index);
        md = renderRecordHover(uri, session, record, vscode.workspace.isTrusted, this.services.log);
        // A session replaced while reading (file reloaded) must not fill the cache with stale text.
        if (loadedSession(sessions.state(uri)) === session) this.cache.set(key, md);
      } catch (err) {
        return new vscode.Hover(plainMarkdown(`**Rationale Lens** cannot show record ${index + 1}: ${escapeMarkdown((err as Error).message)}`), range);
      }
    }
    if (!dirty) return new vscode.Hover(md, range);
    const withNote = trustedMarkdown(md.value + dirty);
    return new vscode.Hover(withNote, range);
  }
}

export function registerHoverProvider(services: Services): vscode.Disposable {
  const provider = new RecordHoverProvider(services);
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider({ scheme: 'file', pattern: '**/*.{jsonl,json}' }, provider),
    services.sessions.onDidChangeState((e) => e.state.phase !== 'indexing' && provider.invalidate(e.uri)),
  );
}
