import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { balanceChanges, finalAmounts } from '../../shared/history/changes';
import { dailyHoldings, holdingsOn, sumHoldings } from '../../shared/history/holdings';
import { joinSeries, seriesFromValues, valueHoldings } from '../../shared/history/net-worth';
import { dailyPrices } from '../../shared/history/prices';
import { reconcile } from '../../shared/history/reconcile';
import type { HistoryEntry } from '../../shared/history/types';
import { T0, buy, day, deposit, income, pricesFrom, sell, withdrawal } from './support/history';

const trade: HistoryEntry = {
  kind: 'trade',
  id: 'x',
  t: day(1),
  give: { asset: 'USDT', amount: 100 },
  get: { asset: 'BTC', amount: 0.002 },
  fee: { asset: 'BNB', amount: 0.01 },
  market: 'BTC/USDT',
};

describe('balance changes', () => {
  it('a trade gives, gets and pays its fee; a withdrawal sends and pays its fee on top', () => {
    expect(balanceChanges(trade)).toEqual([
      { asset: 'USDT', delta: -100 },
      { asset: 'BTC', delta: 0.002 },
      { asset: 'BNB', delta: -0.01 },
    ]);
    expect(balanceChanges(withdrawal(day(1), 'BTC', 1, 0.001))).toEqual([
      { asset: 'BTC', delta: -1 },
      { asset: 'BTC', delta: -0.001 },
    ]);
    expect(finalAmounts([deposit(day(0), 'USDT', 500), trade, income(day(2), 'BTC', 0.001)])).toEqual({
      USDT: 400,
      BTC: 0.003,
      BNB: -0.01,
    });
  });
});

describe('daily holdings', () => {
  const entries = [
    deposit(day(0), 'USD', 1000),
    buy(day(2), 'BTC', 1, 600),
    sell(day(5), 'BTC', 0.5, 400),
    withdrawal(day(5), 'USD', 100),
  ];

  it('holds each asset at the end of every day from the first entry to the end', () => {
    const h = dailyHoldings(entries, day(7));
    expect(h.start).toBe(T0);
    expect(h.days).toBe(8);
    const btc = Array.from(h.amounts[h.assets.indexOf('BTC')]!);
    const usd = Array.from(h.amounts[h.assets.indexOf('USD')]!);
    expect(btc).toEqual([0, 0, 1, 1, 1, 0.5, 0.5, 0.5]);
    expect(usd).toEqual([1000, 1000, 400, 400, 400, 700, 700, 700]);
    expect(holdingsOn(h, day(3))).toEqual({ BTC: 1, USD: 400 });
    expect(holdingsOn(h, day(30))).toEqual({ BTC: 0.5, USD: 700 });
    expect(holdingsOn(h, T0 - DAY_MS)).toEqual({});
  });

  it('adds several accounts from the earliest day; an account keeps its last holdings after its last day', () => {
    const a = dailyHoldings([deposit(day(0), 'BTC', 1)], day(1));
    const b = dailyHoldings([deposit(day(3), 'BTC', 2), deposit(day(3), 'ETH', 5)], day(4));
    const s = sumHoldings([a, b]);
    expect([s.start, s.days]).toEqual([T0, 5]);
    expect(Array.from(s.amounts[s.assets.indexOf('BTC')]!)).toEqual([1, 1, 1, 3, 3]);
    expect(Array.from(s.amounts[s.assets.indexOf('ETH')]!)).toEqual([0, 0, 0, 5, 5]);
  });

  it('has no days without entries, and leaves out entries after the end', () => {
    expect(dailyHoldings([], day(3)).days).toBe(0);
    expect(holdingsOn(dailyHoldings(entries, day(3)), day(3))).toEqual({ BTC: 1, USD: 400 });
  });
});

