/** The `rationale-lens` command line: one subcommand a file, all on the shared pure core. */
import { isMainThread } from 'node:worker_threads';
// The manifest's own version (esbuild keeps only this field of package.json in the bundle).
import { version as packageVersion } from '../../package.json';
import { DatasetError } from '../core/dataset/dataset';
import { SideFileError } from '../core/io/sideFiles';
import { safeForTerminal } from '../core/text/terminalText';
import type { IO } from './options';
import { UsageError } from './options';
import type { CommandSpec } from './flags';
import { COMMAND_SPECS } from './flags';
import { commandForms, commandUsage } from './usage';

type Command = (args: string[], io: IO) => Promise<number>;

// Each command's code is loaded when it runs: `stats` never starts the OpenAI client or the aligner.
const COMMANDS: Record<string, { load: () => Promise<Command>; spec: CommandSpec }> = {
  stats: { load: async () => (await import('./stats')).statsCommand, spec: COMMAND_SPECS.stats },
  align: { load: async () => (await import('./align')).alignCommand, spec: COMMAND_SPECS.align },
  judge: { load: async () => (await import('./judge')).judgeCommand('fidelity'), spec: COMMAND_SPECS.judge },
  generate: { load: async () => (await import('./judge')).judgeCommand('genrm'), spec: COMMAND_SPECS.generate },
  compare: { load: async () => (await import('./compare')).compareCommand, spec: COMMAND_SPECS.compare },
  agreement: { load: async () => (await import('./agreement')).agreementCommand, spec: COMMAND_SPECS.agreement },
  themes: { load: async () => (await import('./themes')).themesCommand, spec: COMMAND_SPECS.themes },
};

function usage(): string {
  const forms = Object.values(COMMANDS).flatMap((c) => commandForms(c.spec));
  return ['Rationale Lens: S-Corr, L-Acc and F-Score for generative reward model evaluations.', '', 'Usage:', ...forms.map((f) => `  ${f}`), '', 'rationale-lens <command> --help lists the command\'s options; rationale-lens --version prints the version.'].join('\n');
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
    io.out(commandUsage(command.spec));
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
      io.err(`rationale-lens ${name}: ${err.message}\n${commandUsage(command.spec)}`);
      return 2;
    }
    io.err(`rationale-lens ${name}: ${(err as Error).message}`);
    return 1;
  }
}

/** A yes/no question on stderr, answered on stdin (the terminal): only "y" or "yes" goes ahead. */
async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^\s*y(?:es)?\s*$/i.test(await rl.question(safeForTerminal(question)));
  } finally {
    rl.close();
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
    ...(process.stdin.isTTY ? { confirm: askOnTerminal } : {}),
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
