/**
 * How far the fidelity judge can be trusted: its verdicts (the LLM judge's, else the file's) on the
 * records people also marked, as a 2×2 table, raw agreement and Cohen's κ with a seeded bootstrap
 * interval. The paper validates its meta-judge against nobody; this is where the user can.
 */
import type { Fidelity, FidelityVerdict } from '../record/record';
import type { Interval } from '../statistics/interval';
import { bootstrapCounts, mulberry32, percentile } from '../statistics/pairedTests';
import { plural } from '../text/plural';

export interface JudgeAudit {
  /** Records with both a judge verdict (Correct/Incorrect) and a human mark. */
  readonly n: number;
  /** [judge][human]: aligned (Correct) or misaligned (Incorrect). */
  readonly table: { readonly aligned: { readonly aligned: number; readonly misaligned: number }; readonly misaligned: { readonly aligned: number; readonly misaligned: number } };
  readonly agreement: number | null;
  /** Null below the minimum (`kappaWithheld` says why) or when undefined (one class only). */
  readonly kappa: number | null;
  /** 95% percentile bootstrap interval of κ (2,000 resamples, seed 1). */
  readonly kappaInterval: Interval | null;
  /** Why κ is not given although marks exist (the rule of KAPPA_MIN_MARKS), else null. */
  readonly kappaWithheld: string | null;
  /** Whose verdicts were audited. */
  readonly judgeOrigins: { readonly llm: number; readonly file: number };
}

const RESAMPLES = 2000;

/**
 * κ is given from this many audited marks on, and only when people marked both ways: below that one
 * mark swings it across its whole range (one disagreement gives 0.00 [0.00–0.00], one agreement is
 * undefined), which reads as a finding. The same rule holds for the CLI and the Inspector.
 */
export const KAPPA_MIN_MARKS = 10;

/** Why κ is withheld for `n` audited marks of which `humanAligned` aligned, or null when it is given. */
export function kappaWithheld(n: number, humanAligned: number): string | null {
  if (n < KAPPA_MIN_MARKS) return `too few marks for κ (${n} of ${KAPPA_MIN_MARKS})`;
  if (humanAligned === 0 || humanAligned === n) return `no κ: every mark says ${humanAligned === 0 ? 'misaligned' : 'aligned'} (κ needs marks both ways)`;
  return null;
}

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
    const withheld = kappaWithheld(n, aa + ma);
    return {
      n,
      table: { aligned: { aligned: aa, misaligned: am }, misaligned: { aligned: ma, misaligned: mm } },
      agreement: (aa + mm) / n,
      kappa: withheld === null ? kappaOf(aa, am, ma, mm) : null,
      kappaInterval: withheld === null ? bootstrapKappa([aa, am, ma, mm]) : null,
      kappaWithheld: withheld,
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

/**
 * "fidelity judge vs human marks (20 file verdicts): κ 0.62 [0.41–0.80] · agreement 85.0% (17/20) · …";
 * below the minimum: "… (1 file verdict): too few marks for κ (1 of 10) · 0 of 1 agreed · …" (a
 * percentage of one or two marks would read as a finding too).
 */
export function formatAudit(a: JudgeAudit): string {
  const agreed = a.table.aligned.aligned + a.table.misaligned.misaligned;
  const head =
    a.kappaWithheld !== null
      ? `${a.kappaWithheld} · ${agreed} of ${a.n} agreed`
      : `${a.kappa === null ? 'κ n/a (one class only)' : `κ ${a.kappa.toFixed(2)}${a.kappaInterval ? ` [${a.kappaInterval[0].toFixed(2)}–${a.kappaInterval[1].toFixed(2)}]` : ''}`} · agreement ${((a.agreement ?? 0) * 100).toFixed(1)}% (${agreed}/${a.n})`;
  const verdicts = a.judgeOrigins.llm + a.judgeOrigins.file;
  const who = [a.judgeOrigins.llm ? `${a.judgeOrigins.llm} LLM` : '', a.judgeOrigins.file ? `${a.judgeOrigins.file} file` : ''].filter(Boolean).join(' + ');
  return `fidelity judge vs human marks (${who} ${plural(verdicts, 'verdict')}): ${head} · judge aligned: ${a.table.aligned.aligned} agreed, ${a.table.aligned.misaligned} marked misaligned · judge misaligned: ${a.table.misaligned.misaligned} agreed, ${a.table.misaligned.aligned} marked aligned`;
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
