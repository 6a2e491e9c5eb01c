/**
 * Rebalance plan: the trades that would bring a portfolio to a target set, net of trading fees.
 * Ballast never places orders; the plan is a list for the user to act on (or export as CSV).
 */
import { toCsv } from '../csv';
import type { Portfolio, TierThresholds, ValuedPosition } from '../domain/types';
import { roundSignificant } from '../money';
import { breakdown, type AssetSlice } from './breakdown';
import { lookup, type AssetCatalog, type AssetOverrides } from './classify';
import { driftRows, labelFor, targetSetSchema, type DriftRow, type TargetDimension, type TargetSet } from './targets';

export interface RebalanceOptions {
  /** Trading fee in basis points of the traded value (10 = 0.1%), charged on every buy and sell. */
  feeBps: number;
  /** Trades smaller than this value (base currency) are skipped and the holding is left as is. */
  minTradeValue?: number;
  thresholds?: TierThresholds;
  overrides?: AssetOverrides;
  /**
   * Unit prices (base currency) for assets that are not held but may be bought: targeted assets of
   * an asset target set, or the stablecoin proposed for an empty stablecoin group. USDC/USDT are
   * priced at 1 when the base is USD, USDC or USDT.
   */
  prices?: Record<string, number>;
}

export interface RebalanceTrade {
  asset: string;
  side: 'buy' | 'sell';
  /** Units of the asset to buy or sell. */
  amount: number;
  /** Traded value (amount x price) in the base currency, before the fee. */
  value: number;
  /** Fee on this trade: value x feeBps / 10,000. */
  fee: number;
  /** Unit price used for the plan. */
  price: number;
  /** Target key (tier, sector or asset) the asset counts toward. */
  group: string;
}

export interface UnfilledTarget {
  key: string;
  label: string;
  target: number;
  reason: 'no-holding' | 'no-price';
  message: string;
}

export interface SkippedTrade {
  asset: string;
  side: 'buy' | 'sell';
  value: number;
  reason: 'below-min-trade';
}

export interface AllocationSnapshot {
  /** Total priced value (after fees for the "after" snapshot). */
  total: number;
  /** Drift rows against the requested target set. */
  drift: DriftRow[];
  byAsset: Array<{ asset: string; group: string; value: number; share: number }>;
}

export interface RebalancePlan {
  base: string;
  asOf: number;
  dimension: TargetDimension;
  feeBps: number;
  /** Sells first, then buys; each group largest first. */
  trades: RebalanceTrade[];
  totalFees: number;
  totalSold: number;
  totalBought: number;
  before: AllocationSnapshot;
  after: AllocationSnapshot;
  /** Targets the plan cannot fill (no holding to buy, or no price); the rest are rescaled. */
  unfilled: UnfilledTarget[];
  skipped: SkippedTrade[];
  /** Positions without a price: left untouched and outside every share. */
  unpricedPositions: ValuedPosition[];
  notes: string[];
}

const USD_BASES = new Set(['USD', 'USDC', 'USDT']);
const USD_STABLES = ['USDC', 'USDT'];

interface Holding {
  asset: string;
  group: string;
  value: number;
  amount: number;
  /** null when the holding cannot be traded (zero value). */
  price: number | null;
  /** Target weight of the whole portfolio (after rescaling). */
  weight: number;
}

function groupKey(slice: AssetSlice, dimension: TargetDimension): string {
  return dimension === 'tier' ? slice.tier : dimension === 'sector' ? slice.sector : slice.key;
}

function isStableGroup(dimension: TargetDimension, key: string): boolean {
  return (dimension === 'tier' || dimension === 'sector') && key === 'stablecoin';
}

function formatPct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * Plan the trades that bring the priced holdings to the target set.
 *
 * - Asset targets apply to each asset. Tier/sector targets are spread over the assets held in the
 *   group, proportionally to their current values; a group with a positive target and no holding is
 *   reported in `unfilled` (nothing is invented), except the stablecoin group, which proposes USDC
 *   (or USDT when that is what the user holds) when a price is known.
 * - Held assets outside the target set have a target of 0 and are sold.
 * - Sells fund buys: the plan is cash-neutral, and fees (on both sides) come out of what is bought,
 *   so after the trades every weight matches its (rescaled) target and the total is lower by the fees.
 * Throws on an invalid target set or fee.
 */
