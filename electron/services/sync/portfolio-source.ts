/**
 * The portfolio and price history the app shows.
 *
 * With at least one exchange account (not revoked) or manual holding, the portfolio is built from
 * the last good balances of each account (+ manual positions), priced with the last fetched
 * tickers in the base currency; unpriced assets are listed, never dropped. Otherwise it is the
 * bundled sample portfolio. Results are cached until balances, settings, accounts or history change.
 */
import type { AccountMeta } from '../../../shared/domain/keys';
import {
  DAY_MS,
  type AssetInfo,
  type Custody,
  type Position,
  type PriceHistory,
  type ValuedPosition,
} from '../../../shared/domain/types';
import type { ChangesView, PortfolioView } from '../../../shared/ipc/channels/portfolio';
import type { PriceHistoryView } from '../../../shared/ipc/channels/prices';
import type { SnapshotList } from '../../../shared/ipc/channels/snapshots';
import { chooseHistoryMarkets, mergeTickers, priceAssets, type HistoryMarket } from '../../../shared/portfolio/pricing';
import {
  changeOver,
  changesOf,
  seriesFromHistory,
  joinEstimate,
  seriesFromSnapshots,
  topAssets,
  type SnapshotRange,
} from '../../../shared/portfolio/snapshots';
import { sampleHistoryIn, sampleUsdRate, shiftHistory, valueDemoPortfolio } from '../../../shared/demo';
import { buildPortfolio, unpricedAssets } from '../../../shared/portfolio/valuation';
import type { Settings } from '../../../shared/settings';
import type { SampleData } from '../sample';
import type { BalanceStore } from './balance-store';
import type { HistoryService } from './history';
import type { SnapshotStore } from './snapshot-store';

/** Holdings entered by hand (wallets, platforms without an API). */
export interface ManualSource {
  positions(): Position[];
  custodies(): Custody[];
}

export interface PortfolioSourceDeps {
  sample: () => SampleData;
  catalog: () => Record<string, AssetInfo>;
  settings: { get(): Settings };
  accounts: { list(): AccountMeta[] };
  balances: BalanceStore;
  history: HistoryService;
  snapshots: SnapshotStore;
  manual?: ManualSource;
  now: () => number;
}

/** Assets the net-worth chart offers one by one (the largest by value). */
export const NET_WORTH_ASSET_LINES = 25;

/** Assets whose history is always kept (market reference for grades and the index lab). */
export const REFERENCE_ASSETS = ['BTC', 'ETH'];

function pick(all: Record<string, AssetInfo>, symbols: Iterable<string>): Record<string, AssetInfo> {
  const out: Record<string, AssetInfo> = {};
  for (const s of symbols) if (all[s]) out[s] = all[s];
  return out;
}

/**
 * History rescaled so that each asset's last close equals its current price in the base currency
 * (candles are quoted in their market's currency, e.g. USDT). Used for estimates only.
 */
function inBase(positions: readonly ValuedPosition[], history: PriceHistory): PriceHistory {
  const out: PriceHistory = {};
  for (const p of positions) {
    const candles = history[p.asset];
    const last = candles?.at(-1);
    if (!candles || !last || p.price === null || last.c <= 0 || out[p.asset]) continue;
    const f = p.price / last.c;
    out[p.asset] = candles.map((c) => ({ ...c, o: c.o * f, h: c.h * f, l: c.l * f, c: c.c * f }));
  }
  return out;
}

/** The portfolio as the source builds it; the context adds the revision (see portfolio-feed.ts). */
export type SourcePortfolio = Omit<PortfolioView, 'revision'>;

export interface PortfolioSource {
  portfolio(): SourcePortfolio;
  priceHistory(): PriceHistoryView;
  /** True when the user has an exchange account or a manual holding (no sample then). */
  hasUserData(): boolean;
  /** Markets whose candles stand for the held assets' (and BTC/ETH) price history. */
  historyMarkets(): HistoryMarket[];
  netWorth(range: SnapshotRange): SnapshotList;
  changes(): ChangesView;
}

