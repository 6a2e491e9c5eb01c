/**
 * The Index Lab client's requests, validated with the zod schemas before they are posted, so that the
 * worker gets plain data and carries no schema code. A spec, grid or options that does not validate
 * throws SimulationError("The spec is not valid.", one "path: reason" line per problem), the answer
 * the worker used to give. DOM-free; used by indexlab-client.ts.
 */
import {
  IndexSpecError,
  myPortfolioSpecInput,
  parseMyPortfolioOptions,
  planSweep,
  validateIndexSpec,
  type MyPortfolioOptions,
  type SweepGrid,
} from '../../../shared/indexlab';
import type { SignalSource, WorkerRequest } from './indexlab-protocol';

/** A request failed in the worker: `errors` lists spec problems ("path: reason") when there are any. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

const INVALID_SPEC = 'The spec is not valid.';

/** Runs `make`, turning a spec error into the SimulationError the view shows. */
function validated<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (err instanceof IndexSpecError) throw new SimulationError(INVALID_SPEC, err.errors);
    throw err;
  }
}

type Body<K extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: K }>, 'id'>;

export function runRequest(spec: unknown, signalSource: SignalSource): Body<'run'> {
  return validated(() => ({ type: 'run', spec: validateIndexSpec(spec), signalSource }));
}

/** Every cell's spec validated here; the worker only runs the plan. */
export function sweepRequest(spec: unknown, grid: SweepGrid, signalSource: SignalSource): Body<'sweep'> {
  return validated(() => ({ type: 'sweep', plan: planSweep(spec, grid), signalSource }));
}

/** The options and the run's spec (holdings and days left for the worker to fill in). */
export function myPortfolioRequest(options: MyPortfolioOptions): Body<'my-portfolio'> {
  return validated(() => {
    const o = parseMyPortfolioOptions(options);
    return { type: 'my-portfolio', options: o, spec: validateIndexSpec(myPortfolioSpecInput(o, null)) };
  });
}
