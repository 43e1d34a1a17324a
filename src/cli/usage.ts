/**
 * Usage text made from the flag tables (flags.ts): each command's forms, then every flag it accepts
 * with its value and what it does. Here, so `--help` and `stats` load none of the other commands' code.
 */
import type { CommandSpec, FlagSpec } from './flags';

function flagSyntax(name: string, flag: FlagSpec): string {
  const short = flag.short ? `-${flag.short}, ` : '';
  return `${short}--${name}${flag.type === 'string' ? ` ${flag.value ?? '<value>'}` : ''}${flag.multiple ? ' (repeatable)' : ''}`;
}

/** The command's forms, one a line, as the top-level `--help` lists them. */
export function commandForms(spec: CommandSpec): string[] {
  return spec.forms.map((form) => `rationale-lens ${spec.name} ${form}`);
}

/** `usage: …` with the forms, then `options:` with every flag of the table, one a line. */
export function commandUsage(spec: CommandSpec): string {
  const [first, ...others] = commandForms(spec);
  const rows = Object.entries(spec.flags).map(([name, flag]) => [flagSyntax(name, flag), flag.help] as const);
  const width = Math.max(...rows.map(([syntax]) => syntax.length));
  return [`usage: ${first ?? ''}`, ...others.map((f) => `       ${f}`), 'options:', ...rows.map(([syntax, help]) => `  ${syntax.padEnd(width)}  ${help}`)].join('\n');
}
