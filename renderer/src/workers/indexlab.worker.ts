/**
 * Index Lab worker: runs simulations off the UI thread. It receives the price history once, prepares
 * it once per signal source (the engine's prepared data is reused by every run and sweep), and answers
 * run / sweep / my-portfolio requests. Sweeps report progress after every cell; the view cancels work
 * by terminating the worker and starting a new one. Specs and options arrive validated (the client
 * parses them), so the worker bundles the engine without zod.
 */
// Imported module by module, not through shared/indexlab's index, so the schema code stays out.
import type { PriceHistory } from '../../../shared/domain/types';
import { gradeSeries } from '../../../shared/grades';
import { simulateSpec } from '../../../shared/indexlab/engine/result';
import { runMyPortfolio, type MyPortfolioSpecParts } from '../../../shared/indexlab/portfolio-run';
import { IndexLabError, prepareData, type PreparedData, type SimulationData } from '../../../shared/indexlab/prepare';
import type { IndexSpec } from '../../../shared/indexlab/spec';
import { IndexSpecError } from '../../../shared/indexlab/spec-error';
import { runSweepPlan, type SweepPlan } from '../../../shared/indexlab/sweep-run';
import type { SweepResult } from '../../../shared/indexlab/sweep';
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

/** Runs a planned sweep, reporting progress at most every PROGRESS_EVERY_MS and at the end. */
function sweepWithProgress(id: number, plan: SweepPlan, P: PreparedData): SweepResult {
  let lastReport = -Infinity;
  return runSweepPlan(plan, P, (done, total) => {
    const now = performance.now();
    if (now - lastReport >= PROGRESS_EVERY_MS || done === total) {
      lastReport = now;
      scope.postMessage({ type: 'progress', id, done, total });
    }
  });
}

/** The my-portfolio spec: the client's validated spec with the holdings and days of this run. */
function withParts(spec: IndexSpec, parts: MyPortfolioSpecParts): IndexSpec {
  if (spec.universe.type !== 'holdings') throw new IndexLabError('The my-portfolio spec must use the holdings.');
  return {
    ...spec,
    universe: { ...spec.universe, symbols: parts.symbols, targets: parts.targets },
    startDate: parts.startDate,
    endDate: parts.endDate,
  };
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
        const result = simulateSpec(msg.spec, preparedFor(msg.signalSource));
        scope.postMessage({ type: 'run-result', id: msg.id, result, ms: performance.now() - started });
        break;
      }
      case 'sweep': {
        const result = sweepWithProgress(msg.id, msg.plan, preparedFor(msg.signalSource));
        scope.postMessage({ type: 'sweep-result', id: msg.id, result, ms: performance.now() - started });
        break;
      }
      case 'my-portfolio': {
        const result = runMyPortfolio(msg.options, preparedFor('trend'), (parts) => withParts(msg.spec, parts));
        scope.postMessage({ type: 'my-portfolio-result', id: msg.id, result, ms: performance.now() - started });
        break;
      }
    }
  } catch (err) {
    scope.postMessage(fail(msg.id, err));
  }
};
