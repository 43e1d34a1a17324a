/**
 * "Audit the Fidelity Judge…": a seeded sample of label-correct records the judge gave a verdict
 * on, stratified by that verdict, listed alone in the Inspector for the user to mark in turn (a / m).
 * The header's audit line (κ, agreement, 2×2) updates with every mark; "End Audit" lists all again.
 */
import * as vscode from 'vscode';
import { auditSample } from '../../core/verdicts/judgeAudit';
import type { InspectorProvider } from '../inspector/provider';
import type { Services } from '../services';
import { sessionForCommand } from '../editor/evaluationFiles';
import { COMMANDS } from '../ids';

const SEED = 1;

async function auditJudge(services: Services, provider: InspectorProvider, arg?: unknown): Promise<void> {
  const target = await sessionForCommand(services, arg, 'audit the fidelity judge');
  if (!target) return;
  const { uri, session } = target;
  const candidates: { index: number; verdict: 'Correct' | 'Incorrect' }[] = [];
  for (let i = 0; i < session.count; i++) {
    const row = session.row(i);
    // The judge's own verdicts (file or LLM), on label-correct records nobody has marked yet.
    if (row.fidelityOrigin === 'human' || (row.kind !== 'aligned' && row.kind !== 'spurious')) continue;
    candidates.push({ index: i, verdict: row.kind === 'aligned' ? 'Correct' : 'Incorrect' });
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Rationale Lens: no label-correct record here has a fidelity verdict from the judge that nobody marked yet: nothing to audit.');
    return;
  }
  const answer = await vscode.window.showInputBox({
    title: 'Audit the Fidelity Judge',
    prompt: `How many records to mark (of ${candidates.length} the judge gave a verdict on)? Half are drawn from those it called aligned, half from misaligned (seed ${SEED}).`,
    value: String(Math.min(20, candidates.length)),
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 2 ? null : 'a whole number of at least 2'),
  });
  if (answer === undefined) return;
  const sample = auditSample(candidates, Math.min(Number(answer), candidates.length), SEED);
  const note = `audit of the fidelity judge: ${sample.length} label-correct records sampled (seed ${SEED}, stratified by the judge's verdict); mark each one aligned (a) or misaligned (m) by your own reading: the header shows your agreement with the judge; run "End Audit" to list every record again`;
  await provider.restrictTo(uri, sample, note);
}

export function registerAuditJudge(services: Services, provider: InspectorProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.auditJudge, (arg?: unknown) => auditJudge(services, provider, arg)),
    vscode.commands.registerCommand(COMMANDS.endAudit, async (arg?: unknown) => {
      const target = await sessionForCommand(services, arg, 'end the audit');
      if (target) await provider.restrictTo(target.uri, null, '');
    }),
  );
}
