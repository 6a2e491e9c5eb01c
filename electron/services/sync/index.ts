/**
 * The sync layer wired together: balances, prices, snapshots and price history, the periodic
 * schedule and the portfolio the app shows. Built once by createServices (ctx.sync).
 *
 * Held assets no account's tickers price are priced from public, keyless tickers (./public-prices.ts),
 * so manual holdings and watch-only wallets are valued without any exchange key.
 *
 * After every run with at least one account synced (or public prices fetched), a snapshot of the portfolio is appended
 * (id derived from the run, so it is written once) and the price history of held assets is brought
 * up to date in the background.
 *
 * A wallet besides spot (Binance/OKX funding) that could not be read in a sync is reported as a
 * notice (once per account, wallet and outcome while the app runs); the account itself stays ok.
 *
 * The status shows the exchanges paused by the exchange gate, and an account whose every balance read
 * as zero waits for `confirmEmpty` (./confirmation.ts).
 */
import { join } from 'node:path';
import type { AccountMeta, ExchangePause, PermissionReport } from '../../../shared/domain/keys';
import type { AssetInfo } from '../../../shared/domain/types';
import type { Notice } from '../../../shared/ipc/channels/app';
import type { AccountSyncStatus, SyncProgress, SyncRunSummary, SyncStatus } from '../../../shared/ipc/channels/sync';
import { snapshotFromPortfolio } from '../../../shared/portfolio/snapshots';
import type { Settings } from '../../../shared/settings';
import { AppError } from '../errors';
import type { ExchangeClient } from '../exchange';
import { fileNotice } from '../notices';
import type { SampleData } from '../sample';
import type { StoreFactory } from '../store';
import { BalanceStore } from './balance-store';
import { acceptEmptyBalance } from './confirmation';
import { SyncEngine, type SyncEngineDeps } from './engine';
import { HistoryService, type HistoryRefreshResult } from './history';
import { OhlcvCache } from './ohlcv-cache';
import { createPortfolioSource, type ManualSource, type PortfolioSource } from './portfolio-source';
import { createPublicPrices } from './public-prices';
import type { RetryPolicy } from './retry';
import { SnapshotStore } from './snapshot-store';

export { SyncEngine } from './engine';
export type { PortfolioSource, ManualSource } from './portfolio-source';

export interface SyncServiceDeps {
  dataDir: string;
  storeFactory: StoreFactory;
  now: () => number;
  settings: { get(): Settings; onChange(l: (s: Settings) => void): () => void };
  accounts: { list(): AccountMeta[]; reverify?(id: string): Promise<AccountMeta> };
  clientFor: (accountId: string) => Promise<ExchangeClient>;
  /** Key permission check (electron/services/exchange checkPermissions). */
  checkPermissions?: (client: ExchangeClient, exchangeId: string) => Promise<PermissionReport>;
  /** A client for public market data (price history). */
  publicClient: (exchange: string) => Promise<ExchangeClient>;
  /**
   * A keyless client for the prices of held assets no account prices (./public-prices.ts); none:
   * such assets stay unpriced.
   */
  pricesClient?: (exchange: string) => Promise<ExchangeClient>;
  /** The exchanges asked for those prices, in order (default PRICE_PROVIDERS). */
  priceProviders?: readonly string[];
  /** Exchanges paused by the exchange gate (none when absent). */
  pauses?: () => ExchangePause[];
  sample: () => SampleData;
  catalog: () => Record<string, AssetInfo>;
  emit: (p: SyncProgress) => void;
  notice?: (n: Omit<Notice, 'at'>) => void;
  manual?: ManualSource;
  /** Watch-only wallets, read in the same runs (see SyncEngineDeps.wallets). */
  wallets?: SyncEngineDeps['wallets'];
  /** Assets held outside the exchange accounts, priced through the accounts' tickers. */
  pricedAlso?: () => string[];
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Candles per history request (tests use small pages). */
  historyPageLimit?: number;
  /** Delay before the first automatic sync after start (default 5 s). */
  firstSyncDelayMs?: number;
  /** Told when a background refresh stored new price history. */
  onHistoryUpdated?: () => void;
}

