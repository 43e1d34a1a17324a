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

/** One file of each kind the project reads: the samples and one real fixture per format family. */
export const FORMAT_SAMPLE_FILES = [
  join(samplesDir, 'r-align-synthetic.jsonl'),
  join(samplesDir, 'helpsteer3-synthetic.jsonl'),
  join(samplesDir, 'hostile.jsonl'),
  join(samplesDir, 'malformed.jsonl'),
  join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl'),
  join(fixturesDir, 'llmbar', 'natural_gpt-4_cot', 'result.json'),
  join(fixturesDir, 'multimodal-rewardbench', 'example.jsonl'),
];
