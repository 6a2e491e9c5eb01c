/**
 * The sensitivity sweep's axes: which spec parameters can be swept (SWEEP_PARAMS, keyed by the
 * engine's sweep aliases), which metrics the heatmap can show (SWEEP_METRICS), and the parsing of a
 * typed list ("weekly, monthly", "15, 25, none", "off, on") into engine values and display labels.
 *
 * Pure: no React, no DOM, so test/unit runs it under Node. Called by Sweep.tsx, SweepAxisFieldset.tsx,
 * lab-store.ts and lab-actions.ts.
 */
import { CADENCES, MAX_SWEEP_CELLS, WEIGHTING_METHODS, type SweepGrid } from '../../../../shared/indexlab';
import { pct } from '../../lib/format';
import { signedPct } from './lab-format';

/**
 * How a parameter's values are typed: one of a list, any number, a whole number, a percentage
 * (stored as a fraction), a percentage or "none" (null), or on/off.
 */
export type ParamKind = 'enum' | 'number' | 'int' | 'pct' | 'pct-or-none' | 'bool';

/** A parameter whose values are one of `options`. */
const oneOf = (label: string, options: readonly string[], example: string) =>
  ({ label, kind: 'enum', options, example }) as const;

export const SWEEP_PARAMS = {
  cadence: oneOf('Cadence', CADENCES, 'weekly, monthly, quarterly'),
  feeBps: { label: 'Fee (bps)', kind: 'number', options: null, example: '0, 10, 50' },
  slippageBps: { label: 'Slippage (bps)', kind: 'number', options: null, example: '0, 5, 20' },
  maxWeight: { label: 'Max weight (%)', kind: 'pct-or-none', options: null, example: '15, 25, 40, none' },
  n: { label: 'Top N', kind: 'int', options: null, example: '5, 10, 15, 20' },
  method: oneOf('Weighting', WEIGHTING_METHODS, 'marketcap, sqrt-marketcap, equal'),
  band: { label: 'Drift band (%)', kind: 'pct', options: null, example: '2, 5, 10' },
  riskOff: { label: 'Risk-off', kind: 'bool', options: null, example: 'off, on' },
  maDays: { label: 'Risk-off MA (days)', kind: 'int', options: null, example: '50, 100, 200' },
} as const satisfies Record<
  string,
  { label: string; kind: ParamKind; options: readonly string[] | null; example: string }
>;

export type AxisKey = keyof typeof SWEEP_PARAMS;
export const AXIS_KEYS = Object.keys(SWEEP_PARAMS) as AxisKey[];

export type SweepMetric =
  'totalReturn' | 'cagr' | 'sharpe' | 'sortino' | 'maxDrawdown' | 'volatility' | 'annualTurnover';

export const SWEEP_METRICS: Array<{ key: SweepMetric; label: string; higher: boolean; fmt: (v: number) => string }> = [
  { key: 'totalReturn', label: 'Total return', higher: true, fmt: (v) => signedPct(v, 0) },
  { key: 'sharpe', label: 'Sharpe', higher: true, fmt: (v) => v.toFixed(2) },
  { key: 'maxDrawdown', label: 'Max drawdown', higher: false, fmt: (v) => `−${pct(v, 0)}` },
  { key: 'cagr', label: 'CAGR', higher: true, fmt: (v) => signedPct(v, 0) },
  { key: 'sortino', label: 'Sortino', higher: true, fmt: (v) => v.toFixed(2) },
  { key: 'volatility', label: 'Volatility', higher: false, fmt: (v) => pct(v, 0) },
  { key: 'annualTurnover', label: 'Turnover (a year)', higher: false, fmt: (v) => pct(v, 0) },
];

export const SWEEP_METRIC_KEYS = SWEEP_METRICS.map((m) => m.key);

/** The heatmap metric `key` (the first one if `key` is unknown). */
export function sweepMetric(key: SweepMetric): (typeof SWEEP_METRICS)[number] {
  return SWEEP_METRICS.find((m) => m.key === key) ?? SWEEP_METRICS[0]!;
}

