/**
 * No hindsight in the Index Lab: with historical market caps in the prices, a top-N universe on day d
 * ranks by the caps known on day d - 1 only, never by the catalog's present-day figure; without any
 * historical cap the catalog stands in, and every rebalance it decides is marked. Every result states
 * its data coverage (providers, cap source, share of asset-days with a cap, survivors), and a
 * threshold run that starts all in cash says so.
 */
import { describe, expect, it } from 'vitest';
import { isoDay, parseIndexSpec, prepareData, simulate } from '../../shared/indexlab';
import { dataCoverage, survivorsOnly } from '../../shared/indexlab/coverage';
import { candles, day } from './support/fixtures';
import { info } from './support/indexlab';

const n = 30;
const flat = (v: number): number[] => Array<number>(n).fill(v);
/** A: cap 300 throughout; B: 200; C: no cap in the history; D: a cap of 500 from day 14 on. */
const prices = {
  A: candles(flat(1), { mc: flat(300) }),
  B: candles(flat(1), { mc: flat(200) }),
  C: candles(flat(1)),
  D: candles(flat(1), { mc: Array.from({ length: n }, (_, i) => (i < 14 ? 0 : 500)) }),
};
/** Today's catalog caps would put C and D on top. */
const catalog = {
  A: info('A', { marketCapUsd: 1 }),
  B: info('B', { marketCapUsd: 1 }),
  C: info('C', { marketCapUsd: 1e12 }),
  D: info('D', { marketCapUsd: 1e12 }),
};
const top2 = { universe: { type: 'top', n: 2, minHistoryDays: 1 }, startDate: isoDay(day(0)) };

describe('Index Lab: no hindsight in market caps', () => {
  it('ranks a top-N universe by the caps known the day before, never by the catalog figure', () => {
    const r = simulate(top2, { prices, catalog });
    // Weekly rebalances on days 1, 8, 15, 22, 29: D's cap is known from day 14, so from day 15.
    expect(r.rebalances.map((x) => [x.date, x.weights])).toEqual([
      [isoDay(day(1)), { A: 0.6, B: 0.4 }],
      [isoDay(day(8)), { A: 0.6, B: 0.4 }],
      [isoDay(day(15)), { D: 500 / 800, A: 300 / 800 }],
      [isoDay(day(22)), { D: 500 / 800, A: 300 / 800 }],
      [isoDay(day(29)), { D: 500 / 800, A: 300 / 800 }],
    ]);
    expect(r.rebalances.some((x) => 'C' in x.weights)).toBe(false);
    expect(r.rebalances.every((x) => x.catalogCaps === undefined)).toBe(true);
    expect(r.warnings.some((w) => w.includes('No historical market cap for C'))).toBe(true);
  });

  it('states the data coverage of the run', () => {
    const r = simulate(top2, { prices, catalog, sources: { providers: ['Coin Metrics'], assetList: 'today-top' } });
    expect(r.data.capSource).toBe('historical');
    expect(r.data.withoutCap).toEqual(['C']);
    expect(r.data.lateCap).toEqual(['D']);
    // 4 assets x 30 days; C has none, D misses 14 days.
    expect(r.data.historicalCapShare).toBeCloseTo((30 + 30 + 16) / 120, 12);
    expect(r.data.survivorsOnly).toBe(true);
    expect(r.data.providers).toEqual(['Coin Metrics']);
    expect(r.data.lines.join('\n')).toMatch(/Prices: Coin Metrics\./);
    expect(r.data.lines.join('\n')).toMatch(/63\.3% of asset-days/);
    expect(r.data.lines.join('\n')).toMatch(/today's survivors — results flatter the past/);
  });

  it("marks every rebalance ranked by today's catalog cap when the history has no caps at all", () => {
    const bare = { A: candles(flat(1)), B: candles(flat(1)), C: candles(flat(1)) };
    const cat = {
      A: info('A', { marketCapUsd: 3e9 }),
      B: info('B', { marketCapUsd: 1e9 }),
      C: info('C', { marketCapUsd: 2e9 }),
    };
    const r = simulate(top2, { prices: bare, catalog: cat });
    expect(r.rebalances.length).toBeGreaterThan(1);
    for (const x of r.rebalances) {
      expect(x.catalogCaps).toEqual(['A', 'C']);
      expect(x.notes.some((t) => t.includes("today's catalog market cap"))).toBe(true);
    }
    expect(r.data.capSource).toBe('catalog-today');
    expect(r.data.lines.join('\n')).toMatch(/hindsight/);
    // Equal weighting of a list chosen by the user reads no cap: nothing to mark.
    const eq = simulate(
      { ...top2, universe: { type: 'custom', symbols: ['A', 'B'], minHistoryDays: 1 }, weighting: { method: 'equal' } },
      { prices: bare, catalog: cat },
    );
    expect(eq.rebalances.every((x) => x.catalogCaps === undefined)).toBe(true);
  });

  it('detects a universe of survivors unless an asset stopped before the end', () => {
    const P = prepareData({
      prices: { A: candles(Array<number>(100).fill(1)), B: candles(Array<number>(100).fill(1)) },
    });
    expect(survivorsOnly(P, [0, 1], 'top')).toBe(true);
    expect(survivorsOnly(P, [0, 1], 'custom')).toBe(false);
    const dead = prepareData({
      prices: { A: candles(Array<number>(100).fill(1)), B: candles(Array<number>(40).fill(1)) },
    });
    expect(survivorsOnly(dead, [0, 1], 'top')).toBe(false);
    const stated = prepareData({ prices: { A: candles([1, 1]) }, sources: { assetList: 'today-top' } });
    expect(survivorsOnly(stated, [0], 'top')).toBe(true);
    expect(dataCoverage(stated, [0], 'top').capSource).toBe('none');
  });
});

describe('Index Lab: a threshold run that starts in cash, and the spec defaults', () => {
  it('warns when a threshold-cadence run sits in cash from its first rebalance', () => {
    // B is the only candidate and needs 20 days of history: the first targets on day 1 are all cash.
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['B'], minHistoryDays: 20 },
        weighting: { method: 'equal' },
        rebalance: { cadence: 'threshold' },
        startDate: isoDay(day(0)),
      },
      { prices: { B: candles(flat(1)) } },
    );
    expect(r.rebalances).toHaveLength(1);
    expect(r.rebalances[0]!.cash).toBe(1);
    expect(r.warnings.some((w) => /sat in cash to the end \(28 days\)/.test(w))).toBe(true);
  });

  it('accepts a universe without a type as a top-N universe', () => {
    const r = parseIndexSpec({ universe: { n: 8 } });
    expect(r.ok && r.spec.universe).toEqual({
      type: 'top',
      n: 8,
      includeStablecoins: false,
      minHistoryDays: 30,
      maxStaleDays: 3,
    });
    expect(parseIndexSpec({ universe: { type: 'bogus' } }).ok).toBe(false);
  });
});
