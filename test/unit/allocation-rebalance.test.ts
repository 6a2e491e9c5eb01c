import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CSV_DIGITS,
  PLAN_CSV_FIELDS,
  planToCsv,
  presetById,
  rebalancePlan,
  tierOf,
  type RebalancePlan,
  type TargetSet,
} from '../../shared/allocation';
import { DEFAULT_TIER_THRESHOLDS, type Portfolio, type ValuedPosition } from '../../shared/domain/types';
import { roundSignificant } from '../../shared/money';
import { CATALOG, portfolio } from './support/fixtures';

const PRICES: Record<string, number> = {
  BTC: 60_000,
  ETH: 3_000,
  LINK: 20,
  ARB: 0.8,
  PEPE: 0.00001,
  FET: 1.5,
  USDC: 1,
  USDT: 1,
};

function pos(custodyId: string, a: string, value: number): ValuedPosition {
  const price = PRICES[a] ?? 1;
  return { custodyId, asset: a, amount: value / price, price, value };
}

/** A portfolio holding these values (priced at PRICES) on the Binance account. */
const onBinance = (values: Record<string, number>, over: Partial<Portfolio> = {}): Portfolio =>
  portfolio(
    Object.entries(values).map(([a, v]) => pos('bin', a, v)),
    over,
  );

/** Apply the plan's trades to the aggregated holdings, independently of the planner. */
function applyPlan(p: Portfolio, plan: RebalancePlan): Map<string, { amount: number; value: number }> {
  const h = new Map<string, { amount: number; value: number }>();
  for (const x of p.positions) {
    if (x.value === null) continue;
    const cur = h.get(x.asset) ?? { amount: 0, value: 0 };
    h.set(x.asset, { amount: cur.amount + x.amount, value: cur.value + x.value });
  }
  for (const t of plan.trades) {
    const cur = h.get(t.asset) ?? { amount: 0, value: 0 };
    const sign = t.side === 'buy' ? 1 : -1;
    h.set(t.asset, { amount: cur.amount + sign * t.amount, value: cur.value + sign * t.amount * t.price });
  }
  return h;
}

function tierShares(h: Map<string, { value: number }>): Record<string, number> {
  const total = [...h.values()].reduce((s, x) => s + x.value, 0);
  const out: Record<string, number> = {};
  for (const [a, x] of h) {
    const t = tierOf(CATALOG[a], DEFAULT_TIER_THRESHOLDS);
    out[t] = (out[t] ?? 0) + x.value / total;
  }
  return out;
}

function cashAfter(plan: RebalancePlan): number {
  let cash = 0;
  for (const t of plan.trades) cash += t.side === 'sell' ? t.value - t.fee : -(t.value + t.fee);
  return cash;
}

// 100,000 in all: large 70k, mid 10k, small 15k, stablecoin 5k.
const MIXED = portfolio([
  pos('bin', 'BTC', 30_000),
  pos('ledger', 'BTC', 20_000),
  pos('bin', 'ETH', 20_000),
  pos('bin', 'LINK', 6_000),
  pos('bin', 'ARB', 4_000),
  pos('bin', 'PEPE', 5_000),
  pos('bin', 'FET', 10_000),
  pos('bin', 'USDC', 5_000),
]);

