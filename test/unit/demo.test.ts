import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_DAYS, DEMO_END, DEMO_SEED, generateDemo, mulberry32, serializeDemo } from '../../scripts/generate-demo';
import { parseCatalogFile } from '../../shared/catalog';
import {
  SAMPLE_USD_RATES,
  decodeDemoPrices,
  demoPortfolio,
  sampleHistoryIn,
  sampleUsdRate,
  shiftHistory,
  valueDemoPortfolio,
  type DemoCandleRow,
} from '../../shared/demo';
import { DAY_MS, DEFAULT_TIER_THRESHOLDS } from '../../shared/domain/types';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const catalog = parseCatalogFile(JSON.parse(read('../../assets/catalog.json')));
const bySymbol = new Map(catalog.assets.map((a) => [a.symbol, a]));
const committedPortfolio: unknown = JSON.parse(read('../../assets/demo/portfolio.json'));
const committedPrices: unknown = JSON.parse(read('../../assets/demo/prices.json'));

describe('mulberry32', () => {
  it('is reproducible per seed and spreads over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 2000 }, () => a());
    expect(Array.from({ length: 2000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs.slice(0, 5));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('demo generator', () => {
  const first = serializeDemo(generateDemo());

  it('is deterministic for a seed and changes with the seed', () => {
    const second = serializeDemo(generateDemo());
    expect(second.portfolio).toBe(first.portfolio);
    expect(second.prices).toBe(first.prices);
    const other = serializeDemo(generateDemo(DEMO_SEED + 1));
    expect(other.prices).not.toBe(first.prices);
  });

  it('matches the committed files in assets/demo (run npm run demo:generate after changing it)', () => {
    expect(committedPortfolio).toEqual(JSON.parse(first.portfolio));
    expect(committedPrices).toEqual(JSON.parse(first.prices));
  });

  it('keeps prices.json under 2.5 MB', () => {
    expect(statSync(new URL('../../assets/demo/prices.json', import.meta.url)).size).toBeLessThan(2.5e6);
  });
});

describe('demo prices', () => {
  const history = decodeDemoPrices(committedPrices);
  const symbols = Object.keys(history);

  it('covers 25-30 assets, including BTC and ETH, all known to the catalog', () => {
    expect(symbols.length).toBeGreaterThanOrEqual(25);
    expect(symbols.length).toBeLessThanOrEqual(30);
    expect(symbols).toEqual(expect.arrayContaining(['BTC', 'ETH']));
    for (const s of symbols) expect(bySymbol.has(s), s).toBe(true);
  });

  it('has valid daily candles ending on the fixed date', () => {
    const problems: string[] = [];
    for (const [s, candles] of Object.entries(history)) {
      expect(candles, s).toHaveLength(DEMO_DAYS);
      expect(candles.at(-1)!.t, s).toBe(DEMO_END);
      candles.forEach((c, i) => {
        const prev = candles[i - 1];
        if (prev && c.t - prev.t !== DAY_MS) problems.push(`${s}[${i}] not one day after the previous candle`);
        if (c.t % DAY_MS !== 0) problems.push(`${s}[${i}] not at UTC midnight`);
        if (!(Math.min(c.o, c.h, c.l, c.c, c.mc ?? 0, c.v) > 0)) problems.push(`${s}[${i}] non-positive value`);
        if (c.h < Math.max(c.o, c.c)) problems.push(`${s}[${i}] high below open/close`);
        if (c.l > Math.min(c.o, c.c)) problems.push(`${s}[${i}] low above open/close`);
        if (prev && c.o !== prev.c) problems.push(`${s}[${i}] open differs from the previous close`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('ends with market caps equal to the catalog caps, so tiers and ordering agree', () => {
    for (const [s, candles] of Object.entries(history)) {
      const cap = bySymbol.get(s)!.marketCapUsd!;
      expect(Math.abs(candles.at(-1)!.mc! / cap - 1), s).toBeLessThan(1e-3);
    }
  });

  it('moves with BTC and has bull and bear phases', () => {
    const logRets = (s: string) => history[s]!.slice(1).map((c, i) => Math.log(c.c / history[s]![i]!.c));
    const corr = (a: number[], b: number[]) => {
      const ma = a.reduce((x, y) => x + y, 0) / a.length;
      const mb = b.reduce((x, y) => x + y, 0) / b.length;
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let i = 0; i < a.length; i++) {
        sab += (a[i]! - ma) * (b[i]! - mb);
        saa += (a[i]! - ma) ** 2;
        sbb += (b[i]! - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    };
    const btc = logRets('BTC');
    for (const s of symbols.filter((x) => x !== 'BTC' && !bySymbol.get(x)!.stablecoin)) {
      expect(corr(btc, logRets(s)), s).toBeGreaterThan(0.3);
    }
    // A stablecoin stays near its peg.
    for (const c of history.USDC!) expect(Math.abs(c.c - 1)).toBeLessThan(0.01);
    // BTC has at least one 30% drawdown and one 50% rally from a trough.
    let peak = 0;
    let trough = Infinity;
    let maxDd = 0;
    let maxRally = 0;
    for (const c of history.BTC!) {
      peak = Math.max(peak, c.c);
      trough = Math.min(trough, c.c);
      maxDd = Math.max(maxDd, 1 - c.c / peak);
      maxRally = Math.max(maxRally, c.c / trough - 1);
    }
    expect(maxDd).toBeGreaterThan(0.3);
    expect(maxRally).toBeGreaterThan(0.5);
  });

  it('rejects malformed files', () => {
    const good: DemoCandleRow = [DEMO_END, 10, 12, 9, 11, 100, 1000];
    expect(() => decodeDemoPrices({ sample: true, assets: { X: [good] } })).not.toThrow();
    expect(() => decodeDemoPrices({ sample: false, assets: {} })).toThrow();
    expect(() => decodeDemoPrices({ sample: true, assets: { X: [[DEMO_END, 10, 10.5, 9, 11, 100, 1000]] } })).toThrow(
      /high\/low/,
    );
    expect(() => decodeDemoPrices({ sample: true, assets: { X: [good, good] } })).toThrow(/later UTC day/);
    expect(() =>
      decodeDemoPrices({ sample: true, assets: { X: [[DEMO_END + 5, 10, 12, 9, 11, 100, 1000]] } }),
    ).toThrow();
    expect(() => decodeDemoPrices({ sample: true, assets: { X: [[DEMO_END, -1, 12, 9, 11, 100, 1000]] } })).toThrow();
  });
});

describe('demo portfolio', () => {
  const demo = demoPortfolio(committedPortfolio);
  const history = decodeDemoPrices(committedPrices);
  const valued = valueDemoPortfolio(demo, history);
  const total = valued.positions.reduce((s, p) => s + (p.value ?? 0), 0);
  const share = (pred: (p: (typeof valued.positions)[number]) => boolean) =>
    valued.positions.filter(pred).reduce((s, p) => s + (p.value ?? 0), 0) / total;

  it('is marked as sample data and labels every custody as such', () => {
    expect(demo.sample).toBe(true);
    expect(demo.generatedBy).toBe('scripts/generate-demo.ts');
    for (const c of demo.custodies) expect(c.label).toMatch(/sample/i);
    expect(demo.custodies.some((c) => c.kind === 'manual')).toBe(true);
  });

  it('references its custodies and catalog symbols, with prices for every asset', () => {
    const ids = new Set(demo.custodies.map((c) => c.id));
    const assets = new Set(demo.positions.map((p) => p.asset));
    expect(assets.size).toBeGreaterThanOrEqual(15);
    expect(assets.size).toBeLessThanOrEqual(20);
    for (const p of demo.positions) {
      expect(ids.has(p.custodyId)).toBe(true);
      expect(bySymbol.has(p.asset), p.asset).toBe(true);
      expect(history[p.asset], p.asset).toBeDefined();
    }
    expect(valued.asOf).toBe(DEMO_END);
    expect(valued.positions.every((p) => p.value !== null && p.value > 0)).toBe(true);
  });

  it('is built to trigger the allocation warnings', () => {
    const cap = (s: string) => bySymbol.get(s)!.marketCapUsd!;
    // More than 20% in small caps.
    expect(
      share((p) => !bySymbol.get(p.asset)!.stablecoin && cap(p.asset) < DEFAULT_TIER_THRESHOLDS.midMinUsd),
    ).toBeGreaterThan(0.2);
    // A meme coin above 5% on its own.
    const memes = [...new Set(demo.positions.map((p) => p.asset))].filter(
      (s) => bySymbol.get(s)!.sectors[0] === 'meme',
    );
    expect(Math.max(...memes.map((s) => share((p) => p.asset === s)))).toBeGreaterThan(0.05);
    // One custodian above 50%.
    expect(Math.max(...demo.custodies.map((c) => share((p) => p.custodyId === c.id)))).toBeGreaterThan(0.5);
    // A stablecoin reserve, but below 5%.
    const stable = share((p) => bySymbol.get(p.asset)!.stablecoin);
    expect(stable).toBeGreaterThan(0);
    expect(stable).toBeLessThan(0.05);
    // The same asset at two custodies.
    const custodiesOf = new Map<string, Set<string>>();
    for (const p of demo.positions) custodiesOf.set(p.asset, (custodiesOf.get(p.asset) ?? new Set()).add(p.custodyId));
    expect([...custodiesOf.values()].some((s) => s.size >= 2)).toBe(true);
    // BTC, ETH and SOL are held, plus a couple of mid caps.
    for (const s of ['BTC', 'ETH', 'SOL']) expect(custodiesOf.has(s)).toBe(true);
    const mids = [...custodiesOf.keys()].filter(
      (s) => cap(s) >= DEFAULT_TIER_THRESHOLDS.midMinUsd && cap(s) < DEFAULT_TIER_THRESHOLDS.largeMinUsd,
    );
    expect(mids.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects positions at unknown custodies', () => {
    const bad = { ...demo, positions: [...demo.positions, { custodyId: 'nowhere', asset: 'BTC', amount: 1 }] };
    expect(() => demoPortfolio(bad)).toThrow(/unknown custody/);
  });

  it('leaves assets without prices unpriced', () => {
    const v = valueDemoPortfolio(
      { ...demo, positions: [{ custodyId: demo.custodies[0]!.id, asset: 'NOPE', amount: 1 }] },
      history,
    );
    expect(v.positions[0]).toMatchObject({ price: null, value: null });
  });
});

describe('the sample at load', () => {
  const history = decodeDemoPrices(committedPrices);
  const last = Math.max(...Object.values(history).map((c) => c.at(-1)!.t));

  it('ends today, whenever it was generated', () => {
    const today = last + 10 * DAY_MS;
    const shifted = shiftHistory(history, today + 5 * 3_600_000);
    expect(Math.max(...Object.values(shifted).map((c) => c.at(-1)!.t))).toBe(today);
    expect(shifted['BTC']!.map((c) => c.c)).toEqual(history['BTC']!.map((c) => c.c));
    expect(shifted['BTC']![0]!.t - history['BTC']![0]!.t).toBe(10 * DAY_MS);
    expect(shiftHistory(history, last)).toBe(history);
  });

  it('is valued in the base currency: fiat at fixed rates, BTC through its own close', () => {
    const eur = sampleHistoryIn(history, 'EUR')!;
    expect(eur['ETH']!.at(-1)!.c).toBeCloseTo(history['ETH']!.at(-1)!.c * SAMPLE_USD_RATES['EUR']!, 9);
    expect(sampleHistoryIn(history, 'USDT')).toBe(history);
    const btc = sampleHistoryIn(history, 'BTC')!;
    expect(btc['BTC']!.every((c) => Math.abs(c.c - 1) < 1e-12)).toBe(true);
    const ethInBtc = btc['ETH']!.at(-1)!;
    expect(ethInBtc.c).toBeCloseTo(history['ETH']!.at(-1)!.c / history['BTC']!.at(-1)!.c, 12);
    expect(ethInBtc.h).toBeGreaterThanOrEqual(Math.max(ethInBtc.o, ethInBtc.c));
    expect(ethInBtc.l).toBeLessThanOrEqual(Math.min(ethInBtc.o, ethInBtc.c));
    expect(sampleUsdRate(history, 'BTC')).toBeCloseTo(1 / history['BTC']!.at(-1)!.c, 15);
    expect(sampleUsdRate(history, 'JPY')).toBe(SAMPLE_USD_RATES['JPY']);
    expect(sampleHistoryIn(history, 'XAU')).toBeNull();
    // the portfolio valued in BTC sums to its USD value over the BTC price
    const demo = demoPortfolio(committedPortfolio);
    const usd = valueDemoPortfolio(demo, history).positions.reduce((s, p) => s + (p.value ?? 0), 0);
    const inBtc = valueDemoPortfolio({ ...demo, base: 'BTC' }, btc).positions.reduce((s, p) => s + (p.value ?? 0), 0);
    expect(inBtc).toBeCloseTo(usd / history['BTC']!.at(-1)!.c, 9);
  });
});
