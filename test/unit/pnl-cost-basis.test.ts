import { describe, expect, it } from 'vitest';
import { costBasis, tradeValue, type PnlInputs } from '../../shared/pnl/cost-basis';
import { createLots } from '../../shared/pnl/lots';
import { matchTransfers } from '../../shared/pnl/transfers';
import { mulberry32 } from '../../shared/random';
import type { AccountEntry } from '../../shared/history/types';
import { buy, day, deposit, income, on, pricesFrom, sell, withdrawal } from './support/history';

const flat = (prices: Record<string, number>) => pricesFrom((a) => prices[a] ?? null, Object.keys(prices), 400);

function run(entries: AccountEntry[], over: Partial<PnlInputs> & { now?: Record<string, number> } = {}) {
  const prices = over.prices ?? flat({ BTC: 300, ETH: 20, BNB: 20 });
  return costBasis({
    entries,
    transfers: over.transfers ?? matchTransfers(entries),
    method: over.method ?? 'fifo',
    prices,
    currentPrice: (a) => over.now?.[a] ?? prices.at(a, day(399)),
    ...(over.manual ? { manual: over.manual } : {}),
  });
}

const row = (r: ReturnType<typeof run>, asset: string) => r.assets.find((a) => a.asset === asset)!;

describe('lots', () => {
  it('FIFO takes the oldest units first; average cost the mean; both report units beyond the lots', () => {
    const f = createLots('fifo');
    f.add(1, 100);
    f.add(1, 200);
    expect(f.remove(1.5)).toEqual({ units: 1.5, cost: 200, uncovered: 0 });
    expect([f.units(), f.cost()]).toEqual([0.5, 100]);
    expect(f.remove(1)).toEqual({ units: 0.5, cost: 100, uncovered: 0.5 });
    const a = createLots('average');
    a.add(1, 100);
    a.add(1, 200);
    expect(a.remove(1.5)).toEqual({ units: 1.5, cost: 225, uncovered: 0 });
    expect([a.units(), a.cost()]).toEqual([0.5, 75]);
  });
});

describe('cost basis: hand-checked examples', () => {
  const trades = on('a', [buy(day(1), 'BTC', 1, 100), buy(day(2), 'BTC', 1, 200), sell(day(3), 'BTC', 1.5, 450)]);

  it('FIFO: 1.5 BTC sold for 450 cost 100 + 0.5 x 200: realized 250; 0.5 BTC left cost 100, worth 200 at 400', () => {
    const r = run(trades, { now: { BTC: 400 } });
    expect(row(r, 'BTC')).toMatchObject({
      units: 0.5,
      costBasis: 100,
      value: 200,
      unrealized: 100,
      realized: 250,
      fees: 0,
    });
    expect(r.totals.total).toBeCloseTo(350, 10);
  });

  it('average cost: 1.5 BTC at the average 150: realized 225; 0.5 BTC left cost 75', () => {
    const r = run(trades, { method: 'average', now: { BTC: 400 } });
    expect(row(r, 'BTC')).toMatchObject({ units: 0.5, costBasis: 75, unrealized: 125, realized: 225 });
    // the methods split the same total P&L differently between realized and unrealized
    expect(r.totals.total).toBeCloseTo(350, 10);
  });

  it('partial fills of one order give the same figures as one fill', () => {
    const parts = on('a', [
      buy(day(1), 'BTC', 0.25, 25),
      buy(day(1), 'BTC', 0.75, 75),
      buy(day(2), 'BTC', 1, 200),
      sell(day(3), 'BTC', 0.5, 150),
      sell(day(3), 'BTC', 1, 300),
    ]);
    const one = run(trades, { now: { BTC: 400 } });
    const split = run(parts, { now: { BTC: 400 } });
    expect(row(split, 'BTC')).toEqual(row(one, 'BTC'));
  });

  it('a fee in another currency is valued that day, counted under the asset traded, and disposes of its units', () => {
    const prices = pricesFrom(
      (a, d) => (a === 'BNB' ? (d < 5 ? 10 : 20) : a === 'BTC' ? 1000 : null),
      ['BNB', 'BTC'],
      400,
    );
    const r = run(
      on('a', [
        deposit(day(0), 'USDT', 2000),
        buy(day(1), 'BNB', 1, 10, 'USDT'),
        // 1 BTC for 1,000 USDT, fee 0.1 BNB worth 20 x 0.1 = 2 on day 6
        buy(day(6), 'BTC', 1, 1000, 'USDT', { asset: 'BNB', amount: 0.1 }),
      ]),
      { prices, now: { BTC: 1100, BNB: 20 } },
    );
    expect(row(r, 'BTC')).toMatchObject({ fees: 2, costBasis: 1000, unrealized: 100, realized: 0 });
    // 0.1 BNB bought at 10 each, spent when worth 20: realized 1
    expect(row(r, 'BNB').realized).toBeCloseTo(1, 10);
    expect(row(r, 'BNB')).toMatchObject({ units: 0.9, fees: 0 });
    expect(row(r, 'BNB').costBasis).toBeCloseTo(9, 10);
    // USDT (a USD stablecoin) values the trades at par: no gain on the stablecoin itself
    expect(row(r, 'USDT').realized).toBeCloseTo(0, 10);
  });

  it('a transfer between own accounts is not a sale: the cost moves, only the network fee is spent', () => {
    const prices = pricesFrom((_a, d) => (d < 5 ? 100 : 150), ['BTC'], 400);
    const entries = [
      ...on('binance', [buy(day(1), 'BTC', 1, 100), withdrawal(day(10), 'BTC', 0.9995, 0.0005)]),
      ...on('kraken', [deposit(day(10) + 3600_000, 'BTC', 0.9995)]),
    ];
    const transfers = matchTransfers(entries);
    expect(transfers.matches).toHaveLength(1);
    const r = run(entries, { prices, transfers, now: { BTC: 150 } });
    const btc = row(r, 'BTC');
    expect(btc.units).toBeCloseTo(0.9995, 12);
    // the cost of the units moved stays (0.9995 x 100), nothing was realized but the fee's disposal
    expect(btc.costBasis).toBeCloseTo(99.95, 10);
    expect(btc.fees).toBeCloseTo(0.0005 * 150, 10);
    expect(btc.realized).toBeCloseTo(0.0005 * 150 - 0.0005 * 100, 10);
    expect(r.contributions).toBe(0);
    expect(r.withdrawals).toBe(0);
    // unmatched, the same deposit would have restarted the cost at its value on arrival
    const apart = run(entries, {
      prices,
      transfers: { matches: [], unmatchedDeposits: [], unmatchedWithdrawals: [] },
      now: { BTC: 150 },
    });
    expect(row(apart, 'BTC').costBasis).toBeCloseTo(0.9995 * 150, 10);
  });

  it('income is acquired at its value that day and counted as income; manual holdings keep their own cost', () => {
    const r = run(on('a', [income(day(4), 'ETH', 2)]), {
      now: { ETH: 30 },
      manual: [
        { asset: 'ETH', amount: 1, costBasis: 15 },
        { asset: 'BTC', amount: 0.1, costBasis: null },
      ],
    });
    expect(row(r, 'ETH')).toMatchObject({ units: 3, costBasis: 55, value: 90, unrealized: 35, income: 40 });
    expect(row(r, 'BTC')).toMatchObject({ units: 0, unknownCostUnits: 0.1 });
  });

  it('selling beyond the lots held reports the units without a cost and leaves their proceeds out', () => {
    const r = run(on('a', [buy(day(1), 'BTC', 1, 100), sell(day(2), 'BTC', 1.5, 450)]));
    expect(row(r, 'BTC')).toMatchObject({ uncovered: 0.5, realized: 200 });
  });

  it('values a swap by its base-currency leg, then a USD stablecoin leg, then what was got', () => {
    const prices = flat({ BTC: 100, ETH: 10 });
    const base = { id: 'x', t: day(1), fee: null, market: null } as const;
    expect(
      tradeValue(
        { ...base, kind: 'trade', give: { asset: 'USD', amount: 7 }, get: { asset: 'BTC', amount: 1 } },
        prices,
      ),
    ).toBe(7);
    expect(
      tradeValue(
        { ...base, kind: 'trade', give: { asset: 'USDT', amount: 9 }, get: { asset: 'BTC', amount: 1 } },
        prices,
      ),
    ).toBe(9);
    expect(
      tradeValue(
        { ...base, kind: 'trade', give: { asset: 'BTC', amount: 1 }, get: { asset: 'ETH', amount: 9 } },
        prices,
      ),
    ).toBe(90);
  });
});

