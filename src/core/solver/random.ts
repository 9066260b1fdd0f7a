/**
 * The solver's own PRNG (sfc32, seeded through splitmix32), so a run is reproducible for a seed
 * whatever Math.random does. sfc32 passes PractRand and costs a handful of 32-bit operations per
 * draw, which matters at tens of millions of draws a second. `next()` is a float in [0, 1),
 * `int(n)` an integer in [0, n) for n < 2^31.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = 1;
    // The first outputs of a fresh state are correlated with the seed: skip them.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  int(n: number): number {
    return ((this.nextUint32() / 4294967296) * n) | 0;
  }
}
