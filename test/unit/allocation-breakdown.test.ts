import { describe, expect, it } from 'vitest';
import { breakdown, classify, sectorOf, tierOf } from '../../shared/allocation';
import { DEFAULT_TIER_THRESHOLDS } from '../../shared/domain/types';
import { CATALOG, asset, portfolio, position as pos } from './support/fixtures';

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

describe('tierOf', () => {
  const t = DEFAULT_TIER_THRESHOLDS;
  it('splits by market cap, with thresholds inclusive at the lower edge', () => {
    expect(tierOf(asset('A', t.largeMinUsd, ['L1']), t)).toBe('large');
    expect(tierOf(asset('A', t.largeMinUsd - 1, ['L1']), t)).toBe('mid');
    expect(tierOf(asset('A', t.midMinUsd, ['L1']), t)).toBe('mid');
    expect(tierOf(asset('A', t.midMinUsd - 1, ['L1']), t)).toBe('small');
  });
  it('puts stablecoins in their own tier whatever their market cap', () => {
    expect(tierOf(asset('USDT', 1.4e11, ['stablecoin'], true), t)).toBe('stablecoin');
    expect(tierOf(asset('TINY', 1e6, [], true), t)).toBe('stablecoin');
  });
  it('is unranked when the market cap is unknown or the asset is not in the catalog', () => {
    expect(tierOf(asset('A', null, ['L1']), t)).toBe('unranked');
    expect(tierOf(asset('A', Number.NaN, ['L1']), t)).toBe('unranked');
    expect(tierOf(undefined, t)).toBe('unranked');
  });
  it('lets an override win and respects custom thresholds', () => {
    const link = CATALOG.LINK;
    expect(tierOf(link, t)).toBe('mid');
    expect(tierOf(link, t, { tier: 'large' })).toBe('large');
    expect(tierOf(undefined, t, { tier: 'small' })).toBe('small');
    expect(tierOf(link, { largeMinUsd: 5e9, midMinUsd: 1e9 })).toBe('large');
    expect(tierOf(link, { largeMinUsd: 5e10, midMinUsd: 1e10 })).toBe('small');
  });
});

describe('sectorOf', () => {
  it('uses the primary (first) sector', () => {
    expect(sectorOf(CATALOG.ETH)).toBe('L1');
  });
  it('lets a known override win, case-insensitively, and ignores unknown ones', () => {
    expect(sectorOf(CATALOG.ETH, { sector: 'DeFi' })).toBe('DeFi');
    expect(sectorOf(CATALOG.ETH, { sector: 'defi' })).toBe('DeFi');
    expect(sectorOf(CATALOG.ETH, { sector: 'not-a-sector' })).toBe('L1');
  });
  it("falls back to 'other', or 'stablecoin' for an untagged stablecoin", () => {
    expect(sectorOf(undefined)).toBe('other');
    expect(sectorOf(asset('X', 1e9, []))).toBe('other');
    expect(sectorOf(asset('X', 1e9, [], true))).toBe('stablecoin');
  });
  it('classify resolves catalog entries and overrides by symbol, also lower-case', () => {
    const c = classify('link', CATALOG, { overrides: { LINK: { sector: 'DeFi' } } });
    expect(c.tier).toBe('mid');
    expect(c.sector).toBe('DeFi');
  });
});

