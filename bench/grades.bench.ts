/**
 * Grades benchmark on 500 tokens x 1,000 daily candles of seeded, generated data: both grades at the
 * last date (target < 100 ms on one core), the daily series gradeSeries and factorSeries (target
 * < 0.3 µs per candle), and gradeHistory in weekly steps (no target). Targets are judged on the
 * process's CPU time (median of the runs), which work elsewhere on a shared machine does not inflate
 * the way it does wall time; both are printed.
 */
import type { BenchRow } from './run';
import type { Candle } from '../shared/domain/types';
import { DAY_MS } from '../shared/domain/types';
import { computeGrades, factorSeries, gradeHistory, gradeSeries } from '../shared/grades';
import { mulberry32 as rng } from '../shared/random';

const TOKENS = 500;
const DAYS = 1000;
const RUNS = 7;

function gaussian(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Random-walk candles with regime-switching drift and volatility, volume tied to move size. */
export function generateCandles(seed: number, days: number): Candle[] {
  const r = rng(seed);
  const t0 = Date.UTC(2022, 0, 1);
  const supply = 10 ** (6 + r() * 4);
  let price = 10 ** (-2 + r() * 5);
  let drift = (r() - 0.5) * 0.004;
  let vol = 0.02 + r() * 0.05;
  const baseVol = 10 ** (5 + r() * 4);
  const out: Candle[] = [];
  for (let d = 0; d < days; d++) {
    if (r() < 0.01) {
      drift = (r() - 0.5) * 0.01;
      vol = 0.02 + r() * 0.06;
    }
    const ret = drift + vol * gaussian(r);
    const o = price;
    const c = o * Math.exp(ret);
    const h = Math.max(o, c) * (1 + Math.abs(gaussian(r)) * vol * 0.5);
    const l = Math.min(o, c) * (1 - Math.min(0.9, Math.abs(gaussian(r)) * vol * 0.5));
    const v = baseVol * Math.exp(0.5 * gaussian(r)) * (1 + 10 * Math.abs(ret));
    out.push({ t: t0 + d * DAY_MS, o, h, l, c, v, mc: c * supply });
    price = c;
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * Median wall and CPU time over RUNS timed runs, then one separate untimed run for the heap delta
 * (a forced GC before a timed run would shrink the young generation and slow that run down).
 */
function measure(work: () => number): { ms: number; cpuMs: number; heapMb: number; check: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  let check = 0;
  for (let run = 0; run < RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    check = work();
    times.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const h0 = heapMb();
  work();
  const heap = heapMb() - h0;
  return { ms: median(times), cpuMs: median(cpu), heapMb: Math.max(0, heap), check };
}

export default async function (): Promise<BenchRow[]> {
  const universe: Candle[][] = [];
  for (let a = 0; a < TOKENS; a++) universe.push(generateCandles(1000 + a, DAYS));

  let traderSum = 0;
  let investorSum = 0;
  const last = measure(() => {
    traderSum = 0;
    investorSum = 0;
    for (const candles of universe) {
      const g = computeGrades(candles);
      traderSum += g.trader.grade ?? 0;
      investorSum += g.investor.grade ?? 0;
    }
    return traderSum;
  });
  const hist = measure(() => {
    let s = 0;
    for (const candles of universe) s += gradeHistory(candles, { stepDays: 7 }).length;
    return s;
  });
  const series = measure(() => {
    let s = 0;
    for (const candles of universe) s += gradeSeries(candles).length;
    return s;
  });
  const factors = measure(() => {
    let s = 0;
    for (const candles of universe) s += factorSeries(candles).trader[0]!.length;
    return s;
  });
  const perCandleUs = (ms: number) => (ms * 1000) / (TOKENS * DAYS);

  const gcNote = (globalThis as { gc?: unknown }).gc
    ? ''
    : ' (for steadier heap figures: node --expose-gc --import tsx bench/run.ts grades)';
  return [
    {
      name: `grades: computeGrades at last date, ${TOKENS} tokens x ${DAYS} days`,
      ms: last.ms,
      heapMb: last.heapMb,
      target: '< 100 ms CPU',
      ok: last.cpuMs < 100,
      note: `median of ${RUNS} runs, CPU ${last.cpuMs.toFixed(0)} ms (wall in the time column); mean trader ${(traderSum / TOKENS).toFixed(1)}, investor ${(investorSum / TOKENS).toFixed(1)}${gcNote}`,
    },
    {
      name: `grades: gradeHistory weekly, ${TOKENS} tokens x ${DAYS} days`,
      ms: hist.ms,
      heapMb: hist.heapMb,
      note: `median of ${RUNS} runs, CPU ${hist.cpuMs.toFixed(0)} ms; ${hist.check} points`,
    },
    {
      name: `grades: gradeSeries (daily trader grade), ${TOKENS} tokens x ${DAYS} days`,
      ms: series.ms,
      heapMb: series.heapMb,
      target: '< 0.3 µs CPU per candle',
      ok: perCandleUs(series.cpuMs) < 0.3,
      note: `${perCandleUs(series.cpuMs).toFixed(3)} µs CPU per candle (wall ${perCandleUs(series.ms).toFixed(3)}); median of ${RUNS} runs; ${series.check} values`,
    },
    {
      name: `grades: factorSeries (13 raw factors daily), ${TOKENS} tokens x ${DAYS} days`,
      ms: factors.ms,
      heapMb: factors.heapMb,
      target: '< 0.3 µs CPU per candle',
      ok: perCandleUs(factors.cpuMs) < 0.3,
      note: `${perCandleUs(factors.cpuMs).toFixed(3)} µs CPU per candle (wall ${perCandleUs(factors.ms).toFixed(3)}); median of ${RUNS} runs`,
    },
  ];
}
