/**
 * The grades' typed-array kernels against what they replace: Wilder's RSI (shared/grades/rsi.ts)
 * against trading-signals' RSI on random series and on the real history (skipped with a message when
 * ../shared/data is absent), and the rolling one-year worst fall (shared/grades/worst-fall.ts) against
 * a scan of the window.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { rsiSeries, WilderRsi } from '../../shared/grades/rsi';
import { RollingWorstFall } from '../../shared/grades/worst-fall';
import { mulberry32 as rng } from '../../shared/random';

const DATA = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'market-history');
const hasData = existsSync(join(DATA, 'BTC.csv'));

/** trading-signals' RSI of every price, NaN where it has none yet. */
function libraryRsi(prices: ArrayLike<number>, period: number): number[] {
  const rsi = new RSI(period);
  return Array.from(prices, (p) => rsi.update(p, false) ?? Number.NaN);
}

function expectSameRsi(prices: ArrayLike<number>, period: number): void {
  const ours = rsiSeries(prices, period);
  const lib = libraryRsi(prices, period);
  expect(ours).toHaveLength(lib.length);
  for (let i = 0; i < lib.length; i++) {
    if (Number.isNaN(lib[i]!)) expect(ours[i], `index ${i}`).toBeNaN();
    else expect(Math.abs(ours[i]! - lib[i]!), `index ${i}`).toBeLessThanOrEqual(1e-9);
  }
}

/** Random walk with flat stretches (no loss: RSI 100), repeats and jumps. */
function walk(seed: number, n: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  let p = 10 ** (r() * 4 - 1);
  for (let i = 0; i < n; i++) {
    const u = r();
    if (u < 0.05)
      p = p * 1; // unchanged close
    else if (u < 0.06)
      p *= 1 + r(); // jump
    else p *= Math.exp((r() - 0.5) * 0.12);
    out[i] = i % 400 > 300 && i % 400 < 330 ? out[i - 1]! : p;
  }
  return out;
}

describe('WilderRsi', () => {
  it('matches trading-signals on random series, for several periods', () => {
    for (let seed = 1; seed <= 40; seed++) expectSameRsi(walk(seed, 1500), [14, 2, 5, 30][seed % 4]!);
  });

  it('is NaN for the first `period` prices, then a value in [0, 100]', () => {
    const rsi = new WilderRsi(14);
    const xs = walk(99, 100);
    for (let i = 0; i < xs.length; i++) {
      const v = rsi.update(xs[i]!);
      if (i < 14) expect(v).toBeNaN();
      else expect(v >= 0 && v <= 100).toBe(true);
    }
  });

  it('reports 100 when there was no loss, like the library', () => {
    expectSameRsi(
      Float64Array.from({ length: 40 }, (_, i) => 1 + i),
      14,
    );
    expect(
      rsiSeries(
        Float64Array.from({ length: 40 }, (_, i) => 1 + i),
        14,
      )[39],
    ).toBe(100);
  });

  it.skipIf(!hasData)(
    `matches trading-signals on every close of the real history${hasData ? '' : ' (skipped: ../shared/data/market-history is absent)'}`,
    () => {
      for (const dir of [DATA, join(DATA, 'close-only')]) {
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv'))) {
          const lines = readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(1);
          expectSameRsi(
            Float64Array.from(lines, (l) => Number(l.split(',')[4])),
            14,
          );
        }
      }
    },
  );
});

describe('RollingWorstFall', () => {
  /** The largest fall from a running high inside closes[from..to] (0 when none), by a scan. */
  function scan(c: Float64Array, from: number, to: number): number {
    let peak = c[from]!;
    let worst = 0;
    for (let k = from + 1; k <= to; k++) {
      if (c[k]! > peak) peak = c[k]!;
      else if (c[k]! / peak - 1 < worst) worst = c[k]! / peak - 1;
    }
    return worst;
  }

  it('equals the scan of every window, to the last bit', () => {
    for (const [seed, w] of [
      [3, 365],
      [4, 30],
      [5, 7],
      [6, 1],
    ] as const) {
      const c = walk(seed, 2500);
      const fall = new RollingWorstFall(w);
      for (let j = 0; j < c.length; j++) {
        fall.push(c[j]!);
        if (j >= w - 1) expect(fall.worst(), `window ending at ${j}`).toBe(scan(c, j - w + 1, j));
      }
    }
  });

  it('is 0 for closes that only rise', () => {
    const fall = new RollingWorstFall(10);
    for (let j = 0; j < 50; j++) fall.push(j + 1);
    expect(fall.worst()).toBe(0);
  });
});
