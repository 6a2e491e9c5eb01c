/**
 * The market-cap part of an update: Coin Metrics for every asset it covers (one set of multi-asset
 * requests naming the whole universe), CoinGecko's last 365 days for the others (one coin per request,
 * slowly), and nothing for assets neither covers, which the store then says.
 *
 * - Which assets Coin Metrics covers is asked once a day (its catalog); when Coin Metrics cannot be
 *   reached the last known catalog is used, and without one no fallback is tried (CoinGecko is for
 *   assets Coin Metrics does not cover, not for a Coin Metrics outage): the caps wait for the next run.
 * - Incremental: each source starts after the last day it already gave the asset; caps of days already
 *   stored from a source of higher priority stay (mergeCaps).
 * - Every page is written to the store as it arrives (resumable like the prices).
 */
import { DAY_MS, type AssetInfo } from '../../../shared/domain/types';
import { isoDay } from '../../../shared/indexlab/calendar';
import { capColumns, CAP_SOURCES, mergeCaps, type CapSourceId } from '../../../shared/market-history';
import { SourcePausedError, type RunControl } from './attempts';
import { COINGECKO_MAX_DAYS, coinGeckoCaps } from './coingecko';
import { COINMETRICS_PAGE_SIZE, coinMetricsCaps, coinMetricsCatalog, coinMetricsId } from './coinmetrics';
import type { JsonSource } from './http';
import type { MarketHistoryStore } from './store';

/** How long the Coin Metrics catalog is trusted before it is asked again. */
const CATALOG_MAX_AGE_MS = 24 * 3_600_000;

export interface CapsDeps {
  store: MarketHistoryStore;
  ctl: RunControl;
  today: number;
  depthStart: number;
  coinMetrics: { baseUrl: string; source: JsonSource };
  coinGecko: { baseUrl: string; source: JsonSource };
  /** The catalog (CoinGecko ids). */
  catalog: Record<string, AssetInfo>;
  counted: () => void;
  /** Progress: a step done (`step`), what is fetched now, and an estimate of the steps left. */
  progress: (p: {
    step?: boolean;
    current?: string;
    note?: string | null;
    stepsLeft: number;
    timeLeftMs: number;
  }) => void;
}

export interface CapsResult {
  /** Assets whose caps changed. */
  updated: Set<string>;
  /** Assets with no source of historical caps. */
  none: string[];
  failed: string[];
}

/** The last day a source gave the asset a cap, or null. */
function lastCapDay(store: MarketHistoryStore, symbol: string, src: CapSourceId): number | null {
  const caps = store.read(symbol).caps;
  const want = CAP_SOURCES.indexOf(src);
  for (let i = caps.day.length - 1; i >= 0; i--) if (caps.src[i] === want) return caps.day[i]!;
  return null;
}

async function addCaps(
  store: MarketHistoryStore,
  symbol: string,
  rows: { day: number; mc: number }[],
  src: CapSourceId,
) {
  if (rows.length === 0) return false;
  await store.update(symbol, (s) => ({ ...s, caps: mergeCaps(s.caps, capColumns(rows.map((r) => ({ ...r, src })))) }));
  return true;
}

