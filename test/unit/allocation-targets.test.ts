import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BAND,
  TARGET_PRESETS,
  breakdown,
  drift,
  normaliseTargets,
  presetById,
  targetSetSchema,
  validateTargetSet,
  type TargetSet,
} from '../../shared/allocation';
import type { ValuedPosition } from '../../shared/domain/types';
import { CATALOG, portfolio, position } from './support/fixtures';

const pos = (a: string, value: number): ValuedPosition => position('bin', a, value, 1);
const sumTargets = (set: TargetSet): number => Object.values(set.targets).reduce((s, t) => s + t.target, 0);

describe('target presets', () => {
  it('offers Conservative, Balanced and Growth, each a valid tier set adding up to 100%', () => {
    expect(TARGET_PRESETS.map((p) => p.id)).toEqual(['conservative', 'balanced', 'growth']);
    for (const p of TARGET_PRESETS) {
      expect(targetSetSchema.safeParse(p.targetSet).success).toBe(true);
      expect(p.targetSet.dimension).toBe('tier');
      expect(sumTargets(p.targetSet)).toBeCloseTo(1, 12);
      for (const t of Object.values(p.targetSet.targets)) {
        expect(t.min).toBeLessThanOrEqual(t.target);
        expect(t.max).toBeGreaterThanOrEqual(t.target);
      }
    }
  });

  it('builds Balanced from the 40-50 / 25-30 / 10-20 / 5-10 ranges, normalised', () => {
    const b = presetById('balanced')!.targetSet.targets;
    const scale = 1 / (0.45 + 0.275 + 0.15 + 0.075);
    expect(b.large?.target).toBeCloseTo(0.45 * scale, 12);
    expect(b.mid?.target).toBeCloseTo(0.275 * scale, 12);
    expect(b.small?.target).toBeCloseTo(0.15 * scale, 12);
    expect(b.stablecoin?.target).toBeCloseTo(0.075 * scale, 12);
    expect(b.large?.min).toBeCloseTo(0.4 * scale, 12);
    expect(b.large?.max).toBeCloseTo(0.5 * scale, 12);
  });

  it('orders presets by risk: less small-cap and more large-cap in Conservative than in Growth', () => {
    const c = presetById('conservative')!.targetSet.targets;
    const bal = presetById('balanced')!.targetSet.targets;
    const g = presetById('growth')!.targetSet.targets;
    expect(c.large!.target).toBeGreaterThan(bal.large!.target);
    expect(bal.large!.target).toBeGreaterThan(g.large!.target);
    expect(c.small!.target).toBeLessThan(bal.small!.target);
    expect(bal.small!.target).toBeLessThan(g.small!.target);
  });
});

