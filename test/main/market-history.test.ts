/**
 * The market-history download end to end: the real services (createServices) against the history
 * emulator (test/emulator/history-server.ts) serving the shared 2016-2021 history through Binance,
 * Coinbase, Kraken, OKX, Bybit, Coin Metrics and CoinGecko. Time is a test clock; waits never wait.
 * Skips, saying so, when ../shared/data is absent.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCatalog } from '../../shared/catalog';
import { DAY_MS, type PriceHistory } from '../../shared/domain/types';
import { isoDay } from '../../shared/indexlab';
import type { MarketHistoryProgress } from '../../shared/ipc/channels/market-history';
import { topByCapAt } from '../../shared/market-history';
import { topUniverse } from '../../electron/services/market-history/routing';
import { HISTORY_SOURCES } from '../emulator/history-server';
import { geckoIds, worldCatalog } from '../emulator/history-world';
import { startApp, type TestApp } from './support/app';
import { cleanUpAfterAll } from './support/cleanup';
import { fixedClock, type TestClock } from './support/clock';
import {
  HISTORY,
  HISTORY_SKIP,
  historyOptions,
  LAST_DATA_DAY,
  noonOf,
  useHistoryEmulator,
} from './support/market-history';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let clock: TestClock = fixedClock(noonOf(LAST_DATA_DAY + 1));
/** Not covered by Coin Metrics in this file's world: AVAX and LUNA fall back to CoinGecko, BUSD has neither. */
const NOT_ON_COINMETRICS = ['AVAX', 'LUNA', 'BUSD'];
const emu = useHistoryEmulator(
  () => clock,
  (h) => ({ coinMetrics: [...h.series.keys()].filter((s) => !NOT_ON_COINMETRICS.includes(s)) }),
);
cleanUpAfterAll();

const progressOf = (app: TestApp) =>
  app.events.filter((e) => e.event === 'market-history:progress').map((e) => e.payload as MarketHistoryProgress);

/** An app on this file's world; BUSD has no CoinGecko id in its catalog, so no source has its caps. */
async function start(dataDir?: string): Promise<TestApp> {
  const base = historyOptions(emu, clock);
  const bundle = base.catalogBundle!;
  const assets = bundle.assets.map((a) => {
    if (a.symbol !== 'BUSD') return a;
    const { coingeckoId: _dropped, ...rest } = a;
    return rest;
  });
  return startApp({ ...base, catalogBundle: { ...bundle, assets }, ...(dataDir ? { dataDir } : {}) });
}

/** The top N of the shared history by the caps of `day`. */
const topOn = (day: number, n: number) => topUniverse(buildCatalog(worldCatalog(HISTORY!, day)), n);

