/**
 * The rows of the Index Lab comparison table: what each row reads from a run's result, how it prints,
 * and which way is better, so the best run of a row can be highlighted.
 *
 * Pure: no React, no DOM, so test/unit runs it under Node. Called by Compare.tsx.
 */
import type { SimulationResult } from '../../../../shared/indexlab';
import { pct } from '../../lib/format';
import { fmtNum, signedPct } from './lab-format';

/** Which value of a row is best: the highest, the lowest, or none (the row is informative only). */
export type Better = 'high' | 'low' | null;

export interface CompareRow {
  key: string;
  label: string;
  get: (r: SimulationResult) => number | null;
  fmt: (v: number | null) => string;
  better: Better;
}

export const COMPARE_ROWS: CompareRow[] = [
  {
    key: 'final',
    label: 'Final value (per 100 invested)',
    get: (r) => (r.finalValue / r.initialValue) * 100,
    fmt: (v) => fmtNum(v, 1),
    better: 'high',
  },
  {
    key: 'totalReturn',
    label: 'Total return',
    get: (r) => r.metrics.totalReturn,
    fmt: (v) => signedPct(v),
    better: 'high',
  },
  { key: 'cagr', label: 'CAGR', get: (r) => r.metrics.cagr, fmt: (v) => signedPct(v), better: 'high' },
  { key: 'volatility', label: 'Volatility', get: (r) => r.metrics.volatility, fmt: (v) => pct(v), better: 'low' },
  { key: 'sharpe', label: 'Sharpe', get: (r) => r.metrics.sharpe, fmt: (v) => fmtNum(v), better: 'high' },
  { key: 'sortino', label: 'Sortino', get: (r) => r.metrics.sortino, fmt: (v) => fmtNum(v), better: 'high' },
  {
    key: 'maxDrawdown',
    label: 'Max drawdown',
    get: (r) => r.metrics.maxDrawdown,
    fmt: (v) => (v === null ? '–' : `−${pct(v)}`),
    better: 'low',
  },
  {
    key: 'turnover',
    label: 'Turnover (a year)',
    get: (r) => r.metrics.annualTurnover,
    fmt: (v) => pct(v, 0),
    better: 'low',
  },
  {
    key: 'costs',
    label: 'Costs (% of initial)',
    get: (r) => r.metrics.costsPaid / r.initialValue,
    fmt: (v) => pct(v, 2),
    better: 'low',
  },
  {
    key: 'rebalances',
    label: 'Rebalances',
    get: (r) => r.metrics.rebalances,
    fmt: (v) => (v === null ? '–' : String(v)),
    better: null,
  },
];

/**
 * The best of a row's values (one per compared run), or null when there is nothing to highlight: a
 * single run, a row without a direction, or no finite value.
 */
export function bestValue(better: Better, values: Array<number | null>): number | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!better || values.length < 2 || finite.length === 0) return null;
  return better === 'high' ? Math.max(...finite) : Math.min(...finite);
}
