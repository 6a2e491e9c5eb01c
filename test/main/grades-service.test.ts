import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, type Candle, type PriceHistory } from '../../shared/domain/types';
import {
  GRADE_STRONG,
  GRADE_WEAK,
  INVESTOR_FACTORS,
  TRADER_FACTORS,
  computeGrades,
  gradeHistory,
} from '../../shared/grades';
import type { PortfolioView } from '../../shared/ipc/channels/portfolio';
import type { Services } from '../../electron/services/app-services';
import {
  CATALOG_MARKET_CAP_MAX_AGE_MS,
  createGradesService,
  type GradesDeps,
  type GradesService,
} from '../../electron/services/grades-service';
import { cleanUpAfterAll } from './support/cleanup';
import { startApp, type TestApp } from './support/app';

// The day after the sample's last candle.
const NOW = Date.UTC(2026, 10, 21, 12);

let app: TestApp;
let services: Services;

beforeAll(async () => {
  app = await startApp({ prefix: 'ballast-grades-', now: () => NOW });
  services = app.services;
});
cleanUpAfterAll();

/** A grades service over the app's inputs, some of them replaced. */
function withInputs(over: Partial<GradesDeps>): GradesService {
  const c = services.context;
  return createGradesService({
    priceHistory: c.priceHistory,
    portfolio: c.portfolio,
    settings: c.settings,
    now: c.now,
    ...over,
  });
}

/** Daily candles with a steady drift and some wiggle (deterministic). */
function candles(n: number, start = 100): Candle[] {
  const out: Candle[] = [];
  let c = start;
  for (let i = 0; i < n; i++) {
    const o = c;
    c = c * (1 + 0.002 + 0.03 * Math.sin(i * 1.7));
    out.push({
      t: Date.UTC(2026, 10, 20) - (n - 1 - i) * DAY_MS,
      o,
      h: Math.max(o, c) * 1.01,
      l: Math.min(o, c) * 0.99,
      c,
      v: 5e6,
    });
  }
  return out;
}

describe('grades of the sample', () => {
  it('grades every sample asset with a year of history on both horizons, from 0 to 100', async () => {
    const list = await app.call('grades:list', undefined);
    const history = services.context.priceHistory().history;
    expect(list.sample).toBe(true);
    const symbols = Object.keys(history);
    expect(symbols.length).toBeGreaterThan(5);
    for (const symbol of symbols) {
      const row = list.rows.find((r) => r.symbol === symbol);
      expect(row, symbol).toBeDefined();
      if (!row) continue;
      expect(row.haveDays).toBe(history[symbol]!.length);
      if (row.haveDays < 365) continue;
      for (const g of [row.trader, row.investor]) {
        expect(g, symbol).not.toBeNull();
        expect(g!).toBeGreaterThanOrEqual(0);
        expect(g!).toBeLessThanOrEqual(100);
      }
      expect(row.reason).toBeUndefined();
      // Bands follow the thresholds.
      const band = (g: number) => (g >= GRADE_STRONG ? 'strong' : g < GRADE_WEAK ? 'weak' : 'neutral');
      expect(row.traderBand).toBe(band(row.trader!));
      expect(row.investorBand).toBe(band(row.investor!));
    }
    expect(list.asOf).toBe(Math.max(...symbols.map((s) => history[s]!.at(-1)!.t)));
  });

  it('uses today’s catalog market cap for recent candles and the candle’s own when they are old', () => {
    const view = services.context.priceHistory();
    const btc = view.history['BTC']!;
    const catalogCap = view.catalog['BTC']!.marketCapUsd!;
    expect(NOW - btc.at(-1)!.t).toBeLessThanOrEqual(CATALOG_MARKET_CAP_MAX_AGE_MS);

    // A tiny catalog market cap lowers the size factor, and so the Investor Grade.
    const smallCap = () => ({
      ...view,
      catalog: { ...view.catalog, BTC: { ...view.catalog['BTC']!, marketCapUsd: 1e7 } },
    });
    const small = withInputs({ priceHistory: smallCap });
    const normal = services.context.grades.table().assets['BTC']!;
    const shrunk = small.table().assets['BTC']!;
    expect(normal.marketCapUsd).toBe(catalogCap);
    expect(shrunk.marketCapUsd).toBe(1e7);
    expect(shrunk.grades.investor.grade!).toBeLessThan(normal.grades.investor.grade!);
    expect(shrunk.grades.trader.grade).toBe(normal.grades.trader.grade);

    // A month later the same candles are stale: the catalog's cap no longer applies.
    const later = withInputs({ priceHistory: smallCap, now: () => btc.at(-1)!.t + 30 * DAY_MS });
    const stale = later.table().assets['BTC']!;
    expect(stale.marketCapUsd).toBe(btc.at(-1)!.mc ?? null);
    expect(stale.grades.investor.grade).toBeCloseTo(computeGrades(btc).investor.grade!, 9);
  });

  it('lists holdings with their value share and splits the portfolio against the saved target', async () => {
    const list = await app.call('grades:list', undefined);
    const positions = services.context.portfolio().portfolio.positions;
    const held = new Map<string, number>();
    for (const p of positions)
      if (p.value !== null && p.value > 0) held.set(p.asset, (held.get(p.asset) ?? 0) + p.value);
    const total = [...held.values()].reduce((a, b) => a + b, 0);
    const heldRows = list.rows.filter((r) => r.held);
    expect(heldRows.map((r) => r.symbol).sort()).toEqual([...held.keys()].sort());
    for (const r of heldRows) expect(r.valueShare).toBeCloseTo(held.get(r.symbol)! / total, 12);
    for (const r of list.rows.filter((x) => !x.held)) expect(r.valueShare).toBeUndefined();

    // Every held asset lands in exactly one bucket, and the buckets add up to the total.
    const s = list.split;
    const buckets = [s.trader, s.investor, s.neither, s.ungraded];
    expect(buckets.flatMap((b) => b.assets).sort()).toEqual([...held.keys()].sort());
    expect(buckets.reduce((a, b) => a + b.value, 0)).toBeCloseTo(total, 6);
    for (const r of heldRows) {
      const bucket =
        r.investor !== null && r.investor >= GRADE_STRONG
          ? s.investor
          : r.trader !== null && r.trader >= GRADE_STRONG
            ? s.trader
            : r.trader === null && r.investor === null
              ? s.ungraded
              : s.neither;
      expect(bucket.assets, r.symbol).toContain(r.symbol);
    }
    expect(s.target).toEqual(services.context.settings.get().gradeSplit);

    services.context.settings.update({ gradeSplit: { trader: 0.4, investor: 0.6 } });
    try {
      const after = await app.call('grades:list', undefined);
      expect(after.split.target).toEqual({ trader: 0.4, investor: 0.6 });
      expect(after.split.gap.trader).toBeCloseTo(after.split.trader.share - 0.4, 12);
    } finally {
      services.context.settings.update({ gradeSplit: { trader: 0.3, investor: 0.7 } });
    }
  });

  it('sends the engine’s factor definitions for the "how it works" panel', async () => {
    const list = await app.call('grades:list', undefined);
    expect(list.factors.trader.map((f) => [f.id, f.weight])).toEqual(TRADER_FACTORS.map((f) => [f.id, f.weight]));
    expect(list.factors.investor.map((f) => [f.id, f.weight])).toEqual(INVESTOR_FACTORS.map((f) => [f.id, f.weight]));
    for (const f of [...list.factors.trader, ...list.factors.investor]) expect(f.scale).toContain('->');
    expect(list.thresholds).toEqual({ strong: GRADE_STRONG, weak: GRADE_WEAK });
  });
});

