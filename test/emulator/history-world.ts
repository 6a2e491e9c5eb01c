/**
 * The world the market-history tests run in, built from the shared history (history-data.ts): which
 * exchange lists which market, which CoinGecko id stands for which asset, and the asset catalog "as of"
 * a day (market caps of that day, so its top N is that day's). The exchanges' listings are simplified
 * from their real 2021 ones: Binance lists most assets against USDT (no USD markets, so no USDT/USD to
 * convert with: par), Coinbase and Kraken against USD (with USDT/USD and USDC/USD markets), OKX and
 * Bybit against USDT, and a few assets are listed nowhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogFile } from '../../shared/catalog';
import { DAY_MS, SECTORS, type Sector } from '../../shared/domain/types';
import { isoDay } from '../../shared/indexlab';
import { SHARED_HISTORY_DIR, type HistoryData } from './history-data';
import type { Listing, PriceSourceId } from './history-server';

/** Assets of the shared history no exchange of the chain lists. */
export const UNLISTED = ['HEDG', 'REV', 'MCO', 'HT'];
const NOT_ON_BINANCE = new Set([...UNLISTED, 'LEO', 'CEL', 'AMPL', 'BSV', 'KLAY', 'AMP', 'USDT', 'DAI']);
const COINBASE_USD = [
  'BTC',
  'ETH',
  'LTC',
  'BCH',
  'ETC',
  'XLM',
  'ZEC',
  'DAI',
  'LINK',
  'COMP',
  'UNI',
  'MKR',
  'YFI',
  'UMA',
  'SNX',
  'AAVE',
  'ALGO',
  'ATOM',
  'FIL',
  'MATIC',
  'SOL',
  'DOT',
  'ICP',
  'USDT',
  'DOGE',
  'ADA',
  'XTZ',
  'OMG',
  'EOS',
  'DASH',
  'AMP',
];
const KRAKEN_USD = [
  'BTC',
  'ETH',
  'XRP',
  'LTC',
  'XMR',
  'ZEC',
  'DASH',
  'ETC',
  'XLM',
  'DOGE',
  'USDT',
  'USDC',
  'KSM',
  'ADA',
  'DOT',
  'LINK',
  'EOS',
  'XTZ',
  'ALGO',
  'ATOM',
  'FIL',
  'SOL',
  'UNI',
  'AAVE',
  'COMP',
  'MKR',
  'YFI',
  'SNX',
  'BCH',
  'DAI',
  'WAVES',
];
const OKX_USDT = ['BTC', 'ETH', 'LEO', 'CEL', 'BSV', 'KLAY', 'AMPL', 'XRP', 'LTC', 'DOT', 'SOL', 'DOGE'];
const BYBIT_USDT = ['BTC', 'ETH', 'XRP', 'DOGE', 'SOL', 'DOT', 'LTC', 'LINK'];

/** What each exchange lists, over the symbols of the shared history. */
export function defaultListings(h: HistoryData): Record<PriceSourceId, Listing[]> {
  const have = (s: string) => h.series.has(s);
  const usd = (list: string[]): Listing[] => list.filter(have).map((symbol) => ({ symbol, quote: 'USD' }));
  const usdt = (list: string[]): Listing[] => list.filter(have).map((symbol) => ({ symbol, quote: 'USDT' }));
  return {
    binance: usdt([...h.series.keys()].filter((s) => !NOT_ON_BINANCE.has(s))),
    coinbaseexchange: usd(COINBASE_USD),
    kraken: usd(KRAKEN_USD),
    okx: usdt(OKX_USDT),
    bybit: usdt(BYBIT_USDT),
  };
}

/** CoinGecko id -> symbol for the close-only files (the table of the shared README). */
export function geckoIds(): Record<string, string> {
  const readme = readFileSync(join(SHARED_HISTORY_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Assets — `close-only/`'));
  const out: Record<string, string> = {};
  for (const m of section.matchAll(/^\| ([A-Z0-9]+) \| ([a-z0-9-]+) \|/gm)) out[m[2]!] = m[1]!;
  return out;
}

/** The latest cap of `symbol` on or before `day` (a UTC day number), or null. */
export function capOn(h: HistoryData, symbol: string, day: number): number | null {
  const caps = h.series.get(symbol)?.caps;
  if (!caps) return null;
  for (let d = day; d > day - 30; d--) {
    const mc = caps.get(d);
    if (mc !== undefined) return mc;
  }
  return null;
}

/** The catalog as it stood on `day` (UTC day number): every main-folder asset with that day's cap. */
export function worldCatalog(h: HistoryData, day: number): CatalogFile {
  const idOf = new Map(Object.entries(geckoIds()).map(([id, s]) => [s, id]));
  const assets = [...h.series.keys()].sort().map((symbol) => {
    const info = h.catalog[symbol];
    const sectors = (info?.sectors ?? ['other']).filter((s): s is Sector => (SECTORS as readonly string[]).includes(s));
    const id = idOf.get(symbol);
    return {
      symbol,
      name: info?.name ?? symbol,
      sectors: sectors.length > 0 ? sectors : (['other'] as Sector[]),
      stablecoin: info?.stablecoin ?? false,
      marketCapUsd: capOn(h, symbol, day),
      rank: null,
      ...(id ? { coingeckoId: id } : {}),
    };
  });
  return { version: 1, asOf: isoDay(day * DAY_MS), source: 'shared market history (tests)', assets };
}
