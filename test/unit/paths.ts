/** Locations shared by the unit tests (compiled to out/test/unit/, so the repo root is three levels up). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
/** The read-only real-world fixtures live beside the repository (../shared/fixtures). */
export const fixturesDir = resolve(repoRoot, '..', 'shared', 'fixtures');
export const samplesDir = resolve(repoRoot, 'samples');
export const cliPath = resolve(repoRoot, 'dist', 'cli.js');

export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-test-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