export async function updateCaps(deps: CapsDeps, universe: readonly string[]): Promise<CapsResult> {
  const { store, ctl } = deps;
  const yesterday = deps.today - 1;
  const updated = new Set<string>();
  const failed: string[] = [];
  const cm = { ...deps.coinMetrics, ctl, counted: deps.counted };
  const cg = { ...deps.coinGecko, ctl, counted: deps.counted };

  // 1. Which assets Coin Metrics covers.
  let catalog = store.coinMetrics;
  let cmNote: string | null = null;
  if (!catalog || ctl.now() - catalog.fetchedAt > CATALOG_MAX_AGE_MS) {
    deps.progress({ current: 'Which assets Coin Metrics covers', stepsLeft: universe.length, timeLeftMs: 0 });
    try {
      catalog = { fetchedAt: ctl.now(), assets: await coinMetricsCatalog(cm) };
      store.coinMetrics = catalog;
    } catch (err) {
      if (ctl.signal.aborted) throw err;
      cmNote = 'Coin Metrics could not be reached; market caps are fetched at the next update.';
    }
  }
  const covered = universe.filter((s) => catalog?.assets[coinMetricsId(s)] !== undefined);
  const rest = catalog ? universe.filter((s) => !covered.includes(s)) : [];
  const withGecko = rest.filter((s) => deps.catalog[s]?.coingeckoId);
  const none = rest.filter((s) => !deps.catalog[s]?.coingeckoId);
  for (const s of none)
    store.setMeta(s, { capNotes: ['Neither Coin Metrics nor CoinGecko has historical market caps for it.'] });
  if (!catalog) for (const s of universe) store.setMeta(s, { capNotes: cmNote ? [cmNote] : [] });

  // 2. Coin Metrics, every request naming the whole universe.
  const starts = covered.map((s) => {
    const last = lastCapDay(store, s, 'coinmetrics');
    const first = catalog!.assets[coinMetricsId(s)]!.first;
    return last !== null ? last + 1 : Math.max(deps.depthStart, first);
  });
  const from = starts.length > 0 ? Math.min(...starts) : yesterday + 1;
  const rows = starts.reduce((n, s) => n + Math.max(0, yesterday - s + 1), 0);
  let pagesLeft = Math.ceil(rows / COINMETRICS_PAGE_SIZE);
  let geckoLeft = withGecko.length;
  const left = () => ({
    stepsLeft: pagesLeft + geckoLeft,
    timeLeftMs: Math.max(cm.source.spacer.timeFor(pagesLeft), cg.source.spacer.timeFor(geckoLeft)),
  });
  const symbolOf = new Map(universe.map((s) => [coinMetricsId(s), s]));
  const cmPart = (async () => {
    if (covered.length === 0 || from > yesterday) return;
    deps.progress({ current: `Market caps from Coin Metrics since ${isoDay(from * DAY_MS)}`, ...left() });
    // A page's files are written side by side while the next page is asked for; the page after that
    // waits until they are on disk (what is kept in memory is always complete up to a day).
    let writing: Promise<unknown> = Promise.resolve();
    try {
      await coinMetricsCaps(cm, universe.map(coinMetricsId), from, yesterday, async (page) => {
        await writing;
        const writes: Promise<boolean>[] = [];
        for (const [id, list] of page.caps) {
          const symbol = symbolOf.get(id);
          if (!symbol || !covered.includes(symbol)) continue;
          const last = lastCapDay(store, symbol, 'coinmetrics') ?? -Infinity;
          const fresh = list.filter((r) => r.day > last && r.day <= yesterday);
          if (fresh.length === 0) continue;
          updated.add(symbol);
          writes.push(addCaps(store, symbol, fresh, 'coinmetrics'));
        }
        writing = Promise.all(writes);
        writing.catch(() => undefined);
        pagesLeft = Math.max(0, pagesLeft - 1);
        deps.progress({ step: true, current: 'Market caps from Coin Metrics', ...left() });
      });
      await writing;
      for (const s of covered) store.setMeta(s, { capNotes: [] });
    } catch (err) {
      await writing.catch(() => undefined);
      if (ctl.signal.aborted) throw err;
      const why = err instanceof SourcePausedError ? err.message : 'Coin Metrics could not be reached';
      for (const s of covered) store.setMeta(s, { capNotes: [`${why}; market caps are fetched at the next update.`] });
      failed.push(...covered);
    }
    pagesLeft = 0;
  })();

  // 3. CoinGecko for the others, one at a time (about 10 requests a minute without a key).
  const cgPart = (async () => {
    let paused: string | null = null;
    for (const [i, symbol] of withGecko.entries()) {
      const last = lastCapDay(store, symbol, 'coingecko');
      const days = last === null ? COINGECKO_MAX_DAYS : Math.min(COINGECKO_MAX_DAYS, deps.today - last + 1);
      const note = `CoinGecko allows about 10 requests a minute without a key: ${withGecko.length - i} asset(s) left.`;
      deps.progress({ current: `${symbol} market caps from CoinGecko`, note, ...left() });
      try {
        if (paused) throw new Error(paused);
        if (last === null || last < yesterday) {
          const list = await coinGeckoCaps(cg, deps.catalog[symbol]!.coingeckoId!, days);
          const fresh = list.filter((r) => r.day > (last ?? -Infinity) && r.day <= yesterday);
          if (await addCaps(store, symbol, fresh, 'coingecko')) updated.add(symbol);
        }
        store.setMeta(symbol, {
          capNotes: ['Coin Metrics has no market cap for it: CoinGecko serves only the last 365 days.'],
        });
      } catch (err) {
        if (ctl.signal.aborted) throw err;
        if (err instanceof SourcePausedError) paused = err.message;
        store.setMeta(symbol, {
          capNotes: [`${paused ?? 'CoinGecko could not be reached'}; retried at the next update.`],
        });
        failed.push(symbol);
      }
      geckoLeft -= 1;
      deps.progress({ step: true, ...left() });
    }
  })();

  const settled = await Promise.allSettled([cmPart, cgPart]);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return { updated, none, failed };
}
