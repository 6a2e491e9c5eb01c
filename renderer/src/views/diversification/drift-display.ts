/**
 * The "Actual vs target" table's rows as shown: figures as text, the range bar's geometry and each
 * group's verdict. Pure; used by DriftTable and tested in test/unit/diversification-view-drift.
 */
import type { DriftRow } from '../../../../shared/allocation/targets';
import { pct } from '../../lib/format';

export interface DriftDisplayRow {
  key: string;
  label: string;
  outside: boolean;
  actual: string;
  target: string;
  /** "15.0%–25.0%". */
  range: string;
  /** Signed percentage points: "+3.2 pts", "−0.4 pts". */
  drift: string;
  /** The bar: where the tolerated range starts and how wide it is, the target line, the current dot. */
  bar: { bandLeft: string; bandWidth: string; target: string; actual: string };
  status: { tag: 'ok' | 'warn'; text: 'in range' | 'over' | 'under' };
}

const percent = (share: number) => `${share * 100}%`;

/** Rows largest target first (then largest actual), ready to render. */
export function driftDisplayRows(rows: readonly DriftRow[]): DriftDisplayRow[] {
  return [...rows]
    .sort((a, c) => c.target - a.target || c.actual - a.actual)
    .map((r) => ({
      key: r.key,
      label: r.label,
      outside: r.outsideBand,
      actual: pct(r.actual),
      target: pct(r.target),
      range: `${pct(r.lower)}–${pct(r.upper)}`,
      drift: `${r.drift >= 0 ? '+' : '−'}${Math.abs(r.drift * 100).toFixed(1)} pts`,
      bar: {
        bandLeft: percent(r.lower),
        bandWidth: percent(r.upper - r.lower),
        target: percent(r.target),
        actual: `${Math.min(100, r.actual * 100)}%`,
      },
      status: r.outsideBand ? { tag: 'warn', text: r.drift > 0 ? 'over' : 'under' } : { tag: 'ok', text: 'in range' },
    }));
}

/** The verdict above the table: "2 outside the range" or "all within range". */
export function driftVerdict(rows: readonly DriftRow[]): { tag: 'ok' | 'warn'; text: string } {
  const outside = rows.filter((r) => r.outsideBand).length;
  return outside ? { tag: 'warn', text: `${outside} outside the range` } : { tag: 'ok', text: 'all within range' };
}
