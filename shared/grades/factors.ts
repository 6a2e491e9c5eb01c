/**
 * Factor definitions for the Trader Grade and the Investor Grade, exported as plain data so the
 * UI can list every factor, its weight, what its raw value means and how that value is scored.
 *
 * Each factor maps one raw value to a 0-100 score with a piecewise-linear curve through the
 * `mapping.points` anchors (flat beyond the first and last anchor). A grade is the weighted average
 * of its factor scores (scoring and wording of the scales: scales.ts). See docs/GRADES.md.
 */

export type GradeKind = 'trader' | 'investor';

/** How a raw value is displayed. */
export type RawUnit =
  /** A relative change, shown as a signed percentage (0.12 -> "+12.0%"). */
  | 'change'
  /** A share between 0 and 1, shown as a percentage (0.62 -> "62.0%"). */
  | 'share'
  /** A 0-100 indicator value (RSI). */
  | 'index'
  /** A plain number (Sharpe ratio, MACD histogram in ATRs). */
  | 'number'
  /** A US dollar amount. */
  | 'usd'
  /** A count of daily candles. */
  | 'days';

export interface FactorMapping {
  /** 'log10': anchors are given on log10(raw); raw must be > 0. */
  scale: 'linear' | 'log10';
  /** [raw, score] anchors, raw ascending; scores are interpolated linearly between anchors. */
  points: ReadonlyArray<readonly [number, number]>;
}

export interface FactorDefinition {
  id: string;
  kind: GradeKind;
  label: string;
  /** Nominal weight in the grade; the weights of one grade sum to 1. */
  weight: number;
  /** Why the factor is part of the grade. */
  rationale: string;
  /** What the raw value measures. */
  rawMeaning: string;
  unit: RawUnit;
  /** Which way the raw value is better; the mapping's scores rise (or fall) accordingly. */
  better: 'higher' | 'lower';
  mapping: FactorMapping;
}

/** Minimum number of daily candles (up to and including the graded day) for a Trader Grade. */
export const TRADER_MIN_DAYS = 60;
/** Minimum number of daily candles (up to and including the graded day) for an Investor Grade. */
export const INVESTOR_MIN_DAYS = 365;
/** A grade at or above this is strong. */
export const GRADE_STRONG = 80;
/** A grade below this is weak. */
export const GRADE_WEAK = 60;

/**
 * Anchors and weights below come from the calibration harness (`npm run grades:calibrate`, see
 * shared/grades/calibration/fit.ts) fitted on real daily history of 57 assets up to 2019-12-31 only, then rounded to
 * readable numbers: each factor maps the 5th, 25th, 50th, 75th and 95th percentile of its values in
 * that period to 0, 25, 50, 75 and 100 (reversed where lower is better), and its weight is its
 * measured strength in that period (7-day rank IC for the Trader Grade, correlation with lower
 * forward volatility and shallower forward drawdowns for the Investor Grade). docs/GRADES.md shows
 * how the result did on the years after 2019, which played no part in choosing it.
 */
export const TRADER_FACTORS: readonly FactorDefinition[] = [
  {
    id: 'momentum-7d',
    kind: 'trader',
    label: '1-week momentum',
    weight: 0.1,
    rationale:
      'Cross-sectional momentum: in crypto, tokens that rose over the last one to four weeks have tended to keep outperforming over the next week (Liu, Tsyvinski and Wu, 2022).',
    rawMeaning: 'Close today divided by the close 7 days earlier, minus 1.',
    unit: 'change',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [-0.25, 0],
        [-0.09, 25],
        [-0.01, 50],
        [0.08, 75],
        [0.35, 100],
      ],
    },
  },
  {
    id: 'momentum-14d',
    kind: 'trader',
    label: '2-week momentum',
    weight: 0.15,
    rationale: 'Cross-sectional momentum over two weeks, the strongest single window in the calibration.',
    rawMeaning: 'Close today divided by the close 14 days earlier, minus 1.',
    unit: 'change',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [-0.3, 0],
        [-0.14, 25],
        [-0.02, 50],
        [0.13, 75],
        [0.6, 100],
      ],
    },
  },
  {
    id: 'momentum-28d',
    kind: 'trader',
    label: '4-week momentum',
    weight: 0.15,
    rationale: 'Cross-sectional momentum over four weeks; longer windows (2-3 months) showed no edge.',
    rawMeaning: 'Close today divided by the close 28 days earlier, minus 1.',
    unit: 'change',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [-0.4, 0],
        [-0.2, 25],
        [-0.04, 50],
        [0.2, 75],
        [1.1, 100],
      ],
    },
  },
  {
    id: 'range-position',
    kind: 'trader',
    label: '55-day closing range',
    weight: 0.2,
    rationale:
      'Nearness to the recent high: closing near the top of the 55-day range has preceded further gains, the crypto version of the 52-week-high effect (George and Hwang, 2004).',
    rawMeaning: 'Where today’s close sits between the lowest (0) and highest (1) close of the last 55 days.',
    unit: 'share',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [0, 0],
        [0.1, 25],
        [0.33, 50],
        [0.7, 75],
        [1, 100],
      ],
    },
  },
  {
    id: 'rsi-14',
    kind: 'trader',
    label: 'RSI (14)',
    weight: 0.15,
    rationale:
      'Buying pressure: a higher 14-day RSI has gone with higher next-week returns in crypto (momentum, not mean reversion, at this horizon).',
    rawMeaning: "Wilder's 14-day Relative Strength Index of closes (0-100).",
    unit: 'index',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [30, 0],
        [40, 25],
        [47, 50],
        [57, 75],
        [73, 100],
      ],
    },
  },
  {
    id: 'volatility-30d',
    kind: 'trader',
    label: 'Volatility (30d)',
    weight: 0.15,
    rationale:
      'Low-volatility effect: among tokens, the most volatile of the last month have tended to do worse over the next week; lower is better.',
    rawMeaning: 'Standard deviation of the last 30 daily log returns, annualised (x sqrt(365)).',
    unit: 'share',
    better: 'lower',
    mapping: {
      scale: 'linear',
      points: [
        [0.55, 100],
        [0.8, 75],
        [1.05, 50],
        [1.4, 25],
        [2.2, 0],
      ],
    },
  },
  {
    id: 'max-day-30d',
    kind: 'trader',
    label: 'Biggest daily jump (30d)',
    weight: 0.1,
    rationale:
      'Lottery effect ("MAX"): tokens with a recent huge one-day jump have tended to give some of it back (Bali, Cakici and Whitelaw, 2011); lower is better.',
    rawMeaning: 'The largest one-day rise of the close in the last 30 days.',
    unit: 'change',
    better: 'lower',
    mapping: {
      scale: 'linear',
      points: [
        [0.05, 100],
        [0.09, 75],
        [0.13, 50],
        [0.2, 25],
        [0.45, 0],
      ],
    },
  },
];

