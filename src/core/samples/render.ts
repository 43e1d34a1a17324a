/** The `samples` section of the `stats` table: every figure with what it counts over, or why it is undefined. */
import type { SampleFigure } from './fileFigures';
import type { SamplesReport } from './fileSamples';

function percent(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

function line(name: string, f: SampleFigure, extra = ''): string {
  const counted = f.count === undefined ? `mean over ${f.denominator} ${f.over}` : `${f.count}/${f.denominator} ${f.over}`;
  return `  ${name.padEnd(24)} ${percent(f.value).padStart(7)}${extra ? `  ${extra}` : ''}  ${f.value === null ? `undefined: ${f.reason ?? ''}` : counted}`;
}

export function renderSamplesSection(r: SamplesReport): string[] {
  const out: string[] = [];
  const spr = r.samplesPerRecord;
  out.push(`samples: ${r.records} records with ${r.samples} samples${spr ? ` (per record: min ${spr.min}, median ${spr.median}, max ${spr.max})` : ''}`);
  out.push(line('mean flip rate', r.meanFlipRate));
  out.push(line('flip rate above 20%', r.flipRateAbove20));
  out.push(line('L-Acc per sample', r.labelAccuracyPerSample));
  out.push(line('L-Acc by majority', r.labelAccuracyMajority));
  const iv = r.sCorrPerSample.interval;
  out.push(line('S-Corr per sample', r.sCorrPerSample, iv ? `[${(iv[0] * 100).toFixed(1)}–${(iv[1] * 100).toFixed(1)}]` : ''));
  out.push(line('S-Corr by majority', r.sCorrMajority));
  const kappa = r.fleissKappa;
  out.push(`  ${"Fleiss' kappa".padEnd(24)} ${(kappa.value === null ? 'n/a' : kappa.value.toFixed(3)).padStart(7)}  ${kappa.value === null ? `undefined: ${kappa.reason ?? ''}` : `${kappa.records} records with k = ${kappa.k}, ${kappa.ratings} parsed verdicts (${kappa.leftOut} records left out)`}`);
  if (r.reliability.length) out.push(`  majority of the first k equals the majority of all: ${r.reliability.map((p) => `k=${p.k} ${percent(p.agreement)}`).join(' · ')} (of ${r.records} records)`);
  const sc = r.selfContradicted;
  if (sc) {
    out.push(line('contradicts its verdict', sc.perSample, '(heuristic)'));
    out.push(line('  among label-correct', sc.labelCorrectPerSample, '(right by accident)'));
    out.push(line('  records with one', sc.records));
    if (sc.unclear) out.push(`  ${''.padEnd(24)} ${sc.unclear} checked samples take no clear side (never flagged)`);
  }
  if (r.synthesis) {
    out.push(`  synthesis over trajectories (${r.synthesis.records} records; the samples above are their trajectories):`);
    out.push(line('  synthesis L-Acc', r.synthesis.labelAccuracy));
    out.push(line('  agrees with majority', r.synthesis.agreesWithMajority));
    out.push(line('  right where majority not', r.synthesis.overrulesMajority));
  }
  for (const note of r.notes) out.push(`  note: ${note}`);
  if (r.problemCount) out.push(`  note: ${r.problemCount} rows repeat a record with another gold label (the first row's label is used); first: ${r.problems[0] ?? ''}`);
  const vl = r.vlRewardBench;
  if (vl) {
    out.push('');
    if (vl.calPy.stops) out.push(`  VL-RewardBench cal.py: would stop: ${vl.calPy.stops}`);
    else {
      out.push("  VL-RewardBench, the authors' cal.py (its seeded shuffle; agree / (agree + reject) majorities)   beside issue 24's majority (first k in file order, over records with a gold label)");
      for (const at of vl.calPy.ks) {
        const ours = vl.majorityInFileOrder.find((m) => m.k === at.k)?.labelAccuracyMajority;
        out.push(
          `    k=${at.k}  cal.py overall ${percent(at.overallAccuracy)} · macro ${percent(at.macroAverage)} · general ${percent(at.groups.general)} · hallucination ${percent(at.groups.hallucination)} · reasoning ${percent(at.groups.reasoning)} (agree ${at.agree}, reject ${at.reject}, doesntMatch ${at.doesntMatch}, other ${at.other} of ${at.items})` +
            (ours ? `   issue 24: ${percent(ours.value)} (${ours.count}/${ours.denominator})` : ''),
        );
      }
    }
  }
  return out;
}
