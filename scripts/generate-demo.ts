/**
 * Generates the bundled demo data (sample data, not market history):
 *   assets/demo/portfolio.json  a sample portfolio over four custodies
 *   assets/demo/prices.json     ~3 years of daily candles for the demo assets and a few more
 *
 * Seeded and deterministic: the same seed always yields byte-identical files.
 * Prices follow a geometric random walk driven by a shared market factor (BTC) that switches between
 * bull, bear and sideways regimes, plus per-asset beta, volatility, drift and occasional jumps.
 * Each series is scaled so its last close equals a reference price, and `mc` = close x a fixed supply
 * chosen so the last market cap equals the asset's bundled catalog cap.
 *
 *   npm run demo:generate
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import bundledCatalogJson from '../assets/catalog.json' with { type: 'json' };
import { parseCatalogFile, type CatalogFile } from '../shared/catalog';
import type { Custody, Position } from '../shared/domain/types';
import { DAY_MS } from '../shared/domain/types';
import type { DemoCandleRow, DemoPortfolio, DemoPricesFile } from '../shared/demo';
import { fnv1a32, mulberry32 } from '../shared/random';

export { mulberry32 };

export const DEMO_SEED = 20261120;
export const DEMO_END = Date.UTC(2026, 10, 20);
export const DEMO_DAYS = 1100;
export const GENERATED_BY = 'scripts/generate-demo.ts';
/** Total value of the sample portfolio at the last close, USD. */
const PORTFOLIO_VALUE_USD = 125_000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

class Rng {
  private readonly next: () => number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(): number {
    return this.next();
  }
  /** Standard normal (Box-Muller). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u <= Number.EPSILON) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Fat-tailed shock: a normal that is occasionally scaled up. */
  shock(): number {
    const z = this.normal();
    return this.uniform() < 0.04 ? z * 2.5 : z;
  }
}

// ---------------------------------------------------------------------------------------------
// Asset models

interface AssetModel {
  symbol: string;
  /** Reference last close, USD (roughly the market level the catalog caps describe). */
  price: number;
  /** Daily idiosyncratic volatility (log-return standard deviation). */
  vol: number;
  /** Sensitivity to the market factor. */
  beta: number;
  /** Extra daily log drift. */
  drift: number;
  /** Typical daily volume as a share of market cap. */
  turnover: number;
  stable?: boolean;
}

// prettier-ignore
const MODELS: readonly AssetModel[] = [
  { symbol: 'BTC', price: 106_000, vol: 0, beta: 1, drift: 0, turnover: 0.02 },
  { symbol: 'ETH', price: 2_500, vol: 0.015, beta: 1.15, drift: -0.0002, turnover: 0.05 },
  { symbol: 'XRP', price: 2.2, vol: 0.03, beta: 1.0, drift: 0.0006, turnover: 0.03 },
  { symbol: 'BNB', price: 650, vol: 0.012, beta: 0.7, drift: 0.0002, turnover: 0.02 },
  { symbol: 'SOL', price: 150, vol: 0.024, beta: 1.3, drift: 0.0003, turnover: 0.06 },
  { symbol: 'USDC', price: 1, vol: 0, beta: 0, drift: 0, turnover: 0.12, stable: true },
  { symbol: 'TRX', price: 0.27, vol: 0.015, beta: 0.5, drift: 0.0004, turnover: 0.03 },
  { symbol: 'DOGE', price: 0.17, vol: 0.032, beta: 1.3, drift: 0, turnover: 0.06 },
  { symbol: 'ADA', price: 0.58, vol: 0.024, beta: 1.2, drift: -0.0001, turnover: 0.03 },
  { symbol: 'SUI', price: 2.9, vol: 0.035, beta: 1.4, drift: 0.0008, turnover: 0.08 },
  { symbol: 'LINK', price: 13.5, vol: 0.025, beta: 1.25, drift: 0, turnover: 0.05 },
  { symbol: 'AVAX', price: 18, vol: 0.026, beta: 1.3, drift: -0.0006, turnover: 0.05 },
  { symbol: 'HBAR', price: 0.16, vol: 0.03, beta: 1.2, drift: 0.0003, turnover: 0.03 },
  { symbol: 'LTC', price: 86, vol: 0.018, beta: 0.95, drift: -0.0002, turnover: 0.05 },
  { symbol: 'DOT', price: 3.4, vol: 0.022, beta: 1.2, drift: -0.0008, turnover: 0.04 },
  { symbol: 'UNI', price: 7.3, vol: 0.028, beta: 1.25, drift: 0, turnover: 0.05 },
  { symbol: 'PEPE', price: 0.0000102, vol: 0.042, beta: 1.6, drift: 0.0008, turnover: 0.12 },
  { symbol: 'AAVE', price: 270, vol: 0.026, beta: 1.25, drift: 0.0009, turnover: 0.06 },
  { symbol: 'NEAR', price: 2.2, vol: 0.028, beta: 1.35, drift: -0.0002, turnover: 0.06 },
  { symbol: 'BONK', price: 0.000017, vol: 0.042, beta: 1.6, drift: -0.0004, turnover: 0.1 },
  { symbol: 'ARB', price: 0.34, vol: 0.028, beta: 1.35, drift: -0.001, turnover: 0.08 },
  { symbol: 'INJ', price: 11.5, vol: 0.032, beta: 1.4, drift: -0.0008, turnover: 0.07 },
  { symbol: 'RAY', price: 3.0, vol: 0.034, beta: 1.45, drift: 0.0002, turnover: 0.06 },
  { symbol: 'JASMY', price: 0.0145, vol: 0.034, beta: 1.4, drift: 0.0004, turnover: 0.08 },
  { symbol: 'ENS', price: 20, vol: 0.03, beta: 1.25, drift: 0.0001, turnover: 0.07 },
  { symbol: 'PENDLE', price: 3.6, vol: 0.034, beta: 1.4, drift: 0.0003, turnover: 0.08 },
  { symbol: 'AR', price: 6.1, vol: 0.032, beta: 1.4, drift: -0.0003, turnover: 0.06 },
  { symbol: 'AKT', price: 1.3, vol: 0.034, beta: 1.4, drift: -0.0004, turnover: 0.04 },
];

