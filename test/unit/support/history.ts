/**
 * Builders of imported-history entries and daily prices for the history and P&L unit tests. Every
 * builder returns a fresh object; ids are unique per call unless given.
 */
import { DAY_MS } from '../../../shared/domain/types';
import { dailyPrices, type DailyPrices } from '../../../shared/history/prices';
import type { AccountEntry, AssetAmount, HistoryEntry } from '../../../shared/history/types';

export const T0 = Date.UTC(2024, 0, 1);
/** Noon of day `d` after T0. */
export const day = (d: number): number => T0 + d * DAY_MS + 12 * 3600_000;

let seq = 0;
const nextId = (p: string) => `${p}-${++seq}`;

export function buy(
  t: number,
  asset: string,
  amount: number,
  cost: number,
  quote = 'USD',
  fee?: AssetAmount,
): HistoryEntry {
  return {
    kind: 'trade',
    id: nextId('t'),
    t,
    give: { asset: quote, amount: cost },
    get: { asset, amount },
    fee: fee ?? null,
    market: `${asset}/${quote}`,
  };
}

export function sell(
  t: number,
  asset: string,
  amount: number,
  proceeds: number,
  quote = 'USD',
  fee?: AssetAmount,
): HistoryEntry {
  return {
    kind: 'trade',
    id: nextId('t'),
    t,
    give: { asset, amount },
    get: { asset: quote, amount: proceeds },
    fee: fee ?? null,
    market: `${asset}/${quote}`,
  };
}

export function deposit(
  t: number,
  asset: string,
  amount: number,
  txid: string | null = null,
  id?: string,
): HistoryEntry {
  return { kind: 'deposit', id: id ?? nextId('d'), t, asset, amount, txid };
}

export function withdrawal(
  t: number,
  asset: string,
  amount: number,
  fee = 0,
  txid: string | null = null,
): HistoryEntry {
  return { kind: 'withdrawal', id: nextId('w'), t, asset, amount, fee: fee > 0 ? { asset, amount: fee } : null, txid };
}

export function income(t: number, asset: string, amount: number): HistoryEntry {
  return { kind: 'income', id: nextId('i'), t, asset, amount, source: 'staking' };
}

export const on = (accountId: string, entries: HistoryEntry[]): AccountEntry[] =>
  entries.map((entry) => ({ accountId, entry }));

/** Daily prices from a function of asset and day index (day 0 = T0), over `days` days. */
export function pricesFrom(
  fn: (asset: string, d: number) => number | null,
  assets: string[],
  days: number,
  base = 'USD',
): DailyPrices {
  const history: Record<string, { t: number; o: number; h: number; l: number; c: number; v: number }[]> = {};
  for (const a of assets) {
    history[a] = [];
    for (let d = 0; d < days; d++) {
      const c = fn(a, d);
      if (c !== null) history[a]!.push({ t: T0 + d * DAY_MS, o: c, h: c, l: c, c, v: 0 });
    }
  }
  return dailyPrices(history, { base });
}
