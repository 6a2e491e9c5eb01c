import { describe, expect, it } from 'vitest';
import { DAY_MS, type Candle } from '../../shared/domain/types';
import {
  FACTORS,
  INVESTOR_FACTORS,
  INVESTOR_MIN_DAYS,
  TRADER_FACTORS,
  TRADER_MIN_DAYS,
  computeGrades,
  gradeBand,
  gradeHistory,
  gradeSeries,
  scoreWithMapping,
  type FactorMapping,
  type GradeResult,
} from '../../shared/grades';
import { mulberry32 as rng } from '../../shared/random';

const T0 = Date.UTC(2021, 0, 1);

/** Candles from closes: open = previous close, high/low 1% around the close, constant volume. */
function fromCloses(closes: number[], opts: { volume?: (d: number) => number; mc?: number } = {}): Candle[] {
  return closes.map((c, d) => {
    const o = d > 0 ? closes[d - 1]! : c;
    const candle: Candle = {
      t: T0 + d * DAY_MS,
      o,
      h: Math.max(o, c) * 1.01,
      l: Math.min(o, c) * 0.99,
      c,
      v: opts.volume ? opts.volume(d) : 5e7,
    };
    if (opts.mc !== undefined) candle.mc = opts.mc;
    return candle;
  });
}

/** Steady uptrend: +0.4%/day drift with a small wiggle so that some days close lower. */
const uptrend = (days: number) =>
  fromCloses(Array.from({ length: days }, (_, d) => 100 * Math.exp(0.004 * d + 0.01 * Math.sin(d))));
/** Flat: constant price. */
const flat = (days: number) => fromCloses(Array.from({ length: days }, () => 100));
/** Crash: a year of gentle rise, then -1.5%/day with the same wiggle. */
const crash = (days: number) =>
  fromCloses(
    Array.from({ length: days }, (_, d) => {
      const peak = Math.min(d, days - 120);
      const fall = Math.max(0, d - (days - 120));
      return 100 * Math.exp(0.001 * peak - 0.015 * fall + 0.01 * Math.sin(d));
    }),
  );
/** Noisy random walk with 5% daily volatility. */
function noisy(days: number, seed: number): Candle[] {
  const r = rng(seed);
  let p = 50;
  const closes: number[] = [];
  for (let d = 0; d < days; d++) {
    p *= Math.exp((r() - 0.5) * 0.17);
    closes.push(p);
  }
  return fromCloses(closes, { volume: () => 1e6 * (0.2 + r() * 3) });
}

/** Random walk with a given daily volatility (same seed, same shocks, scaled). */
function noisyWith(days: number, seed: number, dailyVol: number): Candle[] {
  const r = rng(seed);
  let p = 50;
  const closes: number[] = [];
  for (let d = 0; d < days; d++) {
    p *= Math.exp((r() - 0.5) * 2 * dailyVol);
    closes.push(p);
  }
  return fromCloses(closes);
}

function gradeOf(r: GradeResult): number {
  if (r.grade === null) throw new Error(`expected a grade, got ${r.reason}`);
  return r.grade;
}

describe('factor definitions', () => {
  it('weights of each grade sum to 1 and ids are unique', () => {
    for (const defs of [TRADER_FACTORS, INVESTOR_FACTORS]) {
      const sum = defs.reduce((s, d) => s + d.weight, 0);
      expect(sum).toBeCloseTo(1, 12);
      expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
      for (const d of defs) {
        expect(d.weight).toBeGreaterThan(0);
        expect(d.rationale.length).toBeGreaterThan(10);
        expect(d.rawMeaning.length).toBeGreaterThan(10);
        const xs = d.mapping.points.map((p) => p[0]);
        expect([...xs].sort((a, b) => a - b)).toEqual(xs);
        for (const [, y] of d.mapping.points) {
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(100);
        }
      }
    }
    expect(FACTORS.trader).toBe(TRADER_FACTORS);
    expect(FACTORS.investor).toBe(INVESTOR_FACTORS);
  });

  it('scoreWithMapping interpolates and clamps', () => {
    const m: FactorMapping = {
      scale: 'linear',
      points: [
        [-1, 0],
        [0, 50],
        [2, 100],
      ],
    };
    expect(scoreWithMapping(m, -5)).toBe(0);
    expect(scoreWithMapping(m, -0.5)).toBeCloseTo(25, 12);
    expect(scoreWithMapping(m, 1)).toBeCloseTo(75, 12);
    expect(scoreWithMapping(m, 9)).toBe(100);
    expect(scoreWithMapping(m, Number.NaN)).toBe(0);
    const log: FactorMapping = {
      scale: 'log10',
      points: [
        [6, 0],
        [8, 100],
      ],
    };
    expect(scoreWithMapping(log, 1e7)).toBeCloseTo(50, 12);
    expect(scoreWithMapping(log, 0)).toBe(0);
    expect(scoreWithMapping(log, 1e12)).toBe(100);
  });
});

