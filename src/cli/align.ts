/** `rationale-lens align <file> --record <index or id> [--judgment <n>] [--json]` */
import { parseArgs } from 'node:util';
import { AlignRecordError, alignRecord } from '../core/alignRecord';
import type { Claim } from '../core/align';
import { openDataset, readDataset } from '../core/dataset';
import type { EvalRecord } from '../core/record';
import { pct } from '../core/report';
import type { IO } from './options';
import { DATASET_FLAGS, UsageError, datasetOptions } from './options';
import { ALIGN_USAGE } from './usage';

export async function alignCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...DATASET_FLAGS, record: { type: 'string' }, judgment: { type: 'string' }, gold: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || values.record === undefined) throw new UsageError(`usage: ${ALIGN_USAGE}`);
  const judgment = values.judgment === undefined ? 0 : Number(values.judgment);
  const gold = values.gold === undefined ? 0 : Number(values.gold);
  if (!Number.isInteger(judgment) || judgment < 0) throw new UsageError('--judgment needs a judgment index (0 is the first)');
  if (!Number.isInteger(gold) || gold < 0) throw new UsageError('--gold needs a gold judgment index (0 is the first)');
  const options = datasetOptions(values);
  const dataset = await openDataset(file, options);
  const record = await findRecord(dataset, options, values.record);
  if (!record) throw new UsageError(`no record "${values.record}" in ${file} (give a 0-based index or an id)`);
  let result;
  try {
    result = alignRecord(record, judgment, gold);
  } catch (err) {
    if (err instanceof AlignRecordError) throw new UsageError(err.message);
    throw err;
  }
  const a = result.alignment;
  const side = (claims: Claim[]) => claims.map((c) => ({ text: c.text, start: c.start, end: c.end, class: c.class, match: c.match }));
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          record: { index: record.index, id: record.id, line: record.line },
          judgment: judgment,
          reference: result.reference,
          coverage: a.coverage,
          estimate: a.estimate,
          threshold: a.threshold,
          disclaimer: a.disclaimer,
          gold: side(a.gold),
          rationale: side(a.rationale),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const mark = { shared: '=', missing: '-', extra: '+', conflict: '!' } as const;
  io.out(`record ${record.id} (line ${record.line}) · judgment ${judgment} against ${result.reference.kind === 'gold' ? 'the gold judgment' : `judgment ${result.reference.index} (no gold judgment in this file)`}`);
  io.out(`coverage ${pct(a.coverage)} → estimate: ${a.estimate ?? 'n/a'} (threshold ${pct(a.threshold)}; ${a.disclaimer})`);
  io.out('\ngold:');
  for (const c of a.gold) io.out(`  ${mark[c.class]} ${oneLine(c.text)}`);
  io.out('\nrationale:');
  for (const c of a.rationale) io.out(`  ${mark[c.class]} ${oneLine(c.text)}`);
  io.out('\n= shared  - missing  + extra  ! conflict');
  return 0;
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
}

async function findRecord(dataset: Awaited<ReturnType<typeof openDataset>>, options: ReturnType<typeof datasetOptions>, selector: string): Promise<EvalRecord | null> {
  const asIndex = /^\d+$/.test(selector) ? Number(selector) : null;
  let byId: EvalRecord | null = null;
  for await (const e of readDataset(dataset, options)) {
    if (e.kind !== 'record') continue;
    if (e.record.id === selector) byId ??= e.record;
    if (asIndex !== null && e.record.index === asIndex) return e.record;
  }
  return byId;
}
