/**
 * The market-history download end to end: the real services (createServices) against the history
 * emulator (test/emulator/history-server.ts) serving the shared 2016-2021 history through Binance,
 * Coinbase, Kraken, OKX, Bybit, Coin Metrics and CoinGecko. Time is a test clock; waits never wait.
 * Skips, saying so, when ../shared/data is absent.
 */
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import type { MarketHistoryProgress } from '../../shared/ipc/channels/market-history';
import { topUniverse } from '../../electron/services/market-history/routing';
import { buildCatalog } from '../../shared/catalog';
import { worldCatalog } from '../emulator/history-world';
import { startApp, type TestApp } from './support/app';
import { cleanUpAfterEach } from './support/cleanup';
import { fixedClock, type TestClock } from './support/clock';
import {
  HISTORY,
  HISTORY_SKIP,
  historyOptions,
  LAST_DATA_DAY,
  noonOf,
  useHistoryEmulator,
} from './support/market-history';

vi.setConfig({ testTimeout: 120_000 });

let clock: TestClock = fixedClock(noonOf(LAST_DATA_DAY + 1));
/** Not covered by Coin Metrics in this file's world: AVAX and LUNA fall back to CoinGecko, BUSD has neither. */
const NOT_ON_COINMETRICS = ['AVAX', 'LUNA', 'BUSD'];
const emu = useHistoryEmulator(
  () => clock,
  (h) => ({ coinMetrics: [...h.series.keys()].filter((s) => !NOT_ON_COINMETRICS.includes(s)) }),
);
cleanUpAfterEach();

const progressOf = (app: TestApp) =>
  app.events.filter((e) => e.event === 'market-history:progress').map((e) => e.payload as MarketHistoryProgress);

async function start(opts: { catalogDay?: number } = {}): Promise<TestApp> {
  const base = historyOptions(emu, clock, opts);
  const bundle = base.catalogBundle!;
  // BUSD: no CoinGecko id in the catalog either, so no source has its market caps.
  const catalogBundle = {
    ...bundle,
    assets: bundle.assets.map((a) => (a.symbol === 'BUSD' ? { ...a, coingeckoId: undefined } : a)),
  };
  return startApp({ ...base, catalogBundle: JSON.parse(JSON.stringify(catalogBundle)) as typeof catalogBundle });
}

describe.skipIf(!HISTORY)(`market history: first download ${HISTORY_SKIP}`, () => {
  it('downloads the top 20 with prices and market caps, reporting progress and a time estimate', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    const app = await start();
    const summary = await app.call('market-history:update', { topN: 20, wait: true });
    expect(summary).toMatchObject({ state: 'done', topN: 20, assets: 20, failed: 0 });

    const expected = topUniverse(buildCatalog(worldCatalog(HISTORY!, LAST_DATA_DAY)), 20);
    const coverage = await app.call('market-history:coverage');
    expect(coverage.assets.filter((a) => a.rank !== null).map((a) => a.symbol)).toEqual(expected);
    const btc = coverage.assets.find((a) => a.symbol === 'BTC')!;
    expect(btc).toMatchObject({
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
    // USDT has no USDT market to route through on Binance: Coinbase's USDT/USD it is.
    expect(coverage.assets.find((a) => a.symbol === 'USDT')).toMatchObject({
      provider: 'coinbaseexchange',
      market: 'USDT/USD',
      quoteConversion: 'none',
    });
    expect(coverage.totals).toMatchObject({ assets: 20, withPrices: 20, lastDay: '2021-09-17' });
    expect(coverage.totals.bytesOnDisk).toBeGreaterThan(100_000);

    // Stored prices are the served ones (at the exchange's price precision) and caps are exact.
    const stored = app.context.marketHistory.history()['BTC']!;
    const csv = HISTORY!.series.get('BTC')!;
    expect(stored).toHaveLength(csv.candles.length);
    stored.forEach((k, i) => {
      const src = csv.candles[i]!;
      expect(k.t).toBe(src.t);
      expect(Math.abs(k.c - src.c)).toBeLessThanOrEqual(0.005);
      expect(k.mc).toBe(csv.caps.get(k.t / DAY_MS));
    });

    // Progress: every phase, counts that only grow, an estimate while it runs and none left at the end.
    const events = progressOf(app);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['markets', 'prices', 'market-caps', 'done']));
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
    expect(events.every((e) => e.done <= e.total)).toBe(true);
    expect(events.some((e) => e.phase === 'prices' && e.etaMs !== null && e.etaMs > 0)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'done', etaMs: 0 });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    expect(events.some((e) => e.current?.includes('BTC daily prices from Binance'))).toBe(true);
  });
});
