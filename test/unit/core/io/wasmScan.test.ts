/**
 * The WebAssembly scanner (wasm/jsonScan.ts, built from source into dist/jsonScan.wasm) against the
 * JS scanner it was ported from (the reference, strictJson.ts) and JSON.parse: the same validity and
 * the same member ranges on random and adversarial input, at every alignment and every cut.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemberNames } from '../../../../src/core/io/jsonScan';
import { MAX_JSON_DEPTH, isStrictJson, strictMembersJs, wasmMembers, wasmScanner } from '../../../../src/core/io/strictJson';
import type { WasmScanner } from '../../../../src/core/io/wasmScan';
import { WASM_INVALID, WASM_NO_ROOM, WASM_TOO_MANY, loadWasmScanner } from '../../../../src/core/io/wasmScan';
import { computeStats } from '../../../../src/core/tally/fileTally';
import type { FileStats } from '../../../../src/core/tally/fileTally';
import { fuzzLines, parses } from '../nearMisses';
import { seeded } from '../synthetic';
import { tempFile } from '../../paths';

const NAMES = new MemberNames(['id', 'subset', 'gt_label', 'model_pred', 'model_judgment', 'response_A', 'k', 'z', 'a', 'é']);

function scanner(): WasmScanner {
  const wasm = loadWasmScanner();
  assert.ok(wasm, 'dist/jsonScan.wasm is built (npm run build) and loads');
  return wasm;
}

/** Both scanners on buf[start, end): validity against JSON.parse's when given, members against the reference. */
function agree(wasm: WasmScanner, buf: Buffer, start: number, end: number, expected: boolean | undefined, what: string): boolean {
  const js = isStrictJson(buf, start, end);
  const valid = wasm.scan(buf, start, end, MAX_JSON_DEPTH, false) !== WASM_INVALID;
  if (expected !== undefined) assert.equal(js, expected, `JS scanner vs JSON.parse: ${what}`);
  assert.equal(valid, js, `WASM vs JS validity: ${what}`);
  assert.deepEqual(wasmMembers(wasm, buf, start, end, NAMES), strictMembersJs(buf, start, end, NAMES), `WASM vs JS members: ${what}`);
  return js;
}