/** What the user typed in the sweep form (kept in the lab store). */
export interface SweepForm {
  xParam: AxisKey;
  xValues: string;
  yParam: AxisKey;
  yValues: string;
  metric: SweepMetric;
}

/** Most values one axis may list. */
export const MAX_AXIS_VALUES = 50;

export type ParsedAxis = { values: unknown[]; labels: string[] } | { error: string };

/** Parses "a, b, c" (commas, semicolons or spaces) for a sweep parameter into engine values and display labels. */
export function parseAxis(key: AxisKey, text: string): ParsedAxis {
  const def = SWEEP_PARAMS[key];
  const parts = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: `list one or more values, e.g. ${def.example}` };
  if (parts.length > MAX_AXIS_VALUES) return { error: `at most ${MAX_AXIS_VALUES} values per axis` };
  const values: unknown[] = [];
  const labels: string[] = [];
  for (const p of parts) {
    const low = p.toLowerCase();
    switch (def.kind) {
      case 'enum': {
        const opt = def.options?.find((o) => o.toLowerCase() === low);
        if (!opt) return { error: `"${p}" is not one of ${def.options?.join(', ')}` };
        values.push(opt);
        labels.push(opt);
        break;
      }
      case 'bool':
        if (['on', 'true', 'yes', '1'].includes(low)) {
          values.push(true);
          labels.push('on');
        } else if (['off', 'false', 'no', '0'].includes(low)) {
          values.push(false);
          labels.push('off');
        } else return { error: `"${p}" should be on or off` };
        break;
      default: {
        if (def.kind === 'pct-or-none' && (low === 'none' || low === 'no')) {
          values.push(null);
          labels.push('no cap');
          break;
        }
        const n = Number(p.replace(/%$/, ''));
        if (!Number.isFinite(n)) return { error: `"${p}" is not a number` };
        if (def.kind === 'int' && !Number.isInteger(n)) return { error: `"${p}" is not a whole number` };
        const pctKind = def.kind === 'pct' || def.kind === 'pct-or-none';
        values.push(pctKind ? n / 100 : n);
        labels.push(pctKind ? `${n}%` : String(n));
      }
    }
  }
  if (new Set(labels).size !== labels.length) return { error: 'a value is listed twice' };
  return { values, labels };
}

/** Both axes of a sweep, ready for the engine, with their display labels. */
export interface SweepAxes {
  grid: SweepGrid;
  xParam: AxisKey;
  yParam: AxisKey;
  xLabels: string[];
  yLabels: string[];
  /** Cells of the grid (x values times y values). */
  cells: number;
}

export type ParsedGrid = ({ ok: true } & SweepAxes) | { ok: false; x?: string; y?: string };

/** Both axes of the form, or the error of each axis (the same parameter on both is an error on y). */
export function parseGrid(form: SweepForm): ParsedGrid {
  const x = parseAxis(form.xParam, form.xValues);
  const y = parseAxis(form.yParam, form.yValues);
  const yError = form.xParam === form.yParam ? 'choose a different parameter for each axis' : undefined;
  if ('error' in x || 'error' in y || yError) {
    return {
      ok: false,
      ...('error' in x ? { x: x.error } : {}),
      ...(yError ? { y: yError } : 'error' in y ? { y: y.error } : {}),
    };
  }
  return {
    ok: true,
    grid: { axisX: { param: form.xParam, values: x.values }, axisY: { param: form.yParam, values: y.values } },
    xParam: form.xParam,
    yParam: form.yParam,
    xLabels: x.labels,
    yLabels: y.labels,
    cells: x.values.length * y.values.length,
  };
}

/** Why a grid of `cells` cells is refused, or null when the engine accepts it. */
export function cellsError(cells: number): string | null {
  return cells > MAX_SWEEP_CELLS ? `${cells} cells; the limit is ${MAX_SWEEP_CELLS.toLocaleString('en-US')}` : null;
}