describe('daily prices and net worth', () => {
  it('carries a close over missing days, knows nothing before the first candle, converts with a factor', () => {
    const p = dailyPrices(
      {
        BTC: [
          { t: T0 + DAY_MS, o: 1, h: 1, l: 1, c: 100, v: 0 },
          { t: T0 + 4 * DAY_MS, o: 1, h: 1, l: 1, c: 130, v: 0 },
        ],
      },
      { base: 'EUR', factors: { BTC: 0.5 } },
    );
    expect(p.at('BTC', day(0))).toBeNull();
    expect(p.at('BTC', day(1))).toBe(50);
    expect(p.at('BTC', day(3))).toBe(50);
    expect(p.at('BTC', day(9))).toBe(65);
    expect(p.at('EUR', day(9))).toBe(1);
    // a USD stablecoin is worth 1 only in a USD-like base
    expect(p.at('USDT', day(1))).toBeNull();
    expect(dailyPrices({}, { base: 'USD' }).at('USDT', day(1))).toBe(1);
  });

  it('values every day, counts a shortfall as nothing held and lists it, and lists days without a price', () => {
    const prices = pricesFrom(
      (a, d) => (a === 'BTC' ? 100 + d : a === 'ETH' && d >= 3 ? 10 : null),
      ['BTC', 'ETH'],
      10,
    );
    const h = dailyHoldings(
      [deposit(day(0), 'USD', 50), deposit(day(1), 'BTC', 1), deposit(day(1), 'ETH', 2), sell(day(2), 'SOL', 1, 5)],
      day(4),
    );
    const v = valueHoldings(h, prices);
    expect(Array.from(v.total)).toEqual([50, 50 + 101, 55 + 102, 55 + 103 + 20, 55 + 104 + 20]);
    expect(v.clamped).toEqual(['SOL']);
    expect(v.unpriced).toEqual(['ETH']);
    const s = seriesFromValues(v, 'All');
    expect(s.points.map((x) => x.t)).toEqual([0, 1, 2, 3, 4].map((d) => T0 + d * DAY_MS));
    // not held on day 0: worth 0; held but unpriced on days 1 and 2: unknown
    expect(s.assets.find((a) => a.asset === 'ETH')!.values).toEqual([0, null, null, 20, 20]);
  });

  it('joins the rebuilt series before the install with the recorded snapshots after it', () => {
    const rebuilt = {
      base: 'USD',
      points: [1, 2, 3, 4].map((d) => ({ t: day(d), total: d * 10 })),
      assets: [{ asset: 'BTC', values: [10, 20, 30, 40] }],
    };
    const recorded = {
      base: 'USD',
      points: [
        { t: day(3), total: 33 },
        { t: day(4), total: 44 },
      ],
      assets: [{ asset: 'ETH', values: [33, 44] }],
    };
    const j = joinSeries(rebuilt, recorded, day(3) - 1);
    expect(j.points.map((p) => p.total)).toEqual([10, 20, 33, 44]);
    expect(j.assets).toEqual([
      { asset: 'BTC', values: [10, 20, null, null] },
      { asset: 'ETH', values: [null, null, 33, 44] },
    ]);
  });
});

describe('reconciliation', () => {
  it('says what the history explains, the balance, and the difference in words', () => {
    const rows = reconcile({ BTC: 0.42, ETH: 2, SOL: 3, USDT: 100.0000000001 }, { BTC: 0.5, ETH: 1.9, USDT: 100 });
    expect(rows.map((r) => [r.asset, r.status])).toEqual([
      ['BTC', 'short'],
      ['ETH', 'over'],
      ['SOL', 'over'],
      ['USDT', 'match'],
    ]);
    expect(rows[0]!.message).toBe(
      "BTC: history explains 0.42, balance is 0.5: 0.08 unexplained — maybe a deposit before the exchange's history window, or a transfer from an account Ballast doesn't know.",
    );
    expect(rows[0]!.unexplained).toBeCloseTo(0.08, 12);
    expect(rows[1]!.message).toContain('ETH: history explains 2, balance is 1.9: 0.1 more than the balance');
    expect(reconcile({ BTC: 1 }, { BTC: 2 }, 'OKX serves trades of the last 3 months only.')[0]!.message).toMatch(
      /3 months only\.$/,
    );
  });
});
