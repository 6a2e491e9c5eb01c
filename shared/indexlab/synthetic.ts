/**
 * Seeded synthetic price history (geometric random walks with market caps), for benchmarks,
 * tests and demos. Deterministic: the same options always give the same candles.
 */
import { DAY_MS, type AssetInfo, type Candle, type PriceHistory, type Sector } from '../domain/types';
import { mulberry32 as seededRandom } from '../random';

export interface SyntheticOptions {
  seed?: number;
  assets?: number;
  days?: number;
  /** UTC ms of the first day (default 2019-01-01). */
  start?: number;
  /** Share of assets (after the first) that start later than day 0 (default 0.2). */
  lateShare?: number;
  /** Number of stablecoins added (price ~1), default 1. */
  stablecoins?: number;
}

const SECTOR_CYCLE: Sector[] = ['L1', 'DeFi', 'AI', 'meme', 'L2', 'gaming', 'oracle', 'infrastructure'];

/**
 * Generates `assets` random-walk assets named BTC, A001, A002... plus stablecoins (USDT, USDC...).
 * Each candle carries a market cap (constant supply x close). Returns prices and a catalog.
 */
export function generateSyntheticHistory(opts: SyntheticOptions = {}): {
  prices: PriceHistory;
  catalog: Record<string, AssetInfo>;
} {
  const rnd = seededRandom(opts.seed ?? 42);
  const nAssets = opts.assets ?? 20;
  const days = opts.days ?? 730;
  const start = opts.start ?? Date.UTC(2019, 0, 1);
  const lateShare = opts.lateShare ?? 0.2;
  const nStable = opts.stablecoins ?? 1;
  const gauss = (): number => {
    const u = 1 - rnd();
    const v = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const prices: PriceHistory = {};
  const catalog: Record<string, AssetInfo> = {};
  for (let i = 0; i < nAssets; i++) {
    const symbol = i === 0 ? 'BTC' : `A${String(i).padStart(3, '0')}`;
    const supply = i === 0 ? 19e6 : Math.exp(14 + rnd() * 8);
    let price = i === 0 ? 30_000 : Math.exp(rnd() * 8 - 2);
    const drift = (rnd() - 0.45) * 0.004;
    const sigma = 0.02 + rnd() * 0.05;
    const first = i > 0 && rnd() < lateShare ? Math.floor(rnd() * days * 0.6) : 0;
    const candles: Candle[] = [];
    for (let d = first; d < days; d++) {
      const o = price;
      price = price * Math.exp(drift + sigma * gauss());
      const hi = Math.max(o, price) * (1 + rnd() * 0.01);
      const lo = Math.min(o, price) * (1 - rnd() * 0.01);
      candles.push({ t: start + d * DAY_MS, o, h: hi, l: lo, c: price, v: price * supply * 0.02, mc: price * supply });
    }
    prices[symbol] = candles;
    catalog[symbol] = {
      symbol,
      name: symbol,
      sectors: [i === 0 ? 'L1' : SECTOR_CYCLE[i % SECTOR_CYCLE.length]!],
      stablecoin: false,
      marketCapUsd: price * supply,
      rank: null,
    };
  }
  const stableNames = ['USDT', 'USDC', 'DAI', 'FDUSD'];
  for (let i = 0; i < nStable; i++) {
    const symbol = stableNames[i] ?? `USD${i}`;
    const candles: Candle[] = [];
    for (let d = 0; d < days; d++) {
      const c = 1 + (rnd() - 0.5) * 0.002;
      candles.push({ t: start + d * DAY_MS, o: 1, h: Math.max(1, c), l: Math.min(1, c), c, v: 1e9, mc: 5e10 * c });
    }
    prices[symbol] = candles;
    catalog[symbol] = {
      symbol,
      name: symbol,
      sectors: ['stablecoin'],
      stablecoin: true,
      marketCapUsd: 5e10,
      rank: null,
    };
  }
  return { prices, catalog };
}
