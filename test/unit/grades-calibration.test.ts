import { describe, expect, it } from 'vitest';
import { DAY_MS, type Candle, type PriceHistory } from '../../shared/domain/types';
import { TRADER_FACTORS, INVESTOR_FACTORS, type FactorDefinition } from '../../shared/grades';
import {
  CALIBRATION_END,
  CALIBRATION_START,
  FACTORS_END,
  FACTORS_START,
  buildPanel,
  collapsedWithinYear,
  evaluateGrade,
  fitGrade,
  forwardOutcome,
  fullWindow,
  generatedSection,
  neweyWestT,
  rankIC,
  renderCalibration,
  replaceGeneratedSections,
  runCalibration,
} from '../../shared/grades/calibration';
import { mulberry32 as rng } from '../../shared/random';

const T0 = Date.UTC(2018, 0, 1);

function fromCloses(closes: number[], volume = 5e7, mc?: (d: number, c: number) => number): Candle[] {
  return closes.map((c, d) => ({
    t: T0 + d * DAY_MS,
    o: c,
    h: c,
    l: c,
    c,
    v: volume,
    ...(mc ? { mc: mc(d, c) } : {}),
  }));
}

/** Ten assets with constant, different daily drifts: asset k grows k/2 % a day, with a little noise. */
function driftUniverse(days: number): PriceHistory {
  const out: PriceHistory = {};
  for (let k = 0; k < 10; k++) {
    const r = rng(k + 1);
    let p = 10;
    out[`A${k}`] = fromCloses(Array.from({ length: days }, () => (p *= Math.exp(k / 200 + (r() - 0.5) * 1e-5))));
  }
  return out;
}

/** Ten assets with the same drift and increasing volatility (asset k: up to 2(k+1) % daily noise). */
function volatilityUniverse(days: number): PriceHistory {
  const out: PriceHistory = {};
  for (let k = 0; k < 10; k++) {
    const r = rng(100 + k);
    let p = 10;
    out[`V${k}`] = fromCloses(
      Array.from({ length: days }, () => (p *= Math.exp(((r() - 0.5) * 4 * (k + 1)) / 100))),
      5e7,
      (_, c) => c * 1e8,
    );
  }
  return out;
}

/** The given definitions with every weight on one factor. */
function only(defs: readonly FactorDefinition[], id: string): FactorDefinition[] {
  return defs.map((d) => ({ ...d, weight: d.id === id ? 1 : 0 }));
}

