/**
 * Index Lab engine: a deterministic daily simulation of an index strategy, split into steps
 * over one preallocated state (see run.ts for the order and the timing rules):
 * universe.ts and timeline.ts (set-up), decide.ts, execute.ts, value.ts, log.ts, result.ts
 * (simulateSpec / simulateMetrics / buildResult) and simulate.ts (simulate, which validates first).
 * Imported through shared/indexlab only.
 */
export { asPrepared, buildResult, simulateMetrics, simulateSpec } from './result';
export { simulate } from './simulate';
export { runEngine } from './run';
export type { EngineOptions, EngineOutput } from './state';
export { WarningLog } from './warnings';
