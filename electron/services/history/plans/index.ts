/**
 * The import plan of each exchange whose history Ballast can read (Binance, Kraken, OKX), and the
 * earliest time each exchange's history can reach. Other exchanges have no plan: their accounts keep
 * syncing balances, and the import panel says the history cannot be imported.
 */
import { BINANCE_SINCE, binancePlan } from './binance';
import { KRAKEN_SINCE, krakenPlan } from './kraken';
import { OKX_SINCE, okxPlan } from './okx';
import type { ImportPlan } from './types';

const PLANS: Readonly<Record<string, { plan: ImportPlan; since: number }>> = {
  binance: { plan: binancePlan, since: BINANCE_SINCE },
  kraken: { plan: krakenPlan, since: KRAKEN_SINCE },
  okx: { plan: okxPlan, since: OKX_SINCE },
};

/** Exchanges whose history can be imported. */
export const HISTORY_EXCHANGES: readonly string[] = Object.keys(PLANS);

export function planFor(exchange: string): { plan: ImportPlan; since: number } | null {
  return PLANS[exchange] ?? null;
}

export type { ImportPlan, ImportStep, StepContext, Cursor, PageResult, PlanInputs } from './types';