describe('caching', () => {
  it('returns the same graded table until the price history object changes', () => {
    const a = services.context.grades.table();
    expect(services.context.grades.table()).toBe(a);
    expect(services.context.grades.currentGrades()).toBe(services.context.grades.currentGrades());
    // priceHistory() builds a new view (and catalog) on every call; only the history object counts.
    expect(services.context.priceHistory()).not.toBe(services.context.priceHistory());

    const view = services.context.priceHistory();
    const copy: PriceHistory = { ...view.history };
    const changed = withInputs({ priceHistory: () => ({ ...view, history: copy }) });
    const b = changed.table();
    expect(b).not.toBe(a);
    expect(b.history).toBe(copy);
    expect(changed.table()).toBe(b);
    // Same candles, same grades.
    expect(b.pairs).toEqual(a.pairs);
    // The original is still cached.
    expect(services.context.grades.table()).toBe(a);
  });

  it('regrades when the history gains a candle', () => {
    const view = services.context.priceHistory();
    const eth = view.history['ETH']!;
    const last = eth.at(-1)!;
    const next: Candle = { ...last, t: last.t + DAY_MS, o: last.c, c: last.c * 1.2, h: last.c * 1.21, l: last.c };
    const grown = withInputs({ priceHistory: () => ({ ...view, history: { ...view.history, ETH: [...eth, next] } }) });
    const before = services.context.grades.currentGrades()['ETH']!;
    const after = grown.currentGrades()['ETH']!;
    expect(after.trader!).toBeGreaterThan(before.trader!);
  });
});

