/**
 * simulate(): validates and defaults a spec (throws IndexSpecError), then runs it (result.ts). The
 * entry point of main, the CLI and the tests; kept apart from result.ts so that the engine itself
 * does not load the zod schemas.
 */
import type { PreparedData, SimulationData } from '../prepare';
import { validateIndexSpec } from '../spec';
import type { SimulationResult } from '../types';
import { simulateSpec } from './result';

/**
 * Simulates an index spec over the given price data.
 * `spec` may be partial JSON: it is validated and defaulted (throws IndexSpecError).
 * Throws IndexLabError when the data cannot support the run.
 */
export function simulate(spec: unknown, data: SimulationData | PreparedData): SimulationResult {
  return simulateSpec(validateIndexSpec(spec), data);
}
