/**
 * Index Lab worker: runs simulations off the UI thread. It receives the price history once, prepares
 * it once per signal source (the engine's prepared data is reused by every run and sweep), and answers
 * run / sweep / my-portfolio requests. Sweeps report progress after every cell; the view cancels work
 * by terminating the worker and starting a new one.
 */
import type { PriceHistory } from '../../../shared/domain/types';
import { gradeSeries } from '../../../shared/grades';
import {
  IndexLabError,
  IndexSpecError,
  MAX_SWEEP_CELLS,
  parseIndexSpec,
  prepareData,
  setSpecParam,
  simulate,
  simulateMetrics,
  simulateMyPortfolio,
  validateIndexSpec,
  type PreparedData,
  type SimulationData,
  type SweepCell,
  type SweepGrid,
  type SweepResult,
} from '../../../shared/indexlab';
import { GRADE_SIGNAL_NEUTRAL, type SignalSource, type WorkerRequest, type WorkerResponse } from './indexlab-protocol';

interface WorkerScope {
  postMessage(message: WorkerResponse): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

/** Sweeps report progress at most this often, so fast cells do not flood the UI thread. */
const PROGRESS_EVERY_MS = 100;

let data: SimulationData | null = null;
const prepared = new Map<SignalSource, PreparedData>();

/** Trader Grade per candle, centred so that only assets graded above neutral carry a positive signal. */
function gradeSignals(history: PriceHistory): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [symbol, candles] of Object.entries(history)) {
    const g = gradeSeries(candles);
    for (let i = 0; i < g.length; i++) g[i] = g[i]! - GRADE_SIGNAL_NEUTRAL;
    out[symbol] = g;
  }
  return out;
}

function preparedFor(source: SignalSource): PreparedData {
  if (!data) throw new IndexLabError('The price history has not been loaded yet.');
  let P = prepared.get(source);
  if (!P) {
    P = prepareData(source === 'grade' ? { ...data, signals: gradeSignals(data.prices) } : data);
    prepared.set(source, P);
  }
  return P;
}

/** A sweep that reports each finished cell (same semantics as `sweep` in shared/indexlab/sweep.ts). */
function sweepWithProgress(id: number, spec: unknown, grid: SweepGrid, P: PreparedData): SweepResult {
  const xs = grid.axisX.values;
  const ys = grid.axisY.values;
  const total = xs.length * ys.length;
  if (total === 0) throw new IndexSpecError(['the sweep needs at least one value on each axis']);
  if (total > MAX_SWEEP_CELLS) {
    throw new IndexSpecError([`sweep grid has ${total} cells; the limit is ${MAX_SWEEP_CELLS}`]);
  }
  const base = validateIndexSpec(spec);
  const cells: SweepCell[][] = [];
  let done = 0;
  let lastReport = -Infinity;
  for (const y of ys) {
    const row: SweepCell[] = [];
    for (const x of xs) {
      const input = setSpecParam(setSpecParam(base, grid.axisX.param, x), grid.axisY.param, y);
      const parsed = parseIndexSpec(input);
      if (!parsed.ok) {
        row.push({ x, y, metrics: null, error: parsed.errors.join('; ') });
      } else {
        try {
          row.push({ x, y, metrics: simulateMetrics(parsed.spec, P) });
        } catch (err) {
          if (!(err instanceof IndexLabError)) throw err;
          row.push({ x, y, metrics: null, error: err.message });
        }
      }
      done++;
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS || done === total) {
        lastReport = now;
        scope.postMessage({ type: 'progress', id, done, total });
      }
    }
    cells.push(row);
  }
  return { axisX: grid.axisX, axisY: grid.axisY, cells };
}

function fail(id: number, err: unknown): WorkerResponse {
  if (err instanceof IndexSpecError) {
    return { type: 'error', id, message: 'The spec is not valid.', errors: err.errors };
  }
  if (err instanceof IndexLabError) return { type: 'error', id, message: err.message, errors: [] };
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', id, message: `The simulation failed: ${message}`, errors: [] };
}

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    try {
      data = { prices: msg.history, catalog: msg.catalog, ...(msg.sources ? { sources: msg.sources } : {}) };
      prepared.clear();
      const P = preparedFor('trend');
      scope.postMessage({
        type: 'ready',
        summary: {
          symbols: P.symbols,
          firstDay: P.times[0] ?? 0,
          lastDay: P.times[P.days - 1] ?? 0,
          days: P.days,
          warnings: P.warnings,
        },
      });
    } catch (err) {
      scope.postMessage({ type: 'init-error', message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  const started = performance.now();
  try {
    switch (msg.type) {
      case 'run': {
        const result = simulate(msg.spec, preparedFor(msg.signalSource));
        scope.postMessage({ type: 'run-result', id: msg.id, result, ms: performance.now() - started });
        break;
      }
      case 'sweep': {
        const result = sweepWithProgress(msg.id, msg.spec, msg.grid, preparedFor(msg.signalSource));
        scope.postMessage({ type: 'sweep-result', id: msg.id, result, ms: performance.now() - started });
        break;
      }
      case 'my-portfolio': {
        const result = simulateMyPortfolio(msg.options, preparedFor('trend'));
        scope.postMessage({ type: 'my-portfolio-result', id: msg.id, result, ms: performance.now() - started });
        break;
      }
    }
  } catch (err) {
    scope.postMessage(fail(msg.id, err));
  }
};
