/** One line of usage per subcommand: here, so `--help` and `stats` load none of the other commands' code. */
export const STATS_USAGE = `rationale-lens stats <file> [--format <name>] [--mapping <file.json>] [--json | --csv] [--by <field>|--no-breakdown]
                     [--verdict-pattern <regex>]... [--max-record-bytes <n>] [--verdict-check|--no-verdict-check] [--strict] [--file-only] [--quiet]
       rationale-lens stats <folder> | <file> <file>... [--json | --csv] [--out <results_summary.csv>] [--file-only]   (leaderboard, as show_result.py)`;
export const ALIGN_USAGE = 'rationale-lens align <file> --record <index or id> [--judgment <n>] [--gold <n>] [--aligner lexical|embedding|llm [--base-url <url> --model <name> [--api-key-env <VAR>] [--threshold T] [--no-cache]]] [--json]';
export const JUDGE_USAGE = `rationale-lens judge <file> --base-url <url> --model <name> [--api-key-env <VAR>] [--concurrency N] [--template <file>] [--out <file>]
                     [--temperature T] [--max-tokens N] [--timeout <seconds>] [--idle-timeout <seconds>] [--deadline <seconds>] [--max-answer-bytes N] [--retries N] [--refresh] [--no-cache] [--cache <file>] [--format <name>] [--json]
       rationale-lens judge <file> --batch-export <requests.jsonl> --model <name> [sampling flags]   (OpenAI Batch API / vllm run-batch input; no endpoint)
       rationale-lens judge <file> --batch-import <results.jsonl>... --model <name> [same flags] [--out <file>] [--json]`;
export const GENERATE_USAGE = JUDGE_USAGE.replaceAll('rationale-lens judge', 'rationale-lens generate');
export const AGREEMENT_USAGE = 'rationale-lens agreement <annotation.json> [--aligner lexical|embedding|llm] [--base-url <url> --model <name> [--api-key-env <VAR>] [--threshold T] [--timeout S] [--retries N] [--no-cache]] [--json]';
export const COMPARE_USAGE = 'rationale-lens compare <a> <b> [--json] [--transition <from>:<to>] [--seed N] [--resamples N] [--file-only] [--format <name>]';
