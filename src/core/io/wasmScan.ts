/**
 * The strict JSON scan in WebAssembly (wasm/jsonScan.ts, compiled from source by scripts/build.mjs
 * to dist/jsonScan.wasm with AssemblyScript): the decisions of `strictScan` in strictJson.ts, with
 * strings read sixteen bytes at a time. The JS scanner stays the reference: the fuzzer
 * (test/unit/core/io/wasmScan.test.ts) compares the two and JSON.parse. A line read into a buffer
 * that is a view of the module's memory (`leaseReadBuffers`: the tally reads its chunks there) is
 * scanned where it lies; any other line is first copied into the module's memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemberNames } from './jsonScan';

/** The little of the WebAssembly API used here (Node's type definitions do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}

interface ScanExports {
  readonly memory: WasmMemory;
  scan(start: number, end: number, maxDepth: number, wantMembers: number): number;
  namesStart(): number;
  slotsStart(): number;
  setNames(count: number): void;
  dataStart(): number;
  outStart(): number;
  maxDepthSupported(): number;
}

/** Results of `WasmScanner.scan` besides a member count. */
export const WASM_INVALID = -1;
export const WASM_FALLBACK = -2;
export const WASM_TOO_MANY = -3;
/** Not scanned: the line is not in the module's memory and would not fit beside leased read buffers (the caller scans it in JS). */
export const WASM_NO_ROOM = -4;

const PAGE = 65536;
/** The slot mode's room for names (wasm/jsonScan.ts: NAMES, SLOTS). */
const MAX_NAMES = 64;
const NAMES_BYTES = 8192;
/** Room kept for copied lines below leased read buffers (lines longer than this then go to the JS scanner, same answers). */
const COPY_ROOM = 4 * 1024 * 1024;

export class WasmScanner {
  private bytes: Uint8Array;
  private ints: Int32Array;
  private readonly data: number;
  private readonly out: number;
  /** The member table of the last scan (one object, refilled: no allocation a line). */
  private readonly table: { ints: Int32Array; readonly at: number; textStart: number };
  /** Read buffers over the module's memory (see leaseReadBuffers), valid while `memory.buffer` is the one they view. */
  private views: Buffer[] = [];
  private leased = false;
  /** The names the module's slot mode matches now (written into its memory by `useNames`), or null. */
  private names: MemberNames | null = null;
  private readonly slots: { ints: Int32Array; readonly at: number; textStart: number };
  readonly maxDepth: number;

  constructor(private readonly exports: ScanExports) {
    this.data = exports.dataStart();
    this.out = exports.outStart() >> 2;
    this.maxDepth = exports.maxDepthSupported();
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.ints = new Int32Array(exports.memory.buffer);
    this.table = { ints: this.ints, at: this.out, textStart: this.data };
    this.slots = { ints: this.ints, at: exports.slotsStart() >> 2, textStart: this.data };
  }

  /**
   * Scans buf[start, end) (see wasm/jsonScan.ts `scan`). Member records are then read with `member`,
   * their positions relative to `start`.
   */
  scan(buf: Uint8Array, start: number, end: number, maxDepth: number, wantMembers: boolean): number {
    return this.run(buf, start, end, maxDepth, wantMembers ? 1 : 0);
  }

  /**
   * Scans buf[start, end) and finds the top-level members named in `only` (the module matches the
   * names): -1 when it is not valid JSON; -2 when it is valid but needs the full parser (not an object,
   * a top-level key with an escape, a wanted name twice); else 0, the value ranges being in
   * `slotTable`. WASM_NO_ROOM as `scan`, and when the names do not fit the module's table.
   */
  scanSlots(buf: Uint8Array, start: number, end: number, maxDepth: number, only: MemberNames): number {
    if (only !== this.names && !this.useNames(only)) return WASM_NO_ROOM;
    return this.run(buf, start, end, maxDepth, 2);
  }

  /** The value ranges of the last `scanSlots`: two int32 a name from `at` on (-1, -1 when absent), offsets into the module's memory, `textStart` being the text's first byte. */
  slotTable(): { readonly ints: Int32Array; readonly at: number; readonly textStart: number } {
    return this.slots;
  }

