/**
 * Transfers between the user's own accounts: a withdrawal from one account matched with the deposit
 * it became on another, so the P&L does not read it as a sale and the returns not as money put in or
 * taken out. Pure; called by the P&L (./cost-basis.ts) and the returns' cash flows (./flows.ts).
 *
 * A deposit matches a withdrawal when it is on another account, of the same asset, and either carries
 * the same blockchain transaction id, or arrived within TRANSFER_WINDOW of it (an hour earlier at most,
 * for clocks that differ) for the amount sent net of the fee (or the gross amount, for exchanges that
 * report it so), within TRANSFER_TOLERANCE. Each deposit matches once; the closest amount wins, then
 * the earliest. Anything left is listed as unmatched.
 */
import { DAY_MS } from '../domain/types';
import type { AccountEntry, DepositEntry, WithdrawalEntry } from '../history/types';

/** How long after a withdrawal its deposit may arrive. */
export const TRANSFER_WINDOW_MS = 7 * DAY_MS;
/** How much earlier a deposit may be stamped than its withdrawal (clocks of two exchanges). */
export const TRANSFER_EARLY_MS = 3600_000;
/** Relative difference accepted between the amount sent and the amount received. */
export const TRANSFER_TOLERANCE = 0.002;

/** An entry of one account, by id. */
export interface EntryRef {
  accountId: string;
  id: string;
}

export interface TransferMatch {
  withdrawal: EntryRef;
  deposit: EntryRef;
  asset: string;
  /** Units received. */
  amount: number;
  t: number;
}

export interface TransferReport {
  matches: TransferMatch[];
  /** Withdrawals no account of the user received (sent elsewhere, or to an account Ballast doesn't know). */
  unmatchedWithdrawals: (EntryRef & { asset: string; amount: number; t: number })[];
  /** Deposits no account of the user sent (money from outside, or from an account Ballast doesn't know). */
  unmatchedDeposits: (EntryRef & { asset: string; amount: number; t: number })[];
}

type W = { accountId: string; e: WithdrawalEntry };
type D = { accountId: string; e: DepositEntry; used: boolean };

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-10, TRANSFER_TOLERANCE * Math.max(a, b));
}

/** Key of an entry within all accounts. */
export const refKey = (r: EntryRef): string => `${r.accountId}\u0000${r.id}`;

export function matchTransfers(all: readonly AccountEntry[]): TransferReport {
  const withdrawals: W[] = [];
  const depositsByAsset = new Map<string, D[]>();
  for (const { accountId, entry: e } of all) {
    if (e.kind === 'withdrawal') withdrawals.push({ accountId, e });
    if (e.kind === 'deposit') {
      let list = depositsByAsset.get(e.asset);
      if (!list) depositsByAsset.set(e.asset, (list = []));
      list.push({ accountId, e, used: false });
    }
  }
  withdrawals.sort((a, b) => a.e.t - b.e.t);
  for (const list of depositsByAsset.values()) list.sort((a, b) => a.e.t - b.e.t);

  const matches: TransferMatch[] = [];
  const matched = new Set<string>();
  for (const w of withdrawals) {
    const list = depositsByAsset.get(w.e.asset) ?? [];
    const fee = w.e.fee && w.e.fee.asset === w.e.asset ? w.e.fee.amount : 0;
    let best: { d: D; miss: number } | null = null;
    for (const d of list) {
      if (d.used || d.accountId === w.accountId) continue;
      if (w.e.txid && d.e.txid && w.e.txid === d.e.txid) {
        best = { d, miss: -1 };
        break;
      }
      if (d.e.t < w.e.t - TRANSFER_EARLY_MS) continue;
      if (d.e.t > w.e.t + TRANSFER_WINDOW_MS) break;
      const got = d.e.amount;
      const miss = Math.min(Math.abs(got - w.e.amount), fee > 0 ? Math.abs(got - (w.e.amount - fee)) : Infinity);
      if (!close(got, w.e.amount) && !(fee > 0 && close(got, w.e.amount - fee))) continue;
      if (!best || miss < best.miss) best = { d, miss };
    }
    if (!best) continue;
    best.d.used = true;
    const wr = { accountId: w.accountId, id: w.e.id };
    const dr = { accountId: best.d.accountId, id: best.d.e.id };
    matched.add(refKey(wr));
    matched.add(refKey(dr));
    matches.push({ withdrawal: wr, deposit: dr, asset: w.e.asset, amount: best.d.e.amount, t: best.d.e.t });
  }
  const item = (accountId: string, e: DepositEntry | WithdrawalEntry) => ({
    accountId,
    id: e.id,
    asset: e.asset,
    amount: e.amount,
    t: e.t,
  });
  return {
    matches,
    unmatchedWithdrawals: withdrawals
      .filter((w) => !matched.has(refKey({ accountId: w.accountId, id: w.e.id })))
      .map((w) => item(w.accountId, w.e)),
    unmatchedDeposits: [...depositsByAsset.values()]
      .flat()
      .filter((d) => !d.used)
      .sort((a, b) => a.e.t - b.e.t)
      .map((d) => item(d.accountId, d.e)),
  };
}
