import { describe, expect, it } from 'vitest';
import { fnv1a32, mulberry32 } from '../../shared/random';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('is unsigned and tells names apart', () => {
    expect(fnv1a32('BTC/USDT')).toBeGreaterThanOrEqual(0);
    expect(fnv1a32('BTC/USDT')).not.toBe(fnv1a32('ETH/USDT'));
  });
});

describe('mulberry32', () => {
  it('gives the same floats in [0, 1) for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
