/**
 * Runs a planned sweep (sweep.ts's planSweep: every cell's spec already validated, or its error) on
 * prepared data, cell by cell, reporting each finished cell. Free of zod: the simulation worker runs
 * the plans the renderer made, and sweep() in sweep.ts runs them in main, the CLI and the tests.
 */
import { simulateMetrics } from './engine/result';
import { IndexLabError, type PreparedData } from './prepare';
import type { IndexSpec } from './spec';
import type { SweepAxis, SweepCell, SweepResult } from './sweep';

/** One cell of a plan: the spec to run at (x, y), or why that combination is not valid. */
export type PlannedCell = { x: unknown; y: unknown; spec: IndexSpec } | { x: unknown; y: unknown; error: string };

export interface SweepPlan {
  axisX: SweepAxis;
  axisY: SweepAxis;
  /** cells[iy][ix] for axisY.values[iy] and axisX.values[ix]. */
  cells: PlannedCell[][];
}

/** Runs every cell; `onCell(done, total)` is called after each. */
export function runSweepPlan(
  plan: SweepPlan,
  P: PreparedData,
  onCell?: (done: number, total: number) => void,
): SweepResult {
  const total = plan.cells.reduce((n, row) => n + row.length, 0);
  let done = 0;
  const cells: SweepCell[][] = plan.cells.map((row) =>
    row.map((c) => {
      let cell: SweepCell;
      if ('error' in c) cell = { x: c.x, y: c.y, metrics: null, error: c.error };
      else {
        try {
          cell = { x: c.x, y: c.y, metrics: simulateMetrics(c.spec, P) };
        } catch (err) {
          if (!(err instanceof IndexLabError)) throw err;
          cell = { x: c.x, y: c.y, metrics: null, error: err.message };
        }
      }
      onCell?.(++done, total);
      return cell;
    }),
  );
  return { axisX: plan.axisX, axisY: plan.axisY, cells };
}