export interface SyncService {
  engine: SyncEngine;
  source: PortfolioSource;
  balances: BalanceStore;
  snapshots: SnapshotStore;
  history: HistoryService;
  /** Start a sync or join the running one. */
  syncNow(): Promise<SyncRunSummary>;
  /**
   * Calls `listener` after every run in which at least one account synced (after the snapshot is
   * stored). Returns an unsubscribe.
   */
  onSynced(listener: (summary: SyncRunSummary) => void): () => void;
  status(): SyncStatus;
  /**
   * Accept the empty balance an account read (every amount zero) in place of its last balances.
   * Throws `not-found` when nothing waits for confirmation.
   */
  confirmEmpty(accountId: string): SyncStatus;
  /** Turn on the periodic schedule (idempotent); it follows settings.syncIntervalMinutes. */
  startSchedule(): void;
  /** The last background history refresh (tests wait on it). */
  historyIdle(): Promise<unknown>;
  lastHistoryRefresh(): HistoryRefreshResult | null;
  dispose(): Promise<void>;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const balances = new BalanceStore(deps.storeFactory, deps.dataDir);
  if (balances.recovered && deps.notice) {
    deps.notice(
      fileNotice({
        id: 'recovered:balances',
        subject: 'The saved balances',
        outcome: 'will fetch them again at the next sync',
        backupPath: balances.recovered.backupPath,
      }),
    );
  }
  const snapshots = SnapshotStore.open(join(deps.dataDir, 'snapshots.jsonl'), { now: deps.now });
  if (snapshots.report.backupPath && deps.notice) {
    deps.notice(
      fileNotice({
        id: 'snapshots:repaired',
        subject: 'The net-worth history',
        damage: 'line',
        outcome: 'kept every readable snapshot',
        backupPath: snapshots.report.backupPath,
      }),
    );
  }
  // Cached price history is read lazily: an unreadable file found while reading is moved aside and
  // fetched again at the next sync; the user is told once.
  const cache = new OhlcvCache(join(deps.dataDir, 'ohlcv'), deps.now, (file) =>
    deps.notice?.(
      fileNotice({
        id: 'recovered:ohlcv',
        level: 'info',
        subject: 'Some cached price history',
        outcome: 'fetches it again at the next sync',
        backupPath: file.backupPath,
      }),
    ),
  );
  const history = new HistoryService({
    cache,
    publicClient: deps.publicClient,
    now: deps.now,
    ...(deps.historyPageLimit ? { update: { pageLimit: deps.historyPageLimit } } : {}),
  });
  const source = createPortfolioSource({
    sample: deps.sample,
    catalog: deps.catalog,
    settings: deps.settings,
    accounts: deps.accounts,
    balances,
    history,
    snapshots,
    ...(deps.manual ? { manual: deps.manual } : {}),
    now: deps.now,
  });

  let disposed = false;
  const syncedListeners = new Set<(summary: SyncRunSummary) => void>();
  let lastHistory: HistoryRefreshResult | null = null;
  let historyJob: Promise<unknown> = Promise.resolve();

  const afterRun = async (summary: SyncRunSummary, ok: string[], pricedPublicly: boolean): Promise<void> => {
    // a run with manual holdings only has nothing synced but may have priced them
    if ((ok.length === 0 && !pricedPublicly) || disposed) return;
    const view = source.portfolio();
    if (!view.sample) {
      await snapshots.append(
        snapshotFromPortfolio(`sync-${summary.runId}`, view.portfolio, summary.finishedAt ?? deps.now()),
      );
      await snapshots.compact(deps.now());
    }
    for (const listener of syncedListeners) {
      try {
        listener(summary);
      } catch {
        // a failing listener must not break the sync
      }
    }
    const before = cache.revision;
    historyJob = history.refresh(source.historyMarkets()).then(
      (r) => {
        lastHistory = r;
        if (cache.revision !== before && !disposed) deps.onHistoryUpdated?.();
      },
      () => undefined,
    );
  };