describe('computeGrades', () => {
  it('returns grades within 0..100 with factors whose used weights sum to 1', () => {
    const series = [uptrend(800), flat(800), crash(800), noisy(800, 1), noisy(800, 2), noisy(500, 3)];
    for (const candles of series) {
      const g = computeGrades(candles, { marketCapUsd: 2e9 });
      for (const r of [g.trader, g.investor]) {
        const grade = gradeOf(r);
        expect(grade).toBeGreaterThanOrEqual(0);
        expect(grade).toBeLessThanOrEqual(100);
        if (r.grade === null) continue;
        expect(r.factors.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1, 12);
        let weighted = 0;
        for (const f of r.factors) {
          expect(f.score).not.toBeNull();
          expect(f.score!).toBeGreaterThanOrEqual(0);
          expect(f.score!).toBeLessThanOrEqual(100);
          expect(f.explanation).toContain('Scale:');
          weighted += f.weight * f.score!;
        }
        expect(weighted).toBeCloseTo(grade, 9);
      }
    }
  });

  it('orders trader grades: uptrend > flat > crash', () => {
    const up = gradeOf(computeGrades(uptrend(400)).trader);
    const fl = gradeOf(computeGrades(flat(400)).trader);
    const cr = gradeOf(computeGrades(crash(400)).trader);
    expect(up).toBeGreaterThan(fl);
    expect(fl).toBeGreaterThan(cr);
    expect(up).toBeGreaterThan(65);
    expect(cr).toBeLessThan(40);
  });

  it('flat prices give a neutral trader grade: no momentum either way, but calm', () => {
    const g = computeGrades(flat(200)).trader;
    expect(gradeBand(gradeOf(g))).toBe('neutral');
    if (g.grade === null) throw new Error('expected a grade');
    const score = (id: string) => g.factors.find((f) => f.id === id)!.score!;
    // No move: RSI is reported as the neutral 50, the range position as its middle.
    expect(g.factors.find((f) => f.id === 'rsi-14')!.raw).toBe(50);
    expect(g.factors.find((f) => f.id === 'range-position')!.raw).toBe(0.5);
    // No volatility and no jump score best on the two "lower is better" factors.
    expect(score('volatility-30d')).toBe(100);
    expect(score('max-day-30d')).toBe(100);
  });

  it('orders investor grades: steady long uptrend > crash, with the drawdown factors explaining it', () => {
    const upR = computeGrades(uptrend(1200)).investor;
    const crR = computeGrades(crash(1200)).investor;
    expect(gradeOf(upR)).toBeGreaterThan(gradeOf(crR));
    expect(gradeOf(upR)).toBeGreaterThanOrEqual(70);
    const score = (r: GradeResult, id: string) => (r.grade === null ? NaN : r.factors.find((f) => f.id === id)!.score!);
    const raw = (r: GradeResult, id: string) => (r.grade === null ? NaN : r.factors.find((f) => f.id === id)!.raw!);
    expect(score(upR, 'max-drawdown-1y')).toBeGreaterThan(score(crR, 'max-drawdown-1y'));
    // The crash fell -1.5% a day for 120 days: its worst fall is about 1 - e^(-1.8), ~84%.
    expect(raw(crR, 'max-drawdown-1y')).toBeLessThan(-0.8);
    expect(raw(upR, 'max-drawdown-1y')).toBeGreaterThan(-0.1);
  });

  it('scores a more volatile token lower on the Investor Grade, all else equal', () => {
    const calm = noisyWith(900, 11, 0.04);
    const wild = noisyWith(900, 11, 0.2);
    const g = (c: Candle[]) => computeGrades(c, { marketCapUsd: 5e9 }).investor;
    expect(gradeOf(g(calm))).toBeGreaterThan(gradeOf(g(wild)));
  });

  it('a longer history raises the investor grade, all else equal', () => {
    // Same flat price, only the history length differs.
    const short = gradeOf(computeGrades(flat(400)).investor);
    const long = gradeOf(computeGrades(flat(1500)).investor);
    expect(long).toBeGreaterThan(short);
  });

  it('returns insufficient-history below the minimums, never a made-up grade', () => {
    const g0 = computeGrades([]);
    expect(g0.trader).toEqual({ grade: null, reason: 'insufficient-history', haveDays: 0, needDays: TRADER_MIN_DAYS });
    expect(g0.investor).toEqual({
      grade: null,
      reason: 'insufficient-history',
      haveDays: 0,
      needDays: INVESTOR_MIN_DAYS,
    });

    const g59 = computeGrades(uptrend(TRADER_MIN_DAYS - 1));
    expect(g59.trader).toMatchObject({ grade: null, haveDays: TRADER_MIN_DAYS - 1, needDays: TRADER_MIN_DAYS });
    const g60 = computeGrades(uptrend(TRADER_MIN_DAYS));
    expect(g60.trader.grade).not.toBeNull();
    expect(g60.investor).toMatchObject({ grade: null, haveDays: TRADER_MIN_DAYS, needDays: INVESTOR_MIN_DAYS });

    const g364 = computeGrades(uptrend(INVESTOR_MIN_DAYS - 1));
    expect(g364.investor.grade).toBeNull();
    expect(computeGrades(uptrend(INVESTOR_MIN_DAYS)).investor.grade).not.toBeNull();

    // `at` counts history up to that index only.
    const long = uptrend(1000);
    expect(computeGrades(long, { at: 100 }).investor).toMatchObject({ grade: null, haveDays: 101 });
  });

  it('counts history from the first usable close', () => {
    const candles = uptrend(200);
    for (let d = 0; d < 150; d++) candles[d] = { ...candles[d]!, c: d % 2 ? Number.NaN : 0 };
    const g = computeGrades(candles);
    expect(g.trader).toMatchObject({ grade: null, haveDays: 50 });
  });

  it('carries the last close over unusable closes instead of failing', () => {
    const candles = noisy(500, 9);
    candles[450] = { ...candles[450]!, c: Number.NaN, v: Number.NaN };
    candles[470] = { ...candles[470]!, c: -1 };
    const g = computeGrades(candles);
    expect(Number.isFinite(gradeOf(g.trader))).toBe(true);
    expect(Number.isFinite(gradeOf(g.investor))).toBe(true);
  });

  it('leaves out the size factor when market cap is unknown and uses it when given', () => {
    const candles = uptrend(800);
    const none = computeGrades(candles).investor;
    if (none.grade === null) throw new Error('expected a grade');
    const size = none.factors.find((f) => f.id === 'market-cap')!;
    expect(size.raw).toBeNull();
    expect(size.score).toBeNull();
    expect(size.weight).toBe(0);
    expect(none.factors.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1, 12);

    const big = gradeOf(computeGrades(candles, { marketCapUsd: 5e11 }).investor);
    const tiny = gradeOf(computeGrades(candles, { marketCapUsd: 1e6 }).investor);
    expect(big).toBeGreaterThan(tiny);

    // Candle market cap is used when no option is given.
    const withMc = computeGrades(
      fromCloses(
        candles.map((c) => c.c),
        { mc: 5e11 },
      ),
    ).investor;
    expect(gradeOf(withMc)).toBeCloseTo(big, 9);
  });

  it('higher liquidity scores higher, zero volume leaves volume factors out', () => {
    const closes = uptrend(800).map((c) => c.c);
    const deep = gradeOf(computeGrades(fromCloses(closes, { volume: () => 1e9 })).investor);
    const thin = gradeOf(computeGrades(fromCloses(closes, { volume: () => 1e5 })).investor);
    expect(deep).toBeGreaterThan(thin);
    const noVol = computeGrades(fromCloses(closes, { volume: () => 0 }));
    for (const r of [noVol.trader, noVol.investor]) {
      if (r.grade === null) throw new Error('expected a grade');
      const missing = r.factors.filter((f) => f.raw === null).map((f) => f.id);
      // The Trader Grade reads closes only; the Investor Grade loses liquidity (and size: no market cap given).
      expect(missing).toEqual(r === noVol.trader ? [] : ['market-cap', 'liquidity-90d']);
    }
  });

  it('rejects an out-of-range index', () => {
    expect(() => computeGrades(uptrend(100), { at: 100 })).toThrow(RangeError);
    expect(() => computeGrades(uptrend(100), { at: -1 })).toThrow(RangeError);
    expect(() => computeGrades(uptrend(100), { at: 1.5 })).toThrow(RangeError);
  });
});

