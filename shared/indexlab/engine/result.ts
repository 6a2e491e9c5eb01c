/**
 * The public entry points of the Index Lab engine: simulateSpec() (full result), simulateMetrics()
 * (metrics only, the fast path of sweeps) and buildResult(), which turns an engine run into
 * the SimulationResult the app, the CLI and the tests read. Called through shared/indexlab.
 */
import { dataCoverage } from '../coverage';
import { computeMetrics, drawdownSeries, type PerformanceMetrics } from '../metrics';
import { PreparedData, type SimulationData } from '../prepare';
import type { IndexSpec } from '../spec';
import type { BenchmarkResult, SimulationMetrics, SimulationResult } from '../types';
import { runEngine } from './run';
import type { EngineOutput } from './state';

function benchmark(label: string, t: Float64Array, v: Float64Array, rf: number): BenchmarkResult {
  return { label, equity: { t, v }, metrics: computeMetrics(t, v, rf) };
}

/** Accepts raw data or data already prepared with prepareData(). */
export function asPrepared(data: SimulationData | PreparedData): PreparedData {
  return data instanceof PreparedData ? data : new PreparedData(data);
}

/** Builds the public result from a full engine run. */
export function buildResult(P: PreparedData, spec: IndexSpec, out: EngineOutput): SimulationResult {
  const { s0, equity } = out;
  const times = P.times;
  // One copy of the simulated days, shared by every curve of the result.
  const t = times.slice(s0, s0 + equity.length);
  const perf: PerformanceMetrics = computeMetrics(t, equity, spec.riskFreeRate);
  const metrics: SimulationMetrics = { ...perf, ...out.stats };
  const series: Array<{ symbol: string; w: Float64Array }> = [];
  out.weightSeries.forEach((w, a) => {
    if (w) series.push({ symbol: P.symbols[a]!, w });
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
    equity: { t, v: equity },
    drawdown: { t, v: drawdownSeries(equity) },
    metrics,
    benchmarks: {
      btc: out.btc ? benchmark(`${spec.benchmark} buy and hold`, t, out.btc, spec.riskFreeRate) : null,
      hold: benchmark(basketLabel, t, out.hold!, spec.riskFreeRate),
    },
    rebalances: out.rebalances,
    weights: { t, series, cash: out.cashSeries! },
    data: dataCoverage(P, out.cand, spec.universe.type),
    warnings: [...P.warnings, ...out.warnings.list()],
  };
}

/**
 * Simulates an already validated spec (see simulate.ts for the validating entry point); the
 * simulation worker calls this with specs the renderer validated. Throws IndexLabError when the
 * data cannot support the run.
 */
export function simulateSpec(spec: IndexSpec, data: SimulationData | PreparedData): SimulationResult {
  const P = asPrepared(data);
  return buildResult(P, spec, runEngine(P, spec, { full: true }));
}

/** Metrics only (no curves or logs): the fast path used by sweeps. */
export function simulateMetrics(spec: IndexSpec, P: PreparedData): SimulationMetrics {
  const out = runEngine(P, spec, { full: false });
  const perf = computeMetrics(P.times.subarray(out.s0, out.s0 + out.equity.length), out.equity, spec.riskFreeRate);
  return { ...perf, ...out.stats };
}
