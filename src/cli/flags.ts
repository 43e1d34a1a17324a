/**
 * Every command's flags, each once: the table is what `parseArgs` reads and what `--help` prints, so
 * the two cannot drift (test/unit/cli/usage.test.ts holds them together). No imports: `main.ts`
 * prints any command's usage without loading that command's code.
 */

/** One flag: what `parseArgs` needs (type, multiple, short) and what the usage says (value, help). */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's name in the usage (`<url>`); string flags only. */
  readonly value?: string;
  readonly help: string;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** A command's usage: its forms (positionals and the flags that choose the form) and its flag table. */
export interface CommandSpec {
  readonly name: string;
  /** After `rationale-lens <name> `; a `--flag` named here must be in `flags`. */
  readonly forms: readonly string[];
  readonly flags: FlagTable;
}

const DATASET_FLAGS = {
  format: { type: 'string', value: '<name>', help: 'read the file as this format (default: told from its content)' },
  mapping: { type: 'string', value: '<file.json>', help: 'read the file through a field mapping' },
  'verdict-pattern': { type: 'string', multiple: true, value: '<regex>', help: 'one more verdict pattern' },
  'max-record-bytes': { type: 'string', value: '<n>', help: 'skip a record longer than this many bytes' },
} as const satisfies FlagTable;

/** The endpoint flags every model-backed command shares (read by endpoint.ts). */
export const ENDPOINT_FLAGS = {
  'base-url': { type: 'string', value: '<url>', help: 'the OpenAI-compatible endpoint' },
  model: { type: 'string', value: '<name>', help: 'the model to call' },
  'api-key-env': { type: 'string', value: '<VAR>', help: 'the environment variable holding the API key (default OPENAI_API_KEY)' },
  concurrency: { type: 'string', value: '<n>', help: 'calls in flight at once' },
  temperature: { type: 'string', value: '<t>', help: 'sampling temperature' },
  'max-tokens': { type: 'string', value: '<n>', help: 'the most tokens an answer may have' },
  timeout: { type: 'string', value: '<seconds>', help: 'per attempt (default 20 min)' },
  retries: { type: 'string', value: '<n>', help: 'retries of a failed call' },
  'max-answer-bytes': { type: 'string', value: '<n>', help: 'the largest answer read (default 32 MB)' },
  'idle-timeout': { type: 'string', value: '<seconds>', help: 'when the server sends nothing (default 120 s)' },
  deadline: { type: 'string', value: '<seconds>', help: 'for all attempts at one record (default 60 min)' },
  'no-stream': { type: 'boolean', help: 'ask for whole answers, not streamed ones' },
  'price-in': { type: 'string', value: '<$>', help: 'price per million prompt tokens' },
  'price-out': { type: 'string', value: '<$>', help: 'price per million completion tokens' },
} as const satisfies FlagTable;

const CACHE_FLAGS = {
  cache: { type: 'string', value: '<file>', help: 'the response cache (default under $XDG_CACHE_HOME/rationale-lens)' },
  'no-cache': { type: 'boolean', help: 'neither read nor write the response cache' },
} as const satisfies FlagTable;

const ALIGNER_FLAGS = {
  aligner: { type: 'string', value: 'lexical|embedding|llm', help: 'the alignment tier (default lexical)' },
  threshold: { type: 'string', value: '<t>', help: 'the embedding tier\'s similarity threshold' },
} as const satisfies FlagTable;

const JSON_FLAG = { json: { type: 'boolean', help: 'print one JSON object' } } as const satisfies FlagTable;
const QUIET_FLAG = { quiet: { type: 'boolean', short: 'q', help: 'print no progress, notes or warnings' } } as const satisfies FlagTable;
const FILE_ONLY_FLAG = { 'file-only': { type: 'boolean', help: 'the file\'s own verdicts alone (no journal, no marks)' } } as const satisfies FlagTable;

export const STATS_FLAGS = {
  ...DATASET_FLAGS,
  ...FILE_ONLY_FLAG,
  ...JSON_FLAG,
  csv: { type: 'boolean', help: 'print CSV' },
  out: { type: 'string', value: '<results_summary.csv>', help: 'leaderboard: write the CSV here (as show_result.py)' },
  by: { type: 'string', value: '<field>', help: 'break the figures down by this field (default subset)' },
  'no-breakdown': { type: 'boolean', help: 'no breakdown' },
  'verdict-check': { type: 'boolean', help: 'cross-check file verdicts against the rationales, also on a large file' },
  'no-verdict-check': { type: 'boolean', help: 'skip that cross-check' },
  'contradiction-check': { type: 'boolean', help: 'count rationales that argue for the other response than their verdict (a heuristic), also on a large file' },
  'no-contradiction-check': { type: 'boolean', help: 'skip that check' },
  strict: { type: 'boolean', help: 'parse and check every record fully (no fast path)' },
  ...QUIET_FLAG,
} as const satisfies FlagTable;

export const ALIGN_FLAGS = {
  ...DATASET_FLAGS,
  record: { type: 'string', value: '<index or id>', help: 'the record (0-based index or id)' },
  judgment: { type: 'string', value: '<n>', help: 'the judgment to align (default the headline one)' },
  gold: { type: 'string', value: '<n>', help: 'one gold judgment (default all, joined)' },
  ...ALIGNER_FLAGS,
  ...ENDPOINT_FLAGS,
  ...CACHE_FLAGS,
  ...JSON_FLAG,
} as const satisfies FlagTable;

