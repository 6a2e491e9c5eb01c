/**
 * The state of one engine run: the run's settings, the day-major input matrices, the
 * portfolio (units and cash), the basket chosen by the last decision, scratch buffers and
 * running totals, all allocated once by createState before the day loop. The steps
 * (decide.ts, execute.ts, value.ts, log.ts) are functions over this object; run.ts calls
 * them in order. Nothing in the day loop allocates except the logs of a full run.
 *
 * Field names follow the engine's maths: A assets, g a grid day, p = g - 1 the previous
 * close, s0 the funding day, e the last day.
 */
import type { PreparedData } from '../prepare';
import type { Cadence, IndexSpec } from '../spec';
import type { RebalanceLog, TradingStats } from '../types';
import { resolveTimeline } from './timeline';
import { marketCapWarnings, resolveUniverse, type Method } from './universe';
import { WarningLog } from './warnings';

export interface EngineOptions {
  /** Build curves, per-rebalance logs, weights over time and benchmarks. */
  full: boolean;
  /** Start from these units (by asset index) plus `initialCash` instead of spec.initialCapital in cash. */
  initialUnits?: Float64Array;
  initialCash?: number;
}

export interface EngineOutput {
  /** Grid index of the funding day and of the last day. */
  s0: number;
  e: number;
  equity: Float64Array;
  stats: TradingStats;
  rebalances: RebalanceLog[];
  /** End-of-day weight per asset index, for assets ever held (full mode); null otherwise. */
  weightSeries: (Float64Array | null)[];
  cashSeries: Float64Array | null;
  hold: Float64Array | null;
  btc: Float64Array | null;
  warnings: WarningLog;
  /** The run's candidate asset indices (universe.ts). */
  cand: Int32Array;
}

export interface EngineState {
  readonly P: PreparedData;
  readonly spec: IndexSpec;
  readonly warn: WarningLog;
  /** Build logs, weights over time and benchmarks (log.ts); false for a sweep. */
  readonly full: boolean;
  /** Number of assets (columns of the matrices). */
  readonly A: number;

  // The universe and weighting (universe.ts).
  readonly cand: Int32Array;
  readonly fixed: Float64Array | null;
  readonly fixedCash: number;
  readonly limit: number;
  readonly rankOnly: boolean;
  readonly method: Method;
  /** maxWeight per asset (fraction), or null. */
  readonly cap: number | null;
  /** Candles an asset needs up to the previous close to be eligible. */
  readonly minHist: number;
  readonly maxStale: number;

  // Day-major matrices: value of asset a on day g at [g * A + a].
  readonly closeM: Float64Array;
  readonly mcapM: Float64Array;
  readonly countM: Int32Array;
  readonly lastRealM: Int32Array;
  /** Trailing volatility (inverse-volatility weighting only). */
  readonly volM: Float64Array | null;
  /** Signal (signal weighting only). */
  readonly sigM: Float64Array | null;

  // Rebalance schedule and risk-off rule.
  readonly cadence: Cadence;
  readonly band: number;
  readonly ro: IndexSpec['riskOff'];
  /** Asset watched by btc-below-ma, -1 when it has no data. */
  readonly roAsset: number;
  readonly roSma: Float64Array | null;
  /** Day-major trend matrix of the basket-trend rule. */
  readonly roTrendM: Float64Array | null;
  /** Evaluate the risk-off rule every day, not only on rebalance days. */
  readonly dailyRisk: boolean;

  /** Fee + slippage as a fraction of traded value, and the fee's share of it. */
  readonly cRate: number;
  readonly feeShare: number;

  readonly s0: number;
  readonly e: number;
  /** e - s0 + 1 */
  readonly nDays: number;

  // The portfolio: units per asset and cash; held[0..nHeld) lists the assets with units.
  readonly units: Float64Array;
  cash: number;
  readonly held: Int32Array;
  nHeld: number;
  /** Targets of the last rebalance (weight per asset and in cash), for the drift check. */
  readonly tgtW: Float64Array;
  tgtCash: number;
  /** True while the risk-off rule holds the basket in cash. */
  riskOffOn: boolean;

  // The basket chosen by the last decision: selIdx/selW[0..nSel), weights sum to <= 1.
  readonly selIdx: Int32Array;
  readonly selW: Float64Array;
  readonly selKey: Float64Array;
  nSel: number;
  /** Weight held in cash because the cap could not be met. */
  selCapCash: number;
  /** Note for the rebalance log (full mode). */
  selNote: string;
  /** Scratch of the top-N ranking: a bounded heap (decide.ts). */
  readonly topIdx: Int32Array;
  readonly topKey: Float64Array;

  // Scratch of execute: target weight per asset and the union of held and target assets.
  readonly tw: Float64Array;
  readonly inUnion: Uint8Array;
  readonly union: Int32Array;

