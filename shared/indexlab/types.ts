/**
 * Result types of Index Lab simulations. All times are UTC midnights in ms since epoch. Daily
 * series are typed arrays (one `t` array shared by every curve of a result); result-json.ts turns
 * a result into its JSON form, with curves as `{ t, v }` points, for files.
 */
import type { PerformanceMetrics } from './metrics';
import type { IndexSpec } from './spec';

/** A daily curve: value v[i] at time t[i]. */
export interface Curve {
  t: Float64Array;
  v: Float64Array;
}

/** One point of a curve in the JSON form of a result. */
export interface CurvePoint {
  t: number;
  v: number;
}

/** Trading statistics on top of the curve metrics. */
export interface TradingStats {
  /** Number of rebalances (including the first purchase). */
  rebalances: number;
  /**
   * Sum of one-way turnover over all rebalances except an initial purchase from cash.
   * One rebalance's turnover = (sum of |trade values| + |change in cash|) / (2 x value before).
   */
  turnover: number;
  /** `turnover` per 365 days. */
  annualTurnover: number;
  /** Exchange fees paid (feeBps of traded value), in currency. */
  feesPaid: number;
  /** Slippage cost (slippageBps of traded value), in currency. */
  slippagePaid: number;
  /** feesPaid + slippagePaid. */
  costsPaid: number;
  /** Share of days spent in risk-off (all cash) because of the risk-off rule. */
  riskOffShare: number;
}

export type SimulationMetrics = PerformanceMetrics & TradingStats;

export interface TradeLog {
  symbol: string;
  side: 'buy' | 'sell';
  /** Units bought (positive) or sold (negative). */
  units: number;
  /** Execution price (close of the rebalance day). */
  price: number;
  /** Absolute traded value in currency. */
  value: number;
  /** Fee + slippage charged on this trade. */
  cost: number;
}

export type RebalanceReason = 'initial' | 'scheduled' | 'drift' | 'risk-off' | 'risk-on';

export interface RebalanceLog {
  t: number;
  date: string;
  reason: RebalanceReason;
  /** True when the risk-off rule held the whole basket in cash at this rebalance. */
  riskOff: boolean;
  /** Portfolio value at the close before trading, and after paying costs. */
  valueBefore: number;
  valueAfter: number;
  fees: number;
  slippage: number;
  turnover: number;
  /** Target weights after trading, by symbol (assets with weight 0 are omitted). */
  weights: Record<string, number>;
  /** Weight held in cash after trading. */
  cash: number;
  /** Part of `cash` caused by an infeasible maxWeight cap. */
  capCash: number;
  /** Free-text notes (e.g. "no asset had a positive signal"). */
  notes: string[];
  trades: TradeLog[];
}

export interface BenchmarkResult {
  label: string;
  equity: Curve;
  metrics: PerformanceMetrics;
}

export interface WeightsOverTime {
  t: Float64Array;
  /** One series per asset ever held, aligned with `t` (end-of-day weights). */
  series: Array<{ symbol: string; w: Float64Array }>;
  cash: Float64Array;
}

export interface SimulationResult {
  version: number;
  spec: IndexSpec;
  /** Funding day (cash, or the starting holdings) and last simulated day. */
  start: number;
  end: number;
  initialValue: number;
  finalValue: number;
  equity: Curve;
  /** value / running peak - 1 for each day of `equity`. */
  drawdown: Curve;
  metrics: SimulationMetrics;
  benchmarks: {
    /** Buy and hold the benchmark asset (spec.benchmark, default BTC); null when it has no data. */
    btc: BenchmarkResult | null;
    /** The first basket (or the starting holdings) held without any rebalancing. */
    hold: BenchmarkResult;
  };
  rebalances: RebalanceLog[];
  weights: WeightsOverTime;
  warnings: string[];
}
