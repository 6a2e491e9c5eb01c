/**
 * Cost basis, P&L and returns as the Dashboard shows them (`ctx.pnl`, built once by createServices):
 * gathers the imported history's model (ctx.history), the manual holdings' cost basis, today's prices
 * and the cost-basis method setting, runs the pure domain (shared/pnl/) and words what the figures
 * leave out. Results are cached until the history model, the portfolio or the setting changes.
 */
import { toCsv } from '../../shared/csv';
import { DAY_MS } from '../../shared/domain/types';
import type { DailyPrices } from '../../shared/history/prices';
import { units } from '../../shared/history/reconcile';
import type { ManualHoldingsList } from '../../shared/holdings/types';
import type { PortfolioView } from '../../shared/ipc/channels/portfolio';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import type { PnlRow, PnlView, ReturnsView, UnmatchedTransfer } from '../../shared/ipc/channels/pnl';
import { costBasis, type PnlResult } from '../../shared/pnl/cost-basis';
import { returnsFor } from '../../shared/pnl/returns';
import type { Settings } from '../../shared/settings';
import { AppError } from './errors';
import type { AccountHistory, HistoryModel } from './history';
import { historyPrices } from './history/valuation';
import type { TickerMap } from '../../shared/portfolio/pricing';

export interface PnlServiceDeps {
  history: AccountHistory;
  settings: { get(): Settings };
  portfolio: () => PortfolioView;
  priceHistory: () => PriceHistoryView;
  manual: () => ManualHoldingsList;
  tickers: () => TickerMap[];
  saveFile: (name: string, content: string) => Promise<string | null>;
  now: () => number;
}

export interface PnlService {
  view(): Promise<PnlView>;
  returns(): Promise<ReturnsView>;
  exportCsv(): Promise<{ path: string | null; rows: number }>;
}

const SPARK_DAYS = 90;
const MAX_UNMATCHED = 200;

export const PNL_CSV_FIELDS = [
  'asset',
  'units',
  'cost_basis',
  'value',
  'unrealized',
  'realized',
  'fees',
  'income',
  'uncovered_units',
  'method',
  'base',
] as const;

function sparkline(prices: DailyPrices, asset: string, now: number): number[] {
  const out: number[] = [];
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  for (let d = SPARK_DAYS - 1; d >= 0; d--) {
    const p = prices.at(asset, today - d * DAY_MS);
    if (p !== null && Number.isFinite(p)) out.push(p);
  }
  return out;
}

function notesOf(r: PnlResult, model: HistoryModel | null, view: PortfolioView): string[] {
  const notes: string[] = [];
  const money = (x: number) => `${x.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${r.base}`;
  if (!model)
    notes.push(
      'No account history is imported yet: only manual holdings with a cost basis count. Import an account in Keys & Activity.',
    );
  for (const a of r.assets) {
    if (a.uncovered > 0) {
      notes.push(
        `${a.asset}: ${units(a.uncovered)} sold, spent or sent beyond what the history shows bought: their cost is unknown and left out of the realized P&L.`,
      );
    }
    if (a.unknownCostUnits > 0) {
      notes.push(
        `${a.asset}: ${units(a.unknownCostUnits)} in manual holdings without a cost basis are not counted (add one in Manual holdings).`,
      );
    }
  }
  if (r.contributions > 0) {
    notes.push(
      `Deposits from outside count at their value on arrival (${money(r.contributions)} in all): the history does not say what they cost before.`,
    );
  }
  if (r.unvalued > 0) notes.push(`${r.unvalued} trades, fees or rewards had no price on their day and count at zero.`);
  if (view.unpriced.length > 0)
    notes.push(`No price today for ${view.unpriced.join(', ')}: no value or unrealized P&L for them.`);
  return notes;
}

