/**
 * Messages between the Index Lab view and its Web Worker (indexlab.worker.ts). The worker gets the
 * price history once (`init`), prepares it once per signal source, then answers requests by id.
 * Specs and options arrive validated and defaulted (the client parses them with the zod schemas), so
 * the worker carries no schema code.
 */
import type { AssetInfo, PriceHistory } from '../../../shared/domain/types';
import type {
  DataSources,
  IndexSpec,
  MyPortfolioParsed,
  MyPortfolioResult,
  SimulationResult,
  SweepPlan,
  SweepResult,
} from '../../../shared/indexlab';

/**
 * Where the signal of 'signal' weighting comes from: the Trader Grade (shared/grades, app only) or the
 * engine's built-in trend (close / EMA - 1), which is what the CLI uses.
 */
export type SignalSource = 'grade' | 'trend';

/** The Trader Grade signal is `grade - GRADE_SIGNAL_NEUTRAL`: assets graded at or below it get no weight. */
export const GRADE_SIGNAL_NEUTRAL = 50;

/** The data every simulation runs on: sent to the worker once, with `init`. */
export interface WorkerInput {
  history: PriceHistory;
  catalog: Record<string, AssetInfo>;
  /** Providers and asset-list origin of the history, stated in each result's data coverage. */
  sources?: DataSources;
}

export type WorkerRequest =
  | ({ type: 'init' } & WorkerInput)
  | { type: 'run'; id: number; spec: IndexSpec; signalSource: SignalSource }
  | { type: 'sweep'; id: number; plan: SweepPlan; signalSource: SignalSource }
  /** `spec` is the run's spec validated with placeholder parts, which the worker fills in. */
  | { type: 'my-portfolio'; id: number; options: MyPortfolioParsed; spec: IndexSpec };

/** What each kind of request (by its `type`) resolves to. */
export interface WorkerResults {
  run: SimulationResult;
  sweep: SweepResult;
  'my-portfolio': MyPortfolioResult;
}

export interface DataSummary {
  symbols: string[];
  firstDay: number;
  lastDay: number;
  days: number;
  /** Problems found while preparing the prices (bad candles...). */
  warnings: string[];
}

export type WorkerResponse =
  | { type: 'ready'; summary: DataSummary }
  | { type: 'init-error'; message: string }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'run-result'; id: number; result: WorkerResults['run']; ms: number }
  | { type: 'sweep-result'; id: number; result: WorkerResults['sweep']; ms: number }
  | { type: 'my-portfolio-result'; id: number; result: WorkerResults['my-portfolio']; ms: number }
  | { type: 'error'; id: number; message: string; errors: string[] };