describe('rebalancePlan: tier targets', () => {
  const balanced = presetById('balanced')!.targetSet;

  it.each([0, 10, 50, 100])('reaches the targets after trades, within fees (feeBps %i)', (feeBps) => {
    const plan = rebalancePlan(MIXED, CATALOG, balanced, { feeBps });
    const after = applyPlan(MIXED, plan);
    const shares = tierShares(after);
    // Tolerance derived from the fee: weights may be off by at most the fee rate (plus rounding).
    const tol = feeBps / 10_000 + 1e-9;
    for (const [tier, t] of Object.entries(balanced.targets)) {
      expect(Math.abs((shares[tier] ?? 0) - t.target)).toBeLessThanOrEqual(tol);
    }
    // Sells fund buys: the plan leaves no cash over and needs none.
    expect(Math.abs(cashAfter(plan))).toBeLessThan(1e-6);
    // Fees are charged on both sides and reduce what is bought.
    const rate = feeBps / 10_000;
    expect(plan.totalFees).toBeCloseTo(rate * (plan.totalSold + plan.totalBought), 8);
    expect(plan.totalBought).toBeCloseTo(plan.totalSold - plan.totalFees, 6);
    const totalAfter = [...after.values()].reduce((s, x) => s + x.value, 0);
    expect(totalAfter).toBeCloseTo(100_000 - plan.totalFees, 6);
    expect(plan.after.total).toBeCloseTo(totalAfter, 6);
    for (const t of plan.trades) expect(t.fee).toBeCloseTo(t.value * rate, 10);
  });

  it('sells the overweight tiers and buys the underweight ones', () => {
    const plan = rebalancePlan(MIXED, CATALOG, balanced, { feeBps: 10 });
    const sides = Object.fromEntries(plan.trades.map((t) => [t.asset, t.side]));
    expect(sides).toMatchObject({ BTC: 'sell', ETH: 'sell', LINK: 'buy', ARB: 'buy', USDC: 'buy' });
    // Sells are listed before buys.
    const firstBuy = plan.trades.findIndex((t) => t.side === 'buy');
    expect(plan.trades.slice(firstBuy).every((t) => t.side === 'buy')).toBe(true);
  });

  it('spreads a tier over its holdings in proportion to their current values', () => {
    const plan = rebalancePlan(MIXED, CATALOG, balanced, { feeBps: 25 });
    const after = applyPlan(MIXED, plan);
    expect(after.get('BTC')!.value / after.get('ETH')!.value).toBeCloseTo(50 / 20, 9);
    expect(after.get('LINK')!.value / after.get('ARB')!.value).toBeCloseTo(6 / 4, 9);
    expect(after.get('FET')!.value / after.get('PEPE')!.value).toBeCloseTo(10 / 5, 9);
  });

  it('reports before/after drift against the requested targets', () => {
    const plan = rebalancePlan(MIXED, CATALOG, balanced, { feeBps: 10 });
    const before = Object.fromEntries(plan.before.drift.map((r) => [r.key, r]));
    expect(before.large?.actual).toBeCloseTo(0.7, 12);
    expect(before.large?.outsideBand).toBe(true);
    for (const r of plan.after.drift) {
      expect(Math.abs(r.drift)).toBeLessThan(1e-9);
      expect(r.outsideBand).toBe(false);
    }
  });

  it('does nothing for a portfolio already on target', () => {
    const set: TargetSet = {
      dimension: 'tier',
      targets: { large: { target: 0.7 }, mid: { target: 0.1 }, small: { target: 0.15 }, stablecoin: { target: 0.05 } },
    };
    const plan = rebalancePlan(MIXED, CATALOG, set, { feeBps: 10 });
    expect(plan.trades).toEqual([]);
    expect(plan.totalFees).toBe(0);
  });

  it('reports a tier with no holding instead of inventing a coin, and rescales the rest', () => {
    const noMid = onBinance({ BTC: 60_000, PEPE: 30_000, USDC: 10_000 });
    const plan = rebalancePlan(noMid, CATALOG, balanced, { feeBps: 0 });
    expect(plan.unfilled).toEqual([expect.objectContaining({ key: 'mid', reason: 'no-holding' })]);
    expect(plan.unfilled[0]!.message).toMatch(/no holding to buy/i);
    expect(plan.trades.map((t) => t.asset).sort()).toEqual(['BTC', 'PEPE', 'USDC'].sort());
    const shares = tierShares(applyPlan(noMid, plan));
    const t = balanced.targets;
    const rest = t.large!.target + t.small!.target + t.stablecoin!.target;
    expect(shares.large).toBeCloseTo(t.large!.target / rest, 9);
    expect(shares.small).toBeCloseTo(t.small!.target / rest, 9);
    expect(shares.mid ?? 0).toBe(0);
    expect(plan.notes.join(' ')).toMatch(/cannot be filled/);
  });

  it('proposes USDC for an empty stablecoin tier (priced at 1 in a USD portfolio)', () => {
    const noStable = onBinance({ BTC: 70_000, LINK: 20_000, PEPE: 10_000 });
    const plan = rebalancePlan(noStable, CATALOG, balanced, { feeBps: 20 });
    const usdc = plan.trades.find((t) => t.asset === 'USDC');
    expect(usdc).toMatchObject({ side: 'buy', price: 1, group: 'stablecoin' });
    expect(usdc!.amount).toBeCloseTo(usdc!.value, 9);
    expect(plan.unfilled).toEqual([]);
    const shares = tierShares(applyPlan(noStable, plan));
    expect(shares.stablecoin).toBeCloseTo(balanced.targets.stablecoin!.target, 3);
  });

  it('buys into held USDT rather than proposing USDC', () => {
    const withUsdt = onBinance({ BTC: 80_000, LINK: 10_000, PEPE: 9_000, USDT: 1_000 });
    const plan = rebalancePlan(withUsdt, CATALOG, balanced, { feeBps: 10 });
    expect(plan.trades.some((t) => t.asset === 'USDC')).toBe(false);
    expect(plan.trades.find((t) => t.asset === 'USDT')?.side).toBe('buy');
  });

  it('needs a price for the proposed stablecoin outside USD portfolios', () => {
    const eur = onBinance({ BTC: 70_000, LINK: 20_000, PEPE: 10_000 }, { base: 'EUR' });
    const without = rebalancePlan(eur, CATALOG, balanced, { feeBps: 10 });
    expect(without.unfilled).toEqual([expect.objectContaining({ key: 'stablecoin', reason: 'no-price' })]);
    expect(without.trades.some((t) => t.asset === 'USDC')).toBe(false);
    const priced = rebalancePlan(eur, CATALOG, balanced, { feeBps: 10, prices: { USDC: 0.9 } });
    const usdc = priced.trades.find((t) => t.asset === 'USDC');
    expect(usdc?.price).toBe(0.9);
    expect(usdc!.amount).toBeCloseTo(usdc!.value / 0.9, 9);
  });

  it('honours tier overrides and custom thresholds', () => {
    const set: TargetSet = { dimension: 'tier', targets: { large: { target: 0.5 }, small: { target: 0.5 } } };
    const p = onBinance({ BTC: 50_000, LINK: 50_000 });
    // LINK is mid by default: it has no target and is sold; as "small" it is kept.
    const plain = rebalancePlan(p, CATALOG, set, { feeBps: 0 });
    expect(plain.trades.find((t) => t.asset === 'LINK')?.side).toBe('sell');
    const overridden = rebalancePlan(p, CATALOG, set, { feeBps: 0, overrides: { LINK: { tier: 'small' } } });
    expect(overridden.trades).toEqual([]);
  });
});

