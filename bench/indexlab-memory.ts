/**
 * Memory of one Index Lab run, measured in a child process started with --expose-gc by
 * bench/indexlab-real.bench.ts: `node --expose-gc --import tsx bench/indexlab-memory.ts ASSETS DAYS`.
 * Generates seeded candles, prepares them, drops the candles (as a caller may once prepared), runs the
 * top-10 weekly market-cap index, then reports on stdout as JSON: the bytes still reachable (JS heap
 * plus ArrayBuffers, after full GCs) per asset-day with the prepared data and the full result alive,
 * the same with the prepared data only, the size of the candles themselves, and the time of the first
 * run (prepare + simulate) and the GC pauses during it.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { generateSyntheticHistory, prepareData, simulate, type SimulationResult } from '../shared/indexlab';

const assets = Number(process.argv[2] ?? 400);
const days = Number(process.argv[3] ?? 5000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function reachable(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const base = reachable();
let data: ReturnType<typeof generateSyntheticHistory> | null = generateSyntheticHistory({
  seed: 20240101,
  assets: assets - 2,
  days,
  stablecoins: 2,
});
let candles = 0;
for (const c of Object.values(data.prices)) candles += c.length;
const withCandles = reachable() - base;

let gcMs = 0;
let gcMajorMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    // kind 4 = major (mark-compact) in Node's gc performance entries
    if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 4) gcMajorMs += e.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });
const t0 = performance.now();
const P = prepareData(data);
data = null;
let result: SimulationResult | null = simulate(
  { universe: { type: 'top', n: 10 }, costs: { feeBps: 10, slippageBps: 0 } },
  P,
);
const firstRunMs = performance.now() - t0;
await new Promise((resolve) => setTimeout(resolve, 20));
observer.disconnect();

const withResult = reachable() - base;
const finalValue = result.finalValue;
result = null;
const preparedOnly = reachable() - base;
const cells = P.assets * P.days;
process.stdout.write(
  `${JSON.stringify({
    assets: P.assets,
    days: P.days,
    candles,
    bytesPerCandle: withCandles / candles,
    bytesPerAssetDay: withResult / cells,
    preparedBytesPerAssetDay: preparedOnly / cells,
    firstRunMs,
    gcMs,
    gcMajorMs,
    finalValue,
  })}\n`,
);
