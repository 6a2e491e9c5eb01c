import { describe, expect, it } from 'vitest';
import {
  chooseHistoryMarkets,
  describeRoute,
  mergeTickers,
  priceAssets,
  relevantSymbols,
} from '../../shared/portfolio/pricing';
import { holdingsFromBalance, normalizeBalanceCode } from '../../shared/portfolio/holdings';

describe('priceAssets', () => {
  it('prices through a direct pair, and the base currency at 1', () => {
    const r = priceAssets(['BTC', 'USD'], { 'BTC/USD': 65_000, 'ETH/USD': 3_000 }, 'USD');
    expect(r.prices).toEqual({ BTC: 65_000, USD: 1 });
    expect(r.unpriced).toEqual([]);
    expect(r.routes['BTC']?.kind).toBe('direct');
    expect(r.routes['USD']?.kind).toBe('base');
  });

  it('inverts a pair quoted the other way round', () => {
    const r = priceAssets(['EUR'], { 'EUR/USD': 1.1 }, 'EUR');
    expect(r.prices['EUR']).toBe(1);
    const usd = priceAssets(['USD'], { 'EUR/USD': 1.25 }, 'EUR');
    expect(usd.prices['USD']).toBeCloseTo(0.8, 12);
    expect(usd.routes['USD']?.steps[0]?.inverse).toBe(true);
  });

  it('keeps assets without any route unpriced, never zero', () => {
    const r = priceAssets(
      [{ asset: 'BTC' }, { asset: 'OBSCURE' }, { asset: 'BTC' }],
      { 'BTC/USDT': 60_000, 'OBSCURE/XYZ': 2 },
      'USD',
    );
    expect(r.unpriced).toEqual(['OBSCURE']);
    expect(r.prices['OBSCURE']).toBeUndefined();
    expect(Object.keys(r.routes)).toEqual(['BTC']);
  });

  it('prices stablecoins through their own pairs first, a USD peg only as a fallback', () => {
    const withPair = priceAssets(['USDT', 'USDC'], { 'USDT/USD': 0.998, 'USDC/USDT': 1.001 }, 'USD');
    expect(withPair.prices['USDT']).toBeCloseTo(0.998, 12);
    expect(withPair.routes['USDT']?.pegged).toBe(false);
    // USDC/USDT x USDT/USD (two market steps) beats the USDC≈USD peg
    expect(withPair.prices['USDC']).toBeCloseTo(1.001 * 0.998, 12);
    expect(withPair.routes['USDC']?.pegged).toBe(false);

    const pegOnly = priceAssets(['USDT', 'SOL'], { 'SOL/USDT': 150 }, 'USD');
    expect(pegOnly.prices['USDT']).toBe(1);
    expect(pegOnly.routes['USDT']?.pegged).toBe(true);
    expect(pegOnly.prices['SOL']).toBe(150);
    expect(describeRoute(pegOnly.routes['SOL']!)).toBe('SOL/USDT × USDT≈USD');
  });

  it('crosses via USDT with a fiat rate for an EUR base, either quote direction', () => {
    const direct = priceAssets(['SOL'], { 'SOL/USDT': 150, 'USDT/EUR': 0.9 }, 'EUR');
    expect(direct.prices['SOL']).toBeCloseTo(135, 10);
    expect(direct.routes['SOL']?.kind).toBe('cross');

    const inverse = priceAssets(['SOL'], { 'SOL/USDT': 150, 'EUR/USDT': 1.2 }, 'EUR');
    expect(inverse.prices['SOL']).toBeCloseTo(125, 10);
    expect(describeRoute(inverse.routes['SOL']!)).toBe('SOL/USDT × 1/(EUR/USDT)');
  });

  it('prefers a direct market over a cross route', () => {
    const r = priceAssets(['BTC'], { 'BTC/EUR': 58_000, 'BTC/USDT': 65_000, 'EUR/USDT': 1.1 }, 'EUR');
    expect(r.prices['BTC']).toBe(58_000);
    expect(r.routes['BTC']?.kind).toBe('direct');
  });

  it('GBP base: crosses through USD stablecoins when no GBP pair of the asset exists', () => {
    const r = priceAssets(['ETH', 'GBP'], { 'ETH/USDC': 3_000, 'GBP/USD': 1.25 }, 'GBP');
    // ETH/USDC x USDC≈USD x 1/(GBP/USD)
    expect(r.prices['ETH']).toBeCloseTo(2_400, 8);
    expect(r.routes['ETH']?.pegged).toBe(true);
    expect(r.prices['GBP']).toBe(1);
  });

  it('does not route through arbitrary altcoins', () => {
    // FOO is only quoted in BAR, and BAR/USDT exists: BAR is not a hub, so FOO stays unpriced
    const r = priceAssets(['FOO', 'BAR'], { 'FOO/BAR': 2, 'BAR/USDT': 3 }, 'USDT');
    expect(r.prices['BAR']).toBe(3);
    expect(r.unpriced).toEqual(['FOO']);
  });

  it('ignores broken tickers', () => {
    const r = priceAssets(['BTC'], { 'BTC/USD': Number.NaN, 'BTC/USDT': -1, BTCUSD: 5 }, 'USD');
    expect(r.unpriced).toEqual(['BTC']);
  });

  it('prices in BTC through an inverted BTC pair', () => {
    const r = priceAssets(['SOL', 'ETH'], { 'SOL/USDT': 150, 'BTC/USDT': 60_000, 'ETH/BTC': 0.05 }, 'BTC');
    expect(r.prices['SOL']).toBeCloseTo(150 / 60_000, 12);
    expect(r.prices['ETH']).toBe(0.05);
  });
});