describe('rebalancePlan: asset and sector targets', () => {
  it('sells untargeted assets entirely and reaches asset weights', () => {
    const p = onBinance({ BTC: 30_000, ETH: 30_000, PEPE: 40_000 });
    const set: TargetSet = { dimension: 'asset', targets: { BTC: { target: 0.6 }, ETH: { target: 0.4 } } };
    const plan = rebalancePlan(p, CATALOG, set, { feeBps: 30 });
    const pepe = plan.trades.find((t) => t.asset === 'PEPE');
    expect(pepe?.side).toBe('sell');
    expect(pepe?.amount).toBe(p.positions[2]!.amount);
    const after = applyPlan(p, plan);
    const total = [...after.values()].reduce((s, x) => s + x.value, 0);
    expect(after.get('BTC')!.value / total).toBeCloseTo(0.6, 9);
    expect(after.get('ETH')!.value / total).toBeCloseTo(0.4, 9);
    expect(after.get('PEPE')!.amount).toBe(0);
  });

  it('buys a targeted asset that is not held only when a price is given', () => {
    const p = portfolio([pos('bin', 'BTC', 100_000)]);
    const set: TargetSet = { dimension: 'asset', targets: { BTC: { target: 0.5 }, SOL: { target: 0.5 } } };
    const unpriced = rebalancePlan(p, CATALOG, set, { feeBps: 10 });
    expect(unpriced.unfilled).toEqual([expect.objectContaining({ key: 'SOL', reason: 'no-price' })]);
    expect(unpriced.trades).toEqual([]);
    const priced = rebalancePlan(p, CATALOG, set, { feeBps: 10, prices: { SOL: 150 } });
    const sol = priced.trades.find((t) => t.asset === 'SOL');
    expect(sol).toMatchObject({ side: 'buy', price: 150 });
    expect(sol!.amount * 150).toBeCloseTo(sol!.value, 9);
  });

  it('works on sector targets', () => {
    const set: TargetSet = {
      dimension: 'sector',
      targets: { L1: { target: 0.5 }, meme: { target: 0.1 }, stablecoin: { target: 0.4 } },
    };
    const p = onBinance({ BTC: 40_000, ETH: 20_000, PEPE: 30_000, USDC: 10_000 });
    const plan = rebalancePlan(p, CATALOG, set, { feeBps: 15 });
    const after = applyPlan(p, plan);
    const total = [...after.values()].reduce((s, x) => s + x.value, 0);
    expect((after.get('BTC')!.value + after.get('ETH')!.value) / total).toBeCloseTo(0.5, 9);
    expect(after.get('PEPE')!.value / total).toBeCloseTo(0.1, 9);
    expect(after.get('USDC')!.value / total).toBeCloseTo(0.4, 9);
  });
});

