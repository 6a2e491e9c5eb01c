/**
 * Seeded randomness for generated data (sample portfolio, synthetic prices, emulator candles, tests and
 * benchmarks): mulberry32, a small, fast 32-bit PRNG returning floats in [0, 1), and fnv1a32 to derive
 * a seed from a name. Deterministic for a seed.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string (32-bit, unsigned): a stable seed per name, e.g. one stream per asset. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