function show(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 100)}…${text.slice(-100)}` : text);
}

test('the built scanner is the one the tally uses (unless RLENS_JSON_SCANNER=js)', () => {
  assert.ok(scanner());
  if (process.env.RLENS_JSON_SCANNER !== 'js') assert.ok(wasmScanner(), 'strictMembers goes through WebAssembly');
});

test('near-miss R-Align lines: WASM, JS and JSON.parse agree, also on every cut of a line', () => {
  const wasm = scanner();
  const lines = fuzzLines(77, 1500);
  let rejected = 0;
  for (const line of lines) {
    const buf = Buffer.from(line);
    if (!agree(wasm, buf, 0, buf.length, parses(line), show(line))) rejected++;
  }
  assert.ok(rejected > 400, `the corpus has near misses (${rejected})`);
  // A read chunk may end anywhere: inside a string, an escape, a multi-byte character, a number.
  const rand = seeded(78);
  for (const line of lines.slice(0, 60)) {
    const buf = Buffer.from(line);
    for (let n = 0; n < 40; n++) {
      const cut = Math.floor(rand() * buf.length);
      agree(wasm, buf, 0, cut, undefined, `${show(line)} cut at byte ${cut}`);
      agree(wasm, buf, cut, buf.length, undefined, `${show(line)} from byte ${cut}`);
    }
  }
});

/** Pieces random texts are made of: structure, strings, escapes, numbers, literals, and their near misses. */
const TOKENS = ['{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '\r', '"k"', '"a"', '"é"', '"z":', '"\\u006b"', '""', '0', '-1', '1.5e+3', '01', '1.', '-', '1e', 'true', 'false', 'null', 'tru', 'nul', 'NaN', '"', '\\', '\u0000', '\u00a0'];
const STRING_PARTS = ['a', 'é', '中', '😀', '"', '\\', '\\"', '\\\\', '\\n', '\\/', '\\b', '\\f', '\\r', '\\t', '\\u00e9', '\\ud800', '\\udfff', '\\uD83D\\uDE00', '\\u12G4', '\\u12', '\\x', '\\ ', '\t', '\u0000', '\u001f', '\u007f', ' ', 'u', '0', 'x'.repeat(15), 'y'.repeat(16), 'z'.repeat(17)];

/** The parts JSON.parse accepts inside a string. */
const VALID_PARTS = STRING_PARTS.filter((p) => parses(`"${p}"`));

function randomString(rand: () => number, parts: number, validOnly = false): string {
  const from = validOnly ? VALID_PARTS : STRING_PARTS;
  let body = '';
  for (let k = 0; k < parts; k++) body += from[Math.floor(rand() * from.length)] as string;
  return `"${body}"`;
}

function randomText(rand: () => number): string {
  let text = '';
  const n = 1 + Math.floor(rand() * 30);
  for (let k = 0; k < n; k++) text += rand() < 0.25 ? randomString(rand, Math.floor(rand() * 12)) : (TOKENS[Math.floor(rand() * TOKENS.length)] as string);
  return text;
}

/** Mostly-valid JSON values with long strings, so the sixteen-byte blocks meet escapes at every offset. */
function randomValue(rand: () => number, depth: number): string {
  const r = rand();
  if (depth > 3 || r < 0.4) return randomString(rand, Math.floor(rand() * 40), rand() < 0.97);
  if (r < 0.5) return ['0', '-0.5', '12e-3', 'true', 'false', 'null'][Math.floor(rand() * 6)] as string;
  const n = Math.floor(rand() * 5);
  if (r < 0.7) return `[${Array.from({ length: n }, () => randomValue(rand, depth + 1)).join(rand() < 0.5 ? ',' : ' , ')}]`;
  return `{${Array.from({ length: n }, () => `${randomString(rand, Math.floor(rand() * 3), rand() < 0.97)}:${randomValue(rand, depth + 1)}`).join(',')}}`;
}

test('random texts at every alignment: structure, strings, escapes, control bytes, numbers, literals', () => {
  const wasm = scanner();
  const rand = seeded(2027);
  let accepted = 0;
  let rejected = 0;
  for (let n = 0; n < 12_000; n++) {
    const text = n % 2 === 0 ? randomText(rand) : randomValue(rand, 0);
    const bytes = Buffer.from(text);
    // Inside a larger buffer whose other bytes are quotes, so nothing past `end` may be read as text.
    const lead = n % 19;
    const buf = Buffer.alloc(lead + bytes.length + 17, 0x22);
    bytes.copy(buf, lead);
    if (agree(wasm, buf, lead, lead + bytes.length, parses(text), show(text))) accepted++;
    else rejected++;
  }
  assert.ok(accepted > 2000 && rejected > 2000, `both outcomes are exercised (${accepted} valid, ${rejected} not)`);
});

test('invalid UTF-8 and raw bytes of every value inside and outside strings: WASM and JS agree', () => {
  const wasm = scanner();
  const rand = seeded(99);
  for (let b = 0; b < 256; b++) {
    for (const template of ['{"a":"xx#yy"}', '{"a":"' + 'q'.repeat(20) + '#' + 'q'.repeat(20) + '"}', '[#]', '{"a#":1}', '#', '{"a":1#}', '"\\#"', '"\\u00#0"']) {
      const at = template.indexOf('#');
      const buf = Buffer.concat([Buffer.from(template.slice(0, at)), Buffer.from([b]), Buffer.from(template.slice(at + 1))]);
      agree(wasm, buf, 0, buf.length, undefined, `${template} with byte ${b}`);
    }
  }
  // Random bytes, and truncated multi-byte characters at the end of a block.
  for (let n = 0; n < 3000; n++) {
    const len = Math.floor(rand() * 60);
    const body = Buffer.from(Array.from({ length: len }, () => (rand() < 0.7 ? 0x61 : Math.floor(rand() * 256))));
    const buf = Buffer.concat([Buffer.from('{"k":"'), body, Buffer.from('"}')]);
    agree(wasm, buf, 0, buf.length, undefined, `bytes ${body.toString('hex')}`);
  }
});

test('deep nesting, huge strings, many members: the limits match the reference', () => {
  const wasm = scanner();
  for (const depth of [MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 10_000]) {
    for (const text of [`${'['.repeat(depth)}${']'.repeat(depth)}`, `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`]) {
      const buf = Buffer.from(text);
      agree(wasm, buf, 0, buf.length, parses(text), `nesting ${depth}: ${show(text)}`);
    }
  }
  // Strings of many megabytes make the module's memory grow; escapes and characters on every block offset.
  const rand = seeded(5);
  for (const size of [1 << 20, 6 << 20]) {
    let body = '';
    while (body.length < size) body += rand() < 0.1 ? '\\n' : rand() < 0.1 ? 'é' : rand() < 0.02 ? '\\u00e9' : 'abcdefgh'.slice(0, 1 + Math.floor(rand() * 8));
    for (const text of [`{"a":"${body}","k":1}`, `{"a":"${body}\u0001"}`, `{"a":"${body}\\q"}`, `{"a":"${body}`]) {
      const buf = Buffer.from(text);
      agree(wasm, buf, 0, buf.length, parses(text), `a ${size}-byte string ${show(text)}`);
    }
  }
  // More top-level members than the module's table: it says so and the JS scanner reads the line.
  const many = `{${Array.from({ length: 5000 }, (_, i) => `"m${i}":${i}`).join(',')},"k":"v"}`;
  const buf = Buffer.from(many);
  assert.equal(wasm.scan(buf, 0, buf.length, MAX_JSON_DEPTH, true), WASM_TOO_MANY);
  agree(wasm, buf, 0, buf.length, true, '5,001 members');
  assert.deepEqual(wasmMembers(wasm, buf, 0, buf.length, NAMES)?.get('k'), [buf.length - 4, buf.length - 1]);
});