  private useNames(only: MemberNames): boolean {
    const bytes = only.names.map((name) => Buffer.from(name, 'latin1')); // as MemberNames matches them
    if (bytes.length > MAX_NAMES || bytes.some((b) => b.length > 255) || bytes.reduce((n, b) => n + 1 + b.length, 0) > NAMES_BYTES) return false;
    let at = this.exports.namesStart();
    for (const b of bytes) {
      this.bytes[at] = b.length;
      this.bytes.set(b, at + 1);
      at += 1 + b.length;
    }
    this.exports.setNames(bytes.length);
    this.names = only;
    return true;
  }

  private run(buf: Uint8Array, start: number, end: number, maxDepth: number, mode: number): number {
    let at: number;
    // (the memory's ArrayBuffer as `bytes` holds it: WebAssembly.Memory's own getter is a slower call, and only `grow` here changes it)
    if (buf.buffer === this.bytes.buffer) {
      at = buf.byteOffset + start; // read straight into the module's memory: no copy
    } else {
      const length = end - start;
      if (this.data + length > this.bytes.length) {
        // Growing detaches every view of the memory: never while read buffers are leased (a read may be in flight).
        if (this.leased) return WASM_NO_ROOM;
        this.grow(this.data + length);
      } else if (this.leased && this.data + length > (this.views[0] as Buffer).byteOffset) return WASM_NO_ROOM;
      this.bytes.set(buf.subarray(start, end), this.data);
      at = this.data;
    }
    this.table.textStart = at;
    this.slots.textStart = at;
    return this.exports.scan(at, at + end - start, maxDepth, mode);
  }

  private grow(bytes: number): void {
    const memory = this.exports.memory;
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(memory.buffer);
    this.ints = new Int32Array(memory.buffer);
    this.table.ints = this.ints;
    this.slots.ints = this.ints;
  }

  /**
   * `count` read buffers of `bytes` each that are views of the module's memory, for one reader at a
   * time (EntryReaderOptions.readBuffers): lines read into them are scanned in place. Null while
   * another reader holds them; `releaseReadBuffers` gives them back. While leased the memory never
   * grows (that would detach them under a read in flight): a line elsewhere too long for the room
   * left for copies is answered WASM_NO_ROOM.
   */
  leaseReadBuffers(count: number, bytes: number): Buffer[] | null {
    if (this.leased) return null;
    const memory = this.exports.memory;
    const first = this.views[0];
    if (this.views.length !== count || first?.buffer !== memory.buffer || first.length !== bytes) {
      const base = Math.ceil(Math.max(this.bytes.length, this.data + COPY_ROOM) / PAGE) * PAGE;
      this.grow(base + count * bytes);
      this.views = Array.from({ length: count }, (_, k) => Buffer.from(memory.buffer, base + k * bytes, bytes));
    }
    this.leased = true;
    return [...this.views];
  }

  releaseReadBuffers(): void {
    this.leased = false;
  }

  /**
   * The member records of the last scan: five int32 from `memberTable().at` on for each member (key
   * start, key end, key had an escape, value start, value end); positions are offsets into the module's
   * memory, `textStart` being the scanned text's first byte. Read in place, no copy: valid until the next scan.
   */
  memberTable(): { readonly ints: Int32Array; readonly at: number; readonly textStart: number } {
    return this.table;
  }
}

/** The scanner, or null when dist/jsonScan.wasm is not there (the JS scanner then does all the work). */
export function loadWasmScanner(): WasmScanner | null {
  // Bundled, this module sits in dist/ beside the .wasm; compiled for the unit tests, in out/src/core/io/.
  for (const path of [join(__dirname, 'jsonScan.wasm'), join(__dirname, '..', '..', '..', '..', 'dist', 'jsonScan.wasm')]) {
    if (!existsSync(path)) continue;
    try {
      const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const instance = new api.Instance(new api.Module(readFileSync(path)), {});
      return new WasmScanner(instance.exports as unknown as ScanExports);
    } catch {
      return null; // a runtime without WebAssembly SIMD: the JS scanner gives the same answers
    }
  }
  return null;
}
