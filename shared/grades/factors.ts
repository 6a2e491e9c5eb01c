/**
 * Factor definitions for the Trader Grade and the Investor Grade, exported as plain data so the
 * UI can list every factor, its weight, what its raw value means and how that value is scored.
 *
 * Each factor maps one raw value to a 0-100 score with a piecewise-linear curve through the
 * `mapping.points` anchors (flat beyond the first and last anchor). A grade is the weighted sum
 * of its factor scores. See docs/GRADES.md.
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

export const TRADER_FACTORS: readonly FactorDefinition[] = [
  {
    id: 'momentum-20d',
    kind: 'trader',
    label: '20-day momentum',
    weight: 0.2,
    rationale: 'Recent price action: tokens that have risen over the last month tend to keep short-term momentum.',
    rawMeaning: 'Close today divided by the close 20 days earlier, minus 1.',
    unit: 'change',
    mapping: {
      scale: 'linear',
      points: [
        [-0.25, 0],
        [0, 50],
        [0.25, 100],
      ],
    },
  },
  {
    id: 'ema-trend',
    kind: 'trader',
    label: 'EMA 20/50 trend',
    weight: 0.2,
    rationale: 'Trend structure: a fast average above the slow one means the short-term trend points up.',
    rawMeaning: '20-day EMA divided by the 50-day EMA of closes, minus 1.',
    unit: 'change',
    mapping: {
      scale: 'linear',
      points: [
        [-0.1, 0],
        [0, 50],
        [0.1, 100],
      ],
    },
  },
  {
    id: 'rsi-14',
    kind: 'trader',
    label: 'RSI (14)',
    weight: 0.15,
    rationale:
      'Momentum oscillator: firm buying pressure (RSI 55-75) scores best; deeply oversold scores low; very overbought loses some points because sharp pullbacks become likely.',
    rawMeaning: "Wilder's 14-day Relative Strength Index of closes (0-100).",
    unit: 'index',
    mapping: {
      scale: 'linear',
      points: [
        [0, 0],
        [30, 10],
        [50, 50],
        [70, 100],
        [85, 85],
        [100, 70],
      ],
    },
  },
  {
    id: 'macd-histogram',
    kind: 'trader',
    label: 'MACD histogram',
    weight: 0.15,
    rationale:
      'Acceleration: a positive MACD histogram means the trend is strengthening; dividing by ATR makes it comparable across tokens.',
    rawMeaning: 'MACD(12, 26, 9) histogram divided by the 14-day Average True Range.',
    unit: 'number',
    mapping: {
      scale: 'linear',
      points: [
        [-0.4, 0],
        [0, 50],
        [0.4, 100],
      ],
    },
  },
  {
    id: 'range-position',
    kind: 'trader',
    label: '55-day range position',
    weight: 0.1,
    rationale:
      'Price action: closing near the top of the recent range is a breakout posture; near the bottom, a breakdown.',
    rawMeaning: 'Where today’s close sits between the 55-day low (0) and 55-day high (1).',
    unit: 'share',
    mapping: {
      scale: 'linear',
      points: [
        [0, 0],
        [1, 100],
      ],
    },
  },
  {
    id: 'volume-trend',
    kind: 'trader',
    label: 'Up-day volume (20d)',
    weight: 0.2,
    rationale:
      'Volume trend: when most volume trades on up days, buyers are in control (an OBV-style accumulation measure).',
    rawMeaning:
      'Of the last 20 days’ volume on days that closed up or down, the share on up days (0.5 when the price did not move).',
    unit: 'share',
    mapping: {
      scale: 'linear',
      points: [
        [0.3, 0],
        [0.5, 50],
        [0.7, 100],
      ],
    },
  },
];

export const INVESTOR_FACTORS: readonly FactorDefinition[] = [
  {
    id: 'vs-sma-200',
    kind: 'investor',
    label: 'Price vs 200-day average',
    weight: 0.15,
    rationale: 'Long-term price structure: holding above the 200-day average marks a long-term uptrend.',
    rawMeaning: 'Close divided by the 200-day simple moving average, minus 1.',
    unit: 'change',
    mapping: {
      scale: 'linear',
      points: [
        [-0.5, 0],
        [0, 50],
        [0.5, 100],
      ],
    },
  },
  {
    id: 'sma-200-slope',
    kind: 'investor',
    label: '200-day average slope',
    weight: 0.1,
    rationale: 'Long-term price structure: a rising 200-day average means the long-term trend is intact.',
    rawMeaning: '200-day SMA today divided by the 200-day SMA 60 days earlier, minus 1.',
    unit: 'change',
    mapping: {
      scale: 'linear',
      points: [
        [-0.3, 0],
        [0, 50],
        [0.3, 100],
      ],
    },
  },
  {
    id: 'sharpe-1y',
    kind: 'investor',
    label: 'Risk-adjusted return (1y)',
    weight: 0.2,
    rationale:
      'Risk-adjusted return: a long hold is rewarded for return earned per unit of volatility, not for raw return alone.',
    rawMeaning:
      'Annualised Sharpe ratio of daily log returns over the last 365 closes (mean / standard deviation x sqrt(365), no risk-free rate).',
    unit: 'number',
    mapping: {
      scale: 'linear',
      points: [
        [-1, 0],
        [0, 35],
        [1, 70],
        [2, 95],
        [3, 100],
      ],
    },
  },
  {
    id: 'ulcer-1y',
    kind: 'investor',
    label: 'Drawdown pain (1y Ulcer Index)',
    weight: 0.15,
    rationale:
      'Drawdown and recovery: the Ulcer Index grows with both the depth and the duration of drawdowns, so slow recoveries cost as much as deep dips.',
    rawMeaning:
      'Root-mean-square of the daily drawdown from the trailing 365-day closing high, over the last 365 days.',
    unit: 'share',
    mapping: {
      scale: 'linear',
      points: [
        [0, 100],
        [0.1, 85],
        [0.2, 65],
        [0.35, 35],
        [0.6, 0],
      ],
    },
  },
  {
    id: 'from-ath',
    kind: 'investor',
    label: 'Distance from all-time high',
    weight: 0.1,
    rationale:
      'Drawdown and recovery: a token trading near its all-time high has recovered its past losses; one far below it has not.',
    rawMeaning: 'Close divided by the highest close in the available history, minus 1.',
    unit: 'change',
    mapping: {
      scale: 'linear',
      points: [
        [-0.9, 0],
        [-0.5, 40],
        [-0.2, 80],
        [0, 100],
      ],
    },
  },
  {
    id: 'liquidity-90d',
    kind: 'investor',
    label: 'Liquidity (90d volume)',
    weight: 0.1,
    rationale: 'Liquidity: deep markets can be entered and left without moving the price.',
    rawMeaning: 'Average daily traded volume in USD over the last 90 days.',
    unit: 'usd',
    mapping: {
      scale: 'log10',
      points: [
        [5, 0],
        [6, 25],
        [7, 50],
        [8, 75],
        [9, 100],
      ],
    },
  },
  {
    id: 'market-cap',
    kind: 'investor',
    label: 'Size (market cap)',
    weight: 0.1,
    rationale: 'Size: larger networks have historically been more durable than small ones.',
    rawMeaning: 'Market capitalisation in USD (from market data or the candle of the graded day).',
    unit: 'usd',
    mapping: {
      scale: 'log10',
      points: [
        [7, 0],
        [8, 25],
        [9, 50],
        [10, 75],
        [11, 100],
      ],
    },
  },
  {
    id: 'history-length',
    kind: 'investor',
    label: 'History length',
    weight: 0.1,
    rationale: 'History: a token that has traded through several market cycles has proven it can survive them.',
    rawMeaning: 'Number of daily candles up to and including the graded day.',
    unit: 'days',
    mapping: {
      scale: 'linear',
      points: [
        [365, 20],
        [730, 50],
        [1460, 80],
        [2555, 100],
      ],
    },
  },
];

export const FACTORS: Readonly<Record<GradeKind, readonly FactorDefinition[]>> = {
  trader: TRADER_FACTORS,
  investor: INVESTOR_FACTORS,
};

/** Score a raw value with a factor mapping: piecewise-linear, clamped to the end anchors. */
export function scoreWithMapping(mapping: FactorMapping, raw: number): number {
  const pts = mapping.points;
  const x = mapping.scale === 'log10' ? (raw > 0 ? Math.log10(raw) : -Infinity) : raw;
  const firstPt = pts[0];
  const lastPt = pts[pts.length - 1];
  if (!firstPt || !lastPt) return 50;
  if (!(x > firstPt[0])) return firstPt[1]; // also catches NaN and -Infinity
  if (x >= lastPt[0]) return lastPt[1];
  for (let p = 1; p < pts.length; p++) {
    const b = pts[p]!;
    if (x <= b[0]) {
      const a = pts[p - 1]!;
      return a[1] + ((x - a[0]) / (b[0] - a[0])) * (b[1] - a[1]);
    }
  }
  return lastPt[1];
}