describe('rebalancePlan: edge cases', () => {
  const balanced = presetById('balanced')!.targetSet;

  it('skips trades below minTradeValue and stays cash-neutral', () => {
    // ARB needs only a small top-up to reach its share of the mid tier.
    const p = onBinance({ BTC: 47_000, LINK: 28_000, ARB: 20, PEPE: 17_000, USDC: 7_980 });
    const full = rebalancePlan(p, CATALOG, balanced, { feeBps: 10 });
    const arbTrade = full.trades.find((t) => t.asset === 'ARB');
    expect(arbTrade).toBeDefined();
    expect(arbTrade!.value).toBeLessThan(50);
    const plan = rebalancePlan(p, CATALOG, balanced, { feeBps: 10, minTradeValue: 50 });
    expect(plan.trades.every((t) => t.value >= 50)).toBe(true);
    expect(plan.skipped.map((s) => s.asset)).toContain('ARB');
    expect(Math.abs(cashAfter(plan))).toBeLessThan(1e-6);
  });

  it('leaves unpriced positions untouched and lists them', () => {
    const p = portfolio([
      ...MIXED.positions,
      { custodyId: 'bin', asset: 'MYSTERY', amount: 10, price: null, value: null },
    ]);
    const plan = rebalancePlan(p, CATALOG, balanced, { feeBps: 10 });
    expect(plan.unpricedPositions.map((x) => x.asset)).toEqual(['MYSTERY']);
    expect(plan.trades.some((t) => t.asset === 'MYSTERY')).toBe(false);
    expect(plan.notes.join(' ')).toMatch(/unpriced/);
  });

  it('returns an empty plan for an empty portfolio', () => {
    const plan = rebalancePlan(portfolio([]), CATALOG, balanced, { feeBps: 10 });
    expect(plan.trades).toEqual([]);
    expect(plan.totalFees).toBe(0);
    expect(plan.after.total).toBe(0);
  });

  it('plans a single-asset portfolio into the stablecoin reserve', () => {
    const set: TargetSet = { dimension: 'tier', targets: { large: { target: 0.9 }, stablecoin: { target: 0.1 } } };
    const plan = rebalancePlan(portfolio([pos('bin', 'BTC', 10_000)]), CATALOG, set, { feeBps: 10 });
    expect(plan.trades.map((t) => [t.asset, t.side])).toEqual([
      ['BTC', 'sell'],
      ['USDC', 'buy'],
    ]);
  });

  it('rejects an invalid target set or fee with a clear error', () => {
    expect(() =>
      rebalancePlan(MIXED, CATALOG, { dimension: 'tier', targets: { large: { target: 0.5 } } }, { feeBps: 10 }),
    ).toThrow(/100%/);
    expect(() => rebalancePlan(MIXED, CATALOG, balanced, { feeBps: -1 })).toThrow(/feeBps/);
    expect(() => rebalancePlan(MIXED, CATALOG, balanced, { feeBps: Number.NaN })).toThrow(/feeBps/);
  });
});

describe('planToCsv', () => {
  it('round-trips through papaparse', () => {
    const plan = rebalancePlan(MIXED, CATALOG, presetById('growth')!.targetSet, { feeBps: 10 });
    expect(plan.trades.length).toBeGreaterThan(2);
    const csv = planToCsv(plan);
    const parsed = Papa.parse<Record<string, string | number>>(csv, {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...PLAN_CSV_FIELDS]);
    expect(parsed.data).toHaveLength(plan.trades.length);
    parsed.data.forEach((row, i) => {
      const t = plan.trades[i]!;
      const n = (x: number) => roundSignificant(x, CSV_DIGITS);
      expect(row).toEqual({
        side: t.side,
        asset: t.asset,
        amount: n(t.amount),
        price: n(t.price),
        value: n(t.value),
        fee: n(t.fee),
        group: t.group,
        base: 'USD',
      });
      for (const x of [t.amount, t.price, t.value, t.fee]) expect(Math.abs(n(x) - x)).toBeLessThanOrEqual(x * 1e-11);
    });
  });

  it('writes only the header for an empty plan and escapes formula-like cells', () => {
    const plan = rebalancePlan(portfolio([]), CATALOG, presetById('growth')!.targetSet, { feeBps: 10 });
    expect(planToCsv(plan).trim()).toBe(PLAN_CSV_FIELDS.join(','));
    const evil: RebalancePlan = {
      ...plan,
      trades: [{ asset: '=HYPERLINK("x")', side: 'buy', amount: 1, value: 1, fee: 0, price: 1, group: 'small' }],
    };
    const rows = Papa.parse<Record<string, string>>(planToCsv(evil), { header: true, skipEmptyLines: true }).data;
    expect(rows[0]?.asset?.startsWith("'")).toBe(true);
  });

  it('writes figures without binary noise', () => {
    const plan = rebalancePlan(portfolio([]), CATALOG, presetById('growth')!.targetSet, { feeBps: 10 });
    const noisy: RebalancePlan = {
      ...plan,
      trades: [{ asset: 'SOL', side: 'sell', amount: 0.1 + 0.2, value: 3 * 1.2, fee: 0.0036, price: 12, group: 'mid' }],
    };
    const row = planToCsv(noisy).trim().split('\n')[1];
    expect(row).toBe('sell,SOL,0.3,12,3.6,0.0036,mid,USD');
  });
});
