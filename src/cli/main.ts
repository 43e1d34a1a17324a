/** The `rationale-lens` command line: one subcommand a file, all on the shared pure core. */
import { isMainThread } from 'node:worker_threads';
// The manifest's own version (esbuild keeps only this field of package.json in the bundle).
import { version as packageVersion } from '../../package.json';
import { DatasetError } from '../core/dataset';
import { SideFileError } from '../core/io/sideFiles';
import { safeForTerminal } from '../core/terminalText';
import type { IO } from './options';
import { UsageError } from './options';
import { AGREEMENT_USAGE, ALIGN_USAGE, COMPARE_USAGE, GENERATE_USAGE, JUDGE_USAGE, STATS_USAGE } from './usage';

type Command = (args: string[], io: IO) => Promise<number>;

// Each command's code is loaded when it runs: `stats` never starts the OpenAI client or the aligner.
const COMMANDS: Record<string, { load: () => Promise<Command>; usage: string }> = {
  stats: { load: async () => (await import('./stats')).statsCommand, usage: STATS_USAGE },
  align: { load: async () => (await import('./align')).alignCommand, usage: ALIGN_USAGE },
  judge: { load: async () => (await import('./judge')).judgeCommand('fidelity'), usage: JUDGE_USAGE },
  generate: { load: async () => (await import('./judge')).judgeCommand('genrm'), usage: GENERATE_USAGE },
  compare: { load: async () => (await import('./compare')).compareCommand, usage: COMPARE_USAGE },
  agreement: { load: async () => (await import('./agreement')).agreementCommand, usage: AGREEMENT_USAGE },
};

function usage(): string {
  return ['Rationale Lens: S-Corr, L-Acc and F-Score for generative reward model evaluations.', '', 'Usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

export async function main(argv: string[], io: IO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(packageVersion);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`rationale-lens: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof DatasetError || err instanceof SideFileError) {
      io.err(`rationale-lens ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`rationale-lens ${name}: ${err.message}\nusage: ${command.usage}`);
      return 2;
    }
    io.err(`rationale-lens ${name}: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module && isMainThread) {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as other Unix tools do,
  // instead of dying on an unhandled EPIPE with a stack trace. Journaled work is already on disk.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  // Everything printed passes one filter: record and server text never reaches the terminal raw.
  const io: IO = {
    out: (t) => process.stdout.write(`${safeForTerminal(t)}\n`),
    err: (t) => process.stderr.write(`${safeForTerminal(t)}\n`),
    isTTY: Boolean(process.stdout.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`rationale-lens: ${safeForTerminal((err as Error).message)}\n`);
      process.exitCode = 1;
    },
  );
}
