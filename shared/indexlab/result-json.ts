/**
 * The JSON form of Index Lab results, for files (the CLI's --out, the app's "results JSON"
 * export): the same fields as SimulationResult and MyPortfolioResult, with every curve written as
 * `{ t, v }` points and every daily series as a plain array. `JSON.stringify` of the converted
 * result is the file format; converting is the only step between a result and its file.
 */
import type { MyPortfolioResult } from './portfolio';
import type { BenchmarkResult, Curve, CurvePoint, SimulationResult } from './types';

export interface BenchmarkResultJson extends Omit<BenchmarkResult, 'equity'> {
  equity: CurvePoint[];
}

export interface SimulationResultJson extends Omit<SimulationResult, 'equity' | 'drawdown' | 'benchmarks' | 'weights'> {
  equity: CurvePoint[];
  drawdown: CurvePoint[];
  benchmarks: { btc: BenchmarkResultJson | null; hold: BenchmarkResultJson };
  weights: { t: number[]; series: Array<{ symbol: string; w: number[] }>; cash: number[] };
}

export interface MyPortfolioResultJson extends Omit<MyPortfolioResult, 'rebalanced' | 'held' | 'btc' | 'result'> {
  rebalanced: { equity: CurvePoint[]; metrics: MyPortfolioResult['rebalanced']['metrics'] };
  held: BenchmarkResultJson;
  btc: BenchmarkResultJson | null;
  result: SimulationResultJson;
}

/** A curve as `{ t, v }` points. */
export function curvePoints(c: Curve): CurvePoint[] {
  const out = new Array<CurvePoint>(c.v.length);
  for (let i = 0; i < out.length; i++) out[i] = { t: c.t[i]!, v: c.v[i]! };
  return out;
}

function plain(x: Float64Array): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}

function benchmarkJson(b: BenchmarkResult): BenchmarkResultJson {
  return { label: b.label, equity: curvePoints(b.equity), metrics: b.metrics };
}

/** The JSON form of a simulation result (fields in the result's order). */
export function simulationResultJson(r: SimulationResult): SimulationResultJson {
  return {
    version: r.version,
    spec: r.spec,
    start: r.start,
    end: r.end,
    initialValue: r.initialValue,
    finalValue: r.finalValue,
    equity: curvePoints(r.equity),
    drawdown: curvePoints(r.drawdown),
    metrics: r.metrics,
    benchmarks: {
      btc: r.benchmarks.btc ? benchmarkJson(r.benchmarks.btc) : null,
      hold: benchmarkJson(r.benchmarks.hold),
    },
    rebalances: r.rebalances,
    weights: {
      t: plain(r.weights.t),
      series: r.weights.series.map((s) => ({ symbol: s.symbol, w: plain(s.w) })),
      cash: plain(r.weights.cash),
    },
    data: r.data,
    warnings: r.warnings,
  };
}

/** The JSON form of a "my portfolio" result. */
export function myPortfolioResultJson(r: MyPortfolioResult): MyPortfolioResultJson {
  return {
    start: r.start,
    end: r.end,
    startValue: r.startValue,
    currentWeights: r.currentWeights,
    targets: r.targets,
    rebalanced: { equity: curvePoints(r.rebalanced.equity), metrics: r.rebalanced.metrics },
    held: benchmarkJson(r.held),
    btc: r.btc ? benchmarkJson(r.btc) : null,
    difference: r.difference,
    result: simulationResultJson(r.result),
    warnings: r.warnings,
  };
}
