/**
 * `rationale-lens themes <file>`: failure themes, what spurious rationales get wrong across a file.
 * Offline by default (failure claims grouped by shared key terms); `--group embedding` clusters the
 * claims' embeddings and titles each cluster with one chat call, after stating the cost and asking
 * (or `--yes`). `--aligner embedding|llm` takes the failure claims from a model tier's alignments
 * (journaled ones first). Ratifications (`--rename`, `--merge`, `--split`, `--dismiss`, `--restore`)
 * are appended beside the file and applied to everything shown.
 */
import { parseArgs } from 'node:util';
import { readAlignments, AlignmentJournal } from '../core/align/models/alignmentJournal';
import { DEFAULT_EMBEDDING_THRESHOLD, EmbeddingSimilarity } from '../core/align/models/embedding';
import { modelAligner } from '../core/align/models/modelAligner';
import { LlmClient } from '../core/llm/client';
import type { CacheStore } from '../core/llm/cache';
import { CHARS_PER_TOKEN, formatEstimate } from '../core/llm/usage';
import type { Failures, GroupClaims, RecordAligner, Ratification, ThemeSet } from '../core/themes';
import { appendThemesLines, assembleThemes, collectFailures, emptyFailures, lexicalAligner, lexicalGroups, ratify, readThemesFile, recordsOfFile } from '../core/themes';
import { DEFAULT_CUT, claimTexts, embeddingGroups } from '../core/themes/embeddingGrouping';
import type { ModelTierCounts } from '../core/themes/modelTierAligner';
import { modelTierAligner, pendingAlignment } from '../core/themes/modelTierAligner';
import { estimateTitles, titleGroups, titleRequests, titlingClient } from '../core/themes/themeTitles';
import { renderThemes, themesJson } from '../core/themes/themesReport';
import { endpointProfile, numberFlag, openCache, retryOption } from './endpoint';
import { COMMAND_SPECS, THEMES_FLAGS } from './flags';
import type { IO } from './options';
import { UsageError, datasetOptions } from './options';
import { commandUsage } from './usage';

const FLAGS = THEMES_FLAGS;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof FLAGS }>>['values'];

/** The ratifications the flags ask for, in the order given by kind. */
function ratificationsOf(values: Values): Ratification[] {
  const out: Ratification[] = [];
  for (const r of values.rename ?? []) {
    const eq = r.indexOf('=');
    if (eq <= 0 || eq === r.length - 1) throw new UsageError(`--rename takes <theme id>=<new title>, got "${r}"`);
    out.push(ratify('rename', r.slice(0, eq), { title: r.slice(eq + 1).trim() }));
  }
  for (const m of values.merge ?? []) {
    const ids = m.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length < 2) throw new UsageError(`--merge takes two or more theme ids separated by commas (the first keeps its title), got "${m}"`);
    out.push(ratify('merge', ids[0] as string, { others: ids.slice(1) }));
  }
  for (const action of ['split', 'dismiss', 'restore'] as const) for (const id of values[action] ?? []) out.push(ratify(action, id));
  return out;
}

async function confirmed(io: IO, yes: boolean, what: string): Promise<boolean> {
  if (yes) return true;
  if (!io.confirm) throw new UsageError(`${what}; add --yes to go ahead (no terminal to ask on)`);
  return io.confirm(`${what}. Go ahead? [y/N] `);
}

