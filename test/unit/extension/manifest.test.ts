/** The manifest and the package as a first-party extension ships them (no VS Code needed to check). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../paths';
import { COMMANDS, CONTEXT_KEYS, VIEW_TYPES } from '../../../src/extension/ids';
import { commandKeys, formatKey, paletteCommands } from '../../../src/presentation/commandKeys';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { license: string; icon: string; keywords: string[]; engines: { vscode: string } };

test('the manifest names a license that ships, an icon, keywords and a changelog', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.ok(existsSync(join(repoRoot, pkg.icon)), pkg.icon);
  assert.equal(readFileSync(join(repoRoot, pkg.icon)).subarray(1, 4).toString('latin1'), 'PNG');
  assert.ok(pkg.keywords.length >= 3);
  assert.ok(existsSync(join(repoRoot, 'CHANGELOG.md')));
  assert.equal(pkg.engines.vscode, '^1.100.0');
});

test('the .vsix holds what the extension loads (its index and tally workers, their WebAssembly scanner), not the CLI, source maps or the screenshots', () => {
  const shipped = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1));
  for (const needed of ['dist/extension.js', 'dist/indexWorker.js', 'dist/tallyWorker.js', 'dist/re2js.js', 'dist/jsonScan.wasm', 'media/icon.png', 'LICENSE', 'package.json']) assert.ok(shipped.includes(needed), needed);
  for (const never of ['dist/cli.js', 'media/inspector.png', 'media/compare.png', 'media/**', 'dist/*.js']) assert.ok(!shipped.includes(never), never);
  assert.ok(!shipped.some((p) => p.endsWith('.map')));
});

test('settings are grouped in titled sections, counts are integers, keybindings name declared commands', () => {
  const m = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { title: string; properties: Record<string, { type: string; default: unknown }> }[]; keybindings: { command: string; key: string; when?: string }[]; commands: { command: string }[] };
  };
  const sections = m.contributes.configuration;
  assert.ok(sections.length >= 3 && sections.every((s) => s.title.startsWith('Rationale Lens: ')));
  const all = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, { type: string; default: unknown }>;
  for (const [key, p] of Object.entries(all)) {
    if (/maxTokens|timeoutSeconds|concurrency|maxRecordBytes|Megabytes$/.test(key)) assert.equal(p.type, 'integer', key);
    if (p.type === 'integer') assert.ok(Number.isInteger(p.default), key);
  }
  const declared = new Set(m.contributes.commands.map((c) => c.command));
  assert.ok(m.contributes.keybindings.length >= 5);
  for (const k of m.contributes.keybindings) {
    assert.ok(declared.has(k.command), k.command);
    assert.ok(k.when, `${k.command} is bound only where it applies`);
  }
  // A key bound twice is one command in two places (Open Inspector: the active editor's file, or the explorer's focused file).
  for (const k of m.contributes.keybindings) assert.ok(m.contributes.keybindings.every((o) => o.key !== k.key || o.command === k.command), `${k.key} bound to two commands`);
  const explorerKey = m.contributes.keybindings.find((k) => k.command === COMMANDS.openInspector && /filesExplorerFocus/.test(k.when ?? ''));
  assert.ok(explorerKey, 'Open Inspector has its key in the explorer, where its menu item shows it');
  assert.equal(explorerKey.key, m.contributes.keybindings.find((k) => k.command === COMMANDS.openInspector)?.key, 'the same key as in the editor');
  assert.match(explorerKey.when ?? '', /resourceExtname =~ \/\^\\\.\(jsonl\|json\)\$\//);
});

test('one module of ids: every command, view type and context key the manifest names is in src/extension/ids.ts, and back', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[]; customEditors: { viewType: string }[]; menus: Record<string, { when?: string }[]>; keybindings: { when?: string }[] };
  };
  assert.deepEqual(Object.values(COMMANDS).sort(), pkg.contributes.commands.map((c) => c.command).sort());
  assert.deepEqual(Object.values(VIEW_TYPES).sort(), pkg.contributes.customEditors.map((c) => c.viewType).sort());
  const whens = [...Object.values(pkg.contributes.menus).flat(), ...pkg.contributes.keybindings].map((m) => m.when ?? '').join(' ');
  const named = new Set(whens.match(/rationaleLens\.[A-Za-z]+/g) ?? []);
  for (const key of named) assert.ok((Object.values(CONTEXT_KEYS) as string[]).includes(key) || (Object.values(VIEW_TYPES) as string[]).includes(key), `${key} is in ids.ts`);
  for (const key of Object.values(CONTEXT_KEYS)) assert.ok(named.has(key), `${key} is used in the manifest`);
});

test('activation is narrowed to what looks like evaluation data: not every JSON file (settings.json, package.json) starts the extension', () => {
  const events = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { activationEvents: string[] }).activationEvents;
  assert.ok(!events.includes('onLanguage:json'), 'opening any JSON file must not activate it');
  assert.ok(events.includes('onLanguage:jsonl') && events.includes('workspaceContains:**/*.jsonl'));
  assert.ok(events.some((e) => e.startsWith('workspaceContains:') && e.endsWith('.json')), 'JSON evaluation files (LLMBar result.json, RewardBench outputs) by name');
});

test('every palette command has a default keybinding, shown in the Inspector overlay; no key means two things', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Parameters<typeof commandKeys>[0] & { contributes: { keybindings: { command: string; key: string; mac?: string; when?: string }[] } };
  const palette = paletteCommands(manifest);
  const keyed = commandKeys(manifest);
  assert.ok(palette.length >= 15, `${palette.length} palette commands`);
  assert.deepEqual(
    palette.filter((c) => !keyed.some((k) => k.command === c.command)).map((c) => c.command),
    [],
    'palette commands without a keybinding',
  );
  for (const field of ['key', 'mac'] as const) {
    const seen = new Map<string, string>();
    for (const k of manifest.contributes.keybindings) {
      const key = k[field] ?? k.key;
      assert.ok(!seen.has(key) || seen.get(key) === k.command, `${key} bound to ${seen.get(key)} and ${k.command}`);
      seen.set(key, k.command);
      // A chord's first press must not also be a key of its own.
      const first = key.split(' ')[0] as string;
      if (key.includes(' ')) assert.ok(!manifest.contributes.keybindings.some((o) => (o[field] ?? o.key) === first), `${first} is both a key and a chord prefix`);
    }
  }
  assert.equal(formatKey('ctrl+alt+l shift+k'), 'Ctrl+Alt+L Shift+K');
  assert.equal(formatKey('cmd+alt+l r', true), '⌘+⌥+L R');
  assert.equal(keyed.find((k) => k.command === 'rationaleLens.rescoreFile')?.key, 'Ctrl+Alt+L R');
});
