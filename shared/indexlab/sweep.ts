/**
 * Sensitivity sweep: runs one spec over a 2-D grid of parameter values (e.g. cadence x fee,
 * or maxWeight x top-N) and returns a matrix of metrics for a heatmap. The data is prepared
 * once and every run takes the metrics-only path of the engine. planSweep validates every cell's
 * spec; sweep-run.ts runs the plan (the simulation worker runs plans the renderer made).
 */
import { asPrepared } from './engine';
import type { PreparedData, SimulationData } from './prepare';
import { IndexSpecError, parseIndexSpec, validateIndexSpec } from './spec';
import { runSweepPlan, type PlannedCell, type SweepPlan } from './sweep-run';
import type { SimulationMetrics } from './types';

export { runSweepPlan, type PlannedCell, type SweepPlan };

export interface SweepAxis {
  /** Dotted path into the spec (e.g. "costs.feeBps") or a short alias (e.g. "feeBps"). */
  param: string;
  values: unknown[];
}

export interface SweepGrid {
  axisX: SweepAxis;
  axisY: SweepAxis;
}

export interface SweepCell {
  x: unknown;
  y: unknown;
  /** Null when this combination is invalid or cannot run (see `error`). */
  metrics: SimulationMetrics | null;
  error?: string;
}

export interface SweepResult {
  axisX: SweepAxis;
  axisY: SweepAxis;
  /** cells[iy][ix] for axisY.values[iy] and axisX.values[ix]. */
  cells: SweepCell[][];
}

/** Short names accepted for sweep parameters. */
export const SWEEP_PARAM_ALIASES: Readonly<Record<string, string>> = {
  cadence: 'rebalance.cadence',
  band: 'rebalance.band',
  feeBps: 'costs.feeBps',
  slippageBps: 'costs.slippageBps',
  maxWeight: 'weighting.maxWeight',
  method: 'weighting.method',
  volLookbackDays: 'weighting.volLookbackDays',
  signalLookbackDays: 'weighting.signalLookbackDays',
  n: 'universe.n',
  topN: 'universe.n',
  minHistoryDays: 'universe.minHistoryDays',
  riskOff: 'riskOff.enabled',
  maDays: 'riskOff.maDays',
};

/** Largest grid accepted. */
export const MAX_SWEEP_CELLS = 2500;

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Returns a copy of `spec` with the value at a dotted path (or alias) replaced. */
export function setSpecParam(spec: unknown, param: string, value: unknown): Record<string, unknown> {
  const path = (SWEEP_PARAM_ALIASES[param] ?? param).split('.');
  if (path.some((k) => k === '' || FORBIDDEN.has(k))) {
    throw new IndexSpecError([`sweep parameter "${param}" is not a valid spec path`]);
  }
  const root = JSON.parse(JSON.stringify(spec ?? {})) as Record<string, unknown>;
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = node[k];
    if (next === undefined || next === null) node[k] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) {
      throw new IndexSpecError([`sweep parameter "${param}": "${path.slice(0, i + 1).join('.')}" is not an object`]);
    }
    node = node[k] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return root;
}

function checkAxis(name: string, axis: SweepAxis | undefined): void {
  if (!axis || typeof axis.param !== 'string' || axis.param.trim() === '') {
    throw new IndexSpecError([`${name}.param: must name a spec field, e.g. "costs.feeBps"`]);
  }
  if (!Array.isArray(axis.values) || axis.values.length === 0) {
    throw new IndexSpecError([`${name}.values: must be a non-empty array`]);
  }
}

/**
 * Checks the grid and validates the spec of every (x, y) combination. Invalid combinations (e.g. a
 * value the schema rejects) become a cell with `error` instead of failing the sweep; a bad base spec
 * or grid throws IndexSpecError.
 */
export function planSweep(spec: unknown, grid: SweepGrid): SweepPlan {
  checkAxis('axisX', grid.axisX);
  checkAxis('axisY', grid.axisY);
  const cellsCount = grid.axisX.values.length * grid.axisY.values.length;
  if (cellsCount > MAX_SWEEP_CELLS) {
    throw new IndexSpecError([`sweep grid has ${cellsCount} cells; the limit is ${MAX_SWEEP_CELLS}`]);
  }
  const base = validateIndexSpec(spec);
  const cells: PlannedCell[][] = grid.axisY.values.map((y) =>
    grid.axisX.values.map((x): PlannedCell => {
      const input = setSpecParam(setSpecParam(base, grid.axisX.param, x), grid.axisY.param, y);
      const parsed = parseIndexSpec(input);
      return parsed.ok ? { x, y, spec: parsed.spec } : { x, y, error: parsed.errors.join('; ') };
    }),
  );
  return { axisX: grid.axisX, axisY: grid.axisY, cells };
}

/** Runs `spec` for every (x, y) combination (see planSweep for invalid combinations). */
export function sweep(spec: unknown, grid: SweepGrid, data: SimulationData | PreparedData): SweepResult {
  return runSweepPlan(planSweep(spec, grid), asPrepared(data));
}

/** Extracts one metric as a [y][x] matrix of numbers (null for failed cells or undefined metrics). */
export function sweepMatrix(result: SweepResult, metric: keyof SimulationMetrics): Array<Array<number | null>> {
  return result.cells.map((row) =>
    row.map((c) => {
      const v = c.metrics ? c.metrics[metric] : null;
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    }),
  );
}