describe('targetSetSchema', () => {
  const ok: TargetSet = { dimension: 'tier', targets: { large: { target: 0.6 }, stablecoin: { target: 0.4 } } };
  it('accepts a valid set and asset sets with any symbol', () => {
    expect(validateTargetSet(ok).ok).toBe(true);
    expect(
      validateTargetSet({ dimension: 'asset', targets: { BTC: { target: 0.7 }, SOMECOIN: { target: 0.3 } } }).ok,
    ).toBe(true);
  });
  it.each([
    ['targets not adding up to 100%', { ...ok, targets: { large: { target: 0.6 } } }, /100%/],
    ['an unknown tier', { ...ok, targets: { huge: { target: 1 } } }, /unknown tier/],
    ['an unknown sector', { dimension: 'sector', targets: { Memes: { target: 1 } } }, /unknown sector/],
    ['a weight above 1', { dimension: 'asset', targets: { BTC: { target: 1.5 } } }, /.+/],
    ['a negative weight', { dimension: 'asset', targets: { BTC: { target: -0.1 }, ETH: { target: 1.1 } } }, /.+/],
    [
      'min above target',
      { dimension: 'asset', targets: { BTC: { target: 1, min: 0.5 }, ETH: { target: 0, min: 0.2 } } },
      /min/,
    ],
    ['max below target', { dimension: 'asset', targets: { BTC: { target: 1, max: 0.9 } } }, /max/],
    ['no targets', { dimension: 'asset', targets: {} }, /at least one/],
    ['an unknown field', { ...ok, extra: 1 }, /.+/],
  ])('rejects %s with a readable message', (_name, input, pattern) => {
    const r = validateTargetSet(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(pattern);
  });
});

describe('normaliseTargets', () => {
  it('scales targets and ranges by the same factor', () => {
    const n = normaliseTargets({ a: { target: 0.3, min: 0.2, max: 0.4 }, b: { target: 0.2 } });
    expect(n.a).toEqual({
      target: expect.closeTo(0.6, 12),
      min: expect.closeTo(0.4, 12),
      max: expect.closeTo(0.8, 12),
    });
    expect(n.b?.target).toBeCloseTo(0.4, 12);
    expect(n.b?.min).toBeUndefined();
    expect(() => normaliseTargets({ a: { target: 0 } })).toThrow();
  });
});

describe('drift', () => {
  // large 50, mid 20, small 30 of 100; no stablecoins.
  const b = breakdown(portfolio([pos('BTC', 50), pos('LINK', 20), pos('PEPE', 30)]), CATALOG);
  const set: TargetSet = {
    dimension: 'tier',
    targets: {
      large: { target: 0.45 },
      mid: { target: 0.3 },
      small: { target: 0.15, min: 0.1, max: 0.2 },
      stablecoin: { target: 0.1 },
    },
    band: 0.05,
  };
  const rows = Object.fromEntries(drift(b, set).map((r) => [r.key, r]));

  it('computes actual, target and signed drift per key', () => {
    expect(rows.large).toMatchObject({ actual: 0.5, target: 0.45 });
    expect(rows.large!.drift).toBeCloseTo(0.05, 12);
    expect(rows.mid!.drift).toBeCloseTo(-0.1, 12);
    expect(rows.small!.drift).toBeCloseTo(0.15, 12);
    expect(rows.stablecoin).toMatchObject({ actual: 0, target: 0.1, actualValue: 0 });
    expect(rows.stablecoin!.targetValue).toBeCloseTo(10, 12);
  });

  it('flags rows outside the band, and uses min/max when given', () => {
    expect(rows.large!.outsideBand).toBe(false); // exactly at the band edge
    expect(rows.mid!.outsideBand).toBe(true);
    expect(rows.small!.outsideBand).toBe(true); // above max 0.2
    expect(rows.small).toMatchObject({ lower: 0.1, upper: 0.2 });
    expect(rows.stablecoin!.outsideBand).toBe(true); // 0 < 0.05
    const wide = Object.fromEntries(drift(b, { ...set, band: 0.11 }).map((r) => [r.key, r]));
    expect(wide.mid!.outsideBand).toBe(false);
    expect(wide.small!.outsideBand).toBe(true); // min/max still apply
  });

  it(`uses a ${DEFAULT_BAND * 100}% band by default`, () => {
    const noBand = { ...set, band: undefined };
    const r = Object.fromEntries(drift(b, noBand).map((x) => [x.key, x]));
    expect(r.large!.upper).toBeCloseTo(0.45 + DEFAULT_BAND, 12);
  });

  it('includes held keys without a target (target 0) and sorts by |drift|', () => {
    const onlyLarge = drift(b, { dimension: 'tier', targets: { large: { target: 1 } } });
    expect(onlyLarge.map((r) => r.key)).toEqual(['large', 'small', 'mid']);
    expect(onlyLarge.find((r) => r.key === 'small')).toMatchObject({ target: 0, outsideBand: true });
  });

  it('works on asset targets and on an empty portfolio', () => {
    const r = drift(b, { dimension: 'asset', targets: { BTC: { target: 0.5 }, ETH: { target: 0.5 } } });
    expect(r.find((x) => x.key === 'BTC')?.drift).toBeCloseTo(0, 12);
    expect(r.find((x) => x.key === 'ETH')).toMatchObject({ actual: 0, target: 0.5, outsideBand: true });
    const empty = drift(breakdown(portfolio([]), CATALOG), set);
    expect(empty.every((x) => x.actual === 0 && x.actualValue === 0)).toBe(true);
    expect(empty).toHaveLength(4);
  });
});
