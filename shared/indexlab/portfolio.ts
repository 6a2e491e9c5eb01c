/**
 * "My portfolio, weekly": what if I had rebalanced my current holdings to my targets every
 * week (or month, quarter, on drift) over the last N days, versus holding the same starting
 * amounts unchanged?
 *
 * Both portfolios start `days` before the end date with the same amounts of each asset.
 * Targets default to the current weights: each holding's value at the end date's close.
 * They are fixed user inputs, not a forecast. Stablecoins without price data count as cash
 * at 1 USD; other assets without a price on the start date are left out of both portfolios.
 */
import { z } from 'zod';
import { asPrepared, buildResult, runEngine } from './engine';
import { isKnownStablecoin } from './catalog';
import { IndexLabError, type PreparedData, type SimulationData } from './prepare';
import { symbolInputSchema } from '../catalog/schema';
import { boundedRecord } from '../schema';
import {
  CADENCES,
  isoDay,
  MAX_UNIVERSE_SYMBOLS,
  parseIsoDay,
  validateIndexSpec,
  IndexSpecError,
  type IndexSpec,
} from './spec';
import type { BenchmarkResult, Curve, SimulationMetrics, SimulationResult } from './types';

const bps = z.number().min(0, 'must be >= 0').max(2000, 'must be at most 2000 bps');

export const MyPortfolioOptionsSchema = z.strictObject({
  /** Amount (units) held per symbol today. */
  holdings: boundedRecord(
    z.record(z.string().max(40), z.number().min(0, 'amounts must be >= 0')),
    MAX_UNIVERSE_SYMBOLS,
    'holdings',
  ),
  /** Target weights per symbol (normalised to sum to 1). Default: current weights. */
  targets: boundedRecord(
    z.record(z.string().max(40), z.number().min(0, 'target weights must be >= 0')),
    MAX_UNIVERSE_SYMBOLS,
    'target weights',
  ).optional(),
  days: z.int({ error: 'must be a whole number of days' }).min(2).max(3650).default(365),
  cadence: z.enum(CADENCES, { error: `must be one of ${CADENCES.join(', ')}` }).default('weekly'),
  band: z.number().gt(0).lt(1).default(0.05),
  feeBps: bps.default(10),
  slippageBps: bps.default(5),
  /** Last day (YYYY-MM-DD); default: the last day of the price data. */
  endDate: z
    .string()
    .refine((s) => Number.isFinite(parseIsoDay(s)), 'must be a real date written YYYY-MM-DD')
    .optional(),
  riskFreeRate: z.number().min(-0.5).max(1).default(0),
  benchmark: symbolInputSchema.default('BTC'),
});
export type MyPortfolioOptions = z.input<typeof MyPortfolioOptionsSchema>;

export interface MyPortfolioResult {
  start: number;
  end: number;
  /** Value of the starting amounts on the start date. */
  startValue: number;
  /** Weights of the holdings at the end date's prices. */
  currentWeights: Record<string, number>;
  /** Normalised target weights that were used. */
  targets: Record<string, number>;
  rebalanced: { equity: Curve; metrics: SimulationMetrics };
  held: BenchmarkResult;
  btc: BenchmarkResult | null;
  /** Final value rebalanced minus final value held (positive: rebalancing did better). */
  difference: number;
  /** The full simulation (rebalance log, weights over time, drawdown...). */
  result: SimulationResult;
  warnings: string[];
}

