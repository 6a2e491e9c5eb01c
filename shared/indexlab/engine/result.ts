/**
 * The public entry points of the Index Lab engine: simulate() (full result), simulateMetrics()
 * (metrics only, the fast path of sweeps) and buildResult(), which turns an engine run into
 * the SimulationResult the app, the CLI and the tests read. Called through shared/indexlab.
 */
import { computeMetrics, drawdownSeries, type PerformanceMetrics } from '../metrics';
import { PreparedData, type SimulationData } from '../prepare';
import { validateIndexSpec, type IndexSpec } from '../spec';
import type { BenchmarkResult, CurvePoint, SimulationMetrics, SimulationResult } from '../types';
import { runEngine } from './run';
import type { EngineOutput } from './state';

/** Plain array copy of a typed array (faster than Array.from on typed arrays). */
function toArray(x: ArrayLike<number>): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}

function toPoints(times: Float64Array, s0: number, v: Float64Array): CurvePoint[] {
  const out: CurvePoint[] = new Array<CurvePoint>(v.length);
  for (let k = 0; k < v.length; k++) out[k] = { t: times[s0 + k]!, v: v[k]! };
  return out;
}

function benchmark(label: string, times: Float64Array, s0: number, v: Float64Array, rf: number): BenchmarkResult {
  return {
    label,
    equity: toPoints(times, s0, v),
    metrics: computeMetrics(times.subarray(s0, s0 + v.length), v, rf),
  };
}

/** Accepts raw data or data already prepared with prepareData(). */
export function asPrepared(data: SimulationData | PreparedData): PreparedData {
  return data instanceof PreparedData ? data : new PreparedData(data);
}

/** Builds the public result from a full engine run. */
export function buildResult(P: PreparedData, spec: IndexSpec, out: EngineOutput): SimulationResult {
  const { s0, equity } = out;
  const times = P.times;
  const tSlice = times.subarray(s0, s0 + equity.length);
  const perf: PerformanceMetrics = computeMetrics(tSlice, equity, spec.riskFreeRate);
  const metrics: SimulationMetrics = { ...perf, ...out.stats };
  const dd = drawdownSeries(equity);
  const series: Array<{ symbol: string; w: number[] }> = [];
  out.weightSeries.forEach((w, a) => {
    if (w) series.push({ symbol: P.symbols[a]!, w: toArray(w) });
  });
  const basketLabel =
    spec.universe.type === 'holdings' ? 'Starting holdings, no rebalancing' : 'First basket, no rebalancing';
  return {
    version: spec.version,
    spec,
    start: times[s0]!,
    end: times[out.e]!,
    initialValue: equity[0]!,
    finalValue: equity[equity.length - 1]!,
    equity: toPoints(times, s0, equity),
    drawdown: toPoints(times, s0, dd),
    metrics,
    benchmarks: {
      btc: out.btc ? benchmark(`${spec.benchmark} buy and hold`, times, s0, out.btc, spec.riskFreeRate) : null,
      hold: benchmark(basketLabel, times, s0, out.hold!, spec.riskFreeRate),
    },
    rebalances: out.rebalances,
    weights: {
      t: toArray(tSlice),
      series,
      cash: toArray(out.cashSeries!),
    },
    warnings: [...P.warnings, ...out.warnings.list()],
  };
}

/**
 * Simulates an index spec over the given price data.
 * `spec` may be partial JSON: it is validated and defaulted (throws IndexSpecError).
 * Throws IndexLabError when the data cannot support the run.
 */
export function simulate(spec: unknown, data: SimulationData | PreparedData): SimulationResult {
  const s = validateIndexSpec(spec);
  const P = asPrepared(data);
  return buildResult(P, s, runEngine(P, s, { full: true }));
}

/** Metrics only (no curves or logs): the fast path used by sweeps. */
export function simulateMetrics(spec: IndexSpec, P: PreparedData): SimulationMetrics {
  const out = runEngine(P, spec, { full: false });
  const perf = computeMetrics(P.times.subarray(out.s0, out.s0 + out.equity.length), out.equity, spec.riskFreeRate);
  return { ...perf, ...out.stats };
}
