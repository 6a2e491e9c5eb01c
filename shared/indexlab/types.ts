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
  /**
   * Members ranked or weighted by today's catalog market cap at this rebalance (the history had no
   * caps): the basket uses hindsight. Present only when not empty.
   */
  catalogCaps?: string[];
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
  /** Data sources and market-cap coverage of the run's candidates. */
  data: DataCoverage;
  warnings: string[];
}

/** Where a result's data came from and how much of it has historical market caps (coverage.ts). */
export interface DataCoverage {
  /** Providers named by the caller (empty when unknown, e.g. a price file). */
  providers: string[];
  /**
   * 'historical': caps from the price history, as known each day; 'catalog-today': the history has
   * none, so today's catalog figure stands in on every day (hindsight); 'none': no cap at all.
   */
  capSource: 'historical' | 'catalog-today' | 'none';
  /** Share of the candidates' asset-days (first to last candle) with a historical market cap, 0..1. */
  historicalCapShare: number;
  /** Candidates without a historical market cap on any day. */
  withoutCap: string[];
  /** Candidates whose historical cap starts after their first price (no cap, so unranked, until then). */
  lateCap: string[];
  /** True when the universe holds only today's survivors (assets that died or left the top are missing). */
  survivorsOnly: boolean;
  /** The above in plain sentences, for the result panel, exports and the CLI. */
  lines: string[];
}
