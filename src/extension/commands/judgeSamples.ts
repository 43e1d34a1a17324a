/**
 * Judge Fidelity of Re-queried Samples: the fidelity judge on the journaled samples of a record or
 * of the records the Inspector lists (args [uri, index or indexes]), as `judge --samples` does: the
 * label-correct ones are sent, each verdict journaled against its sample's key; samples judged
 * before are taken from the journal. Offered when a re-query ×k ends.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { COMMANDS } from '../ids';
import { runOnRecords } from '../llm/bulkRuns';
import { journalPathFor } from '../../core/llm/journal';
import { readSampleJournal, samplesOfRecord } from '../../core/llm/sampleJournal';
import { editorHints, groupFailures } from '../../core/llm/failures';
import type { FailureGroup } from '../../core/llm/failures';
import { indexesFromArg } from './requerySamplesFiltered';

interface JudgeSamplesReport {
  readonly samples: number;
  readonly judged: number;
  readonly fromJournal: number;
  readonly skipped: number;
  readonly failed: number;
  readonly failures: readonly FailureGroup[];
  readonly cancelled: boolean;
}

export function registerJudgeSamples(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.judgeSamples, async (uriArg?: unknown, which?: unknown): Promise<JudgeSamplesReport | undefined> => {
    const target = await sessionForCommand(services, uriArg, "judge the re-queried samples' fidelity");
    if (!target) return undefined;
    const one = indexFromArg(which);
    const indexes = (one !== undefined ? [one] : indexesFromArg(which) ?? services.filtered.get(target.uri))?.filter((i) => i < target.session.count);
    if (!indexes) {
      void vscode.window.showInformationMessage('Rationale Lens: open the file in the Inspector and filter it first.');
      return undefined;
    }
    const journal = await readSampleJournal(journalPathFor(target.session.path));
    const withSamples: number[] = [];
    let count = 0;
    for (const i of indexes) {
      const answered = samplesOfRecord(journal, await target.session.record(i)).filter((s) => s.raw !== null).length;
      if (answered > 0) withSamples.push(i);
      count += answered;
    }
    if (count === 0) {
      void vscode.window.showInformationMessage('Rationale Lens: these records have no re-queried sample to judge yet: run Re-query GenRM ×k first.');
      return undefined;
    }
    const summary = await runOnRecords(services, {
      uri: target.uri,
      role: 'fidelity',
      indexes: withSamples,
      refresh: false,
      samples: { journal, count },
      title: `Rationale Lens: judging the fidelity of ${count} re-queried sample${count === 1 ? '' : 's'}`,
      confirmCost: true,
    });
    if (!summary) return undefined;
    const p = summary.progress;
    return {
      samples: count,
      judged: summary.results.filter((r) => !r.resumed && r.key !== null).length,
      fromJournal: summary.results.filter((r) => r.resumed).length,
      skipped: p.skipped,
      failed: p.failed,
      failures: groupFailures(summary.results, editorHints('fidelity')),
      cancelled: summary.cancelled,
    };
  });
}