describe('no look-ahead', () => {
  /** Copy of `candles` with every candle after index t replaced by wild values. */
  function perturbAfter(candles: Candle[], t: number, seed: number): Candle[] {
    const r = rng(seed);
    return candles.map((c, d) => {
      if (d <= t) return c;
      const f = 0.2 + r() * 5;
      return { ...c, o: c.o * f, h: c.h * f * 1.5, l: c.l * f * 0.5, c: c.c * f, v: c.v * (r() * 10), mc: 1e12 };
    });
  }

  it('grades at t ignore candles after t (computeGrades)', () => {
    const base = noisy(1000, 4);
    for (const t of [59, 200, 364, 700, 998]) {
      const a = computeGrades(base, { at: t });
      const b = computeGrades(perturbAfter(base, t, t), { at: t });
      expect(b).toEqual(a);
      // Same as if the later candles did not exist at all.
      expect(computeGrades(base.slice(0, t + 1))).toEqual(a);
    }
  });

  it('grade history and grade series up to t ignore candles after t', () => {
    const base = noisy(900, 5);
    const t = 600;
    const changed = perturbAfter(base, t, 77);
    const h1 = gradeHistory(base, { stepDays: 5 });
    const h2 = gradeHistory(changed, { stepDays: 5 });
    const tMax = base[t]!.t;
    const before1 = h1.filter((p) => p.t <= tMax);
    const before2 = h2.filter((p) => p.t <= tMax);
    expect(before1.length).toBeGreaterThan(100);
    expect(before2).toEqual(before1);
    // The perturbation does change later points, so the comparison above is meaningful.
    expect(h2.filter((p) => p.t > tMax)).not.toEqual(h1.filter((p) => p.t > tMax));

    const s1 = gradeSeries(base);
    const s2 = gradeSeries(changed);
    expect(Array.from(s2.subarray(0, t + 1))).toEqual(Array.from(s1.subarray(0, t + 1)));
  });
});