export function simulateMyPortfolio(
  options: MyPortfolioOptions,
  data: SimulationData | PreparedData,
): MyPortfolioResult {
  const parsed = MyPortfolioOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new IndexSpecError(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(options)'}: ${i.message}`),
    );
  }
  const o = parsed.data;
  const P = asPrepared(data);
  const warnings: string[] = [];

  let e = P.days - 1;
  if (o.endDate) {
    const ei = P.dayIndex(parseIsoDay(o.endDate));
    if (ei < 1)
      throw new IndexLabError(`endDate ${o.endDate} is before the price data starts (${isoDay(P.times[0]!)}).`);
    if (ei < e) e = ei;
  }
  let s0 = e - o.days;
  if (s0 < 0) {
    warnings.push(`Price data starts ${isoDay(P.times[0]!)}: simulated ${e} days instead of ${o.days}`);
    s0 = 0;
  }

  // Starting amounts by asset index; stablecoins without data become cash.
  const amounts = new Map<string, number>();
  for (const [k, v] of Object.entries(o.holdings)) {
    if (!(v > 0)) continue;
    const s = k.trim().toUpperCase();
    amounts.set(s, (amounts.get(s) ?? 0) + v);
  }
  if (amounts.size === 0) throw new IndexSpecError(['holdings: must hold at least one asset with an amount above 0']);
  const initialUnits = new Float64Array(P.symbols.length);
  let initialCash = 0;
  const nowValue = new Map<string, number>();
  const dropped: string[] = [];
  for (const [s, amt] of amounts) {
    const a = P.indexOf.get(s);
    if (a === undefined) {
      if (isKnownStablecoin(s)) {
        initialCash += amt;
        nowValue.set(s, amt);
      } else {
        dropped.push(`${s} (no price data)`);
      }
      continue;
    }
    const p0 = P.closeAt(a, s0);
    if (Number.isNaN(p0)) {
      dropped.push(`${s} (no price on ${isoDay(P.times[s0]!)})`);
      continue;
    }
    initialUnits[a] = amt;
    nowValue.set(s, amt * P.closeAt(a, e));
  }
  if (dropped.length > 0) warnings.push(`Left out of both portfolios: ${dropped.join(', ')}`);
  let nowTotal = 0;
  for (const v of nowValue.values()) nowTotal += v;
  if (!(nowTotal > 0)) throw new IndexLabError('None of the holdings has a price: nothing to simulate.');
  const currentWeights: Record<string, number> = {};
  for (const [s, v] of nowValue) currentWeights[s] = v / nowTotal;

  // Targets: given (normalised) or the current weights.
  let targets: Record<string, number> = {};
  if (o.targets) {
    let sum = 0;
    for (const [k, w] of Object.entries(o.targets)) {
      const s = k.trim().toUpperCase();
      targets[s] = (targets[s] ?? 0) + w;
      sum += w;
    }
    if (!(sum > 0)) throw new IndexSpecError(['targets: weights must add up to more than 0']);
    for (const s of Object.keys(targets)) targets[s] = targets[s]! / sum;
  } else {
    targets = { ...currentWeights };
  }

  const symbols = [...new Set([...nowValue.keys(), ...Object.keys(targets)])];
  const spec: IndexSpec = validateIndexSpec({
    name: 'My portfolio',
    universe: {
      type: 'holdings',
      symbols,
      targets,
      includeStablecoins: true,
      minHistoryDays: 1,
      maxStaleDays: 3,
    },
    weighting: { method: 'equal' },
    rebalance: { cadence: o.cadence, band: o.band },
    costs: { feeBps: o.feeBps, slippageBps: o.slippageBps },
    startDate: isoDay(P.times[s0]!),
    endDate: isoDay(P.times[e]!),
    riskFreeRate: o.riskFreeRate,
    benchmark: o.benchmark,
  });
  const out = runEngine(P, spec, { full: true, initialUnits, initialCash });
  const result = buildResult(P, spec, out);
  result.spec = { ...result.spec, initialCapital: result.initialValue };
  result.warnings.unshift(...warnings);
  const held = result.benchmarks.hold;
  return {
    start: result.start,
    end: result.end,
    startValue: result.initialValue,
    currentWeights,
    targets,
    rebalanced: { equity: result.equity, metrics: result.metrics },
    held,
    btc: result.benchmarks.btc,
    difference: result.finalValue - held.metrics.endValue,
    result,
    warnings: result.warnings,
  };
}
