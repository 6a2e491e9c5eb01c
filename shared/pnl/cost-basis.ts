/**
 * Cost basis and profit/loss per asset from the imported history of every account, FIFO or average
 * cost. Pure; the P&L service (electron/services/pnl-service.ts) runs it and docs/HISTORY-AND-PNL.md
 * gives the definitions.
 *
 * Every entry of every account is read in time order, the lots pooled per asset across accounts:
 * - a trade disposes of what was given (proceeds: the trade's value) and acquires what was got (cost:
 *   the same value). The value is the base-currency leg when there is one, else a USD stablecoin leg,
 *   else the day's close of what was got (or of what was given);
 * - a fee (of a trade, a withdrawal, or on its own) is a disposal at its value that day, and that value
 *   is counted under "fees" of the asset traded or withdrawn;
 * - income (staking, earn, airdrops) is acquired at its value that day and counted as income;
 * - a deposit from outside is acquired at its value that day (the real cost is unknown to the history);
 *   a withdrawal to outside takes units out at their cost, realizing nothing;
 * - a transfer between the user's own accounts (./transfers.ts) moves nothing, the pool being shared;
 * - the base currency is cash: it has no lots.
 * Total P&L = unrealized + realized - fees + income. Units disposed of beyond the lots held have no
 * known cost: their proceeds are left out of the realized P&L and they are reported (`uncovered`).
 */
import { balanceChanges } from '../history/changes';
import type { DailyPrices } from '../history/prices';
import type { AccountEntry, AssetAmount, TradeEntry } from '../history/types';
import { USD_PEGGED } from '../portfolio/pricing';
import { createLots, type CostMethod, type Lots } from './lots';
import { refKey, type TransferReport } from './transfers';

export interface AssetPnl {
  asset: string;
  /** Units the cost basis covers (imported history and manual holdings with a cost). */
  units: number;
  costBasis: number;
  /** Value of `units` now; null when the asset has no price. */
  value: number | null;
  unrealized: number | null;
  realized: number;
  /** Fees paid on trades and withdrawals of this asset, valued when paid. */
  fees: number;
  /** Staking, earn and airdrops received, valued when received. */
  income: number;
  /** Units sold, spent or sent whose cost the history does not know. */
  uncovered: number;
  /** Units of manual holdings without a cost basis (not in `units`). */
  unknownCostUnits: number;
}

export interface PnlTotals {
  costBasis: number;
  value: number;
  unrealized: number;
  realized: number;
  fees: number;
  income: number;
  /** unrealized + realized - fees + income. */
  total: number;
}

export interface PnlResult {
  method: CostMethod;
  base: string;
  assets: AssetPnl[];
  totals: PnlTotals;
  /** Deposits from outside, valued on arrival. */
  contributions: number;
  /** Withdrawals to outside, valued when sent. */
  withdrawals: number;
  /** Trades, fees or income that could not be valued (no price that day): counted at zero. */
  unvalued: number;
}

export interface PnlInputs {
  entries: readonly AccountEntry[];
  transfers: TransferReport;
  method: CostMethod;
  prices: DailyPrices;
  /** Price of one unit now, in the base; null when unpriced. */
  currentPrice: (asset: string) => number | null;
  /** Holdings kept by hand, with the cost the user entered (null: unknown). */
  manual?: readonly { asset: string; amount: number; costBasis: number | null }[];
}

interface Acc {
  lots: Lots;
  realized: number;
  fees: number;
  income: number;
  uncovered: number;
  manualUnits: number;
  manualCost: number;
  unknownCostUnits: number;
}

const isCashLike = (asset: string, base: string): boolean => asset === base || USD_PEGGED.includes(asset);

/** The asset a trade is "about": what was bought with cash, or sold for it; else what was got. */
export function tradedAsset(t: TradeEntry, base: string): string {
  if (isCashLike(t.give.asset, base) && !isCashLike(t.get.asset, base)) return t.get.asset;
  if (isCashLike(t.get.asset, base) && !isCashLike(t.give.asset, base)) return t.give.asset;
  return t.get.asset;
}

/** A trade's value in the base currency (see the module comment), or null. */
export function tradeValue(t: TradeEntry, prices: DailyPrices): number | null {
  const base = prices.base;
  const at = (x: AssetAmount) => {
    const p = prices.at(x.asset, t.t);
    return p === null ? null : p * x.amount;
  };
  if (t.give.asset === base) return t.give.amount;
  if (t.get.asset === base) return t.get.amount;
  if (USD_PEGGED.includes(t.give.asset)) return at(t.give) ?? at(t.get);
  if (USD_PEGGED.includes(t.get.asset)) return at(t.get) ?? at(t.give);
  return at(t.get) ?? at(t.give);
}