export function createPortfolioSource(deps: PortfolioSourceDeps): PortfolioSource {
  const manualPositions = (): Position[] => deps.manual?.positions() ?? [];
  const manualCustodies = (): Custody[] => deps.manual?.custodies() ?? [];
  const liveAccounts = (): AccountMeta[] => deps.accounts.list().filter((a) => a.status !== 'revoked');
  const hasUserData = (): boolean => liveAccounts().length > 0 || manualPositions().length > 0;

  // The sample ends today and is valued in the base currency (shared/demo.ts); cached per day and base.
  let sampleCache: { key: string; history: PriceHistory; valued: PriceHistory; base: string } | null = null;
  const sampleNow = () => {
    const s = deps.sample();
    const day = Math.floor(deps.now() / DAY_MS) * DAY_MS;
    const wanted = deps.settings.get().baseCurrency;
    const key = `${day}:${wanted}`;
    if (!sampleCache || sampleCache.key !== key) {
      const history = shiftHistory(s.history, day);
      const converted = sampleHistoryIn(history, wanted);
      // a base the sample cannot be valued in keeps the sample's own currency
      sampleCache = {
        key,
        history,
        valued: converted ?? history,
        base: converted ? wanted : s.portfolio.base,
      };
    }
    return { ...sampleCache, portfolio: { ...s.portfolio, base: sampleCache.base } };
  };

  const samplePortfolio = (): SourcePortfolio => {
    const s = sampleNow();
    const p = valueDemoPortfolio(s.portfolio, s.valued);
    const held = new Set([...p.positions.map((x) => x.asset), ...Object.keys(s.history)]);
    return {
      portfolio: p,
      sample: true,
      catalog: pick(deps.catalog(), held),
      unpriced: unpricedAssets(p),
      usdRate: sampleUsdRate(s.history, s.base),
    };
  };

  let cached: { key: string; view: Omit<SourcePortfolio, 'catalog'> } | null = null;
  const userPortfolio = (): SourcePortfolio => {
    const accounts = liveAccounts();
    const manual = manualPositions();
    const manualC = manualCustodies();
    const base = deps.settings.get().baseCurrency;
    const key = JSON.stringify([
      deps.balances.revision,
      base,
      accounts.map((a) => [a.id, a.label, a.exchange]),
      manual,
      manualC,
    ]);
    if (!cached || cached.key !== key) {
      const stored = deps.balances.balances();
      const custodies: Custody[] = [
        ...accounts.map((a) => ({ id: a.id, label: a.label, kind: 'exchange' as const, platform: a.exchange })),
        ...manualC,
      ];
      const positions: Position[] = [];
      let asOf = 0;
      for (const a of accounts) {
        const b = stored[a.id];
        if (!b) continue;
        asOf = Math.max(asOf, b.fetchedAt);
        for (const h of b.holdings) positions.push({ custodyId: a.id, asset: h.asset, amount: h.total });
      }
      positions.push(...manual);
      const tickers = mergeTickers(Object.values(deps.balances.tickers()).map((t) => t.prices));
      const { prices, unpriced } = priceAssets(positions, tickers, base);
      const portfolio = buildPortfolio({ base, asOf: asOf || deps.now(), custodies, positions, prices });
      const usdRate = priceAssets(['USD'], tickers, base).prices['USD'] ?? null;
      cached = { key, view: { portfolio, sample: false, unpriced, usdRate } };
    }
    const view = structuredClone(cached.view);
    return { ...view, catalog: pick(deps.catalog(), new Set(view.portfolio.positions.map((p) => p.asset))) };
  };

  const portfolio = (): SourcePortfolio => (hasUserData() ? userPortfolio() : samplePortfolio());

  const historyMarkets = (): HistoryMarket[] => {
    const base = deps.settings.get().baseCurrency;
    const tickers = deps.balances.tickers();
    // exchanges of the user's accounts first, in account order
    const order = [...new Set(liveAccounts().map((a) => a.exchange))];
    const byExchange: Record<string, string[]> = {};
    for (const ex of [...order, ...Object.keys(tickers).sort()]) {
      if (tickers[ex] && !byExchange[ex]) byExchange[ex] = Object.keys(tickers[ex].prices);
    }
    const held = userPortfolio().portfolio.positions.map((p) => p.asset);
    return chooseHistoryMarkets([...held, ...REFERENCE_ASSETS], byExchange, base);
  };

  let historyCache: { key: string; view: PriceHistoryView } | null = null;
  const priceHistory = (): PriceHistoryView => {
    if (!hasUserData()) {
      const s = sampleNow();
      return { sample: true, history: s.history, catalog: pick(deps.catalog(), Object.keys(s.history)) };
    }
    const markets = historyMarkets();
    const key = JSON.stringify([deps.history.cache.revision, markets]);
    if (!historyCache || historyCache.key !== key) {
      historyCache = { key, view: { sample: false, history: deps.history.read(markets), catalog: {} } };
    }
    return {
      sample: false,
      history: historyCache.view.history,
      catalog: pick(deps.catalog(), Object.keys(historyCache.view.history)),
    };
  };

  const netWorth = (range: SnapshotRange): SnapshotList => {
    const list = netWorthAll(range);
    return { ...list, ...topAssets(list, NET_WORTH_ASSET_LINES) };
  };
  const netWorthAll = (range: SnapshotRange): SnapshotList => {
    if (!hasUserData()) {
      const s = sampleNow();
      const series = seriesFromHistory(s.portfolio.positions, s.valued, s.base, range);
      return { ...series, range, sample: true, source: 'history' };
    }
    const base = deps.settings.get().baseCurrency;
    const series = seriesFromSnapshots(deps.snapshots.list(), base, range, deps.now());
    // Until syncs cover the range: estimated from cached price history x current amounts before the
    // first recorded sync, recorded after it.
    const p = userPortfolio().portfolio;
    const est = seriesFromHistory(p.positions, inBase(p.positions, priceHistory().history), base, range);
    const first = series.points[0]?.t;
    if (first === undefined) {
      return { ...est, range, sample: false, source: est.points.length > 0 ? 'history' : 'snapshots' };
    }
    const joined = joinEstimate(est, series);
    if (joined === series) return { ...series, range, sample: false, source: 'snapshots' };
    return { ...joined, range, sample: false, source: 'mixed', recordedFrom: first };
  };

  const changes = (): ChangesView => {
    if (!hasUserData()) {
      const s = sampleNow();
      const series = seriesFromHistory(s.portfolio.positions, s.valued, s.base, 'All');
      return { ...changesOf(series.points), base: s.base, sample: true, estimated: false };
    }
    const base = deps.settings.get().baseCurrency;
    const fromSnaps = changesOf(seriesFromSnapshots(deps.snapshots.list(), base, 'All', deps.now(), Infinity).points);
    if (fromSnaps.change24h && fromSnaps.change7d) return { ...fromSnaps, base, sample: false, estimated: false };
    const p = userPortfolio().portfolio;
    const est = seriesFromHistory(p.positions, inBase(p.positions, priceHistory().history), base, '1M').points;
    return {
      change24h: fromSnaps.change24h ?? changeOver(est, DAY_MS),
      change7d: fromSnaps.change7d ?? changeOver(est, 7 * DAY_MS),
      base,
      sample: false,
      estimated: true,
    };
  };

  return { portfolio, priceHistory, hasUserData, historyMarkets, netWorth, changes };
}
