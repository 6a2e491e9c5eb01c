/**
 * Account history, wired together (`ctx.history`, built once by createServices): imports of exchange
 * accounts' history (./importer.ts over the store ./store.ts), what each account's import found and
 * how it reconciles with today's balances, the model the net-worth chart and the P&L read (daily
 * holdings rebuilt back to the first entry, valued with daily closes), the net-worth series from the
 * first deposit (served as `snapshots:list`) and the transactions CSV.
 *
 * The model is cached until an import adds entries, prices or balances change, or the day turns.
 */
import { join } from 'node:path';
import type { AccountMeta } from '../../../shared/domain/keys';
import { balanceChanges, finalAmounts } from '../../../shared/history/changes';
import { dailyHoldings, sumHoldings, type DailyHoldings } from '../../../shared/history/holdings';
import { seriesFromValues, joinSeries, valueHoldings, type DailyValues } from '../../../shared/history/net-worth';
import type { DailyPrices } from '../../../shared/history/prices';
import { reconcile } from '../../../shared/history/reconcile';
import { ENTRY_KINDS, type AccountEntry, type EntryKind } from '../../../shared/history/types';
import type { AccountHistoryView, HistoryProgress } from '../../../shared/ipc/channels/history';
import type { Notice } from '../../../shared/ipc/channels/app';
import type { PriceHistoryView } from '../../../shared/ipc/channels/prices';
import type { SnapshotList } from '../../../shared/ipc/channels/snapshots';
import { dailyFlows, type DailyFlows } from '../../../shared/pnl/flows';
import { matchTransfers, type TransferReport } from '../../../shared/pnl/transfers';
import { chooseHistoryMarkets, USD_PEGGED, type HistoryMarket } from '../../../shared/portfolio/pricing';
import { seriesFromSnapshots, type SnapshotRange } from '../../../shared/portfolio/snapshots';
import type { Settings } from '../../../shared/settings';
import { AppError } from '../errors';
import type { ExchangeClient } from '../exchange';
import { exchangeDisplayName } from '../exchange/catalog';
import { fileNotice } from '../notices';
import type { SyncService } from '../sync';
import type { RetryPolicy } from '../sync/retry';
import { transactionsCsv } from './export';
import { Importer } from './importer';
import { planFor } from './plans';
import { HistoryStore, type StoredState } from './store';
import { historyPrices } from './valuation';

export interface AccountHistoryDeps {
  dataDir: string;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  emit: (p: HistoryProgress) => void;
  notice: (n: Omit<Notice, 'at'>) => void;
  accounts: { list(): AccountMeta[]; get(id: string): AccountMeta | null };
  clientFor: (accountId: string) => Promise<ExchangeClient>;
  settings: { get(): Settings };
  sync: SyncService;
  priceHistory: () => PriceHistoryView;
  saveFile: (name: string, content: string) => Promise<string | null>;
  /** Tests: smaller pages, no pacing, a quicker retry policy. */
  importOptions?: { pageSize?: number; paceScale?: number; retry?: RetryPolicy };
}

/** Everything the net-worth chart, the returns and the P&L read, for the accounts with imported history. */
export interface HistoryModel {
  base: string;
  /** Accounts (not revoked) with at least one entry. */
  accounts: AccountMeta[];
  entries: AccountEntry[];
  holdings: DailyHoldings;
  prices: DailyPrices;
  values: DailyValues;
  transfers: TransferReport;
  flows: DailyFlows;
}