describe('gradeHistory and gradeSeries', () => {
  it('agree with computeGrades at the same dates', () => {
    const candles = noisy(1100, 6);
    const hist = gradeHistory(candles, { stepDays: 30 });
    const series = gradeSeries(candles);
    const byT = new Map(candles.map((c, i) => [c.t, i]));
    let graded = 0;
    for (const p of hist) {
      const i = byT.get(p.t)!;
      const g = computeGrades(candles, { at: i });
      // computeGrades warms its exponential indicators up over a bounded window; the difference
      // from a run over the whole history must be negligible.
      if (g.trader.grade === null) expect(p.trader).toBeNull();
      else {
        expect(Math.abs(p.trader! - g.trader.grade)).toBeLessThan(0.01);
        expect(series[i]).toBe(p.trader);
        graded++;
      }
      if (g.investor.grade === null) expect(p.investor).toBeNull();
      else expect(Math.abs(p.investor! - g.investor.grade)).toBeLessThan(1e-6);
    }
    expect(graded).toBeGreaterThan(30);
  });

  it('steps back from the last candle, oldest first', () => {
    const candles = uptrend(100);
    const hist = gradeHistory(candles, { stepDays: 7 });
    expect(hist[hist.length - 1]!.t).toBe(candles[99]!.t);
    for (let k = 1; k < hist.length; k++) expect(hist[k]!.t - hist[k - 1]!.t).toBe(7 * DAY_MS);
    expect(hist[0]!.t).toBeLessThan(candles[7]!.t);
    // Early points have no grade; later ones have a trader grade but no investor grade.
    expect(hist[0]).toMatchObject({ trader: null, investor: null });
    expect(hist[hist.length - 1]!.trader).not.toBeNull();
    expect(hist[hist.length - 1]!.investor).toBeNull();
    expect(gradeHistory([], {})).toEqual([]);
    expect(() => gradeHistory(candles, { stepDays: 0 })).toThrow(RangeError);
  });

  it('gradeSeries is NaN before the minimum and within 0..100 after', () => {
    const candles = noisy(300, 8);
    const s = gradeSeries(candles);
    expect(s.length).toBe(candles.length);
    for (let i = 0; i < s.length; i++) {
      if (i < TRADER_MIN_DAYS - 1) expect(Number.isNaN(s[i]!)).toBe(true);
      else {
        expect(s[i]!).toBeGreaterThanOrEqual(0);
        expect(s[i]!).toBeLessThanOrEqual(100);
      }
    }
    expect(gradeSeries([]).length).toBe(0);
  });

  it('gradeSeries rises through a trend reversal from crash to recovery', () => {
    const closes = [...Array.from({ length: 150 }, (_, d) => 100 * Math.exp(-0.01 * d + 0.005 * Math.sin(d)))];
    const bottom = closes[closes.length - 1]!;
    for (let d = 1; d <= 150; d++) closes.push(bottom * Math.exp(0.01 * d + 0.005 * Math.sin(d)));
    const s = gradeSeries(fromCloses(closes));
    expect(s[299]!).toBeGreaterThan(s[149]!);
    expect(s[149]!).toBeLessThan(40);
    expect(s[299]!).toBeGreaterThan(70);
  });
});