  // Running totals.
  feesPaid: number;
  slipPaid: number;
  turnover: number;
  nRebal: number;
  riskOffDays: number;

  // Curves: equity[k] is the value at the close of day s0 + k.
  readonly equity: Float64Array;
  readonly rebalances: RebalanceLog[];
  readonly weightSeries: (Float64Array | null)[];
  readonly cashSeries: Float64Array | null;
  /** Units and cash of the no-rebalancing benchmark (the first basket or the starting holdings). */
  holdUnits: Float64Array | null;
  holdCash: number;
}

/**
 * Resolves the universe, the matrices, the risk-off inputs and the timeline, and allocates
 * every buffer of the run. Throws IndexLabError when the run cannot start.
 */
export function createState(P: PreparedData, spec: IndexSpec, opts: EngineOptions): EngineState {
  const warn = new WarningLog();
  const A = P.symbols.length;
  const uni = resolveUniverse(P, spec, warn);
  const { cand, fixed } = uni;
  const method: Method = fixed ? 'fixed' : spec.weighting.method;
  const u = spec.universe;
  const volLen = spec.weighting.volLookbackDays;
  const minHist = Math.max(u.minHistoryDays, method === 'inverse-volatility' ? volLen + 1 : 1);
  const { closeM, mcapM, countM, lastRealM } = P;
  const volM = method === 'inverse-volatility' ? P.volatility(volLen) : null;
  const sigM = method === 'signal' ? P.signalByDay(spec.weighting.signalLookbackDays) : null;
  let builtinSignal = false;
  if (method === 'signal') for (const a of cand) if (!P.hasUserSignal[a]) builtinSignal = true;
  marketCapWarnings(P, uni, method, warn);

  const ro = spec.riskOff;
  let roAsset = -1;
  let roSma: Float64Array | null = null;
  let roTrendM: Float64Array | null = null;
  if (ro.enabled) {
    if (ro.rule === 'btc-below-ma') {
      roAsset = P.indexOf.get(ro.asset) ?? -1;
      if (roAsset < 0)
        warn.add('ro-missing', `Risk-off rule watches ${ro.asset}, which has no price data; the rule never triggers`);
      else roSma = P.sma(roAsset, ro.maDays);
    } else {
      roTrendM = P.trend(ro.maDays);
    }
  }

  const autoHist = Math.max(minHist, method === 'signal' && builtinSignal ? spec.weighting.signalLookbackDays : 1);
  const { s0, e } = resolveTimeline(P, spec, uni, autoHist, countM, mcapM, warn);
  const nDays = e - s0 + 1;

  const units = new Float64Array(A);
  let cash = spec.initialCapital;
  if (opts.initialUnits) {
    units.set(opts.initialUnits);
    cash = opts.initialCash ?? 0;
  }
  const held = new Int32Array(A);
  let nHeld = 0;
  for (let a = 0; a < A; a++) if (units[a]! > 0) held[nHeld++] = a;
  const { feeBps, slippageBps } = spec.costs;
  const cRate = (feeBps + slippageBps) / 10_000;
  const full = opts.full;
  const cadence = spec.rebalance.cadence;
  return {
    P,
    spec,
    warn,
    full,
    A,
    cand,
    fixed,
    fixedCash: uni.fixedCash,
    limit: uni.limit,
    rankOnly: uni.rankOnly,
    method,
    cap: spec.weighting.maxWeight,
    minHist,
    maxStale: u.maxStaleDays,
    closeM,
    mcapM,
    countM,
    lastRealM,
    volM,
    sigM,
    cadence,
    band: spec.rebalance.band,
    ro,
    roAsset,
    roSma,
    roTrendM,
    dailyRisk: ro.enabled && (ro.checkDaily || cadence === 'threshold'),
    cRate,
    feeShare: cRate > 0 ? feeBps / (feeBps + slippageBps) : 0,
    s0,
    e,
    nDays,
    units,
    cash,
    held,
    nHeld,
    tgtW: new Float64Array(A),
    tgtCash: 1,
    riskOffOn: false,
    selIdx: new Int32Array(A),
    selW: new Float64Array(A),
    selKey: new Float64Array(A),
    nSel: 0,
    selCapCash: 0,
    selNote: '',
    topIdx: new Int32Array(A),
    topKey: new Float64Array(A),
    tw: new Float64Array(A),
    inUnion: new Uint8Array(A),
    union: new Int32Array(A),
    feesPaid: 0,
    slipPaid: 0,
    turnover: 0,
    nRebal: 0,
    riskOffDays: 0,
    equity: new Float64Array(nDays),
    rebalances: [],
    weightSeries: new Array<Float64Array | null>(A).fill(null),
    cashSeries: full ? new Float64Array(nDays) : null,
    holdUnits: opts.initialUnits ? Float64Array.from(units) : null,
    holdCash: opts.initialUnits ? cash : 0,
  };
}
