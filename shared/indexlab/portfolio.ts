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
import { symbolInputSchema } from '../catalog/schema';
import { boundedRecord } from '../schema';
import type { PreparedData, SimulationData } from './prepare';
import { CADENCES, MAX_UNIVERSE_SYMBOLS, parseIsoDay, validateIndexSpec, IndexSpecError } from './spec';
import type { BenchmarkResult, Curve, SimulationMetrics, SimulationResult } from './types';
import { myPortfolioSpecInput, runMyPortfolio } from './portfolio-run';

export { myPortfolioSpecInput, runMyPortfolio, type MyPortfolioSpecParts } from './portfolio-run';

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
export type MyPortfolioParsed = z.output<typeof MyPortfolioOptionsSchema>;

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

/** Validates and defaults the options; throws IndexSpecError with one "path: reason" line per problem. */
export function parseMyPortfolioOptions(options: MyPortfolioOptions): MyPortfolioParsed {
  const parsed = MyPortfolioOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new IndexSpecError(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(options)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

export function simulateMyPortfolio(
  options: MyPortfolioOptions,
  data: SimulationData | PreparedData,
): MyPortfolioResult {
  const o = parseMyPortfolioOptions(options);
  return runMyPortfolio(o, data, (parts) => validateIndexSpec(myPortfolioSpecInput(o, parts)));
}