describe('breakdown', () => {
  const p = portfolio([
    pos('bin', 'BTC', 0.5, 60_000), // 30,000
    pos('ledger', 'BTC', 0.25, 60_000), // 15,000
    pos('bin', 'ETH', 5, 3_000), // 15,000
    pos('krk', 'LINK', 500, 20), // 10,000
    pos('krk', 'PEPE', 1e9, 0.00001), // 10,000
    pos('bin', 'USDC', 10_000, 1), // 10,000
    pos('krk', 'MYST', 10_000, 1), // 10,000 (unranked)
    pos('krk', 'NOPRICE', 42, null),
    pos('bin', 'ETH', 0, 3_000), // zero balance: ignored
  ]);
  const b = breakdown(p, CATALOG);

  it('totals only priced positions and shares add up to 1 in every dimension', () => {
    expect(b.total).toBeCloseTo(100_000, 6);
    for (const slices of [b.byAsset, b.byTier, b.bySector, b.byCustody]) {
      expect(sum(slices.map((s) => s.value))).toBeCloseTo(b.total, 6);
      expect(sum(slices.map((s) => s.share))).toBeCloseTo(1, 12);
      for (const s of slices) {
        expect(s.share).toBeCloseTo(s.value / b.total, 12);
        expect(sum(s.positions.map((x) => x.value ?? 0))).toBeCloseTo(s.value, 6);
      }
    }
  });

  it('aggregates the same asset across custodies', () => {
    const btc = b.byAsset.find((s) => s.key === 'BTC');
    expect(btc?.value).toBeCloseTo(45_000, 6);
    expect(btc?.amount).toBeCloseTo(0.75, 12);
    expect(btc?.positions.map((x) => x.custodyId).sort()).toEqual(['bin', 'ledger']);
    expect(b.byAsset.filter((s) => s.key === 'BTC')).toHaveLength(1);
    expect(btc?.label).toBe('BTC coin (BTC)');
    expect(btc?.tier).toBe('large');
    expect(btc?.sector).toBe('L1');
  });

  it('sorts slices largest first', () => {
    expect(b.byAsset[0]?.key).toBe('BTC');
    for (const slices of [b.byAsset, b.byTier, b.bySector, b.byCustody]) {
      for (let i = 1; i < slices.length; i++) {
        expect(slices[i - 1]!.value).toBeGreaterThanOrEqual(slices[i]!.value);
      }
    }
  });

  it('groups by tier, sector and custody with the positions inside each slice', () => {
    const tiers = Object.fromEntries(b.byTier.map((s) => [s.key, s.value]));
    expect(tiers).toEqual({
      large: expect.closeTo(60_000, 6),
      mid: expect.closeTo(10_000, 6),
      small: expect.closeTo(10_000, 6),
      stablecoin: expect.closeTo(10_000, 6),
      unranked: expect.closeTo(10_000, 6),
    });
    const l1 = b.bySector.find((s) => s.key === 'L1');
    expect(l1?.positions.map((x) => x.asset).sort()).toEqual(['BTC', 'BTC', 'ETH']);
    expect(l1?.label).toBe('Layer 1');
    const ledger = b.byCustody.find((s) => s.key === 'ledger');
    expect(ledger?.label).toBe('Ledger');
    expect(ledger?.custody?.kind).toBe('manual');
    expect(ledger?.share).toBeCloseTo(0.15, 12);
  });

  it('lists unpriced positions instead of dropping them or counting them as zero', () => {
    expect(b.unpricedPositions.map((x) => x.asset)).toEqual(['NOPRICE']);
    for (const slices of [b.byAsset, b.byTier, b.bySector, b.byCustody]) {
      expect(slices.flatMap((s) => s.positions).some((x) => x.asset === 'NOPRICE')).toBe(false);
    }
    const negative = breakdown(
      portfolio([pos('bin', 'BTC', 1, 100), { custodyId: 'bin', asset: 'LOAN', amount: 1, price: 1, value: -50 }]),
      CATALOG,
    );
    expect(negative.total).toBe(100);
    expect(negative.unpricedPositions.map((x) => x.asset)).toEqual(['LOAN']);
  });

  it('applies user overrides to tiers and sectors', () => {
    const o = breakdown(p, CATALOG, { overrides: { MYST: { tier: 'small', sector: 'meme' } } });
    expect(o.byTier.find((s) => s.key === 'small')?.value).toBeCloseTo(20_000, 6);
    expect(o.byTier.some((s) => s.key === 'unranked')).toBe(false);
    expect(o.bySector.find((s) => s.key === 'meme')?.value).toBeCloseTo(20_000, 6);
  });

  it('labels a custody missing from the portfolio by its id', () => {
    const o = breakdown(portfolio([pos('gone', 'BTC', 1, 10)]), CATALOG);
    expect(o.byCustody[0]).toMatchObject({ key: 'gone', label: 'gone', custody: null, share: 1 });
  });
});

describe('concentration', () => {
  it('matches a hand-computed case (shares 0.5 / 0.3 / 0.2)', () => {
    const b = breakdown(
      portfolio([pos('bin', 'BTC', 1, 50), pos('bin', 'ETH', 1, 30), pos('krk', 'LINK', 1, 20)]),
      CATALOG,
    );
    const c = b.concentration;
    expect(c.largest).toEqual({ asset: 'BTC', value: 50, share: 0.5 });
    expect(c.top3Share).toBeCloseTo(1, 12);
    // 0.5^2 + 0.3^2 + 0.2^2 = 0.25 + 0.09 + 0.04 = 0.38
    expect(c.hhi).toBeCloseTo(0.38, 12);
    expect(c.hhiPoints).toBeCloseTo(3800, 8);
    expect(c.effectiveAssets).toBeCloseTo(1 / 0.38, 12);
  });

  it('counts an asset split across custodies once (four assets 40/30/20/10)', () => {
    const b = breakdown(
      portfolio([
        pos('bin', 'BTC', 1, 20),
        pos('ledger', 'BTC', 1, 20),
        pos('bin', 'ETH', 1, 30),
        pos('krk', 'LINK', 1, 20),
        pos('krk', 'ARB', 1, 10),
      ]),
      CATALOG,
    );
    const c = b.concentration;
    expect(c.largest?.asset).toBe('BTC');
    expect(c.largest?.share).toBeCloseTo(0.4, 12);
    expect(c.top3Share).toBeCloseTo(0.9, 12);
    expect(c.hhi).toBeCloseTo(0.16 + 0.09 + 0.04 + 0.01, 12);
    expect(c.effectiveAssets).toBeCloseTo(1 / 0.3, 12);
  });

  it('is 1 / 10,000 points / one effective asset for a single-asset portfolio', () => {
    const b = breakdown(portfolio([pos('bin', 'ETH', 2, 3000)]), CATALOG);
    expect(b.concentration).toEqual({
      largest: { asset: 'ETH', value: 6000, share: 1 },
      top3Share: 1,
      hhi: 1,
      hhiPoints: 10_000,
      effectiveAssets: 1,
    });
  });

  it('handles an empty portfolio without dividing by zero', () => {
    const b = breakdown(portfolio([]), CATALOG);
    expect(b.total).toBe(0);
    expect([b.byAsset, b.byTier, b.bySector, b.byCustody].every((s) => s.length === 0)).toBe(true);
    expect(b.concentration).toEqual({ largest: null, top3Share: 0, hhi: 0, hhiPoints: 0, effectiveAssets: 0 });
  });

  it('handles a portfolio with only unpriced positions', () => {
    const b = breakdown(portfolio([pos('bin', 'BTC', 1, null)]), CATALOG);
    expect(b.total).toBe(0);
    expect(b.unpricedPositions).toHaveLength(1);
    expect(b.byAsset).toEqual([]);
    expect(b.concentration.largest).toBeNull();
  });
});
