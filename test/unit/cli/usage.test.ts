/** Each command's usage and its parser come from one flag table: every flag the one names, the other takes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandSpec } from '../../../src/cli/flags';
import { COMMAND_SPECS } from '../../../src/cli/flags';
import { main } from '../../../src/cli/main';
import type { IO } from '../../../src/cli/options';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: IO = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), isTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

/** The flags a usage text names, with whether it shows them taking a value (`--seed <n>`). */
function flagsIn(usage: string): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  for (const m of usage.matchAll(/(?<![\w-])--([a-z][a-z-]*)( [<A-Za-z][^\s\]]*)?/g)) {
    const name = m[1] ?? '';
    const takesValue = m[2] !== undefined && !m[2].startsWith(' (');
    flags.set(name, (flags.get(name) ?? false) || takesValue);
  }
  return flags;
}

const NO_FILE = '/nonexistent/rlens-usage-test.jsonl';

for (const name of Object.keys(COMMAND_SPECS)) {
  test(`${name}: every flag in its usage is accepted, with a value exactly when the usage shows one`, async () => {
    const help = await run([name, '--help']);
    assert.equal(help.code, 0);
    const named = flagsIn(help.out);
    assert.ok(named.size > 0, help.out);
    for (const [flag, takesValue] of named) {
      if (flag === 'help') continue;
      const r = await run([name, NO_FILE, NO_FILE, `--${flag}`, ...(takesValue ? ['x'] : [])]);
      // Whatever else goes wrong (the file is missing, the value is bad), the parser took the flag.
      assert.doesNotMatch(r.err, /Unknown option|ERR_PARSE_ARGS|argument missing|does not take an argument/i, `${name} --${flag}: ${r.err}`);
    }
  });

  test(`${name}: every flag its parser takes is in its usage; the forms name only those`, async () => {
    const spec: CommandSpec = COMMAND_SPECS[name as keyof typeof COMMAND_SPECS];
    const help = (await run([name, '--help'])).out;
    const named = flagsIn(help);
    for (const [flag, def] of Object.entries(spec.flags)) {
      assert.ok(named.has(flag), `${name}: --${flag} is parsed but missing from the usage`);
      assert.equal(named.get(flag), def.type === 'string', `${name}: --${flag} ${def.type === 'string' ? 'takes a value the usage does not show' : 'is shown taking a value'}`);
    }
    for (const flag of flagsIn(spec.forms.join('\n')).keys()) assert.ok(flag in spec.flags, `${name}: the usage's form names --${flag}, which the parser does not take`);
    const stray = await run([name, NO_FILE, '--no-such-flag']);
    assert.equal(stray.code, 2);
    assert.match(stray.err, /Unknown option '--no-such-flag'/);
    assert.match(stray.err, /options:/, 'a parse error prints the usage with the options');
  });
}

test('the top-level usage lists every command\'s forms and how to see its options', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  for (const name of Object.keys(COMMAND_SPECS)) assert.match(r.out, new RegExp(`rationale-lens ${name} `));
  assert.match(r.out, /<command> --help/);
});
