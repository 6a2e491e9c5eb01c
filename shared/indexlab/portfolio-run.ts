/**
 * The my-portfolio what-if on validated options (portfolio.ts describes the model and validates the
 * options). Free of zod, so the simulation worker runs it with options the renderer validated.
 */
import { asPrepared, buildResult } from './engine/result';
import { runEngine } from './engine/run';
import { isKnownStablecoin } from './assets';
import { isoDay, parseIsoDay } from './calendar';
import { IndexLabError, type PreparedData, type SimulationData } from './prepare';
import type { IndexSpec } from './spec';
import { IndexSpecError } from './spec-error';
import type { MyPortfolioParsed, MyPortfolioResult } from './portfolio';

/** What the run fills into its spec: the holdings universe and the simulated days. */
export interface MyPortfolioSpecParts {
  symbols: string[];
  targets: Record<string, number>;
  startDate: string;
  endDate: string;
}

/** The spec of a my-portfolio run, before validation (toSpec turns it into an IndexSpec). */
export function myPortfolioSpecInput(o: MyPortfolioParsed, parts: MyPortfolioSpecParts | null) {
  return {
    name: 'My portfolio',
    universe: {
      type: 'holdings' as const,
      symbols: parts?.symbols ?? ['BTC'],
      targets: parts?.targets,
      includeStablecoins: true,
      minHistoryDays: 1,
      maxStaleDays: 3,
    },
    weighting: { method: 'equal' as const },
    rebalance: { cadence: o.cadence, band: o.band },
    costs: { feeBps: o.feeBps, slippageBps: o.slippageBps },
    startDate: parts?.startDate,
    endDate: parts?.endDate,
    riskFreeRate: o.riskFreeRate,
    benchmark: o.benchmark,
  };
}

/**
 * Runs the what-if on validated options. `toSpec` completes the run's spec: portfolio.ts validates
 * myPortfolioSpecInput with the schema; the worker fills the parts into a spec validated up front.
 */
export function runMyPortfolio(
  o: MyPortfolioParsed,
  data: SimulationData | PreparedData,
  toSpec: (parts: MyPortfolioSpecParts) => IndexSpec,
): MyPortfolioResult {
  const P = asPrepared(data);
  const warnings: string[] = [];

  let e = P.days - 1;
  if (o.endDate) {
    const ei = P.dayIndex(parseIsoDay(o.endDate));
    if (ei < 1)
      throw new IndexLabError(`endDate ${o.endDate} is before the price data starts (${isoDay(P.times[0]!)}).`);
    if (ei < e) e = ei;
  }
  let s0 = e - o.days;
  if (s0 < 0) {
    warnings.push(`Price data starts ${isoDay(P.times[0]!)}: simulated ${e} days instead of ${o.days}`);
    s0 = 0;
  }

  // Starting amounts by asset index; stablecoins without data become cash.
  const amounts = new Map<string, number>();
  for (const [k, v] of Object.entries(o.holdings)) {
    if (!(v > 0)) continue;
    const s = k.trim().toUpperCase();
    amounts.set(s, (amounts.get(s) ?? 0) + v);
  }
  if (amounts.size === 0) throw new IndexSpecError(['holdings: must hold at least one asset with an amount above 0']);
  const initialUnits = new Float64Array(P.symbols.length);
  let initialCash = 0;
  const nowValue = new Map<string, number>();
  const dropped: string[] = [];
  for (const [s, amt] of amounts) {
    const a = P.indexOf.get(s);
    if (a === undefined) {
      if (isKnownStablecoin(s)) {
        initialCash += amt;
        nowValue.set(s, amt);
      } else {
        dropped.push(`${s} (no price data)`);
      }
      continue;
    }
    const p0 = P.closeAt(a, s0);
    if (Number.isNaN(p0)) {
      dropped.push(`${s} (no price on ${isoDay(P.times[s0]!)})`);
      continue;
    }
    initialUnits[a] = amt;
    nowValue.set(s, amt * P.closeAt(a, e));
  }
  if (dropped.length > 0) warnings.push(`Left out of both portfolios: ${dropped.join(', ')}`);
  let nowTotal = 0;
  for (const v of nowValue.values()) nowTotal += v;
  if (!(nowTotal > 0)) throw new IndexLabError('None of the holdings has a price: nothing to simulate.');
  const currentWeights: Record<string, number> = {};
  for (const [s, v] of nowValue) currentWeights[s] = v / nowTotal;

  // Targets: given (normalised) or the current weights.
  let targets: Record<string, number> = {};
  if (o.targets) {
    let sum = 0;
    for (const [k, w] of Object.entries(o.targets)) {
      const s = k.trim().toUpperCase();
      targets[s] = (targets[s] ?? 0) + w;
      sum += w;
    }
    if (!(sum > 0)) throw new IndexSpecError(['targets: weights must add up to more than 0']);
    for (const s of Object.keys(targets)) targets[s] = targets[s]! / sum;
  } else {
    targets = { ...currentWeights };
  }

  const symbols = [...new Set([...nowValue.keys(), ...Object.keys(targets)])];
  const spec = toSpec({ symbols, targets, startDate: isoDay(P.times[s0]!), endDate: isoDay(P.times[e]!) });
  const out = runEngine(P, spec, { full: true, initialUnits, initialCash });
  const result = buildResult(P, spec, out);
  result.spec = { ...result.spec, initialCapital: result.initialValue };
  result.warnings.unshift(...warnings);
  const held = result.benchmarks.hold;
  return {
    start: result.start,
    end: result.end,
    startValue: result.initialValue,
    currentWeights,
    targets,
    rebalanced: { equity: result.equity, metrics: result.metrics },
    held,
    btc: result.benchmarks.btc,
    difference: result.finalValue - held.metrics.endValue,
    result,
    warnings: result.warnings,
  };
}
