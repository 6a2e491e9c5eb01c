/** Rows of `grades:list` for the Grades view's unit tests (test/unit/grades-view-*.test.ts). */
import type { GradeRow } from '../../shared/ipc/channels/grades';

/** A graded, unheld row with a year of history and middling grades; `over` sets the rest. */
export function gradeRow(symbol: string, over: Partial<GradeRow> = {}): GradeRow {
  return {
    symbol,
    name: `${symbol} coin`,
    held: false,
    stablecoin: false,
    trader: 50,
    investor: 50,
    traderBand: 'weak',
    investorBand: 'weak',
    quadrant: 'speculative',
    reading: '',
    haveDays: 400,
    ...over,
  };
}