describe('currentGrades', () => {
  it('maps every symbol with history to its two grades, as listed', async () => {
    const grades = services.context.grades.currentGrades();
    const history = services.context.priceHistory().history;
    expect(Object.keys(grades).sort()).toEqual(Object.keys(history).sort());
    const list = await app.call('grades:list', undefined);
    for (const [symbol, g] of Object.entries(grades)) {
      expect(Object.keys(g).sort()).toEqual(['investor', 'trader']);
      const row = list.rows.find((r) => r.symbol === symbol)!;
      expect(g).toEqual({ trader: row.trader, investor: row.investor });
    }
    expect(Object.isFrozen(grades)).toBe(true);
  });

  it('reports null, never a guess, for short histories', () => {
    const view = services.context.priceHistory();
    const short = withInputs({
      priceHistory: () => ({ ...view, history: { NEW: candles(100), TINY: candles(30) }, catalog: {} }),
    });
    const grades = short.currentGrades();
    expect(grades['NEW']!.trader).not.toBeNull();
    expect(grades['NEW']!.investor).toBeNull();
    expect(grades['TINY']).toEqual({ trader: null, investor: null });

    const list = short.list();
    const row = list.rows.find((r) => r.symbol === 'NEW')!;
    expect(row).toMatchObject({
      reason: 'insufficient-history',
      haveDays: 100,
      investorBand: 'ungraded',
      quadrant: 'ungraded',
    });
    expect(list.rows.find((r) => r.symbol === 'TINY')).toMatchObject({ trader: null, investor: null, haveDays: 30 });
    // Held sample assets without history here are listed as such and count as ungraded.
    const btc = list.rows.find((r) => r.symbol === 'BTC')!;
    expect(btc).toMatchObject({ held: true, reason: 'no-history', haveDays: 0, trader: null });
    expect(list.split.ungraded.assets).toContain('BTC');
    expect(() => short.detail('BTC')).toThrow(/no price history/);
    const tiny = short.detail('TINY');
    expect(tiny.trader).toMatchObject({ grade: null, reason: 'insufficient-history', haveDays: 30 });
  });
});

describe('grades:detail', () => {
  it('answers with both factor breakdowns, weekly history ending on the graded day and the closes', async () => {
    const d = await app.call('grades:detail', { symbol: 'eth' });
    const candlesEth = services.context.priceHistory().history['ETH']!;
    expect(d.symbol).toBe('ETH');
    expect(d.name).toBe('Ethereum');
    expect(d.held).toBe(true);
    if (d.trader.grade === null || d.investor.grade === null) throw new Error('ETH should be graded');
    expect(d.trader.factors.map((f) => f.id)).toEqual(TRADER_FACTORS.map((f) => f.id));
    expect(d.investor.factors.map((f) => f.id)).toEqual(INVESTOR_FACTORS.map((f) => f.id));
    for (const f of [...d.trader.factors, ...d.investor.factors]) {
      expect(f.explanation.length).toBeGreaterThan(10);
      if (f.score !== null) expect(f.score).toBeGreaterThanOrEqual(0);
    }
    expect(d.closes).toHaveLength(candlesEth.length);
    expect(d.closes.at(-1)).toEqual([candlesEth.at(-1)!.t, candlesEth.at(-1)!.c]);

    const weekly = gradeHistory(candlesEth, { stepDays: 7 });
    expect(d.history.map((p) => p.t)).toEqual(weekly.map((p) => p.t));
    expect(d.history.at(-1)!.t).toBe(candlesEth.at(-1)!.t);
    for (let i = 1; i < d.history.length; i++) expect(d.history[i]!.t - d.history[i - 1]!.t).toBe(7 * DAY_MS);
    // The last point shows the grades listed for today.
    expect(d.history.at(-1)!.trader).toBe(d.trader.grade);
    expect(d.history.at(-1)!.investor).toBe(d.investor.grade);
    const row = (await app.call('grades:list', undefined)).rows.find((r) => r.symbol === 'ETH')!;
    expect(d.quadrant.quadrant).toBe(row.quadrant);
    expect(d.valueShare).toBeCloseTo(row.valueShare!, 12);
  });

  it('refuses an unknown symbol with a clear not-found error, and a bad request before the handler', async () => {
    const err = await app.fail('grades:detail', { symbol: 'NOPE' });
    expect(err.code).toBe('not-found');
    expect(err.message).toContain('NOPE');
    expect((await app.fail('grades:detail', { symbol: '' })).code).toBe('bad-request');
    expect((await app.fail('grades:detail', { symbol: 'BTC', extra: 1 })).code).toBe('bad-request');
    expect((await app.fail('grades:detail', { symbol: 'X'.repeat(41) })).code).toBe('bad-request');
  });
});

describe('held assets', () => {
  it('lists a held asset without history as ungraded', () => {
    const base = services.context.portfolio();
    const portfolio = (): PortfolioView => ({
      ...base,
      portfolio: {
        ...base.portfolio,
        positions: [...base.portfolio.positions, { custodyId: 'x', asset: 'ZZZ', amount: 1, price: 500, value: 500 }],
      },
    });
    const list = withInputs({ portfolio }).list();
    const zzz = list.rows.find((r) => r.symbol === 'ZZZ')!;
    expect(zzz).toMatchObject({ held: true, trader: null, investor: null, reason: 'no-history', quadrant: 'ungraded' });
    expect(zzz.valueShare!).toBeGreaterThan(0);
    expect(list.split.ungraded.assets).toEqual(['ZZZ']);
  });
});
