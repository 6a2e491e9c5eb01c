/**
 * The value step: what the portfolio is worth at the close of a day, units held times that
 * day's close (forward-filled over gaps) plus cash. Between rebalances units are held and
 * valued at each close. Called by run.ts (funding day and every day) and execute.ts (the
 * value before trading). The loops use typed arrays and short maths-style names.
 */
import { IndexLabError } from '../prepare';
import { isoDay } from '../calendar';
import type { EngineState } from './state';

/** Cash plus units held times the close of day g. */
export function portfolioValue(st: EngineState, g: number): number {
  const { A, units, held, nHeld, closeM } = st;
  const gb = g * A;
  let v = st.cash;
  for (let i = 0; i < nHeld; i++) {
    const a = held[i]!;
    v += units[a]! * closeM[gb + a]!;
  }
  return v;
}

/** The value on the funding day s0. Throws IndexLabError when it is not above 0. */
export function fundingValue(st: EngineState): number {
  const v0 = portfolioValue(st, st.s0);
  if (!(v0 > 0)) throw new IndexLabError('The starting portfolio has no value on the start date.');
  return v0;
}

/**
 * The value at the close of day g, warning once per asset that is held while it has had no
 * candle for more than maxStaleDays (it is valued at its last close until sold).
 */
export function closeValue(st: EngineState, g: number): number {
  const { A, units, held, nHeld, closeM, lastRealM, maxStale, warn, P } = st;
  const gb = g * A;
  let v = st.cash;
  for (let i = 0; i < nHeld; i++) {
    const a = held[i]!;
    v += units[a]! * closeM[gb + a]!;
    const lr = lastRealM[gb + a]!;
    if (g - lr > maxStale && !warn.has(`held-stale-${a}`)) {
      warn.add(
        `held-stale-${a}`,
        `${P.symbols[a]}: no candle after ${isoDay(P.times[lr]!)} while held; valued at its last close until sold`,
      );
    }
  }
  return v;
}
