/**
 * The extension's palette commands with their default keybindings, read from its manifest (the one
 * place they are declared), for the Inspector's `?` overlay. Pure: the manifest comes in as data.
 */

export interface CommandKey {
  readonly command: string;
  readonly title: string;
  /** As the overlay writes it, e.g. "Ctrl+Alt+L R". */
  readonly key: string;
}

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    keybindings?: { command: string; key: string; mac?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

/** "ctrl+alt+l shift+k" → "Ctrl+Alt+L Shift+K" (a chord is two presses, space-separated). */
export function formatKey(key: string, mac = false): string {
  const part = (p: string) =>
    p
      .split('+')
      .map((k) => (mac && k === 'cmd' ? '⌘' : mac && k === 'alt' ? '⌥' : k.length === 1 ? k.toUpperCase() : k[0]?.toUpperCase() + k.slice(1)))
      .join('+');
  return key.trim().split(/\s+/).map(part).join(' ');
}

/** Commands the palette offers (not hidden with `when: false`). */
export function paletteCommands(manifest: Manifest): { command: string; title: string }[] {
  const hidden = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  return (manifest.contributes?.commands ?? []).filter((c) => !hidden.has(c.command)).map((c) => ({ command: c.command, title: c.title }));
}

/** Every palette command with its default key, in the manifest's order; a command without one is left out. */
export function commandKeys(manifest: Manifest, mac = false): CommandKey[] {
  const keys = new Map<string, string>();
  for (const k of manifest.contributes?.keybindings ?? []) if (!keys.has(k.command)) keys.set(k.command, formatKey(mac && k.mac ? k.mac : k.key, mac));
  return paletteCommands(manifest).flatMap((c) => {
    const key = keys.get(c.command);
    return key ? [{ command: c.command, title: c.title, key }] : [];
  });
}
