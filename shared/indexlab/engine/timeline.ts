/**
 * The simulated span of a run: the funding day s0 (cash, or the starting holdings, at its
 * close) and the last day e, as grid indices. Without a startDate, s0 is the first day on
 * which some candidate has enough history (and, for a top-N universe, a market cap) for the
 * first decision, which is made on the close of s0 and trades at the close of s0 + 1.
 */
import { IndexLabError, type PreparedData } from '../prepare';
import { isoDay, parseIsoDay } from '../calendar';
import type { IndexSpec } from '../spec';
import type { Universe } from './universe';
import type { WarningLog } from './warnings';

export interface Timeline {
  /** Grid index of the funding day and of the last day (s0 < e). */
  s0: number;
  e: number;
}

/**
 * Resolves s0 and e from the spec's dates, clamped to the data (with a warning).
 * `autoHist` is the number of candles a candidate needs on s0 when no startDate is given.
 * `countM` and `mcapM` are the day-major candle-count and market-cap matrices.
 * Throws IndexLabError when fewer than two days remain.
 */
export function resolveTimeline(
  P: PreparedData,
  spec: IndexSpec,
  uni: Universe,
  autoHist: number,
  countM: Int32Array,
  mcapM: Float64Array,
  warn: WarningLog,
): Timeline {
  const { cand, rankOnly } = uni;
  const A = P.symbols.length;
  const days = P.days;
  let s0: number;
  if (spec.startDate) {
    s0 = P.dayIndex(parseIsoDay(spec.startDate));
    if (s0 < 0) {
      warn.add(
        'start-clamped',
        `startDate ${spec.startDate} is before the first price (${isoDay(P.times[0]!)}); started there`,
      );
      s0 = 0;
    }
  } else {
    s0 = -1;
    for (let p = 0; p < days - 1 && s0 < 0; p++) {
      for (let i = 0; i < cand.length; i++) {
        const x = p * A + cand[i]!;
        if (countM[x]! >= autoHist && (!rankOnly || mcapM[x]! > 0)) {
          s0 = p;
          break;
        }
      }
    }
    if (s0 < 0) {
      if (cand.length === 0) s0 = 0;
      else
        throw new IndexLabError(`No asset in the universe reaches ${autoHist} days of history before the data ends.`);
    }
  }
  let e = days - 1;
  if (spec.endDate) {
    const ei = P.dayIndex(parseIsoDay(spec.endDate));
    if (ei < e) e = ei;
    else if (ei > e)
      warn.add('end-clamped', `endDate ${spec.endDate} is after the last price (${isoDay(P.times[e]!)}); ended there`);
  }
  if (s0 >= days - 1 || e <= s0) {
    const startText = spec.startDate ?? isoDay(P.times[Math.min(s0, days - 1)]!);
    const endText = spec.endDate ?? isoDay(P.times[days - 1]!);
    throw new IndexLabError(
      `Not enough data to simulate: the start (${startText}) must be before the end (${endText}) and before the last price day (${isoDay(
        P.times[days - 1]!,
      )}).`,
    );
  }
  return { s0, e };
}