export function rebalancePlan(
  portfolio: Portfolio,
  catalog: AssetCatalog,
  targetSet: TargetSet,
  opts: RebalanceOptions,
): RebalancePlan {
  const parsed = targetSetSchema.safeParse(targetSet);
  if (!parsed.success) {
    throw new Error(`invalid target set: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (!Number.isFinite(opts.feeBps) || opts.feeBps < 0 || opts.feeBps >= 10_000) {
    throw new Error(`invalid feeBps ${opts.feeBps}: expected 0 <= feeBps < 10000`);
  }
  const minTrade = Math.max(0, opts.minTradeValue ?? 0);
  const feeRate = opts.feeBps / 10_000;
  const { dimension } = targetSet;
  const b = breakdown(portfolio, catalog, { thresholds: opts.thresholds, overrides: opts.overrides });
  const notes: string[] = [];
  const unfilled: UnfilledTarget[] = [];

  const holdings = new Map<string, Holding>();
  for (const s of b.byAsset) {
    holdings.set(s.key, {
      asset: s.key,
      group: groupKey(s, dimension),
      value: s.value,
      amount: s.amount,
      price: s.amount > 0 && s.value > 0 ? s.value / s.amount : null,
      weight: 0,
    });
  }

  const priceFor = (asset: string): number | null => {
    const p = lookup(opts.prices, asset);
    if (p !== undefined && Number.isFinite(p) && p > 0) return p;
    if (USD_BASES.has(portfolio.base.toUpperCase()) && USD_STABLES.includes(asset.toUpperCase())) return 1;
    return null;
  };
  const addNew = (asset: string, group: string, price: number): Holding => {
    const h: Holding = { asset, group, value: 0, amount: 0, price, weight: 0 };
    holdings.set(asset, h);
    return h;
  };

  // Spread each target over the assets that can carry it.
  for (const [key, { target }] of Object.entries(targetSet.targets)) {
    if (target <= 0) continue;
    const label = labelFor(dimension, key);
    const cannotFill = (reason: UnfilledTarget['reason'], message: string): void => {
      unfilled.push({ key, label, target, reason, message });
    };
    if (dimension === 'asset') {
      const held = holdings.get(key);
      if (held?.price) {
        held.weight += target;
        continue;
      }
      const price = priceFor(key);
      if (price !== null && !held) {
        addNew(key, key, price).weight += target;
        continue;
      }
      cannotFill('no-price', `No price for ${key}: the plan cannot size a buy of ${formatPct(target)}.`);
      continue;
    }
    const members = [...holdings.values()].filter((h) => h.group === key && h.price !== null);
    const groupValue = members.reduce((s, h) => s + h.value, 0);
    if (groupValue > 0) {
      for (const h of members) h.weight += (target * h.value) / groupValue;
      continue;
    }
    if (isStableGroup(dimension, key)) {
      const heldStable = USD_STABLES.find((sym) => holdings.get(sym)?.price);
      const symbol = heldStable ?? 'USDC';
      const existing = holdings.get(symbol);
      const price = existing?.price ?? priceFor(symbol);
      if (price !== null) {
        const h = existing?.price ? existing : addNew(symbol, key, price);
        h.weight += target;
        notes.push(
          `No stablecoin is held in the ${label} group: the plan proposes ${symbol} for its ${formatPct(target)} target.`,
        );
        continue;
      }
      cannotFill(
        'no-price',
        `No price for ${symbol}: the plan cannot size the ${label} target of ${formatPct(target)}.`,
      );
      continue;
    }
    cannotFill(
      'no-holding',
      `No holding to buy in ${label} (target ${formatPct(target)}): pick an asset yourself; the plan suggests none.`,
    );
  }

  const weightSum = [...holdings.values()].reduce((s, h) => s + h.weight, 0);
  const total = b.total;
  const tradable = [...holdings.values()].filter((h) => h.price !== null);

  let finals = new Map<string, number>();
  let fees = 0;
  const skipped: SkippedTrade[] = [];

  if (total <= 0 || weightSum <= 0) {
    if (total <= 0) notes.push('Nothing priced to rebalance.');
    else notes.push('No target can be filled: no trades proposed.');
    for (const h of holdings.values()) finals.set(h.asset, h.value);
  } else {
    if (weightSum < 1 - 1e-9) {
      notes.push(
        `Targets that cannot be filled (${formatPct(1 - weightSum)}) were spread over the others in proportion to their targets.`,
      );
    }
    for (const h of holdings.values()) h.weight /= weightSum;

    const fixed = new Set<string>([...holdings.values()].filter((h) => h.price === null).map((h) => h.asset));
    // Fixed point on the post-fee total; converges because each step scales errors by <= feeRate.
    const solve = (): void => {
      const free = tradable.filter((h) => !fixed.has(h.asset));
      const fixedValue = [...holdings.values()].filter((h) => fixed.has(h.asset)).reduce((s, h) => s + h.value, 0);
      const freeWeight = free.reduce((s, h) => s + h.weight, 0);
      let after = total;
      for (let i = 0; i < 200; i++) {
        const pool = Math.max(0, after - fixedValue);
        let turnover = 0;
        finals = new Map();
        for (const h of holdings.values()) {
          const f = fixed.has(h.asset) || freeWeight <= 0 ? h.value : (pool * h.weight) / freeWeight;
          finals.set(h.asset, f);
          if (!fixed.has(h.asset)) turnover += Math.abs(f - h.value);
        }
        fees = turnover * feeRate;
        const next = total - fees;
        if (Math.abs(next - after) <= 1e-13 * total) break;
        after = next;
      }
    };
    solve();
    for (let round = 0; round < holdings.size + 1 && minTrade > 0; round++) {
      const small = tradable.filter((h) => {
        if (fixed.has(h.asset)) return false;
        const d = Math.abs((finals.get(h.asset) ?? 0) - h.value);
        return d > 0 && d < minTrade;
      });
      const remainingWeight = tradable
        .filter((h) => !fixed.has(h.asset) && !small.includes(h))
        .reduce((s, h) => s + h.weight, 0);
      if (small.length === 0 || remainingWeight <= 0) break;
      for (const h of small) {
        const d = (finals.get(h.asset) ?? 0) - h.value;
        skipped.push({ asset: h.asset, side: d > 0 ? 'buy' : 'sell', value: Math.abs(d), reason: 'below-min-trade' });
        fixed.add(h.asset);
      }
      solve();
    }
  }

  const trades: RebalanceTrade[] = [];
  const dust = Math.max(total, 1) * 1e-10;
  for (const h of holdings.values()) {
    const final = finals.get(h.asset) ?? h.value;
    const delta = final - h.value;
    if (h.price === null || Math.abs(delta) <= dust) {
      finals.set(h.asset, h.value);
      continue;
    }
    const value = Math.abs(delta);
    const sellAll = delta < 0 && final <= dust;
    trades.push({
      asset: h.asset,
      side: delta > 0 ? 'buy' : 'sell',
      amount: sellAll ? h.amount : value / h.price,
      value,
      fee: value * feeRate,
      price: h.price,
      group: h.group,
    });
  }
  trades.sort((x, y) => (x.side === y.side ? y.value - x.value : x.side === 'sell' ? -1 : 1));
  const totalFees = trades.reduce((s, t) => s + t.fee, 0);
  const totalSold = trades.filter((t) => t.side === 'sell').reduce((s, t) => s + t.value, 0);
  const totalBought = trades.filter((t) => t.side === 'buy').reduce((s, t) => s + t.value, 0);
  if (b.unpricedPositions.length > 0) {
    notes.push(`${b.unpricedPositions.length} unpriced position(s) are left out of the plan.`);
  }
  if (skipped.length > 0) {
    notes.push(`${skipped.length} trade(s) below the minimum trade value were skipped.`);
  }

  const snapshot = (values: Map<string, number>): AllocationSnapshot => {
    const sum = [...values.values()].reduce((s, v) => s + v, 0);
    const byAsset = [...holdings.values()]
      .map((h) => {
        const value = values.get(h.asset) ?? 0;
        return { asset: h.asset, group: h.group, value, share: sum > 0 ? value / sum : 0 };
      })
      .filter((a) => a.value > 0)
      .sort((x, y) => y.value - x.value);
    const groups = new Map<string, { key: string; label: string; value: number; share: number }>();
    for (const a of byAsset) {
      const g = groups.get(a.group) ?? { key: a.group, label: labelFor(dimension, a.group), value: 0, share: 0 };
      g.value += a.value;
      g.share = sum > 0 ? g.value / sum : 0;
      groups.set(a.group, g);
    }
    return { total: sum, drift: driftRows([...groups.values()], sum, targetSet), byAsset };
  };

  return {
    base: portfolio.base,
    asOf: portfolio.asOf,
    dimension,
    feeBps: opts.feeBps,
    trades,
    totalFees,
    totalSold,
    totalBought,
    before: snapshot(new Map([...holdings.values()].map((h) => [h.asset, h.value]))),
    after: snapshot(finals),
    unfilled,
    skipped,
    unpricedPositions: b.unpricedPositions,
    notes,
  };
}

/** Significant digits of the figures in a plan's CSV. */
export const CSV_DIGITS = 12;

export const PLAN_CSV_FIELDS = ['side', 'asset', 'amount', 'price', 'value', 'fee', 'group', 'base'] as const;

/**
 * The plan's trades as CSV (header row included), for the user to act on at their exchange. Every
 * figure is written with at most CSV_DIGITS significant digits, so no cell reads 3.6000000000000005
 * while a fee still matches its trade's value. Cells that a spreadsheet could read as a formula are
 * escaped.
 */
export function planToCsv(plan: RebalancePlan): string {
  const n = (x: number) => roundSignificant(x, CSV_DIGITS);
  return toCsv(
    PLAN_CSV_FIELDS,
    plan.trades.map((t) => [t.side, t.asset, n(t.amount), n(t.price), n(t.value), n(t.fee), t.group, plan.base]),
  );
}
