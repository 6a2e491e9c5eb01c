/**
 * The Index Lab worker's path: the client validates specs and options with the schemas and posts
 * plain data; the worker runs them with zod-free modules (simulateSpec, runSweepPlan, runMyPortfolio
 * with the client's spec filled in). These give the same results as the validating entry points, and
 * a bad spec is refused by the client before anything is posted.
 */
import { describe, expect, it } from 'vitest';
import {
  generateSyntheticHistory,
  myPortfolioSpecInput,
  parseMyPortfolioOptions,
  planSweep,
  prepareData,
  runMyPortfolio,
  runSweepPlan,
  simulate,
  simulateMyPortfolio,
  simulateSpec,
  sweep,
  validateIndexSpec,
} from '../../shared/indexlab';
import {
  SimulationError,
  myPortfolioRequest,
  runRequest,
  sweepRequest,
} from '../../renderer/src/workers/indexlab-requests';

const data = generateSyntheticHistory({ assets: 12, days: 400, seed: 4 });
const P = prepareData(data);
const spec = { universe: { type: 'top', n: 6 }, weighting: { method: 'inverse-volatility' } };

describe('the worker path gives the validating entry points’ results', () => {
  it('runs a validated spec', () => {
    expect(simulateSpec(validateIndexSpec(spec), P).metrics).toEqual(simulate(spec, P).metrics);
  });

  it('runs a planned sweep cell by cell, reporting each, with invalid cells as errors', () => {
    const grid = { axisX: { param: 'maxWeight', values: [0.3, 1.5] }, axisY: { param: 'n', values: [3, 5] } };
    const seen: number[] = [];
    const planned = runSweepPlan(planSweep(spec, grid), P, (done, total) => {
      expect(total).toBe(4);
      seen.push(done);
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(planned).toEqual(sweep(spec, grid, P));
    expect(planned.cells[0]![1]!.error).toContain('weighting.maxWeight');
  });

  it('runs my portfolio with the client’s spec filled with the holdings and days', () => {
    const options = { holdings: { [P.symbols[0]!]: 2, [P.symbols[1]!]: 30, USDT: 100 }, days: 90, cadence: 'monthly' };
    const o = parseMyPortfolioOptions(options as never);
    const base = validateIndexSpec(myPortfolioSpecInput(o, null));
    const filled = runMyPortfolio(o, P, (parts) => ({
      ...base,
      universe: { ...base.universe, symbols: parts.symbols, targets: parts.targets } as typeof base.universe,
      startDate: parts.startDate,
      endDate: parts.endDate,
    }));
    const validated = simulateMyPortfolio(options as never, P);
    expect(filled.result.spec).toEqual(validated.result.spec);
    expect(filled.rebalanced.metrics).toEqual(validated.rebalanced.metrics);
    expect(filled.difference).toBe(validated.difference);
  });
});

describe('the client refuses what does not validate, before posting', () => {
  it('throws for a bad spec, sweep grid or options with one line per problem', () => {
    expect(() => runRequest({ universe: { type: 'top', n: 0 } }, 'trend')).toThrow(SimulationError);
    expect(() => runRequest({ universe: { type: 'top', n: 0 } }, 'trend')).toThrow(
      expect.objectContaining({ message: 'The spec is not valid.', errors: [expect.stringMatching(/universe\.n/)] }),
    );
    const grid = { axisX: { param: 'n', values: [] }, axisY: { param: 'n', values: [1] } };
    expect(() => sweepRequest(spec, grid, 'trend')).toThrow(
      expect.objectContaining({ errors: [expect.stringMatching(/axisX\.values/)] }),
    );
    expect(() => myPortfolioRequest({ holdings: { A: -1 } })).toThrow(
      expect.objectContaining({ message: 'The spec is not valid.' }),
    );
  });

  it('posts the validated, defaulted spec', () => {
    const body = runRequest(spec, 'grade');
    expect(body).toEqual({ type: 'run', spec: validateIndexSpec(spec), signalSource: 'grade' });
    expect(structuredClone(body)).toEqual(body);
  });
});
