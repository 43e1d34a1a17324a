/**
 * CPython's `random` module, the part VL-RewardBench's cal.py draws from: Mersenne Twister MT19937
 * seeded by an int (`random.seed(1234)`: init_by_array over the seed's 32-bit words) and
 * `randint(a, b)` (rejection sampling on getrandbits of b − a + 1's bit length). Replaying it is
 * what makes cal.py's shuffled sample choice at each k reproducible here, draw for draw.
 */
const N = 624;
const M = 397;

export class PythonRandom {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** `random.seed(n)` for a non-negative integer n below 2^53. */
  seed(seed: number): void {
    let n = Math.abs(Math.trunc(seed));
    const key: number[] = [];
    do {
      key.push(n % 0x100000000);
      n = Math.floor(n / 0x100000000);
    } while (n > 0);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] as number) + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** genrand_uint32 */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let kk = 0; kk < N; kk++) {
        const y = ((mt[kk] as number) & 0x80000000) | ((mt[(kk + 1) % N] as number) & 0x7fffffff);
        mt[kk] = (mt[(kk + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** getrandbits(k) for 1 ≤ k ≤ 32. */
  private bits(k: number): number {
    return this.nextUint32() >>> (32 - k);
  }

  /** randint(a, b): a ≤ n ≤ b, for b − a + 1 below 2^32. */
  randint(a: number, b: number): number {
    const width = b - a + 1;
    if (width <= 0) throw new RangeError(`empty range for randint(${a}, ${b})`);
    if (width > 0xffffffff) throw new RangeError('randint ranges of 2^32 or more are not replayed');
    const k = Math.floor(Math.log2(width)) + 1;
    // Math.log2 can round up just below a power of two: bit length checked exactly.
    const bitLength = width >= 2 ** k ? k + 1 : width < 2 ** (k - 1) ? k - 1 : k;
    let r = this.bits(bitLength);
    while (r >= width) r = this.bits(bitLength);
    return a + r;
  }
}
