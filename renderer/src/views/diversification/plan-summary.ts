/**
 * The rebalance plan as the panel shows it: whether a fee can be planned with, the summary cards, each
 * trade's price precision, the notes under the table and the message after an export. Fee bounds come
 * from the channel's own schema. Pure; used by PlanPanel and tested in
 * test/unit/diversification-view-plan.
 */
import type { RebalancePlan } from '../../../../shared/allocation/rebalance';
import { feeBpsInput } from '../../../../shared/ipc/channels/allocation';
import { money, pct } from '../../lib/format';

/** Fee bounds in basis points, as `allocation:plan` accepts them. */
export const FEE_BPS_MIN = feeBpsInput.minValue ?? 0;
export const FEE_BPS_MAX = feeBpsInput.maxValue ?? 1000;

/** Whether a typed fee (NaN while the field is empty) can be sent to `allocation:plan`. */
export function feeIsValid(feeBps: number): boolean {
  return feeBpsInput.safeParse(feeBps).success;
}

export interface PlanCard {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}

/** The figures above the trades: sold, bought, fees (with the rate) and the number of trades. */
export function planCards(p: RebalancePlan, base: string): PlanCard[] {
  return [
    { label: 'To sell', value: money(p.totalSold, base) },
    { label: 'To buy', value: money(p.totalBought, base) },
    {
      label: 'Fees',
      value: money(p.totalFees, base),
      hint: `${pct(p.feeBps / 10_000, 2)} of each trade`,
      testId: 'plan-fees',
    },
    { label: 'Trades', value: String(p.trades.length) },
  ];
}

export interface PlanNote {
  key: string;
  tag: { level: 'warn' | 'info'; text: 'unfilled' | 'skipped' | 'note' };
  text: string;
}

/** What the plan could not do or wants the user to know: unfilled targets, skipped trades, notes. */
export function planNotes(p: RebalancePlan, base: string): PlanNote[] {
  return [
    ...p.unfilled.map((u) => ({
      key: `u:${u.key}`,
      tag: { level: 'warn', text: 'unfilled' } as const,
      text: u.message,
    })),
    ...p.skipped.map((s) => ({
      key: `s:${s.asset}`,
      tag: { level: 'info', text: 'skipped' } as const,
      text: `${s.side} ${s.asset} ${money(s.value, base)}: below the minimum trade.`,
    })),
    ...p.notes.map((n) => ({ key: `n:${n}`, tag: { level: 'info', text: 'note' } as const, text: n })),
  ];
}

/** What the user is told after "Export CSV": where the trades went, or that nothing was saved. */
export function exportMessage(r: { path: string | null; trades: number }): { kind: 'ok'; text: string } {
  return r.path
    ? { kind: 'ok', text: `Saved ${r.trades} trades to ${r.path}` }
    : { kind: 'ok', text: 'Export cancelled.' };
}