export interface AccountHistory {
  store: HistoryStore;
  importer: Importer;
  list(): Promise<AccountHistoryView[]>;
  view(accountId: string): Promise<AccountHistoryView>;
  /** Starts (or joins) an import; resolves at once with the account's view. */
  startImport(accountId: string, opts?: { since?: number; extraAssets?: string[] }): Promise<AccountHistoryView>;
  cancel(accountId: string): boolean;
  /** Waits for every import in progress (tests, shutdown). */
  idle(): Promise<void>;
  model(): Promise<HistoryModel | null>;
  /** The net-worth series: imported history before install, recorded snapshots after. */
  netWorth(range: SnapshotRange): Promise<SnapshotList>;
  exportCsv(accountId?: string): Promise<{ path: string | null; rows: number }>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createAccountHistory(deps: AccountHistoryDeps): AccountHistory {
  const store = new HistoryStore(join(deps.dataDir, 'history'), {
    now: deps.now,
    onRecovered: (f) =>
      deps.notice(
        fileNotice({
          id: `recovered:history:${f.accountId}:${f.what}`,
          subject: f.what === 'entries' ? 'The imported history of an account' : 'The import state of an account',
          damage: f.what === 'entries' ? 'line' : 'file',
          outcome: f.what === 'entries' ? 'kept every readable entry' : 'will import that account again from the start',
          backupPath: f.backupPath,
        }),
      ),
  });
  const base = (): string => deps.settings.get().baseCurrency;
  const live = (): AccountMeta[] => deps.accounts.list().filter((a) => a.status !== 'revoked');
  const held = (accountId: string): Record<string, number> =>
    Object.fromEntries((deps.sync.balances.balances()[accountId]?.holdings ?? []).map((h) => [h.asset, h.total]));

  /** After the steps: choose the markets pricing the history's assets and fetch their candles back to the first entry. */
  const afterSteps = async (run: {
    account: AccountMeta;
    client: ExchangeClient;
    state: StoredState;
  }): Promise<string[]> => {
    const entries = await store.entries(run.account.id);
    if (entries.length === 0) return [];
    const assets = new Set<string>(Object.keys(held(run.account.id)));
    for (const e of entries) for (const c of balanceChanges(e)) assets.add(c.asset);
    const symbols = Object.keys(run.client.markets ?? {});
    const markets = chooseHistoryMarkets(assets, { [run.account.exchange]: symbols }, base());
    run.state.priceMarkets = markets.map((m) => m.symbol);
    const first = entries.reduce((m, e) => Math.min(m, e.t), Infinity);
    const r = await deps.sync.history.refresh(markets, { from: first });
    // the base currency, and USD stablecoins in a USD-like base, need no market (see shared/history/prices.ts)
    const pegged = (a: string) => a === base() || (USD_PEGGED.includes(base()) && USD_PEGGED.includes(a));
    const unpriced = [...assets].filter((a) => !pegged(a) && !markets.some((m) => m.asset === a));
    const notes: string[] = [];
    if (r.failed.length > 0) {
      notes.push(
        `Past prices of ${r.failed.map((f) => f.market.asset).join(', ')} could not be fetched now; the next import tries again.`,
      );
    }
    if (unpriced.length > 0)
      notes.push(
        `No market on ${exchangeDisplayName(run.account.exchange)} prices ${unpriced.sort().join(', ')}: their past value is unknown.`,
      );
    return notes;
  };

  const importer = new Importer({
    store,
    clientFor: deps.clientFor,
    now: deps.now,
    sleep: deps.sleep ?? sleepFor,
    emit: deps.emit,
    afterSteps,
    ...(deps.importOptions?.pageSize !== undefined ? { pageSize: deps.importOptions.pageSize } : {}),
    ...(deps.importOptions?.paceScale !== undefined ? { paceScale: deps.importOptions.paceScale } : {}),
    ...(deps.importOptions?.retry ? { retry: deps.importOptions.retry } : {}),
  });

  const view = async (accountId: string): Promise<AccountHistoryView> => {
    const a = deps.accounts.get(accountId);
    if (!a) throw new AppError('not-found', 'This account no longer exists.');
    const found = planFor(a.exchange);
    const entries = await store.entries(accountId);
    const state = await store.state(accountId);
    const counts = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0])) as Record<EntryKind, number>;
    let first: number | null = null;
    let last: number | null = null;
    for (const e of entries) {
      counts[e.kind] += 1;
      if (first === null || e.t < first) first = e.t;
      if (last === null || e.t > last) last = e.t;
    }
    const running = importer.running(accountId);
    return {
      accountId,
      label: a.label,
      exchange: a.exchange,
      exchangeName: exchangeDisplayName(a.exchange),
      supported: found !== null,
      lastRun: running ?? state.lastRun,
      running: running !== null,
      entries: entries.length,
      counts,
      firstEntryAt: first,
      lastEntryAt: last,
      marketsSearched: state.markets,
      extraAssets: state.extraAssets,
      since: state.since,
      gaps: found?.plan.gaps ?? [
        `Ballast cannot import ${exchangeDisplayName(a.exchange)} history yet: only its balances are synced.`,
      ],
      reconciliation:
        state.lastRun === null ? [] : reconcile(finalAmounts(entries), held(accountId), found?.plan.windowNote),
    };
  };

  let cached: { key: string; model: HistoryModel | null } | null = null;
  const model = async (): Promise<HistoryModel | null> => {
    const accounts = live();
    const now = deps.now();
    const key = JSON.stringify([
      store.revision,
      deps.sync.history.cache.revision,
      deps.sync.balances.revision,
      base(),
      accounts.map((a) => a.id),
      Math.floor(now / 86_400_000),
    ]);
    if (cached?.key === key) return cached.model;
    const entries: AccountEntry[] = [];
    const withHistory: AccountMeta[] = [];
    const perAccount: DailyHoldings[] = [];
    const markets: HistoryMarket[] = [];
    for (const a of accounts) {
      const list = await store.entries(a.id);
      if (list.length === 0) continue;
      withHistory.push(a);
      for (const entry of list) entries.push({ accountId: a.id, entry });
      perAccount.push(dailyHoldings(list, now));
      const state = await store.state(a.id);
      for (const symbol of state.priceMarkets)
        markets.push({ asset: symbol.split('/')[0]!, exchange: a.exchange, symbol });
    }
    if (withHistory.length === 0) {
      cached = { key, model: null };
      return null;
    }
    const general = deps.priceHistory();
    const prices = historyPrices({
      base: base(),
      tickers: Object.values(deps.sync.balances.tickers()).map((t) => t.prices),
      markets,
      candles: deps.sync.history.read(markets),
      general: general.sample ? null : general.history,
    });
    const holdings = sumHoldings(perAccount);
    const values = valueHoldings(holdings, prices);
    const transfers = matchTransfers(entries);
    const flows = dailyFlows(entries, transfers, prices, values.start, values.days);
    const m: HistoryModel = {
      base: base(),
      accounts: withHistory,
      entries,
      holdings,
      prices,
      values,
      transfers,
      flows,
    };
    cached = { key, model: m };
    return m;
  };

  const netWorth = async (range: SnapshotRange): Promise<SnapshotList> => {
    const recorded = deps.sync.source.netWorth(range);
    if (recorded.sample) return recorded;
    const m = await model();
    if (!m || m.values.days < 2) return recorded;
    const snaps = deps.sync.snapshots.list().filter((s) => s.base === m.base);
    const installedAt = snaps[0]?.t ?? null;
    const rebuilt = seriesFromValues(m.values, range);
    const others = live().filter((a) => !m.accounts.some((x) => x.id === a.id));
    const notes: string[] = [];
    const fromDay = new Date(m.values.start).toISOString().slice(0, 10);
    notes.push(
      `From ${fromDay}${installedAt ? ` to ${new Date(installedAt).toISOString().slice(0, 10)}` : ''}: rebuilt from the imported history of ${m.accounts.map((a) => a.label).join(', ')}${others.length > 0 ? ` (${others.map((a) => a.label).join(', ')} have no imported history and are not in it)` : ''}. Manual holdings and watch-only wallets have no history to import: they count from the install on.`,
    );
    if (m.values.clamped.length > 0)
      notes.push(
        `The history misses part of ${m.values.clamped.join(', ')}: see the reconciliation in Keys & Activity.`,
      );
    if (m.values.unpriced.length > 0)
      notes.push(`No past price for ${m.values.unpriced.join(', ')}: counted as nothing on those days.`);
    const series =
      installedAt === null
        ? rebuilt
        : joinSeries(rebuilt, seriesFromSnapshots(snaps, m.base, range, deps.now()), installedAt);
    return { ...series, range, sample: false, source: 'imported', installedAt, notes };
  };

  return {
    store,
    importer,
    list: async () =>
      Promise.all(
        deps.accounts
          .list()
          .filter((a) => a.status !== 'revoked')
          .map((a) => view(a.id)),
      ),
    view,
    async startImport(accountId, opts = {}) {
      const a = deps.accounts.get(accountId);
      if (!a) throw new AppError('not-found', 'This account no longer exists.');
      if (a.status === 'revoked')
        throw new AppError('account-revoked', 'This account was revoked: add a new key to import its history.');
      if (a.status === 'disabled')
        throw new AppError('account-disabled', 'This account is disabled: enable it to import its history.');
      if (!planFor(a.exchange)) {
        throw new AppError(
          'not-supported',
          `Ballast cannot import ${exchangeDisplayName(a.exchange)} history yet: only its balances are synced.`,
        );
      }
      void importer.start({
        account: a,
        held: Object.keys(held(accountId)),
        ...(opts.since !== undefined ? { since: opts.since } : {}),
        ...(opts.extraAssets ? { extraAssets: opts.extraAssets } : {}),
      });
      return view(accountId);
    },
    cancel: (accountId) => importer.cancel(accountId),
    async idle() {
      for (const a of deps.accounts.list()) await importer.promiseOf(a.id)?.catch(() => undefined);
    },
    model,
    netWorth,
    async exportCsv(accountId) {
      const accounts = live().filter((a) => accountId === undefined || a.id === accountId);
      const rows: AccountEntry[] = [];
      for (const a of accounts) for (const entry of await store.entries(a.id)) rows.push({ accountId: a.id, entry });
      if (rows.length === 0) throw new AppError('nothing-to-export', 'There is no imported history to export yet.');
      const labels = new Map(accounts.map((a) => [a.id, { label: a.label, exchange: a.exchange }]));
      const csv = transactionsCsv(rows, labels);
      const path = await deps.saveFile(
        `ballast-transactions-${new Date(deps.now()).toISOString().slice(0, 10)}.csv`,
        csv,
      );
      return { path, rows: rows.length };
    },
  };
}
