/**
 * Account-history benchmark: 50,000 spot trades over 5 years (plus the deposits that paid for them),
 * as ccxt returns them, taken through what the app does after the exchange answered: parse (the
 * trades normalised into entries, electron/services/history/normalize.ts), store (appended a page of
 * 1,000 at a time to a real history store on disk, then read back by a fresh store as at start-up),
 * and rebuild (daily holdings for every day of the 5 years, valued at each day's close). The import
 * from an exchange at its own pace is left out. Target: < 2 s for the three together, judged on CPU
 * time like the other in-process targets (bench/timing.ts); the wall time, which includes the waits for
 * the disk's flushes, is printed next to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Trade } from 'ccxt';
import type { BenchRow } from './run';
import { median } from './timing';
import { DAY_MS, type PriceHistory } from '../shared/domain/types';
import type { HistoryEntry } from '../shared/history/types';
import { dailyHoldings } from '../shared/history/holdings';
import { valueHoldings } from '../shared/history/net-worth';
import { dailyPrices } from '../shared/history/prices';
import { tradeEntries } from '../electron/services/history/normalize';
import { HistoryStore } from '../electron/services/history/store';

const TRADES = 50_000;
const YEARS = 5;
const PAGE = 1000;
const RUNS = 3;
const MARKETS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'ADA/USDT', 'BNB/USDT', 'XRP/USDT', 'DOT/USDT', 'LINK/USDT'];

/** A seeded generator, so every run measures the same history. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function fixture(end: number): { trades: Trade[]; deposits: HistoryEntry[]; prices: PriceHistory } {
  const rand = rng(42);
  const start = end - YEARS * 365 * DAY_MS;
  const days = Math.round((end - start) / DAY_MS);
  const prices: PriceHistory = {};
  for (const m of MARKETS) {
    const asset = m.split('/')[0]!;
    let p = 10 + rand() * 1000;
    prices[asset] = Array.from({ length: days + 1 }, (_x, d) => {
      p *= 1 + (rand() - 0.5) * 0.06;
      return { t: start + d * DAY_MS, o: p, h: p, l: p, c: p, v: 1 };
    });
  }
  const deposits: HistoryEntry[] = Array.from({ length: 60 }, (_x, i) => ({
    kind: 'deposit',
    id: `dep-${i}`,
    t: start + i * 30 * DAY_MS,
    asset: 'USDT',
    amount: 50_000,
    txid: null,
  }));
  const trades = Array.from({ length: TRADES }, (_x, i): Trade => {
    const symbol = MARKETS[i % MARKETS.length]!;
    const t = start + Math.floor(((i + rand()) / TRADES) * (end - start));
    const day = Math.floor((t - start) / DAY_MS);
    const price = prices[symbol.split('/')[0]!]![day]!.c;
    const amount = Math.round(rand() * 1e6) / 1e7 + 0.001;
    const cost = amount * price;
    return {
      id: String(i + 1),
      info: {},
      timestamp: t,
      datetime: new Date(t).toISOString(),
      symbol,
      order: String(i),
      type: 'limit',
      side: i % 3 === 2 ? 'sell' : 'buy',
      takerOrMaker: 'taker',
      price,
      amount,
      cost,
      fee: { currency: 'USDT', cost: cost * 0.001 },
      fees: [],
    } as Trade;
  });
  return { trades, deposits, prices };
}

async function once(
  f: ReturnType<typeof fixture>,
  end: number,
): Promise<{ parse: number; store: number; rebuild: number; cpu: number; days: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-history-'));
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const pages: HistoryEntry[][] = [f.deposits];
    for (let i = 0; i < f.trades.length; i += PAGE) {
      pages.push(tradeEntries('binance', f.trades.slice(i, i + PAGE)).entries);
    }
    const t1 = performance.now();
    const writer = new HistoryStore(dir, { now: () => end });
    for (const page of pages) await writer.append('bench', page);
    const entries = await new HistoryStore(dir, { now: () => end }).entries('bench');
    const t2 = performance.now();
    const holdings = dailyHoldings(entries, end);
    const values = valueHoldings(holdings, dailyPrices(f.prices, { base: 'USD' }));
    const t3 = performance.now();
    const c = process.cpuUsage(c0);
    if (entries.length !== TRADES + f.deposits.length || values.total.length < YEARS * 365) {
      throw new Error(`unexpected result: ${entries.length} entries, ${values.total.length} days`);
    }
    const cpu = (c.user + c.system) / 1000;
    return { parse: t1 - t0, store: t2 - t1, rebuild: t3 - t2, cpu, days: holdings.days };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function run(): Promise<BenchRow[]> {
  const end = Date.UTC(2026, 0, 1);
  const f = fixture(end);
  await once(f, end); // warm-up
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(f, end));
  const wall = median(runs.map((r) => r.parse + r.store + r.rebuild));
  const cpu = median(runs.map((r) => r.cpu));
  const part = (k: 'parse' | 'store' | 'rebuild') => median(runs.map((r) => r[k]));
  return [
    {
      name: `history: parse + store + rebuild, ${TRADES.toLocaleString('en-US')} trades, ${runs[0]!.days} days`,
      ms: wall,
      target: '< 2000 ms',
      ok: cpu < 2000,
      note: `median of ${RUNS} runs, CPU ${cpu.toFixed(0)} ms (wall in the time column); wall: parse ${part('parse').toFixed(0)} ms, store ${part('store').toFixed(0)} ms, rebuild ${part('rebuild').toFixed(0)} ms`,
    },
  ];
}