export const INVESTOR_FACTORS: readonly FactorDefinition[] = [
  {
    id: 'volatility-1y',
    kind: 'investor',
    label: 'Volatility (1y)',
    weight: 0.2,
    rationale:
      'Resilience: volatility is persistent, so a token that swung less over the last year has tended to swing less and fall less over the next months; lower is better.',
    rawMeaning: 'Standard deviation of the daily log returns over the last 365 closes, annualised (x sqrt(365)).',
    unit: 'share',
    better: 'lower',
    mapping: {
      scale: 'linear',
      points: [
        [0.85, 100],
        [1, 75],
        [1.25, 50],
        [1.45, 25],
        [1.95, 0],
      ],
    },
  },
  {
    id: 'downside-90d',
    kind: 'investor',
    label: 'Downside volatility (90d)',
    weight: 0.2,
    rationale:
      'Resilience: how hard the token has fallen on its down days lately, the single best predictor of its next drawdowns in the calibration; lower is better.',
    rawMeaning: 'Root-mean-square of the negative daily log returns of the last 90 days, annualised (x sqrt(365)).',
    unit: 'share',
    better: 'lower',
    mapping: {
      scale: 'linear',
      points: [
        [0.45, 100],
        [0.6, 75],
        [0.75, 50],
        [0.9, 25],
        [1.25, 0],
      ],
    },
  },
  {
    id: 'max-drawdown-1y',
    kind: 'investor',
    label: 'Worst fall (1y)',
    weight: 0.15,
    rationale:
      'Drawdown: the deepest peak-to-trough fall of the last year; tokens that fell less have tended to fall less again; a shallower fall is better.',
    rawMeaning: 'The largest fall of the close from a previous high, both within the last 365 closes (0 = no fall).',
    unit: 'change',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [-0.95, 0],
        [-0.87, 25],
        [-0.79, 50],
        [-0.67, 75],
        [-0.51, 100],
      ],
    },
  },
  {
    id: 'market-cap',
    kind: 'investor',
    label: 'Size (market cap)',
    weight: 0.15,
    rationale:
      'Size: larger networks have been less volatile and have collapsed far less often than small ones (they have not returned more).',
    rawMeaning: 'Market capitalisation in USD on the graded day (from the market history, or today’s for today).',
    unit: 'usd',
    better: 'higher',
    mapping: {
      scale: 'log10',
      points: [
        [Math.log10(75e6), 0],
        [Math.log10(450e6), 25],
        [Math.log10(1.1e9), 50],
        [Math.log10(4e9), 75],
        [Math.log10(60e9), 100],
      ],
    },
  },
  {
    id: 'liquidity-90d',
    kind: 'investor',
    label: 'Liquidity (90d volume)',
    weight: 0.15,
    rationale: 'Liquidity: deep markets can be left without moving the price, and have been calmer.',
    rawMeaning: 'Average daily traded volume in USD over the last 90 days.',
    unit: 'usd',
    better: 'higher',
    mapping: {
      scale: 'log10',
      points: [
        [Math.log10(6e6), 0],
        [Math.log10(30e6), 25],
        [Math.log10(125e6), 50],
        [Math.log10(500e6), 75],
        [Math.log10(5.5e9), 100],
      ],
    },
  },
  {
    id: 'history-length',
    kind: 'investor',
    label: 'History length',
    weight: 0.15,
    rationale:
      'Age: a token that has traded through more of the market’s history has shown it can survive its cycles; young tokens have been more fragile.',
    rawMeaning: 'Number of daily candles up to and including the graded day (as far back as the price history goes).',
    unit: 'days',
    better: 'higher',
    mapping: {
      scale: 'linear',
      points: [
        [400, 0],
        [500, 25],
        [660, 50],
        [860, 75],
        [1120, 100],
      ],
    },
  },
];

export const FACTORS: Readonly<Record<GradeKind, readonly FactorDefinition[]>> = {
  trader: TRADER_FACTORS,
  investor: INVESTOR_FACTORS,
};