export function costBasis(inputs: PnlInputs): PnlResult {
  const { prices } = inputs;
  const base = prices.base;
  const by = new Map<string, Acc>();
  const acc = (asset: string): Acc => {
    let a = by.get(asset);
    if (!a) {
      a = {
        lots: createLots(inputs.method),
        realized: 0,
        fees: 0,
        income: 0,
        uncovered: 0,
        manualUnits: 0,
        manualCost: 0,
        unknownCostUnits: 0,
      };
      by.set(asset, a);
    }
    return a;
  };
  let unvalued = 0;
  let contributions = 0;
  let withdrawals = 0;
  const transferSides = new Set<string>();
  for (const m of inputs.transfers.matches) {
    transferSides.add(refKey(m.withdrawal));
    transferSides.add(refKey(m.deposit));
  }

  const acquire = (asset: string, units: number, cost: number | null): void => {
    if (asset === base) return;
    if (cost === null) unvalued += 1;
    acc(asset).lots.add(units, cost ?? 0);
  };
  /** Units leave; `proceeds` null: no sale (a withdrawal), nothing realized. */
  const dispose = (asset: string, units: number, proceeds: number | null): void => {
    if (asset === base) return;
    const a = acc(asset);
    const r = a.lots.remove(units);
    a.uncovered += r.uncovered;
    if (proceeds !== null && units > 0) a.realized += (proceeds * r.units) / units - r.cost;
  };
  const payFee = (fee: AssetAmount, t: number, chargedTo: string): void => {
    const p = prices.at(fee.asset, t);
    if (p === null) unvalued += 1;
    const v = (p ?? 0) * fee.amount;
    acc(chargedTo).fees += v;
    dispose(fee.asset, fee.amount, v);
  };

  const sorted = [...inputs.entries].sort((a, b) => a.entry.t - b.entry.t);
  for (const { accountId, entry: e } of sorted) {
    const isTransfer = transferSides.has(refKey({ accountId, id: e.id }));
    switch (e.kind) {
      case 'trade': {
        const v = tradeValue(e, prices);
        if (v === null) unvalued += 1;
        dispose(e.give.asset, e.give.amount, v);
        acquire(e.get.asset, e.get.amount, v ?? 0);
        if (e.fee) payFee(e.fee, e.t, tradedAsset(e, base));
        break;
      }
      case 'income': {
        const p = prices.at(e.asset, e.t);
        acquire(e.asset, e.amount, p === null ? null : p * e.amount);
        if (e.asset !== base) acc(e.asset).income += (p ?? 0) * e.amount;
        break;
      }
      case 'deposit': {
        if (isTransfer) break;
        const p = prices.at(e.asset, e.t);
        contributions += (p ?? 0) * e.amount;
        acquire(e.asset, e.amount, p === null ? null : p * e.amount);
        break;
      }
      case 'withdrawal': {
        if (!isTransfer) {
          withdrawals += (prices.at(e.asset, e.t) ?? 0) * e.amount;
          dispose(e.asset, e.amount, null);
        }
        if (e.fee) payFee(e.fee, e.t, e.asset);
        break;
      }
      case 'fee':
        payFee({ asset: e.asset, amount: e.amount }, e.t, e.asset);
        break;
      case 'adjustment':
        for (const c of balanceChanges(e)) {
          const p = prices.at(c.asset, e.t);
          if (c.delta > 0) {
            contributions += (p ?? 0) * c.delta;
            acquire(c.asset, c.delta, p === null ? null : p * c.delta);
          } else {
            withdrawals += (p ?? 0) * -c.delta;
            dispose(c.asset, -c.delta, null);
          }
        }
        break;
    }
  }

  for (const m of inputs.manual ?? []) {
    if (m.asset === base || !(m.amount > 0)) continue;
    const a = acc(m.asset);
    if (m.costBasis === null) a.unknownCostUnits += m.amount;
    else {
      a.manualUnits += m.amount;
      a.manualCost += m.costBasis;
    }
  }

  const assets: AssetPnl[] = [];
  for (const [asset, a] of [...by.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
    const units = a.lots.units() + a.manualUnits;
    const cost = a.lots.cost() + a.manualCost;
    const price = inputs.currentPrice(asset);
    const value = price === null ? null : price * units;
    assets.push({
      asset,
      units,
      costBasis: cost,
      value,
      unrealized: value === null ? null : value - cost,
      realized: a.realized,
      fees: a.fees,
      income: a.income,
      uncovered: a.uncovered,
      unknownCostUnits: a.unknownCostUnits,
    });
  }
  const sum = (f: (x: AssetPnl) => number | null): number => assets.reduce((s, x) => s + (f(x) ?? 0), 0);
  const totals: PnlTotals = {
    costBasis: sum((x) => x.costBasis),
    value: sum((x) => x.value),
    unrealized: sum((x) => x.unrealized),
    realized: sum((x) => x.realized),
    fees: sum((x) => x.fees),
    income: sum((x) => x.income),
    total: 0,
  };
  totals.total = totals.unrealized + totals.realized - totals.fees + totals.income;
  return { method: inputs.method, base, assets, totals, contributions, withdrawals, unvalued };
}
