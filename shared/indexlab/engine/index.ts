/**
 * Index Lab engine: a deterministic daily simulation of an index strategy, split into steps
 * over one preallocated state (see run.ts for the order and the timing rules):
 * universe.ts and timeline.ts (set-up), decide.ts, execute.ts, value.ts, log.ts, and
 * result.ts (the public simulate / simulateMetrics / buildResult). Imported through
 * shared/indexlab only.
 */
export { asPrepared, buildResult, simulate, simulateMetrics } from './result';
export { runEngine } from './run';
export type { EngineOptions, EngineOutput } from './state';
export { WarningLog } from './warnings';