describe('cost basis: the totals add up', () => {
  it('in a closed history, total P&L = value held + cash - money put in, with either method', () => {
    for (const method of ['fifo', 'average'] as const) {
      for (let seed = 1; seed <= 20; seed++) {
        const rand = mulberry32(seed);
        const price = (a: string, d: number) =>
          a === 'BTC'
            ? 100 + 50 * Math.sin(d / 7 + seed)
            : a === 'ETH'
              ? 10 + 3 * Math.cos(d / 5)
              : a === 'BNB'
                ? 5 + d / 50
                : null;
        const prices = pricesFrom(price, ['BTC', 'ETH', 'BNB'], 400);
        const held: Record<string, number> = { USD: 0, BTC: 0, ETH: 0, BNB: 0 };
        const entries: AccountEntry[] = [];
        let put = 0;
        const push = (e: AccountEntry['entry']) => entries.push({ accountId: 'a', entry: e });
        push(deposit(day(0), 'USD', 10_000));
        held['USD'] = 10_000;
        put += 10_000;
        for (let d = 1; d < 300; d++) {
          const asset = ['BTC', 'ETH', 'BNB'][Math.floor(rand() * 3)]!;
          const p = price(asset, d)!;
          const feeIn = rand() < 0.5 ? 'USD' : 'BNB';
          if (rand() < 0.6 && held['USD']! > 100) {
            const cost = held['USD']! * 0.1;
            const fee =
              feeIn === 'BNB' && held['BNB']! > 0.01
                ? { asset: 'BNB', amount: 0.01 }
                : { asset: 'USD', amount: cost * 0.001 };
            push(buy(day(d), asset, cost / p, cost, 'USD', fee));
            held['USD']! -= cost;
            held[asset]! += cost / p;
            held[fee.asset]! -= fee.amount;
          } else if (held[asset]! > 0) {
            const q = held[asset]! * 0.5;
            push(sell(day(d), asset, q, q * p, 'USD'));
            held[asset]! -= q;
            held['USD']! += q * p;
          }
          if (d % 50 === 0) {
            push(income(day(d), 'ETH', 0.5));
            held['ETH']! += 0.5;
          }
        }
        const now = { BTC: 123, ETH: 11, BNB: 7 };
        const r = run(entries, { method, prices, now });
        const worth = held['USD']! + held['BTC']! * now.BTC + held['ETH']! * now.ETH + held['BNB']! * now.BNB;
        expect(r.totals.total, `seed ${seed} ${method}`).toBeCloseTo(worth - put, 6);
        expect(r.assets.every((a) => a.uncovered === 0)).toBe(true);
      }
    }
  });
});