export async function themesCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: FLAGS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(commandUsage(COMMAND_SPECS.themes));
  const alignerName = values.aligner ?? 'lexical';
  if (alignerName !== 'lexical' && alignerName !== 'embedding' && alignerName !== 'llm') throw new UsageError(`--aligner must be lexical, embedding or llm, got "${alignerName}"`);
  const groupName = values.group ?? 'lexical';
  if (groupName !== 'lexical' && groupName !== 'embedding') throw new UsageError(`--group must be lexical or embedding, got "${groupName}"`);
  const cut = numberFlag(values.cut, 'cut', 0) ?? DEFAULT_CUT;
  if (cut > 2) throw new UsageError('--cut is a cosine distance, from 0 to 2');
  const asked = ratificationsOf(values);
  const options = { ...datasetOptions(values), overlays: values['file-only'] !== true };
  const needsEndpoint = alignerName !== 'lexical' || groupName === 'embedding';
  const embeddingModel = values['embedding-model'];
  if ((alignerName === 'embedding' || groupName === 'embedding') && !embeddingModel) throw new UsageError('--embedding-model <name> is needed for embeddings (with --base-url)');
  if (needsEndpoint && values['base-url'] === undefined) throw new UsageError('--base-url <url> is needed for the model tiers');
  const chat = needsEndpoint && (alignerName === 'llm' || groupName === 'embedding') ? endpointProfile(values, 'fidelity') : null;
  const embedProfile = embeddingModel ? endpointProfile({ ...values, model: embeddingModel }, 'fidelity') : null;
  const cache: CacheStore | null = needsEndpoint && !values['no-cache'] ? (await openCache(values.cache, (chat ?? embedProfile)?.apiKey ?? '', io)) || null : null;
  try {
    // The aligner whose missing and contradicted gold claims are grouped.
    let aligner: RecordAligner = lexicalAligner;
    let tierCounts: ModelTierCounts | null = null;
    let journal: AlignmentJournal | null = null;
    if (alignerName !== 'lexical') {
      const profile = (alignerName === 'llm' ? chat : embedProfile) as NonNullable<typeof chat>;
      const by = { method: alignerName, model: profile.model } as const;
      const journaled = await readAlignments(file);
      let requests = 0;
      let promptChars = 0;
      for await (const { record } of (await recordsOfFile(file, options)).records) {
        const chars = pendingAlignment(record, journaled, by);
        if (chars !== null) [requests, promptChars] = [requests + 1, promptChars + chars];
      }
      if (requests > 0) {
        const estimate = `the ${alignerName} aligner: ${requests} record${requests === 1 ? '' : 's'} not journaled yet, ~${Math.round(promptChars / CHARS_PER_TOKEN).toLocaleString('en-US')} tokens in (cached answers cost nothing)`;
        io.err(`estimate: ${estimate}`);
        if (!(await confirmed(io, values.yes === true, `${requests} alignment requests to ${profile.baseUrl}`))) return 1;
      }
      journal = await AlignmentJournal.open(file);
      tierCounts = { fromJournal: 0, asked: 0, failed: 0, firstFailure: null };
      aligner = modelTierAligner(journaled, by, modelAligner({ method: alignerName, profile, threshold: numberFlag(values.threshold, 'threshold', 0) ?? DEFAULT_EMBEDDING_THRESHOLD }, cache, retryOption(values).retry), journal, tierCounts);
    }
    const failures = emptyFailures();
    const read = await recordsOfFile(file, options);
    try {
      await collectFailures(failures, read.records, aligner);
    } finally {
      await journal?.close();
    }
    const notes = [...read.problems];
    if (read.malformed()) notes.push(`${read.malformed()} malformed entries skipped (run \`rationale-lens stats\` for where)`);
    if (tierCounts?.failed) notes.push(`${tierCounts.failed} records have no ${alignerName} alignment and are left out (first: ${tierCounts.firstFailure ?? ''})`);

    const side = await readThemesFile(file);
    const group: GroupClaims =
      groupName === 'lexical' ? (f) => Promise.resolve({ groups: lexicalGroups(f.claims), grouping: { kind: 'lexical' } }) : embeddingTier(file, embedProfile as NonNullable<typeof embedProfile>, chat as NonNullable<typeof chat>, cache, cut, side.titles, io, values.yes === true, retryOption(values).retry);
    const grouped = await group(failures);
    if (asked.length) {
      // Only ratifications of themes that exist are kept (a typo would otherwise stay in the file for good).
      const before = assembleThemes(failures, grouped.groups, side.ratifications, grouped.grouping, alignerName);
      const known = new Set([...before.themes, ...before.dismissed].map((t) => t.id));
      const unknown = asked.flatMap((r) => [r.theme, ...(r.others ?? [])]).filter((id) => !known.has(id));
      if (unknown.length) throw new UsageError(`no theme ${unknown.map((u) => `"${u}"`).join(', ')} in ${file} (the ids are in the last column of \`rationale-lens themes\`); nothing was saved`);
      await appendThemesLines(file, asked);
    }
    const set = assembleThemes(failures, grouped.groups, [...side.ratifications, ...asked], grouped.grouping, alignerName);
    const shown: ThemeSet = { ...set, notes: [...notes, ...(side.badLines.length ? [`the themes file has unreadable lines ${side.badLines.slice(0, 10).join(', ')} (skipped)`] : []), ...(grouped.notes ?? []), ...set.notes] };
    io.out(values.json ? JSON.stringify(themesJson(shown), null, 2) : renderThemes(shown, file));
    return 0;
  } finally {
    await cache?.close();
  }
}

/** The embedding tier: embeddings of the claims (cached), clusters, then titles (journaled in the themes file), with the cost stated and confirmed first. */
function embeddingTier(
  file: string,
  embedProfile: NonNullable<ReturnType<typeof endpointProfile>>,
  chat: NonNullable<ReturnType<typeof endpointProfile>>,
  cache: CacheStore | null,
  cut: number,
  journaled: Awaited<ReturnType<typeof readThemesFile>>['titles'],
  io: IO,
  yes: boolean,
  retry: Parameters<typeof titlingClient>[1],
): GroupClaims {
  return async (failures: Failures) => {
    const texts = claimTexts(failures.claims);
    const embedChars = texts.reduce((n, t) => n + t.length, 0);
    // Titling is asked for once clusters exist; at most one call per two claims before then.
    const ceiling = estimateTitles(Math.floor(texts.length / 2), Math.min(texts.length, 8) * 160 * Math.floor(texts.length / 2), chat.maxTokens, chat.prices);
    io.err(`estimate: embeddings of ${texts.length} failure claims (~${Math.round(embedChars / CHARS_PER_TOKEN).toLocaleString('en-US')} tokens, cached ones free) · titling: at most ${formatEstimate(ceiling)}`);
    if (texts.length > 0 && !(await confirmed(io, yes, `embeddings from ${embedProfile.baseUrl} and up to ${ceiling.requests} titling calls to ${chat.model}`))) throw new UsageError('cancelled: nothing was sent');
    const similarity = new EmbeddingSimilarity(new LlmClient(embedProfile, retry ? { retry } : {}), DEFAULT_EMBEDDING_THRESHOLD, cache);
    const clustered = await embeddingGroups(failures, (t) => similarity.vectors(t), cut);
    const client = titlingClient(chat, retry);
    const requests = titleRequests(clustered.groups, failures, client);
    const titled = await titleGroups(requests, client, cache, journaled);
    if (titled.journal.length) await appendThemesLines(file, titled.journal);
    io.err(`titles: ${titled.requests} asked · ${titled.fromCache} from the cache · ${titled.fromJournal} from the themes file`);
    return { groups: titled.groups, grouping: { kind: 'embedding', model: embedProfile.model, titleModel: chat.model, cut }, notes: [...clustered.notes, ...titled.notes] };
  };
}
