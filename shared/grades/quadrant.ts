/**
 * Reading a pair of grades (quadrant) and splitting a portfolio's value by grade profile.
 * See docs/GRADES.md.
 */
import { GRADE_STRONG, GRADE_WEAK } from './factors';

export type GradeBand = 'strong' | 'neutral' | 'weak' | 'ungraded';

/** Band of a single grade: >= 80 strong, < 60 weak, otherwise neutral. */
export function gradeBand(grade: number | null): GradeBand {
  if (grade === null || Number.isNaN(grade)) return 'ungraded';
  if (grade >= GRADE_STRONG) return 'strong';
  if (grade < GRADE_WEAK) return 'weak';
  return 'neutral';
}

export type GradeQuadrant = 'strong' | 'short-term' | 'wait-for-entry' | 'speculative' | 'neutral' | 'ungraded';

export interface QuadrantReading {
  quadrant: GradeQuadrant;
  /** One-line plain-language reading. */
  reading: string;
}

/**
 * What each quadrant has meant on real history (docs/GRADES.md, "How have the grades done?"): a strong
 * Investor Grade has gone with smaller swings, shallower falls and far fewer collapses, not with higher
 * returns; the Trader Grade is a small relative-strength tilt. The readings say no more than that.
 */
export const QUADRANT_READINGS: Readonly<Record<GradeQuadrant, string>> = {
  strong: 'Calm and established, and ahead of other tokens lately.',
  'short-term':
    'Ahead of other tokens lately, but volatile or young: tokens like this have swung hard and collapsed more often.',
  'wait-for-entry':
    'Calm and established, but behind other tokens lately. Strong Investor Grades have meant smaller falls, not higher returns.',
  speculative:
    'Volatile or young, and behind other tokens lately: the profile with the deepest falls and the most collapses so far.',
  neutral: 'Mixed or middling grades: no strong reading either way.',
  ungraded: 'Not enough price history to grade on both horizons.',
};

/**
 * Quadrant of a (trader, investor) pair, using the 80 (strong) / 60 (weak) thresholds:
 * strong = both >= 80; short-term = trader >= 80 and investor < 60; wait-for-entry = investor >= 80
 * and trader < 60; speculative = both < 60; neutral = anything else; ungraded = either grade missing.
 */
export function gradeQuadrant(trader: number | null, investor: number | null): QuadrantReading {
  const t = gradeBand(trader);
  const i = gradeBand(investor);
  let quadrant: GradeQuadrant;
  if (t === 'ungraded' || i === 'ungraded') quadrant = 'ungraded';
  else if (t === 'strong' && i === 'strong') quadrant = 'strong';
  else if (t === 'strong' && i === 'weak') quadrant = 'short-term';
  else if (i === 'strong' && t === 'weak') quadrant = 'wait-for-entry';
  else if (t === 'weak' && i === 'weak') quadrant = 'speculative';
  else quadrant = 'neutral';
  let reading = QUADRANT_READINGS[quadrant];
  if (quadrant === 'ungraded' && t !== i) {
    reading =
      t === 'ungraded'
        ? 'Not enough price history for a Trader Grade.'
        : 'Not enough price history for an Investor Grade (needs a year of candles).';
  }
  return { quadrant, reading };
}

export interface GradePair {
  trader: number | null;
  investor: number | null;
}

export interface GradeSplitTarget {
  /** Target share of portfolio value in high-Trader-Grade tokens (0..1). */
  trader: number;
  /** Target share of portfolio value in high-Investor-Grade tokens (0..1). */
  investor: number;
}

export const DEFAULT_GRADE_SPLIT_TARGET: GradeSplitTarget = { trader: 0.3, investor: 0.7 };

export interface SplitBucket {
  value: number;
  /** Share of the total valued portfolio (0..1; 0 when the total is 0). */
  share: number;
  assets: string[];
}