export function createPnlService(deps: PnlServiceDeps): PnlService {
  let cached: { model: HistoryModel | null; key: string; view: PnlView; returns: ReturnsView } | null = null;

  const compute = async (): Promise<{ view: PnlView; returns: ReturnsView }> => {
    const model = await deps.history.model();
    const portfolio = deps.portfolio();
    const settings = deps.settings.get();
    const manual = deps.manual();
    const key = JSON.stringify([
      portfolio.sample,
      portfolio.portfolio.positions.map((p) => [p.asset, p.amount, p.price]),
      settings.costBasisMethod,
      settings.baseCurrency,
      manual,
      Math.floor(deps.now() / DAY_MS),
    ]);
    if (cached && cached.model === model && cached.key === key) return cached;
    const base = portfolio.portfolio.base;
    const now = deps.now();
    const prices =
      model?.prices ??
      historyPrices({
        base,
        tickers: deps.tickers(),
        markets: [],
        candles: {},
        general: deps.priceHistory().history,
      });
    const priceNow = new Map<string, number>();
    for (const p of portfolio.portfolio.positions) if (p.price !== null) priceNow.set(p.asset, p.price);
    const result = costBasis({
      entries: portfolio.sample ? [] : (model?.entries ?? []),
      transfers: model?.transfers ?? { matches: [], unmatchedDeposits: [], unmatchedWithdrawals: [] },
      method: settings.costBasisMethod,
      prices,
      currentPrice: (asset) => priceNow.get(asset) ?? prices.at(asset, now),
      manual: portfolio.sample
        ? []
        : manual.wallets.flatMap((w) =>
            w.holdings.map((h) => ({ asset: h.asset, amount: h.amount, costBasis: h.costBasis ?? null })),
          ),
    });
    const byAsset = new Map(result.assets.map((a) => [a.asset, a]));
    const names = new Set([...byAsset.keys(), ...portfolio.portfolio.positions.map((p) => p.asset)]);
    const rows: PnlRow[] = [...names].sort().map((asset) => ({
      ...(byAsset.get(asset) ?? {
        asset,
        units: 0,
        costBasis: 0,
        value: null,
        unrealized: null,
        realized: 0,
        fees: 0,
        income: 0,
        uncovered: 0,
        unknownCostUnits: 0,
      }),
      sparkline: sparkline(prices, asset, now),
    }));
    const labels = new Map((model?.accounts ?? []).map((a) => [a.id, a.label]));
    const unmatched: UnmatchedTransfer[] = [
      ...(model?.transfers.unmatchedWithdrawals ?? []).map((w) => ({
        kind: 'withdrawal' as const,
        account: labels.get(w.accountId) ?? w.accountId,
        asset: w.asset,
        amount: w.amount,
        t: w.t,
      })),
      ...(model?.transfers.unmatchedDeposits ?? []).map((d) => ({
        kind: 'deposit' as const,
        account: labels.get(d.accountId) ?? d.accountId,
        asset: d.asset,
        amount: d.amount,
        t: d.t,
      })),
    ].sort((a, b) => b.t - a.t);
    const view: PnlView = {
      sample: portfolio.sample,
      imported: model !== null,
      base,
      method: result.method,
      rows,
      totals: result.totals,
      contributions: result.contributions,
      withdrawals: result.withdrawals,
      transfers: {
        matched: model?.transfers.matches.length ?? 0,
        unmatched: unmatched.slice(0, MAX_UNMATCHED),
        unmatchedTotal: unmatched.length,
      },
      notes: notesOf(result, model, portfolio),
    };
    const returns: ReturnsView = {
      sample: portfolio.sample,
      imported: model !== null,
      base,
      periods: model && !portfolio.sample ? returnsFor(model.values, model.flows) : [],
      scope: model ? `The accounts with imported history: ${model.accounts.map((a) => a.label).join(', ')}.` : null,
    };
    cached = { model, key, view, returns };
    return cached;
  };

  return {
    view: async () => (await compute()).view,
    returns: async () => (await compute()).returns,
    async exportCsv() {
      const { view } = await compute();
      const rows = view.rows.filter((r) => r.units > 0 || r.realized !== 0 || r.fees !== 0 || r.income !== 0);
      if (rows.length === 0)
        throw new AppError('nothing-to-export', 'There is no P&L to export yet: import an account history first.');
      const csv = toCsv(
        PNL_CSV_FIELDS,
        rows.map((r) => [
          r.asset,
          r.units,
          r.costBasis,
          r.value,
          r.unrealized,
          r.realized,
          r.fees,
          r.income,
          r.uncovered,
          view.method,
          view.base,
        ]),
      );
      const path = await deps.saveFile(`ballast-pnl-${new Date(deps.now()).toISOString().slice(0, 10)}.csv`, csv);
      return { path, rows: rows.length };
    },
  };
}