  const engine = new SyncEngine({
    accounts: deps.accounts,
    clientFor: deps.clientFor,
    ...(deps.checkPermissions ? { checkPermissions: deps.checkPermissions } : {}),
    store: balances,
    now: deps.now,
    onProgress: deps.emit,
    onRunComplete: afterRun,
    onWalletIssue: (account, report) => {
      if (!deps.notice || !report.issue) return;
      const wallet = `${report.wallet} wallet`;
      deps.notice({
        id: `sync-wallet:${account.id}:${report.wallet}:${report.status}`,
        level: report.status === 'stale' ? 'warning' : 'info',
        title:
          report.status === 'stale'
            ? `"${account.label}": the ${wallet} could not be read.`
            : `"${account.label}": the ${wallet} is not included.`,
        message: report.issue.message,
      });
    },
    ...(deps.wallets ? { wallets: deps.wallets } : {}),
    ...(deps.pricedAlso ? { pricedAlso: deps.pricedAlso } : {}),
    ...(deps.pricesClient
      ? {
          publicPrices: createPublicPrices({
            client: deps.pricesClient,
            catalog: deps.catalog,
            baseCurrency: () => deps.settings.get().baseCurrency,
            ...(deps.priceProviders ? { providers: deps.priceProviders } : {}),
          }),
        }
      : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });

  // ---- periodic schedule -----------------------------------------------------------------------
  let scheduled = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextRunAt: number | null = null;
  let interval = deps.settings.get().syncIntervalMinutes;
  let firstRun = true;

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    nextRunAt = null;
    if (!scheduled || disposed || interval <= 0) return;
    const last = engine.lastRun()?.finishedAt ?? 0;
    const minDelay = firstRun ? (deps.firstSyncDelayMs ?? 5_000) : 1_000;
    const delay = Math.max(minDelay, last + interval * 60_000 - deps.now());
    nextRunAt = deps.now() + delay;
    timer = setTimeout(() => {
      timer = null;
      firstRun = false;
      // a run reports its failures per account; the next one is scheduled whatever happened
      engine
        .run()
        .catch(() => undefined)
        .finally(schedule);
    }, delay);
    timer.unref?.();
  };
  const unsubscribe = deps.settings.onChange((s) => {
    if (s.syncIntervalMinutes === interval) return;
    interval = s.syncIntervalMinutes;
    if (!engine.running) schedule();
  });

  const syncNow = (): Promise<SyncRunSummary> => {
    const p = engine.run();
    if (scheduled && !timer) return p;
    // a manual run restarts the countdown
    // the caller gets `p` and its failure; this branch only schedules the next run
    p.catch(() => undefined).finally(schedule);
    return p;
  };

  const status = (): SyncStatus => {
    const states = balances.states();
    const accounts: AccountSyncStatus[] = deps.accounts
      .list()
      .filter((a) => a.status !== 'revoked')
      .map((a) => ({
        accountId: a.id,
        label: a.label,
        exchange: a.exchange,
        accountStatus: a.status,
        lastAttemptAt: states[a.id]?.lastAttemptAt ?? null,
        lastSuccessAt: states[a.id]?.lastSuccessAt ?? null,
        lastError: states[a.id]?.lastError ?? null,
        stale: states[a.id]?.stale ?? a.status !== 'active',
        needsConfirmation: states[a.id]?.needsConfirmation ?? null,
      }));
    for (const w of deps.wallets?.syncList() ?? []) {
      accounts.push({
        accountId: w.id,
        label: w.label,
        exchange: 'on-chain',
        accountStatus: 'active',
        lastAttemptAt: states[w.id]?.lastAttemptAt ?? null,
        lastSuccessAt: states[w.id]?.lastSuccessAt ?? null,
        lastError: states[w.id]?.lastError ?? null,
        stale: states[w.id]?.stale ?? false,
      });
    }
    return {
      running: engine.running,
      lastRun: engine.lastRun(),
      accounts,
      intervalMinutes: interval,
      nextRunAt,
      pauses: deps.pauses?.() ?? [],
    };
  };

  const confirmEmpty = (accountId: string): SyncStatus => {
    const meta = deps.accounts.list().find((a) => a.id === accountId);
    const accepted = meta
      ? acceptEmptyBalance(balances.states()[accountId], balances.balances()[accountId], meta.exchange)
      : null;
    if (!accepted) throw new AppError('not-found', 'This account has no empty balance waiting for confirmation.');
    balances.replaceAccount(accountId, accepted.balances, accepted.state);
    return status();
  };

  return {
    engine,
    source,
    balances,
    snapshots,
    history,
    syncNow,
    onSynced(listener) {
      syncedListeners.add(listener);
      return () => syncedListeners.delete(listener);
    },
    status,
    confirmEmpty,
    startSchedule() {
      if (scheduled) return;
      scheduled = true;
      schedule();
    },
    historyIdle: async () => {
      await engine.runningPromise?.catch(() => undefined);
      await historyJob;
      await history.idle();
    },
    lastHistoryRefresh: () => lastHistory,
    async dispose() {
      disposed = true;
      scheduled = false;
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribe();
      engine.stop();
      // The running run (no more retries) and history refresh end before the activity log is flushed,
      // so none of their calls is recorded after shutdown.
      await engine.runningPromise?.catch(() => undefined);
      await historyJob.catch(() => undefined);
      await history.idle();
    },
  };
}