describe.skipIf(!HISTORY)(`market history: first download of the top 20 ${HISTORY_SKIP}`, () => {
  let app: TestApp;
  let history: PriceHistory;
  let firstRequest: number;
  beforeAll(async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    app = await start();
    firstRequest = emu.requests.length;
    const summary = await app.call('market-history:update', { topN: 20, wait: true });
    expect(summary).toMatchObject({ state: 'done', topN: 20, assets: 20, failed: 0 });
    history = app.context.marketHistory.history();
  });

  it('stores the catalog top 20 with their prices, where they came from and how they reached USD', async () => {
    const coverage = await app.call('market-history:coverage');
    expect(coverage.assets.filter((a) => a.rank !== null).map((a) => a.symbol)).toEqual(topOn(LAST_DATA_DAY, 20));
    expect(coverage.assets.find((a) => a.symbol === 'BTC')).toMatchObject({
      status: 'ok',
      provider: 'binance',
      market: 'BTC/USDT',
      quoteConversion: 'par',
      firstDay: '2016-09-19',
      lastDay: '2021-09-17',
      days: 1825,
      capSource: 'coinmetrics',
      capFirstDay: '2016-09-19',
      capLastDay: '2021-09-17',
    });
    // Binance has no USDT market for USDT itself: Coinbase's USDT/USD it is.
    expect(coverage.assets.find((a) => a.symbol === 'USDT')).toMatchObject({
      provider: 'coinbaseexchange',
      market: 'USDT/USD',
      quoteConversion: 'none',
    });
    expect(coverage.totals).toMatchObject({ assets: 20, withPrices: 20, lastDay: '2021-09-17' });
    expect(coverage.totals.bytesOnDisk).toBeGreaterThan(100_000);
    expect(coverage.attribution.join(' ')).toContain('Coin Metrics');

    // Stored prices are the served ones (at the exchange's price precision), every day of them.
    for (const symbol of ['BTC', 'ETH', 'SOL']) {
      const csv = HISTORY!.series.get(symbol)!.candles;
      const stored = history[symbol]!;
      expect(stored.map((k) => k.t)).toEqual(csv.map((k) => k.t));
      stored.forEach((k, i) => expect(Math.abs(k.c - csv[i]!.c)).toBeLessThanOrEqual(csv[i]!.c * 1e-4 + 0.005));
    }
  });

  it('reports progress: every phase, growing counts, a time estimate while running and none left at the end', () => {
    const events = progressOf(app);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['markets', 'prices', 'market-caps', 'done']));
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
    expect(events.every((e) => e.done <= e.total)).toBe(true);
    expect(events.some((e) => e.phase === 'prices' && e.etaMs !== null && e.etaMs > 0)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'done', etaMs: 0 });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    expect(events.some((e) => e.current?.includes('BTC daily prices from Binance'))).toBe(true);
    expect(events.some((e) => e.note?.includes('CoinGecko allows about 10 requests a minute'))).toBe(true);
  });

  it('takes market caps from Coin Metrics, the last 365 days from CoinGecko for the others, and says when none has them', async () => {
    const csvCaps = HISTORY!.series.get('BTC')!.caps;
    expect(history['BTC']!.every((k) => k.mc === csvCaps.get(k.t / DAY_MS))).toBe(true);

    // CoinGecko's point of day D is the cap at the end of D - 1.
    const idOf = Object.fromEntries(Object.entries(geckoIds()).map(([id, s]) => [s, id]));
    const gecko = new Map(HISTORY!.gecko.get('LUNA')!.map((p) => [p.day, p.mc]));
    const luna = history['LUNA']!.filter((k) => k.mc !== undefined);
    expect(luna.length).toBeGreaterThan(300);
    expect(luna[0]!.t).toBeGreaterThanOrEqual((LAST_DATA_DAY - 365) * DAY_MS);
    for (const k of luna) expect(k.mc).toBe(gecko.get(k.t / DAY_MS + 1));

    const coverage = await app.call('market-history:coverage');
    const byId = (s: string) => coverage.assets.find((a) => a.symbol === s)!;
    expect(byId('AVAX')).toMatchObject({ capSource: 'coingecko' });
    expect(byId('BUSD')).toMatchObject({ capSource: 'none', capFirstDay: null });
    expect(byId('BUSD').notes.join(' ')).toContain('Neither Coin Metrics nor CoinGecko');
    expect(history['BUSD']!.every((k) => k.mc === undefined)).toBe(true);
    expect(emu.coinGeckoIds.slice().sort()).toEqual([idOf['AVAX'], idOf['LUNA']].sort());
  });

  it('names the whole top 20 in every Coin Metrics request, never a subset', () => {
    const universe = topOn(LAST_DATA_DAY, 20).map((s) => s.toLowerCase());
    expect(emu.coinMetricsAssetLists.length).toBeGreaterThan(0);
    for (const list of emu.coinMetricsAssetLists) expect([...list].sort()).toEqual([...universe].sort());
  });

  it('records every request that left the machine in the activity log', async () => {
    await app.context.activity.flush();
    const calls = app.context.activity.query({ kind: 'api-call' }).entries;
    const sent = emu.requests.slice(firstRequest);
    expect(calls).toHaveLength(sent.length);
    const sources = new Set<string>(HISTORY_SOURCES);
    expect(calls.every((c) => sources.has(c.exchange ?? ''))).toBe(true);
    expect(new Set(calls.map((c) => c.exchange))).toEqual(new Set(sent.map((r) => r.source)));
    expect(calls.every((c) => c.endpoint !== undefined && !c.endpoint.includes('?'))).toBe(true);
  });

  it('ranks by the caps known the day before: a top 10 on day d matches the CSV caps of d - 1', () => {
    const universe = new Set(topOn(LAST_DATA_DAY, 20));
    // Each asset's caps as its CSV has them: the main folder's (Coin Metrics), the close-only folder's
    // one day earlier (CoinGecko's point of D is the end of D - 1) for AVAX and LUNA, none for BUSD.
    const capsOf = (s: string): Map<number, number> => {
      if (s === 'BUSD') return new Map();
      if (!NOT_ON_COINMETRICS.includes(s)) return HISTORY!.series.get(s)!.caps;
      return new Map(
        HISTORY!.gecko
          .get(s)!
          .filter((p) => p.mc > 0 && p.day > LAST_DATA_DAY - 365)
          .map((p) => [p.day - 1, p.mc]),
      );
    };
    // The latest cap at or before `capDay`, at most 3 days old (a missing day keeps the one before).
    const capAt = (s: string, capDay: number) => {
      const caps = capsOf(s);
      for (let d = capDay; d >= capDay - 3; d--) if (caps.has(d)) return caps.get(d);
      return undefined;
    };
    const csvTop = (capDay: number) =>
      [...universe]
        .map((s) => ({ s, mc: capAt(s, capDay) }))
        .filter((x): x is { s: string; mc: number } => x.mc !== undefined)
        .sort((a, b) => b.mc - a.mc)
        .slice(0, 10)
        .map((x) => x.s);
    let differsFromSameDay = 0;
    for (let day = Date.UTC(2020, 0, 6) / DAY_MS; day <= LAST_DATA_DAY; day += 7) {
      const ours = topByCapAt(history, day * DAY_MS, 10);
      expect(ours, isoDay(day * DAY_MS)).toEqual(csvTop(day - 1));
      if (csvTop(day).join() !== ours.join()) differsFromSameDay += 1;
    }
    // The check can tell d - 1 from d: on some of these days the two rankings differ.
    expect(differsFromSameDay).toBeGreaterThan(0);
  });
});
