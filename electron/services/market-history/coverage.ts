/**
 * The data-coverage view of the market-history store: per asset what is stored and where it came from,
 * and totals (including the size on disk), built from the manifest only (no asset file is read).
 */
import { DAY_MS } from '../../../shared/domain/types';
import { isoDay } from '../../../shared/indexlab/calendar';
import type { AssetCoverage, MarketHistoryCoverage } from '../../../shared/ipc/channels/market-history';
import { CAP_SOURCES, type CapSourceId } from '../../../shared/market-history';
import type { AssetMeta, MarketHistoryStore } from './store';

/** What each source asks to be shown next to its data. */
export const ATTRIBUTION = [
  'Market caps: Coin Metrics Community Data (CC BY-NC 4.0), "Coin Metrics".',
  'Market caps of assets Coin Metrics does not cover: "Data provided by CoinGecko".',
  'Daily prices: public market data of Binance, Coinbase, Kraken, OKX and Bybit, through ccxt.',
];

const day = (d: number | null): string | null => (d === null ? null : isoDay(d * DAY_MS));

function mainCapSource(capDays: AssetMeta['capDays']): CapSourceId | 'none' {
  let best: CapSourceId | 'none' = 'none';
  let most = 0;
  for (const src of CAP_SOURCES) {
    const n = capDays[src] ?? 0;
    if (n > most) {
      best = src;
      most = n;
    }
  }
  return best;
}

export function assetCoverage(m: AssetMeta): AssetCoverage {
  return {
    symbol: m.symbol,
    rank: m.rank,
    status: m.status,
    firstDay: day(m.firstDay),
    lastDay: day(m.lastDay),
    days: m.days,
    gaps: m.gaps.map((g) => ({ after: day(g.after)!, before: day(g.before)!, missing: g.missing })),
    provider: m.provider,
    market: m.market,
    quoteConversion: m.quoteConversion,
    conversionMarket: m.conversionMarket,
    capSource: mainCapSource(m.capDays),
    capDays: { ...m.capDays },
    capFirstDay: day(m.capFirstDay),
    capLastDay: day(m.capLastDay),
    updatedAt: m.updatedAt,
    notes: [...m.notes, ...m.capNotes],
  };
}

export function coverageOf(store: MarketHistoryStore): MarketHistoryCoverage {
  const metas = store
    .metas()
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.symbol.localeCompare(b.symbol));
  const assets = metas.map(assetCoverage);
  const providers: Record<string, number> = {};
  const capSources: Record<string, number> = {};
  let first: number | null = null;
  let last: number | null = null;
  for (const m of metas) {
    if (m.provider && m.days > 0) providers[m.provider] = (providers[m.provider] ?? 0) + 1;
    const src = mainCapSource(m.capDays);
    capSources[src] = (capSources[src] ?? 0) + 1;
    if (m.firstDay !== null) first = first === null ? m.firstDay : Math.min(first, m.firstDay);
    if (m.lastDay !== null) last = last === null ? m.lastDay : Math.max(last, m.lastDay);
  }
  return {
    assets,
    totals: {
      assets: metas.length,
      withPrices: metas.filter((m) => m.days > 0).length,
      withCaps: metas.filter((m) => m.capFirstDay !== null).length,
      candleDays: metas.reduce((s, m) => s + m.days, 0),
      capDays: metas.reduce((s, m) => s + Object.values(m.capDays).reduce((a, b) => a + b, 0), 0),
      firstDay: day(first),
      lastDay: day(last),
      bytesOnDisk: store.bytesOnDisk(),
      lastUpdateAt: store.lastUpdateAt,
      providers,
      capSources,
    },
    attribution: ATTRIBUTION,
  };
}