function fmtUsd(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e12) return `$${(x / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `$${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `$${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `$${(x / 1e3).toFixed(1)}k`;
  return `$${x.toFixed(0)}`;
}

/** Format a raw value (or a mapping anchor, already converted back from log scale) for display. */
export function formatRaw(unit: RawUnit, x: number): string {
  switch (unit) {
    case 'change':
      return `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    case 'share':
      return `${(x * 100).toFixed(1)}%`;
    case 'index':
      return x.toFixed(1);
    case 'number':
      return x.toFixed(2);
    case 'usd':
      return fmtUsd(x);
    case 'days':
      return `${Math.round(x)} days`;
  }
}

function fmtAnchor(def: FactorDefinition, x: number): string {
  const v = def.mapping.scale === 'log10' ? 10 ** x : x;
  if (def.unit === 'change' || def.unit === 'share') {
    return def.unit === 'change' ? `${v > 0 ? '+' : ''}${Math.round(v * 100)}%` : `${Math.round(v * 100)}%`;
  }
  if (def.unit === 'index' || def.unit === 'days') return String(Math.round(v));
  // Anchors are round numbers: no trailing zeros ("$1M", "-1", not "$1.00M", "-1.00").
  return formatRaw(def.unit, v).replace(/(\.\d*?[1-9])0+(?=[kMBT]?$)|\.0+(?=[kMBT]?$)/, '$1');
}

/** A one-line description of a factor's scale, e.g. "-25% -> 0, 0% -> 50, +25% -> 100". */
export function describeMapping(def: FactorDefinition): string {
  return def.mapping.points.map(([x, s]) => `${fmtAnchor(def, x)} -> ${s}`).join(', ');
}
