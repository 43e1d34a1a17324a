/**
 * The strict JSON scan in WebAssembly (wasm/jsonScan.ts, compiled from source by scripts/build.mjs
 * to dist/jsonScan.wasm with AssemblyScript): the decisions of `strictScan` in strictJson.ts, with
 * strings read sixteen bytes at a time. The JS scanner stays the reference: the fuzzer
 * (test/unit/core/io/wasmScan.test.ts) compares the two and JSON.parse. A line is copied into the
 * module's memory before it is scanned (read chunks are reused, so nothing is cached across calls).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
  dataStart(): number;
  outStart(): number;
  maxDepthSupported(): number;
}

/** Results of `WasmScanner.scan` besides a member count. */
export const WASM_INVALID = -1;
export const WASM_FALLBACK = -2;
export const WASM_TOO_MANY = -3;

const PAGE = 65536;

export class WasmScanner {
  private bytes: Uint8Array;
  private ints: Int32Array;
  private readonly data: number;
  private readonly out: number;
  readonly maxDepth: number;

  constructor(private readonly exports: ScanExports) {
    this.data = exports.dataStart();
    this.out = exports.outStart() >> 2;
    this.maxDepth = exports.maxDepthSupported();
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.ints = new Int32Array(exports.memory.buffer);
  }

  /**
   * Scans buf[start, end) (see wasm/jsonScan.ts `scan`). Member records are then read with `member`,
   * their positions relative to `start`.
   */
  scan(buf: Uint8Array, start: number, end: number, maxDepth: number, wantMembers: boolean): number {
    const length = end - start;
    if (this.data + length > this.bytes.length) {
      const memory = this.exports.memory;
      memory.grow(Math.ceil((this.data + length - memory.buffer.byteLength) / PAGE));
      this.bytes = new Uint8Array(memory.buffer);
      this.ints = new Int32Array(memory.buffer);
    }
    this.bytes.set(buf.subarray(start, end), this.data);
    return this.exports.scan(this.data, this.data + length, maxDepth, wantMembers ? 1 : 0);
  }

  /**
   * The member records of the last scan: five int32 from `memberTable().at` on for each member (key
   * start, key end, key had an escape, value start, value end); positions are offsets into the module's
   * memory, `textStart` being the scanned text's first byte. Read in place, no copy: valid until the next scan.
   */
  memberTable(): { readonly ints: Int32Array; readonly at: number; readonly textStart: number } {
    return { ints: this.ints, at: this.out, textStart: this.data };
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
