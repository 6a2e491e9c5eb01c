import { describe, expect, it } from 'vitest';
import type { PortfolioView } from '../../shared/ipc/channels/portfolio';
import {
  dustInBase,
  holdingRows,
  listSummary,
  searchRows,
  withoutDust,
} from '../../renderer/src/views/dashboard/holding-rows';

function view(positions: PortfolioView['portfolio']['positions']): PortfolioView {
  return {
    revision: 1,
    sample: false,
    unpriced: [],
    usdRate: 1,
    catalog: { BTC: { symbol: 'BTC', name: 'Bitcoin', sectors: ['L1'], stablecoin: false, marketCapUsd: 1, rank: 1 } },
    portfolio: {
      base: 'USD',
      asOf: 0,
      custodies: [
        { id: 'a', label: 'Binance', kind: 'exchange', platform: 'binance' },
        { id: 'w', label: 'Ledger', kind: 'manual', platform: '' },
      ],
      positions,
    },
  };
}

describe('dashboard holding rows', () => {
  const v = view([
    { custodyId: 'a', asset: 'BTC', amount: 0.25, price: 60000, value: 15000 },
    { custodyId: 'w', asset: 'BTC', amount: 0.25, price: 60000, value: 15000 },
    { custodyId: 'a', asset: 'PEPE', amount: 10, price: 0.00001, value: 0.0001 },
    { custodyId: 'w', asset: 'XYZ', amount: 3, price: null, value: null },
  ]);

  it('adds up one row per asset across accounts and wallets, with shares of the priced total', () => {
    const { rows, total } = holdingRows(v);
    expect(total).toBeCloseTo(30000.0001, 6);
    const btc = rows.find((r) => r.asset === 'BTC')!;
    expect(btc).toMatchObject({ name: 'Bitcoin', amount: 0.5, value: 30000 });
    expect(btc.custodies.map((c) => c.label)).toEqual(['Binance', 'Ledger']);
    expect(btc.share).toBeCloseTo(1, 6);
    expect(rows.find((r) => r.asset === 'XYZ')).toMatchObject({ value: null, share: null });
  });

  it('hides dust in the base currency, counts it, and never hides unpriced assets', () => {
    const { rows } = holdingRows(v);
    expect(withoutDust(rows, dustInBase(1, 1))).toMatchObject({ hidden: 1 });
    expect(
      withoutDust(rows, dustInBase(1, 1))
        .shown.map((r) => r.asset)
        .sort(),
    ).toEqual(['BTC', 'XYZ']);
    expect(withoutDust(rows, 0).hidden).toBe(0);
    // a dollar is 1/60,000 BTC: a BTC base hides what is worth less than a dollar, not less than 1 BTC
    expect(dustInBase(1, 1 / 60000)).toBeCloseTo(1 / 60000, 12);
    expect(dustInBase(1, null)).toBe(0);
  });

  it('searches symbols and names case-insensitively', () => {
    const { rows } = holdingRows(v);
    expect(searchRows(rows, 'bitc').map((r) => r.asset)).toEqual(['BTC']);
    expect(searchRows(rows, 'pe').map((r) => r.asset)).toEqual(['PEPE']);
    expect(searchRows(rows, '  ')).toHaveLength(3);
  });

  it('summarises long lists', () => {
    expect(listSummary(['A', 'B'])).toBe('A, B');
    const many = Array.from({ length: 9417 }, (_, i) => `T${i}`);
    expect(listSummary(many)).toBe('T0, T1, T2, T3, T4 and 9,412 more');
  });
});
