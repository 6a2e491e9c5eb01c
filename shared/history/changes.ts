/**
 * What an entry of an account's history does to its balances: signed changes per asset. The one
 * definition the holdings rebuild (./holdings.ts), the reconciliation (./reconcile.ts) and the P&L
 * (shared/pnl/) share. Pure.
 */
import type { HistoryEntry } from './types';

/** A signed change of one asset's balance (negative: units left the account). */
export interface BalanceChange {
  asset: string;
  delta: number;
}

/**
 * The balance changes of one entry, in a fixed order: for a trade what was given, what was got, then
 * the fee; for a withdrawal the amount sent, then the fee. Zero changes are left out.
 */
export function balanceChanges(e: HistoryEntry): BalanceChange[] {
  const out: BalanceChange[] = [];
  const add = (asset: string, delta: number): void => {
    if (delta !== 0 && Number.isFinite(delta)) out.push({ asset, delta });
  };
  switch (e.kind) {
    case 'trade':
      add(e.give.asset, -e.give.amount);
      add(e.get.asset, e.get.amount);
      if (e.fee) add(e.fee.asset, -e.fee.amount);
      break;
    case 'deposit':
    case 'income':
      add(e.asset, e.amount);
      break;
    case 'withdrawal':
      add(e.asset, -e.amount);
      if (e.fee) add(e.fee.asset, -e.fee.amount);
      break;
    case 'fee':
      add(e.asset, -e.amount);
      break;
    case 'adjustment':
      add(e.asset, e.amount);
      break;
  }
  return out;
}

/** Every asset an entry touches (its changes' assets). */
export function assetsOf(e: HistoryEntry): string[] {
  return [...new Set(balanceChanges(e).map((c) => c.asset))];
}

/** What the history explains each asset's balance to be now: the sum of every change. */
export function finalAmounts(entries: readonly HistoryEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    for (const c of balanceChanges(e)) out[c.asset] = (out[c.asset] ?? 0) + c.delta;
  }
  return out;
}