/** `judge` and `generate` share one table. */
const RUN_FLAGS = {
  ...DATASET_FLAGS,
  ...ENDPOINT_FLAGS,
  template: { type: 'string', value: '<file>', help: 'the prompt template' },
  out: { type: 'string', value: '<file>', help: 'write an R-Align-format file with the answers' },
  refresh: { type: 'boolean', help: 'ask again what the journal already answers' },
  ...CACHE_FLAGS,
  ...QUIET_FLAG,
  'batch-export': { type: 'string', value: '<requests.jsonl>', help: 'write the requests as Batch API input; no endpoint is called' },
  'batch-import': { type: 'string', multiple: true, value: '<results.jsonl>', help: 'fold a batch engine\'s output into the journal' },
  ...JSON_FLAG,
} as const satisfies FlagTable;

/** Re-query ×k: `generate --samples k` asks k numbered samples of every record; `judge --samples` judges the journaled ones. */
export const GENERATE_FLAGS = {
  ...RUN_FLAGS,
  samples: { type: 'string', value: '<k>', help: 're-query ×k: samples 1…k of every record, each journaled (a rerun resumes; a larger k adds more)' },
  'both-orders': { type: 'boolean', help: 'with --samples: even-numbered samples show the responses swapped (verdicts read back in the original frame)' },
} as const satisfies FlagTable;

export const JUDGE_FLAGS = {
  ...RUN_FLAGS,
  samples: { type: 'boolean', help: 'judge the fidelity of the samples generate journaled (the label-correct ones)' },
} as const satisfies FlagTable;

export const COMPARE_FLAGS = {
  ...DATASET_FLAGS,
  ...JSON_FLAG,
  transition: { type: 'string', value: '<from>:<to>', help: 'list the records that moved so (a class or *)' },
  seed: { type: 'string', value: '<n>', help: 'the bootstrap\'s seed (default 1)' },
  resamples: { type: 'string', value: '<n>', help: 'bootstrap resamples (default 2000)' },
  themes: { type: 'boolean', help: 'also show how each failure theme\'s size changed (one offline grouping over both runs)' },
  ...FILE_ONLY_FLAG,
} as const satisfies FlagTable;

export const AGREEMENT_FLAGS = {
  ...ALIGNER_FLAGS,
  ...ENDPOINT_FLAGS,
  ...CACHE_FLAGS,
  ...JSON_FLAG,
} as const satisfies FlagTable;

export const THEMES_FLAGS = {
  ...DATASET_FLAGS,
  ...FILE_ONLY_FLAG,
  ...ALIGNER_FLAGS,
  group: { type: 'string', value: 'lexical|embedding', help: 'group by shared key terms (default, offline) or cluster the claims\' embeddings' },
  cut: { type: 'string', value: '<distance>', help: 'embedding clusters: the cosine distance the tree is cut at (default 0.5)' },
  'embedding-model': { type: 'string', value: '<name>', help: 'the embedding model (on --base-url) for --group embedding or --aligner embedding' },
  ...ENDPOINT_FLAGS,
  ...CACHE_FLAGS,
  yes: { type: 'boolean', short: 'y', help: 'go ahead after the cost estimate without asking' },
  rename: { type: 'string', multiple: true, value: '<id>=<title>', help: 'rename a theme (saved beside the file)' },
  merge: { type: 'string', multiple: true, value: '<id>,<id>...', help: 'merge themes into the first (saved beside the file)' },
  split: { type: 'string', multiple: true, value: '<id>', help: 'split a theme by the terms its claims share beyond the ones that made it' },
  dismiss: { type: 'string', multiple: true, value: '<id>', help: 'hide a theme from views and exports' },
  restore: { type: 'string', multiple: true, value: '<id>', help: 'show a dismissed theme again' },
  ...JSON_FLAG,
} as const satisfies FlagTable;

const runForms = [
  '<file> --base-url <url> --model <name> [options]',
  '<file> --batch-export <requests.jsonl> --model <name> [options]   (OpenAI Batch API / vllm run-batch input; no endpoint)',
  '<file> --batch-import <results.jsonl>... --model <name> [options]',
];

export const COMMAND_SPECS = {
  stats: { name: 'stats', forms: ['<file> [options]', '<folder> | <file> <file>... [--json | --csv] [--out <results_summary.csv>] [--file-only]   (leaderboard, as show_result.py)'], flags: STATS_FLAGS },
  align: { name: 'align', forms: ['<file> --record <index or id> [options]'], flags: ALIGN_FLAGS },
  judge: { name: 'judge', forms: [...runForms, '<file> --samples --base-url <url> --model <name> [options]   (the fidelity of the journaled samples)'], flags: JUDGE_FLAGS },
  generate: { name: 'generate', forms: [...runForms, '<file> --samples <k> [--both-orders] --base-url <url> --model <name> [options]   (re-query ×k; --batch-export writes k requests a record)'], flags: GENERATE_FLAGS },
  compare: { name: 'compare', forms: ['<a> <b> [options]'], flags: COMPARE_FLAGS },
  agreement: { name: 'agreement', forms: ['<annotation.json> [options]'], flags: AGREEMENT_FLAGS },
  themes: { name: 'themes', forms: ['<file> [options]', '<file> --group embedding --base-url <url> --model <name> --embedding-model <name> [options]'], flags: THEMES_FLAGS },
} as const satisfies Record<string, CommandSpec>;