export interface GradeSplit {
  /** Total value of the positions with a positive value. */
  total: number;
  /** Investor Grade >= 80 (including tokens strong on both grades). */
  investor: SplitBucket;
  /** Trader Grade >= 80 and Investor Grade below 80 or missing. */
  trader: SplitBucket;
  /** Graded, but neither grade is >= 80. */
  neither: SplitBucket;
  /** No grade at all (no entry, or both grades null). */
  ungraded: SplitBucket;
  target: GradeSplitTarget;
  /** Actual share minus target share, per side (positive = above target). */
  gap: { trader: number; investor: number };
  /** One-line reading of the largest gap. */
  reading: string;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * Split portfolio value into high-Investor-Grade, high-Trader-Grade, neither and ungraded tokens,
 * and compare with the user's target split (default 30% trader / 70% investor).
 * Positions with a null or non-positive value are ignored; positions of the same asset add up.
 * Grades are looked up by asset symbol (exact, then upper-case).
 */
export function portfolioGradeSplit(
  positions: ReadonlyArray<{ asset: string; value: number | null }>,
  grades: Readonly<Record<string, GradePair>>,
  target: GradeSplitTarget = DEFAULT_GRADE_SPLIT_TARGET,
  /** A side is "within target" when |gap| is at most this. */
  tolerance = 0.05,
): GradeSplit {
  if (!(target.trader >= 0 && target.investor >= 0 && target.trader + target.investor <= 1 + 1e-9)) {
    throw new RangeError('portfolioGradeSplit: target shares must be >= 0 and sum to at most 1');
  }
  const byAsset = new Map<string, number>();
  for (const p of positions) {
    const v = p.value;
    if (v === null || !(v > 0) || v === Infinity) continue;
    byAsset.set(p.asset, (byAsset.get(p.asset) ?? 0) + v);
  }
  const mk = (): SplitBucket => ({ value: 0, share: 0, assets: [] });
  const buckets = { investor: mk(), trader: mk(), neither: mk(), ungraded: mk() };
  let total = 0;
  for (const [asset, value] of byAsset) {
    total += value;
    const g = grades[asset] ?? grades[asset.toUpperCase()];
    const t = g ? gradeBand(g.trader) : 'ungraded';
    const i = g ? gradeBand(g.investor) : 'ungraded';
    const b =
      i === 'strong'
        ? buckets.investor
        : t === 'strong'
          ? buckets.trader
          : t === 'ungraded' && i === 'ungraded'
            ? buckets.ungraded
            : buckets.neither;
    b.value += value;
    b.assets.push(asset);
  }
  for (const b of Object.values(buckets)) {
    b.share = total > 0 ? b.value / total : 0;
    b.assets.sort();
  }
  const gap = {
    trader: buckets.trader.share - target.trader,
    investor: buckets.investor.share - target.investor,
  };
  let reading: string;
  if (total === 0) {
    reading = 'No valued positions to split.';
  } else if (Math.abs(gap.trader) <= tolerance && Math.abs(gap.investor) <= tolerance) {
    reading = `On target: ${pct(buckets.trader.share)} in high-Trader-Grade and ${pct(buckets.investor.share)} in high-Investor-Grade tokens.`;
  } else if (Math.abs(gap.trader) >= Math.abs(gap.investor)) {
    reading =
      gap.trader > 0
        ? `High-Trader-Grade tokens are ${pct(buckets.trader.share)} of value vs a ${pct(target.trader)} target: more short-term exposure than planned.`
        : `High-Trader-Grade tokens are ${pct(buckets.trader.share)} of value vs a ${pct(target.trader)} target: less short-term exposure than planned.`;
  } else {
    reading =
      gap.investor > 0
        ? `High-Investor-Grade tokens are ${pct(buckets.investor.share)} of value vs a ${pct(target.investor)} target: more in long holds than planned.`
        : `High-Investor-Grade tokens are ${pct(buckets.investor.share)} of value vs a ${pct(target.investor)} target: less in resilient, established tokens than planned.`;
  }
  return { total, ...buckets, target, gap, reading };
}
