/**
 * How far the fidelity judge can be trusted: its verdicts (the LLM judge's, else the file's) on the
 * records people also marked, as a 2×2 table, raw agreement and Cohen's κ with a seeded bootstrap
 * interval. The paper validates its meta-judge against nobody; this is where the user can.
 */
import type { Fidelity, FidelityVerdict } from './record';
import type { Interval } from './metrics';
import { bootstrapCounts, mulberry32, percentile } from './pairedStats';

export interface JudgeAudit {
  /** Records with both a judge verdict (Correct/Incorrect) and a human mark. */
  readonly n: number;
  /** [judge][human]: aligned (Correct) or misaligned (Incorrect). */
  readonly table: { readonly aligned: { readonly aligned: number; readonly misaligned: number }; readonly misaligned: { readonly aligned: number; readonly misaligned: number } };
  readonly agreement: number | null;
  readonly kappa: number | null;
  /** 95% percentile bootstrap interval of κ (2,000 resamples, seed 1). */
  readonly kappaInterval: Interval | null;
  /** Whose verdicts were audited. */
  readonly judgeOrigins: { readonly llm: number; readonly file: number };
}

const RESAMPLES = 2000;

/** κ from the four cells [judge aligned & human aligned, ja & hm, jm & ha, jm & hm]. */
function kappaOf(aa: number, am: number, ma: number, mm: number): number | null {
  const n = aa + am + ma + mm;
  if (n === 0) return null;
  const po = (aa + mm) / n;
  const pe = ((aa + am) * (aa + ma) + (ma + mm) * (am + mm)) / (n * n);
  return pe < 1 ? (po - pe) / (1 - pe) : null;
}

export class AuditTally {
  private readonly cells = [0, 0, 0, 0];
  private readonly origins = { llm: 0, file: 0 };

  /** One marked record: the judge's verdict under the mark (if any) and the mark. */
  add(judge: Fidelity | null | undefined, human: FidelityVerdict): void {
    if (!judge || (judge.origin !== 'llm' && judge.origin !== 'file')) return;
    if ((judge.verdict !== 'Correct' && judge.verdict !== 'Incorrect') || (human !== 'Correct' && human !== 'Incorrect')) return;
    this.cells[(judge.verdict === 'Correct' ? 0 : 2) + (human === 'Correct' ? 0 : 1)]!++;
    this.origins[judge.origin]++;
  }

  result(): JudgeAudit | null {
    const [aa, am, ma, mm] = this.cells as [number, number, number, number];
    const n = aa + am + ma + mm;
    if (n === 0) return null;
    return {
      n,
      table: { aligned: { aligned: aa, misaligned: am }, misaligned: { aligned: ma, misaligned: mm } },
      agreement: (aa + mm) / n,
      kappa: kappaOf(aa, am, ma, mm),
      kappaInterval: bootstrapKappa([aa, am, ma, mm]),
      judgeOrigins: { ...this.origins },
    };
  }
}

/** The audit of a file's marks: `judgeOf` gives the judge's verdict under a mark (LLM, else the file's). */
export function auditMarks(marks: ReadonlyMap<number, { readonly verdict: FidelityVerdict | null }>, records: number, judgeOf: (index: number) => Fidelity | null | undefined): JudgeAudit | null {
  const tally = new AuditTally();
  for (const [index, mark] of marks) if (mark.verdict && index < records) tally.add(judgeOf(index), mark.verdict);
  return tally.result();
}

/** Resamples the n pairs with replacement; resamples where κ is undefined (one class only) are left out. */
function bootstrapKappa(cells: readonly number[]): Interval | null {
  // The pairs as codes in cell order: drawing position u picks the cell whose range holds u.
  const codes = Uint8Array.from(cells.flatMap((count, cell) => Array<number>(count).fill(cell)));
  const sorted = bootstrapCounts(codes, 4, RESAMPLES, 1, (c) => kappaOf(c[0]!, c[1]!, c[2]!, c[3]!));
  if (sorted.length < RESAMPLES / 2) return null;
  return [percentile(sorted, 0.025), percentile(sorted, 0.975)];
}

/** "judge vs human marks: κ 0.62 [0.41–0.80] · agreement 85.0% (17/20) · judge aligned: 12 agreed, 2 not; judge misaligned: 5 agreed, 1 not" */
export function formatAudit(a: JudgeAudit): string {
  const k = a.kappa === null ? 'κ n/a (one class only)' : `κ ${a.kappa.toFixed(2)}${a.kappaInterval ? ` [${a.kappaInterval[0].toFixed(2)}–${a.kappaInterval[1].toFixed(2)}]` : ''}`;
  const agreed = a.table.aligned.aligned + a.table.misaligned.misaligned;
  const who = [a.judgeOrigins.llm ? `${a.judgeOrigins.llm} LLM` : '', a.judgeOrigins.file ? `${a.judgeOrigins.file} file` : ''].filter(Boolean).join(' + ');
  return `fidelity judge vs human marks (${who} verdicts): ${k} · agreement ${((a.agreement ?? 0) * 100).toFixed(1)}% (${agreed}/${a.n}) · judge aligned: ${a.table.aligned.aligned} agreed, ${a.table.aligned.misaligned} marked misaligned · judge misaligned: ${a.table.misaligned.misaligned} agreed, ${a.table.misaligned.aligned} marked aligned`;
}

/**
 * Records to audit: `n` label-correct records the judge gave a verdict on, stratified by that verdict
 * (half it called aligned, half misaligned, the rest from the other stratum when one runs short),
 * each stratum shuffled with a seeded generator. Returned in file order.
 */
export function auditSample(candidates: readonly { readonly index: number; readonly verdict: 'Correct' | 'Incorrect' }[], n: number, seed: number): number[] {
  const random = mulberry32(seed);
  const shuffled = (list: number[]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j] as number, list[i] as number];
    }
    return list;
  };
  const aligned = shuffled(candidates.filter((c) => c.verdict === 'Correct').map((c) => c.index));
  const misaligned = shuffled(candidates.filter((c) => c.verdict === 'Incorrect').map((c) => c.index));
  const half = Math.ceil(n / 2);
  const fromMisaligned = Math.min(misaligned.length, Math.max(n - half, n - aligned.length));
  const fromAligned = Math.min(aligned.length, n - fromMisaligned);
  return [...aligned.slice(0, fromAligned), ...misaligned.slice(0, fromMisaligned)].sort((a, b) => a - b);
}