describe('ticker helpers', () => {
  it('relevantSymbols keeps pairs between held assets and hub currencies only', () => {
    const s = relevantSymbols(['SOL/USDT', 'DOGE/USDT', 'ETH/BTC', 'SOL/DOGE', 'EUR/USDT', 'X/Y/Z'], ['SOL'], ['EUR']);
    expect(s).toEqual(['ETH/BTC', 'EUR/USDT', 'SOL/USDT']);
  });

  it('mergeTickers takes the median per symbol', () => {
    const m = mergeTickers([{ 'BTC/USDT': 100, 'ETH/USDT': 10 }, { 'BTC/USDT': 104 }, { 'BTC/USDT': 101 }]);
    expect(m).toEqual({ 'BTC/USDT': 101, 'ETH/USDT': 10 });
    expect(mergeTickers([{ A: 1 }, { A: 3 }])['A']).toBe(2);
  });

  it('chooseHistoryMarkets prefers the base quote, then USD-like quotes, in exchange order', () => {
    const m = chooseHistoryMarkets(
      ['BTC', 'SOL', 'NOPE'],
      { kraken: ['BTC/USD', 'BTC/EUR'], binance: ['BTC/USDT', 'SOL/USDT', 'SOL/BTC'] },
      'EUR',
    );
    expect(m).toEqual([
      { asset: 'BTC', exchange: 'kraken', symbol: 'BTC/EUR' },
      { asset: 'SOL', exchange: 'binance', symbol: 'SOL/USDT' },
    ]);
  });
});

describe('holdingsFromBalance', () => {
  it('merges Kraken staking and earn codes into the asset, per wallet', () => {
    expect(normalizeBalanceCode('kraken', 'SOL.S')).toEqual({ asset: 'SOL', wallet: 'staking' });
    expect(normalizeBalanceCode('kraken', 'ETH2.S')).toEqual({ asset: 'ETH', wallet: 'staking' });
    expect(normalizeBalanceCode('kraken', 'USDC.M')).toEqual({ asset: 'USDC', wallet: 'earn' });
    expect(normalizeBalanceCode('binance', 'SOL.S')).toEqual({ asset: 'SOL.S', wallet: 'spot' });
    const h = holdingsFromBalance('kraken', {
      free: { SOL: 10, 'SOL.S': 0, BTC: 0.1 },
      used: { SOL: 2 },
      total: { SOL: 12, 'SOL.S': 5, BTC: 0.1, ETH: 0, DOGE: Number.NaN },
    });
    expect(h.map((x) => x.asset)).toEqual(['BTC', 'SOL']);
    const sol = h.find((x) => x.asset === 'SOL')!;
    expect(sol.total).toBe(17);
    expect(sol.free).toBe(10);
    expect(sol.used).toBe(7);
    expect(sol.wallets).toEqual({ spot: 12, staking: 5 });
  });

  it('uses free + used when the total is missing', () => {
    const h = holdingsFromBalance('okx', { free: { BTC: 1 }, used: { BTC: 0.5 } });
    expect(h).toEqual([{ asset: 'BTC', total: 1.5, free: 1, used: 0.5, wallets: { spot: 1.5 } }]);
  });
});
