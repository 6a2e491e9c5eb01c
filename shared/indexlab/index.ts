/**
 * Index Lab: deterministic simulation of crypto index strategies (universe selection,
 * weighting, caps, rebalancing with costs, risk-off), the "my portfolio" what-if, and
 * parameter sweeps. Pure: runs in main, renderer, CLI and tests. See docs/INDEX-LAB.md.
 */
export * from './spec';
export * from './catalog';
export * from './metrics';
export * from './types';
export * from './result-json';
export { applyWeightCap, normalizeWeights } from './weights';
export { IndexLabError, PreparedData, prepareData, type DataSources, type SimulationData } from './prepare';
export { dataCoverage, survivorsOnly } from './coverage';
export { simulate, simulateMetrics, simulateSpec, runEngine, buildResult, asPrepared, WarningLog } from './engine';
export type { EngineOptions, EngineOutput } from './engine';
export * from './portfolio';
export * from './sweep';
export * from './synthetic';