test('an escape, a quote or a raw byte at every offset of the 32-byte steps and the sixteen-byte blocks: WASM and JS agree', () => {
  const wasm = scanner();
  for (const piece of ['\\n', '\\"', '\\\\', '\\u00e9', '\\u00g9', '\\q', '\\', '"', '\u0001', 'é', '\\u12']) {
    for (let at = 0; at < 70; at++) {
      for (const total of [at + 8, 40, 80]) {
        if (total < at) continue;
        const text = `{"a":"${'x'.repeat(at)}${piece}${'y'.repeat(total - at)}","k":1}`;
        const lead = at % 5;
        const bytes = Buffer.from(text);
        const buf = Buffer.alloc(lead + bytes.length + 17, 0x22);
        bytes.copy(buf, lead);
        agree(wasm, buf, lead, lead + bytes.length, parses(text), show(text));
      }
    }
  }
});

test('lines read into leased views of the module memory are scanned in place; a line elsewhere never grows the memory under them', () => {
  const wasm = scanner();
  const views = wasm.leaseReadBuffers(2, 1 << 16);
  assert.ok(views);
  assert.equal(wasm.leaseReadBuffers(2, 1 << 16), null, 'one reader at a time');
  const long = Buffer.from(`{"a":"${'x\\n'.repeat(2 << 20)}","k":1}`);
  try {
    const rand = seeded(404);
    let inPlace = 0;
    for (let n = 0; n < 4000; n++) {
      const text = n % 2 === 0 ? randomText(rand) : randomValue(rand, 0);
      const bytes = Buffer.from(text);
      const view = views[n % 2] as Buffer;
      const lead = n % 23;
      if (lead + bytes.length + 17 > view.length) continue;
      view.fill(0x22); // quotes after the text: nothing past `end` may be read as text
      bytes.copy(view, lead);
      agree(wasm, view, lead, lead + bytes.length, parses(text), show(text));
      assert.equal(wasm.memberTable().textStart, view.byteOffset + lead, 'scanned where it lies, not copied');
      inPlace++;
    }
    assert.ok(inPlace > 3000, `texts scanned in place: ${inPlace}`);
    // A 6 MB line in an ordinary buffer is over the room kept for copies: the JS scanner answers it, the views stay whole.
    assert.equal(wasm.scan(long, 0, long.length, MAX_JSON_DEPTH, true), WASM_NO_ROOM);
    agree(wasm, long, 0, long.length, true, 'a 6 MB line beside leased buffers');
    assert.equal((views[0] as Buffer).length, 1 << 16, 'the leased views are not detached');
  } finally {
    wasm.releaseReadBuffers();
  }
  // Released, the memory grows for the long line (detaching the old views) and a new lease gets fresh ones.
  assert.equal(wasm.scan(long, 0, long.length, MAX_JSON_DEPTH, true), 2);
  assert.equal((views[0] as Buffer).length, 0);
  const again = wasm.leaseReadBuffers(2, 1 << 16);
  assert.ok(again);
  assert.equal(again[1]?.length, 1 << 16);
  const line = Buffer.from('{"k":"v"}');
  line.copy(again[1], 5);
  assert.equal(wasmMembers(wasm, again[1], 5, 5 + line.length, NAMES)?.get('k')?.join(), '10,13');
  wasm.releaseReadBuffers();
});

function comparable(s: FileStats) {
  return { overall: s.overall, groups: s.groups, malformed: s.malformed, warnings: s.warnings, issues: s.issues };
}

test('the tally reads files with read chunks cut inside strings, escapes and characters exactly as the full parser', async () => {
  for (const seed of [31, 32]) {
    const path = tempFile(`wasm-fuzz-${seed}.jsonl`, fuzzLines(seed, 600).join('\n') + '\n');
    const full = await computeStats(path, { strict: true, maxIssues: 100_000 });
    for (const chunkBytes of [4099, 65_537]) {
      const fast = await computeStats(path, { workers: 1, maxIssues: 100_000, chunkBytes });
      assert.deepEqual(comparable(fast), comparable(full), `seed ${seed}, ${chunkBytes}-byte chunks`);
      // Two threads sharing the pieces read their chunks straight into their scanner's memory.
      const shared = await computeStats(path, { workers: 2, maxIssues: 100_000, chunkBytes });
      assert.deepEqual(comparable(shared), comparable(full), `seed ${seed}, ${chunkBytes}-byte chunks, two threads`);
    }
  }
});