describe('statistics', () => {
  it('rank IC is +1 / -1 for monotone samples and uses mid-ranks for ties', () => {
    expect(rankIC([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(rankIC([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // ranks of x: 0.5, 0.5, 2; of y: 0, 1, 2 -> covariance 1.5, variances 1.5 and 2 -> 1.5 / sqrt(3)
    expect(rankIC([1, 1, 2], [1, 2, 3])).toBeCloseTo(1.5 / Math.sqrt(3), 12);
    expect(rankIC([1, 2], [1, 2])).toBeNaN();
  });

  it('Newey-West t equals the plain t without lags and shrinks when neighbours overlap', () => {
    // mean 2.5, population variance 1.25 -> 2.5 / sqrt(1.25 / 4)
    expect(neweyWestT([1, 2, 3, 4], 0)).toBeCloseTo(2.5 / Math.sqrt(1.25 / 4), 12);
    // lag 1: autocovariance (0.75 - 0.25 + 0.75) / 4 = 0.3125, Bartlett weight 1/2 -> variance 1.5625
    expect(neweyWestT([1, 2, 3, 4], 1)).toBeCloseTo(2.5 / Math.sqrt(1.5625 / 4), 12);
    // A series that repeats each value 7 times (like overlapping 7-day returns) is not 7x the evidence.
    const r = rng(3);
    const base = Array.from({ length: 60 }, () => r() - 0.4);
    const repeated = base.flatMap((x) => Array<number>(7).fill(x));
    expect(Math.abs(neweyWestT(repeated, 6))).toBeLessThan(Math.abs(neweyWestT(repeated, 0)) * 0.6);
  });
});

describe('forward outcomes', () => {
  it('measures return, worst fall and volatility from the graded day', () => {
    const panel = buildPanel({ X: fromCloses([100, 120, 90, 110]) });
    const f = forwardOutcome(panel.assets[0]!, 0, 3);
    expect(f.logReturn).toBeCloseTo(Math.log(1.1), 12);
    expect(f.maxDrawdown).toBeCloseTo(90 / 120 - 1, 12);
    const rs = [Math.log(1.2), Math.log(0.75), Math.log(110 / 90)];
    const m = (rs[0]! + rs[1]! + rs[2]!) / 3;
    const sd = Math.sqrt(rs.reduce((s, x) => s + (x - m) ** 2, 0) / 3);
    expect(f.volatility).toBeCloseTo(sd * Math.sqrt(365), 10);
  });

  it('finds a collapse within a year, and says "unknown" when the year is not in the data', () => {
    const fall = Array.from({ length: 500 }, (_, d) => (d < 200 ? 100 : 100 * 0.1));
    const calm = Array.from({ length: 500 }, () => 100);
    const panel = buildPanel({ F: fromCloses(fall), C: fromCloses(calm) });
    const [c, f] = panel.assets; // sorted by symbol: C, F
    expect(collapsedWithinYear(f!, 0)).toBe(true);
    expect(collapsedWithinYear(c!, 0)).toBe(false);
    expect(collapsedWithinYear(c!, 200)).toBeNull();
  });
});

describe('fitting', () => {
  it('reads nothing after the end of its window', () => {
    const history = volatilityUniverse(900);
    const cut = T0 + 700 * DAY_MS;
    const changed: PriceHistory = {};
    for (const [s, candles] of Object.entries(history)) {
      changed[s] = candles.map((c) => (c.t > cut ? { ...c, c: c.c * (1 + Math.random() * 5), v: 1 } : c));
    }
    const win = { from: T0, to: cut };
    const a = fitGrade(buildPanel(history), 'investor', INVESTOR_FACTORS, win);
    const b = fitGrade(buildPanel(changed), 'investor', INVESTOR_FACTORS, win);
    expect(b).toEqual(a);
  });

  it('puts the anchors on the window percentiles, scores reversed where lower is better', () => {
    const panel = buildPanel(volatilityUniverse(800));
    const fitted = fitGrade(panel, 'investor', INVESTOR_FACTORS, fullWindow(panel));
    const vol = fitted.factors.find((f) => f.id === 'volatility-1y')!;
    const xs = vol.mapping.points.map((p) => p[0]);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(vol.mapping.points.map((p) => p[1])).toEqual([100, 75, 50, 25, 0]);
    // The calmest asset (uniform noise of +-2% a day: 0.02 / sqrt(3) x sqrt(365), ~ 22%) sits at the low end.
    expect(xs[0]!).toBeLessThan(0.3);
    // Volatility predicts forward volatility here by construction: a positive strength and weight.
    const strength = fitted.strengths.find((s) => s.id === 'volatility-1y')!;
    expect(strength.strength).toBeGreaterThan(0.5);
    expect(vol.weight).toBeGreaterThan(0);
    expect(fitted.factors.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1, 12);
  });
});

describe('evaluation', () => {
  it('finds a perfect rank IC when a factor orders tomorrow exactly, and -1 when reversed', () => {
    const panel = buildPanel(driftUniverse(200));
    const win = fullWindow(panel);
    // A wide, linear scale so no grade is clamped (ties at 0 or 100 would blur the ranks).
    const wide = (defs: FactorDefinition[]) =>
      defs.map((d) =>
        d.id === 'momentum-28d'
          ? {
              ...d,
              mapping: {
                scale: 'linear' as const,
                points: [
                  [-1, 0],
                  [3, 100],
                ] as const,
              },
            }
          : d,
      );
    const up = evaluateGrade(panel, 'trader', wide(only(TRADER_FACTORS, 'momentum-28d')), win);
    const week = up.horizons.find((h) => h.horizon === 7)!;
    expect(week.ic.days).toBeGreaterThan(80);
    expect(week.ic.mean).toBeCloseTo(1, 6);
    expect(week.ic.positiveShare).toBe(1);
    expect(week.buckets.strong.meanExcess).toBeGreaterThan(0);
    expect(week.buckets.weak.meanExcess).toBeLessThan(0);
    const reversed = wide(only(TRADER_FACTORS, 'momentum-28d')).map((d) =>
      d.id === 'momentum-28d'
        ? {
            ...d,
            mapping: {
              scale: 'linear' as const,
              points: [
                [-1, 100],
                [3, 0],
              ] as const,
            },
          }
        : d,
    );
    const down = evaluateGrade(panel, 'trader', reversed, win);
    expect(down.horizons[0]!.ic.mean).toBeCloseTo(-1, 6);
  });

  it('shows the calm bucket calmer when volatility persists', () => {
    const panel = buildPanel(volatilityUniverse(900));
    const r = evaluateGrade(panel, 'investor', only(INVESTOR_FACTORS, 'volatility-1y'), fullWindow(panel));
    const h = r.horizons[0]!;
    expect(h.buckets.strong.n).toBeGreaterThan(0);
    expect(h.buckets.weak.n).toBeGreaterThan(0);
    expect(h.buckets.strong.medianVolatility!).toBeLessThan(h.buckets.weak.medianVolatility!);
    expect(h.buckets.strong.medianMaxDrawdown!).toBeGreaterThan(h.buckets.weak.medianMaxDrawdown!);
  });
});

describe('report', () => {
  it('renders the same text for the same result and replaces only the generated sections', () => {
    const result = runCalibration([{ name: 'synthetic', history: volatilityUniverse(900) }], {
      fitTo: T0 + 600 * DAY_MS,
      walkForward: false,
    });
    const text = renderCalibration(result);
    expect(renderCalibration(structuredClone(result))).toBe(text);
    expect(text).toContain('| synthetic | Investor |');
    const doc = `# Title\n\nintro\n\n${FACTORS_START}\nold\n${FACTORS_END}\n\nmiddle\n\n${CALIBRATION_START}\nold\n${CALIBRATION_END}\n\nend\n`;
    const out = replaceGeneratedSections(doc, text);
    expect(out.startsWith('# Title\n\nintro\n\n')).toBe(true);
    expect(out).toContain('\n\nmiddle\n\n');
    expect(out.endsWith(`${CALIBRATION_END}\n\nend\n`)).toBe(true);
    expect(generatedSection(out, CALIBRATION_START, CALIBRATION_END)).toBe(text);
    expect(generatedSection(out, FACTORS_START, FACTORS_END)).toContain('`volatility-1y`');
    expect(() => replaceGeneratedSections('# no markers', text)).toThrow(/markers/);
  });
});
