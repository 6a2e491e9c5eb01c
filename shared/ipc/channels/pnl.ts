/**
 * IPC channels of cost basis, P&L and returns (see shared/ipc/contract.ts), computed from the imported
 * account history (channels/history.ts) and the manual holdings' cost basis. The method (FIFO or
 * average cost) is the `costBasisMethod` setting.
 */
import { channel, NoArgs } from '../define';
import type { AssetPnl, PnlTotals } from '../../pnl/cost-basis';
import type { CostMethod } from '../../pnl/lots';
import type { PeriodReturn } from '../../pnl/returns';

export interface PnlRow extends AssetPnl {
  /** The asset's daily close in the base over the last 90 days, oldest first (days without a price left out). */
  sparkline: number[];
}

/** A deposit or withdrawal no other account of the user matched. */
export interface UnmatchedTransfer {
  kind: 'deposit' | 'withdrawal';
  account: string;
  asset: string;
  amount: number;
  t: number;
}

export interface PnlView {
  sample: boolean;
  /** Whether any account has imported history (without it only manual cost bases count). */
  imported: boolean;
  base: string;
  method: CostMethod;
  /** Assets with a cost basis or a P&L, and every held asset (for its sparkline), by asset. */
  rows: PnlRow[];
  totals: PnlTotals;
  /** Deposits from outside and withdrawals to outside, valued when they happened. */
  contributions: number;
  withdrawals: number;
  /** Transfers between the user's own accounts found, and the deposits and withdrawals left unmatched (newest first, at most 200). */
  transfers: { matched: number; unmatched: UnmatchedTransfer[]; unmatchedTotal: number };
  /** What the figures leave out or assume, in words. */
  notes: string[];
}

export interface ReturnsView {
  sample: boolean;
  imported: boolean;
  base: string;
  /** The periods the history reaches (1M, 3M, YTD, 1Y, All). */
  periods: PeriodReturn[];
  /** Which accounts the returns cover, in words; null without imported history. */
  scope: string | null;
}

export const pnlChannels = {
  /** Cost basis and P&L per asset and in total, transfers matched and unmatched, and notes. */
  'pnl:get': channel<PnlView>()(NoArgs),
  /** Simple, time-weighted and money-weighted returns over 1M, 3M, YTD, 1Y and all. */
  'pnl:returns': channel<ReturnsView>()(NoArgs),
  /** Writes the P&L per asset as CSV; path is null when the user cancelled. */
  'pnl:export': channel<{ path: string | null; rows: number }>()(NoArgs),
};
