/**
 * A realistic R-Align output file for the stats bench: what `metarm_judge.py` writes
 * (`json.dumps(item, ensure_ascii=False)`, one record a line) for a reasoning GenRM: long thinking
 * (3–40 KB), raw UTF-8 (accents, symbols, CJK, emoji), code with quotes and backslashes, many
 * newlines and tabs (escaped), gold judgments, the fidelity judge's raw answer. Seeded: the same
 * file for a seed.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seeded } from '../test/unit/core/synthetic';

const SENTENCES = [
  'Let me check the constraint on n again: the loop runs while i < n, so the last index is n - 1.',
  'Response A handles the empty input, but Response B returns None where the caller expects a list.',
  'The user asked for the answer in metres; 3.2 km is 3200 m, and A says 320 m, which is wrong by a factor of ten.',
  'Wait — I should double-check the derivative: d/dx (x² · sin x) = 2x·sin x + x²·cos x.',
  'Both responses cite the 1998 study, yet only B notes that its sample was 40 patients.',
  'Hmm, B’s tone is friendlier, but tone is secondary to correctness here.',
  'The prompt is in Chinese: 请比较这两个回答的准确性和完整性。The user wants a comparison of accuracy.',
  'A écrit « naïve » correctly, and its French summary keeps the café example intact.',
  'So the key difference: A gives ∑_{k=1}^{n} k = n(n+1)/2, B forgets the division by 2 ✗.',
  'Emoji in the response (👍🙂) do not change the substance of the answer.',
];

const CODE = [
  'def parse(line):\n\tif not line.strip():\n\t\treturn None\n\treturn json.loads(line)  # "strict" mode\n',
  'const path = "C:\\\\Users\\\\data\\\\run.jsonl";\nconsole.log(`rows: ${rows.length}`);\n',
  'SELECT "id", COUNT(*) FROM t WHERE label = \'A\' GROUP BY 1;\n',
  'printf("%s\\n", name);\n',
];

function paragraph(rand: () => number, bytes: number): string {
  let out = '';
  while (out.length < bytes) {
    const r = rand();
    if (r < 0.12) out += '\n```\n' + (CODE[Math.floor(rand() * CODE.length)] as string) + '```\n';
    else if (r < 0.3) out += '\n\n';
    out += (SENTENCES[Math.floor(rand() * SENTENCES.length)] as string) + ' ';
  }
  return out;
}

function realisticRecord(i: number, rand: () => number): Record<string, unknown> {
  const gold = rand() < 0.5 ? 'A' : 'B';
  // generate_model_judgment.py writes null when no \boxed{A|B} is found.
  const pred = rand() < 0.03 ? null : rand() < 0.72 ? gold : gold === 'A' ? 'B' : 'A';
  const labelCorrect = pred === gold;
  const verdictDraw = rand();
  const verdict = !labelCorrect ? 'SkippedLabelMismatch' : verdictDraw < 0.6 ? 'Correct' : verdictDraw < 0.93 ? 'Incorrect' : verdictDraw < 0.97 ? 'CallFail' : 'ParseFail';
  const thinking = paragraph(rand, 3000 + Math.floor(rand() * rand() * 37_000));
  return {
    id: `helpsteer3-${i}`,
    source: { subset: ['chat', 'code', 'math', 'multilingual', 'stem'][i % 5] },
    conversations: [{ role: 'user', content: paragraph(rand, 300 + Math.floor(rand() * 1500)) }],
    response_A: paragraph(rand, 800 + Math.floor(rand() * 3000)),
    response_B: paragraph(rand, 800 + Math.floor(rand() * 3000)),
    gt_label: gold,
    gt_judgment: paragraph(rand, 600 + Math.floor(rand() * 1400)) + `\n\nTherefore Response ${gold} is better.`,
    model_judgment: `<think>\n${thinking}\n</think>\n\n${paragraph(rand, 800)}\n\n${pred === null ? 'I cannot decide between them.' : `\\boxed{${pred}}`}`,
    model_pred: pred,
    metarm_verdict: verdict,
    metarm_score: verdict === 'Correct' ? 1.0 : verdict === 'Incorrect' ? 0.0 : null,
    metarm_raw: labelCorrect && verdict !== 'CallFail' ? `<golden_key_points>${paragraph(rand, 300)}</golden_key_points>\n<genrm_analysis>${paragraph(rand, 500)}</genrm_analysis>\n<final_verdict>${verdict}</final_verdict>` : null,
    meta: { metarm_model_name: 'qwen3-32b', temperature: 0.4 },
  };
}

/** Python's `json.dumps(value, ensure_ascii=False)`: ", " and ": " separators, floats as 1.0. */
function pythonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonDumps).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonDumps(v)}`).join(', ')}}`;
  if (typeof value === 'number' && Number.isInteger(value) && FLOATS.has(value)) return value.toFixed(1);
  return JSON.stringify(value);
}

/** metarm_score is a Python float (1.0, 0.0). */
const FLOATS = new Set([0, 1]);

/** bench/data/r-align-realistic-500mb.jsonl, written once (to a temporary name, then renamed). */
export async function ensureRealisticFile(dir: string, targetBytes = 500 * 1024 * 1024, seed = 2602): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'r-align-realistic-500mb.jsonl');
  if (existsSync(path) && statSync(path).size >= targetBytes) return path;
  const out = createWriteStream(`${path}.tmp`);
  const rand = seeded(seed);
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const line = pythonDumps(realisticRecord(i, rand)) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  renameSync(`${path}.tmp`, path);
  return path;
}