/** Market regimes for the shared factor: daily drift and volatility, mean length in days. */
const REGIMES = {
  bull: { drift: 0.0026, vol: 0.022, meanDays: 150 },
  bear: { drift: -0.003, vol: 0.028, meanDays: 90 },
  sideways: { drift: 0.0001, vol: 0.016, meanDays: 80 },
} as const;
type Regime = keyof typeof REGIMES;
const NEXT_REGIME: Record<Regime, readonly Regime[]> = {
  bull: ['sideways', 'bear'],
  bear: ['sideways', 'bull'],
  sideways: ['bull', 'bear'],
};

/** Market-factor log returns and the regime of each day. */
function marketFactor(rng: Rng, days: number): { ret: number[]; regime: Regime[] } {
  const ret: number[] = [];
  const regime: Regime[] = [];
  let state: Regime = 'bull';
  for (let i = 0; i < days; i++) {
    if (rng.uniform() < 1 / REGIMES[state].meanDays) {
      const options: readonly Regime[] = NEXT_REGIME[state];
      state = options[rng.uniform() < 0.6 ? 0 : 1]!;
    }
    const r = REGIMES[state];
    ret.push(r.drift + r.vol * rng.shock());
    regime.push(state);
  }
  return { ret, regime };
}

// ---------------------------------------------------------------------------------------------
// Candles

/** Round to `digits` significant digits. */
function sig(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

function simulateAsset(
  m: AssetModel,
  factor: { ret: number[]; regime: Regime[] },
  supply: number,
  seed: number,
  start: number,
): DemoCandleRow[] {
  const rng = new Rng((seed ^ fnv1a32(m.symbol)) >>> 0);
  const days = factor.ret.length;
  // Daily log returns.
  const ret: number[] = new Array<number>(days);
  if (m.stable) {
    // Pegged: small mean-reverting deviations around 1.
    let dev = 0;
    for (let i = 0; i < days; i++) {
      const next = 0.6 * dev + 0.0007 * rng.normal();
      ret[i] = Math.log((1 + next) / (1 + dev));
      dev = next;
    }
  } else {
    for (let i = 0; i < days; i++) {
      const regimeBoost = factor.regime[i] === 'bull' ? 1.1 : 1;
      let r = m.drift + m.beta * regimeBoost * factor.ret[i]! + m.vol * rng.shock();
      if (m.vol > 0 && rng.uniform() < 0.006) r += (rng.uniform() < 0.5 ? -1 : 1) * (0.06 + 0.12 * rng.uniform());
      ret[i] = r;
    }
  }
  // Scale the path so that the last close is the reference price.
  let cum = 0;
  for (const r of ret) cum += r;
  let logClose = Math.log(m.price) - cum;
  // Intraday range scale: total daily volatility of the asset.
  const dayVol = m.stable ? 0.0015 : Math.sqrt(m.vol * m.vol + (m.beta * 0.022) ** 2);
  const digits = m.stable ? 5 : 6;

  const rows: DemoCandleRow[] = [];
  let prevClose = sig(Math.exp(logClose), digits);
  for (let i = 0; i < days; i++) {
    logClose += ret[i]!;
    const c = sig(Math.exp(logClose), digits);
    const o = prevClose;
    const up = Math.abs(rng.normal()) * 0.45 * dayVol;
    const down = Math.abs(rng.normal()) * 0.45 * dayVol;
    const h = Math.max(sig(Math.max(o, c) * Math.exp(up), digits), o, c);
    const l = Math.min(sig(Math.min(o, c) * Math.exp(-down), digits), o, c);
    const mc = c * supply;
    const activity = 1 + 6 * Math.abs(ret[i]!) + (factor.regime[i] === 'bull' ? 0.3 : 0);
    const v = mc * m.turnover * activity * Math.exp(0.35 * rng.normal());
    rows.push([start + i * DAY_MS, o, h, l, c, sig(v, 4), sig(mc, 4)]);
    prevClose = c;
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Portfolio

const CUSTODIES: Custody[] = [
  { id: 'sample-binance', label: 'Binance (sample)', kind: 'exchange', platform: 'binance' },
  { id: 'sample-kraken', label: 'Kraken (sample)', kind: 'exchange', platform: 'kraken' },
  { id: 'sample-coinbase', label: 'Coinbase (sample)', kind: 'exchange', platform: 'coinbase' },
  { id: 'sample-ledger', label: 'Ledger cold wallet (sample, manual)', kind: 'manual', platform: 'Ledger' },
];

/**
 * Target shares of the portfolio value, chosen so the allocation view has something to say:
 * Binance holds more than half, small caps exceed 20%, PEPE (meme) is above 5%, the USDC reserve is
 * below 5%, and BTC and ETH are each held at two custodies.
 */
// prettier-ignore
const HOLDINGS: readonly [custodyId: string, asset: string, share: number][] = [
  ['sample-binance', 'BTC', 0.16],
  ['sample-ledger', 'BTC', 0.12],
  ['sample-coinbase', 'ETH', 0.06],
  ['sample-ledger', 'ETH', 0.08],
  ['sample-binance', 'SOL', 0.08],
  ['sample-kraken', 'LINK', 0.04],
  ['sample-binance', 'AVAX', 0.03],
  ['sample-binance', 'NEAR', 0.025],
  ['sample-kraken', 'ARB', 0.02],
  ['sample-binance', 'INJ', 0.02],
  ['sample-binance', 'PEPE', 0.07],
  ['sample-coinbase', 'DOGE', 0.03],
  ['sample-coinbase', 'USDC', 0.02],
  ['sample-kraken', 'USDC', 0.01],
  ['sample-kraken', 'AKT', 0.05],
  ['sample-binance', 'PENDLE', 0.045],
  ['sample-binance', 'AR', 0.035],
  ['sample-binance', 'JASMY', 0.03],
  ['sample-binance', 'RAY', 0.04],
  ['sample-coinbase', 'ENS', 0.035],
];

export interface DemoData {
  portfolio: DemoPortfolio;
  prices: DemoPricesFile;
}

/** Generate the demo portfolio and price history. Pure: no I/O. */
export function generateDemo(seed = DEMO_SEED, catalog: CatalogFile = parseCatalogFile(bundledCatalogJson)): DemoData {
  const caps = new Map(catalog.assets.map((a) => [a.symbol, a.marketCapUsd]));
  const start = DEMO_END - (DEMO_DAYS - 1) * DAY_MS;
  const factor = marketFactor(new Rng(seed >>> 0), DEMO_DAYS);

  const assets: Record<string, DemoCandleRow[]> = {};
  for (const m of MODELS) {
    const cap = caps.get(m.symbol);
    if (cap === undefined || cap === null) throw new Error(`${m.symbol} has no market cap in the catalog`);
    assets[m.symbol] = simulateAsset(m, factor, cap / m.price, seed, start);
  }

  const jitter = new Rng((seed ^ 0x5eed) >>> 0);
  const positions: Position[] = HOLDINGS.map(([custodyId, asset, share]) => {
    const last = assets[asset]?.at(-1);
    if (!last) throw new Error(`no demo prices for ${asset}`);
    const value = PORTFOLIO_VALUE_USD * share * (0.97 + 0.06 * jitter.uniform());
    return { custodyId, asset, amount: sig(value / last[4], 5) };
  });

  return {
    portfolio: {
      sample: true,
      generatedBy: GENERATED_BY,
      seed,
      base: 'USD',
      custodies: CUSTODIES.map((c) => ({ ...c })),
      positions,
    },
    prices: { sample: true, generatedBy: GENERATED_BY, seed, assets },
  };
}

/** File contents exactly as written to assets/demo/. */
export function serializeDemo(data: DemoData): { portfolio: string; prices: string } {
  return {
    portfolio: `${JSON.stringify(data.portfolio, null, 2)}\n`,
    prices: `${JSON.stringify(data.prices)}\n`,
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'demo');
  mkdirSync(dir, { recursive: true });
  const files = serializeDemo(generateDemo());
  writeFileSync(join(dir, 'portfolio.json'), files.portfolio);
  writeFileSync(join(dir, 'prices.json'), files.prices);
  process.stdout.write(
    `wrote ${join(dir, 'portfolio.json')} (${files.portfolio.length} B) and ` +
      `${join(dir, 'prices.json')} (${(files.prices.length / 1e6).toFixed(2)} MB)\n`,
  );
}
