// Kept whole: the one place where every service is built in order; longer than 400 lines for that reason.
/**
 * Kept whole: one function wires every service in dependency order, and the order reads best in one place.
 * The main process's services, wired together. Plain Node: the Electron shell (electron/main) and the
 * E2E harness (test/e2e/harness.ts) both build the app from this one function, so what the tests
 * exercise is what ships.
 *
 * Every service is built once, in dependency order (data folder, settings, market data, vault, activity
 * log, accounts, manual holdings, watch-only wallets, sync, market history, grades, notifications, Index
 * Lab specs, account history, P&L), and handed to the handlers as a field of the ServiceContext; what
 * runs after each sync subscribes with `sync.onSynced` once the context exists. The handlers of each
 * channel prefix are merged at the end.
 */
import { join } from 'node:path';
import { isCacheFresh, type CatalogFile } from '../../shared/catalog';
import type { ApiCallRecord, ApiPurpose } from '../../shared/domain/activity';
import type { AccountMeta } from '../../shared/domain/keys';
import type { Notice } from '../../shared/ipc/channels/app';
import type { EventMap, EventName } from '../../shared/ipc/contract';
import { AccountService } from './accounts';
import { allocationInputs, computeAllocation } from './allocation-service';
import { ActivityLog } from './activity';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import {
  checkPermissions,
  createExchangeClient,
  exchangeDisplayName,
  ExchangeGate,
  GATE_FILE,
  inspectKey,
  offsetText,
  type ExchangeClientOptions,
} from './exchange';
import { saveInExports } from './files/exports';
import { prepareDataDir } from './files/data-dir';
import { FindingNotifier } from './finding-notifier';
import { GradeReports } from './grade-report';
import { createGradesService } from './grades-service';
import { accountsHandlers } from './handlers/accounts';
import { activityHandlers } from './handlers/activity';
import { allocationHandlers } from './handlers/allocation';
import { appHandlers } from './handlers/app';
import { catalogHandlers } from './handlers/catalog';
import { exchangesHandlers } from './handlers/exchanges';
import { gradesHandlers } from './handlers/grades';
import { historyHandlers } from './handlers/history';
import { holdingsHandlers } from './handlers/holdings';
import { indexlabHandlers } from './handlers/indexlab';
import { keychainHandlers } from './handlers/keychain';
import { pnlHandlers } from './handlers/pnl';
import { portfolioHandlers } from './handlers/portfolio';
import { pricesHandlers } from './handlers/prices';
import { rulesHandlers } from './handlers/rules';
import { settingsHandlers } from './handlers/settings';
import { snapshotsHandlers } from './handlers/snapshots';
import { syncHandlers } from './handlers/sync';
import { walletsHandlers } from './handlers/wallets';
import { createAccountHistory } from './history';
import { IndexLabSpecs } from './indexlab-specs';
import type { Handlers } from './ipc-router';
import { ManualHoldings } from './manual-holdings';
import { createPriceHistory } from './price-history';
import { marketHistoryHandlers } from './handlers/market-history';
import { createMarketHistoryService, type MarketHistoryServiceDeps } from './market-history';
import { MarketDataService } from './market-data';
import { createRecordingFetch } from './net/fetch';
import { alteredLogNotice, fileNotice, storeNotice } from './notices';
import { createPortfolioFeed, throttle } from './portfolio-feed';
import { createPnlService } from './pnl-service';
import { sampleLoader } from './sample';
import { SettingsService } from './settings-service';
import type { StoreFactory } from './store';
import { createSyncService } from './sync';
import type { RetryPolicy } from './sync/retry';
import { Vault, type VaultOptions } from './vault';
import { TokenMapService, WalletHttp, WalletService } from './wallets';
import { scrubExtendedKeys, type Network } from '../../shared/wallets';

/** The keychain item holding the activity log's signing key and checkpoints (see ServicesOptions.logKeyScope). */
export function activityLogItem(scope?: string): string {
  return scope ? `activity-log:${scope}` : 'activity-log';
}

/** Market caps older than this are refreshed at start (when online). */
const MARKET_DATA_MAX_AGE_MS = 24 * 3600 * 1000;

export interface ServicesOptions {
  /** Where Ballast keeps settings, caches and logs (Electron's userData in the app). */
  dataDir: string;
  /** Bundled assets (catalog, sample portfolio). */
  assetsDir: string;
  storeFactory: StoreFactory;
  appVersion: string;
  platform?: string;
  /** Pushes an event to the renderer. */
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void;
  /** Shows a desktop notification. */
  notify: (title: string, body: string) => void;
  /**
   * Asks the user where to save an export and writes it. The app uses a native save dialog; without
   * one, files go to `<dataDir>/exports`.
   */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  now?: () => number;
  /** Market-data API base URL (tests point it at 127.0.0.1). */
  marketDataUrl?: string;
  /** The bundled asset catalog (default assets/catalog.json; tests give their own). */
  catalogBundle?: CatalogFile;
  /**
   * Refresh market caps in the background at start when the cache is older than a day. On in the app;
   * off by default so tests never reach the network.
   */
  marketDataAutoRefresh?: boolean;
  /** Per-exchange replacement of ccxt's `urls.api` (tests point it at the local exchange emulator). */
  exchangeApiUrls?: Record<string, unknown>;
  /** Request spacing override for exchange clients (the local emulator only). */
  exchangeRateLimitMs?: number;
  /** Per-request timeout of exchange clients (default 15 s; tests use a short one). */
  exchangeTimeoutMs?: number;
  /** Keychain options (service name; tests use their own). */
  vault?: VaultOptions;
  /**
   * Which keychain item of the service holds the activity log's signing key: the app has one data
   * folder and uses the unscoped one; tests that run several data folders against one keychain give
   * each its own scope (lower-case letters, digits and dashes).
   */
  logKeyScope?: string;
  /**
   * Exchanges whose public tickers price the held assets no account prices, in order (default
   * PRICE_PROVIDERS of electron/services/sync/public-prices.ts; tests name emulated ones or none).
   */
  priceProviders?: readonly string[];
  /** Retry policy of the sync engine (default: 3 attempts, 0.5-5 s backoff). */
  syncRetry?: RetryPolicy;
  /** The sync engine's wait between attempts (tests pass a zero-delay one); also the wallets' Retry-After waits. */
  syncSleep?: (ms: number) => Promise<void>;
  /** Provider URLs of watch-only wallets used by default (tests point them at the local emulators). */
  walletProviderUrls?: Partial<Record<Network, string>>;
  /** Per-request timeout of wallet providers (default 15 s; tests use a short one). */
  walletTimeoutMs?: number;
  /** Token list fetched when the user refreshes it (default the Uniswap default token list). */
  tokenListUrl?: string;
  /**
   * Asks the user to choose a folder (the market-history import). The app uses a native dialog; without
   * one, nothing is chosen.
   */
  chooseFolder?: () => Promise<string | null>;
  /** Coin Metrics Community API base URL (tests point it at 127.0.0.1). */
  coinMetricsUrl?: string;
  /**
   * Bring the market history up to date at start when it is more than a day old and the user's
   * `marketHistory.auto` setting is on. On in the app; off by default so tests never reach the network.
   */
  marketHistoryAutoUpdate?: boolean;
  /** Waits, retries, rate limits, providers and depth of market-history updates (tests and benchmarks). */
  marketHistory?: Pick<
    MarketHistoryServiceDeps,
    'sleep' | 'retry' | 'limits' | 'providers' | 'depthDays' | 'concurrency'
  >;
  /**
   * History imports (tests): records per page, a factor on every pace (0: none), the retry policy and
   * the wait used for paces, retries and Retry-After.
   */
  historyImport?: { pageSize?: number; paceScale?: number; retry?: RetryPolicy; sleep?: (ms: number) => Promise<void> };
}

export interface Services {
  handlers: Handlers;
  context: ServiceContext;
  /** Removes every known secret from a text (used on anything leaving main). */
  scrub: (text: string) => string;
  /** Stops the services and writes what they hold (the log's checkpoint included); runs once. */
  dispose: () => Promise<void>;
}

export async function createServices(opts: ServicesOptions): Promise<Services> {
  const now = opts.now ?? Date.now;
  const notices: Notice[] = [];
  const disposers: (() => void | Promise<void>)[] = [];
  let disposing: Promise<void> | null = null;
  const notice = (n: Omit<Notice, 'at'>) => {
    if (notices.some((x) => x.id === n.id)) return;
    const full = { ...n, at: now() };
    notices.push(full);
    opts.emit('notice', full);
  };

  // Before any store opens it: the folder its owner's only, and temporary files of crashed writes gone.
  await prepareDataDir(opts.dataDir);
  const settings = new SettingsService(opts.storeFactory, opts.dataDir);
  if (settings.recovered) notice(storeNotice(settings.recovered));

  // Every request that leaves the machine is recorded in the activity log (the activity log is opened
  // below; calls made before it exists wait for it).
  let recordSourceCall: (rec: ApiCallRecord) => void = () => undefined;
  const market = new MarketDataService({
    cacheDir: opts.dataDir,
    now,
    fetchImpl: createRecordingFetch({
      source: 'coingecko',
      purpose: 'catalog',
      onCall: (rec) => recordSourceCall(rec),
    }),
    ...(opts.marketDataUrl ? { baseUrl: opts.marketDataUrl } : {}),
    ...(opts.catalogBundle ? { bundle: opts.catalogBundle } : {}),
  });
  market.load();
  if (market.recovered) {
    notice(
      fileNotice({
        id: 'recovered:market-data',
        subject: 'The market-data cache',
        outcome: 'uses its bundled catalog until the next refresh',
        backupPath: market.recovered.backupPath,
      }),
    );
  }

  // Secrets the vault has handled are scrubbed from anything leaving main and from the activity log.
  const knownSecrets = new Set<string>();
  // Set once the log is open; the vault handles no exchange key before that.
  let redactInLog: (values: readonly string[]) => void = () => undefined;
  const vault = new Vault({
    ...opts.vault,
    onSecret: (values) => {
      for (const v of values) if (v) knownSecrets.add(v);
      redactInLog(values);
      opts.vault?.onSecret?.(values);
    },
  });
  // The log's signing key and checkpoints: one keychain item.
  const logItem = activityLogItem(opts.logKeyScope);
  const activity = await ActivityLog.open({
    path: join(opts.dataDir, 'activity.jsonl'),
    maxAgeDays: settings.get().activityRetentionDays,
    now,
    keychain: { read: () => vault.getAppItem(logItem), write: (value) => vault.setAppItem(logItem, value) },
  });
  redactInLog = (values) => activity.redact(values);
  if (activity.report.tornTail || activity.report.invalidLines.length > 0) {
    notice(
      fileNotice({
        id: 'activity-log:repaired',
        subject: 'The activity log',
        damage: 'line',
        outcome: 'ignored it and kept every readable entry (the chain check in Keys & Activity shows where)',
        backupPath: activity.report.backupPath ?? null,
      }),
    );
  }
  // Compared with the keychain's checkpoint on every start, in the background; the user is told once.
  void activity.verify().then(
    (status) => {
      if (!status.ok) notice(alteredLogNotice(status.reason));
    },
    // A log that cannot be read now is reported by the chain check in Keys & Activity.
    () => undefined,
  );
  settings.onChange((s) => void activity.setRetention({ maxAgeDays: s.activityRetentionDays }));
  // Every exchange call of the app: recorded in the activity log with why it was made, and gated per
  // exchange when it asked Ballast to wait.
  // A call that cannot be logged (disk full, folder protected...) never fails the call nor goes
  // unhandled: the user gets one notice while the app runs.
  const logWriteFailed = (err: unknown): void =>
    notice({
      id: 'activity-log-write-failed',
      level: 'error',
      title: 'The activity log could not be written',
      message: `${err instanceof AppError ? err.message : 'The activity log could not be written.'} Ballast goes on; the calls made meanwhile are missing from the log.`,
    });
  const recordCall = (accountId: string | null, rec: ApiCallRecord): void => {
    activity.appendCall(accountId, rec).catch(logWriteFailed);
  };
  recordSourceCall = (rec) => recordCall(null, rec);
  const { gate, recovered: gateRecovered } = await ExchangeGate.open({ path: join(opts.dataDir, GATE_FILE), now });
  if (gateRecovered) {
    notice(
      fileNotice({
        id: 'recovered:exchange-pauses',
        subject: 'The list of exchanges Ballast must wait for',
        outcome: 'starts without it; an exchange that still wants Ballast to wait will say so again',
        backupPath: gateRecovered.backupPath,
      }),
    );
  }
  // The clock offset measured when an exchange refused the request time: later clients start corrected.
  const clockOffsets = new Map<string, number>();
  const exchangeOptions = (exchangeId: string): ExchangeClientOptions => ({
    ...(opts.exchangeApiUrls?.[exchangeId] !== undefined ? { apiUrls: opts.exchangeApiUrls[exchangeId] } : {}),
    ...(opts.exchangeRateLimitMs !== undefined ? { rateLimitMs: opts.exchangeRateLimitMs } : {}),
    ...(opts.exchangeTimeoutMs !== undefined ? { timeoutMs: opts.exchangeTimeoutMs } : {}),
    gate,
    now,
    ...(clockOffsets.has(exchangeId) ? { clockOffsetMs: clockOffsets.get(exchangeId)! } : {}),
    onClockCorrected: (offsetMs) => {
      clockOffsets.set(exchangeId, offsetMs);
      notice({
        id: `clock-corrected:${exchangeId}`,
        level: 'info',
        title: "Your computer's clock is off",
        message: `Your computer's clock is ${offsetText(offsetMs)} off; Ballast corrected for it when calling ${exchangeDisplayName(exchangeId)}. Setting the clock automatically avoids this.`,
      });
    },
  });
  const callOptions = (exchangeId: string, purpose: ApiPurpose, accountId: string | null): ExchangeClientOptions => ({
    ...exchangeOptions(exchangeId),
    purpose,
    onCall: (rec) => {
      recordCall(accountId, rec);
      if (accountId !== null && rec.ok) accounts.markUsed(accountId, rec.at);
    },
  });
  const { store: accountsStore, recovered: accountsRecovered } = opts.storeFactory<{ accounts: AccountMeta[] }>({
    name: 'accounts',
    cwd: opts.dataDir,
    defaults: { accounts: [] },
  });
  if (accountsRecovered) notice(storeNotice(accountsRecovered));
  const accounts = new AccountService({
    vault,
    store: accountsStore,
    log: activity,
    now,
    // Calls made while checking a key are logged under its account when it already has one (rotate,
    // re-verify); a key being added has no account yet.
    inspectKey: (exchangeId, creds, accountId) =>
      inspectKey(exchangeId, creds, {
        ...exchangeOptions(exchangeId),
        purpose: 'key-check',
        onCall: (rec) => recordCall(accountId ?? null, rec),
      }),
  });
  const clientFor = async (accountId: string) => {
    const meta = accounts.get(accountId);
    if (!meta) throw new AppError('not-found', 'This account no longer exists.');
    const creds = await accounts.credentialsFor(accountId);
    return createExchangeClient(meta.exchange, creds, callOptions(meta.exchange, 'sync', accountId));
  };
  disposers.push(() => activity.close());
  disposers.push(() => gate.flush());

  const sample = sampleLoader(opts.assetsDir);
  const catalog = () => market.catalog(settings.get().overrides);
  const holdings = ManualHoldings.open({ storeFactory: opts.storeFactory, dataDir: opts.dataDir, now, notice });

  // Watch-only wallets: every request recorded like an exchange call, extended keys in the keychain.
  const walletHttp = new WalletHttp({
    now,
    sleep: opts.syncSleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    ...(opts.walletTimeoutMs !== undefined ? { timeoutMs: opts.walletTimeoutMs } : {}),
    record: (rec) =>
      void activity
        .append({
          kind: 'api-call',
          accountId: rec.walletId,
          at: rec.at,
          exchange: rec.network,
          method: rec.method,
          endpoint: rec.endpoint,
          status: rec.status,
          errorClass: rec.errorClass,
          durationMs: rec.durationMs,
          ok: rec.ok,
          detail: { purpose: 'wallet', host: rec.host, bytes: rec.bytes },
        })
        .catch(logWriteFailed),
  });
  const wallets = new WalletService({
    path: join(opts.dataDir, 'wallets.json'),
    now,
    vault,
    http: walletHttp,
    tokens: new TokenMapService(opts.dataDir, () => new Set(Object.keys(catalog())), now),
    notice,
    ...(opts.walletProviderUrls ? { defaultUrls: opts.walletProviderUrls } : {}),
    ...(opts.tokenListUrl ? { tokenListUrl: opts.tokenListUrl } : {}),
  });

  // One revision for everything derived from the portfolio; each change is pushed to the renderer.
  const feed = createPortfolioFeed({
    emit: (change) => opts.emit('portfolio:changed', change),
    isSample: () => !sync.source.hasUserData(),
  });
  settings.onChange(() => feed.changed('settings'));
  holdings.onChange(() => feed.changed('holdings'));
  accounts.onChange(() => feed.changed('accounts'));
  wallets.onChange(() => feed.changed('wallets'));
  if (opts.marketDataAutoRefresh && !isCacheFresh(market.current(), now(), MARKET_DATA_MAX_AGE_MS)) {
    // Offline is fine: the bundled catalog (or the last cache) keeps working. A failed refresh is
    // reported in its result; the catch only keeps an unexpected one from going unhandled.
    market
      .refresh()
      .then((r) => r.ok && feed.changed('catalog'))
      .catch(() => undefined);
  }
  const activityAppended = throttle(() => opts.emit('activity:appended', { seq: activity.head().seq }), 1000);
  activity.onAppended(() => activityAppended());

  // Balances, prices, snapshots and price history (electron/services/sync). The portfolio is the
  // user's once an account (or manual holding) exists, the sample otherwise.
  const sync = createSyncService({
    dataDir: opts.dataDir,
    storeFactory: opts.storeFactory,
    now,
    settings,
    accounts,
    clientFor,
    checkPermissions,
    publicClient: (exchangeId) =>
      createExchangeClient(exchangeId, null, callOptions(exchangeId, 'market-history', null)),
    // Keyless, gated and recorded like every exchange call; asked only for held assets no account prices.
    pricesClient: (exchangeId) => createExchangeClient(exchangeId, null, callOptions(exchangeId, 'prices', null)),
    ...(opts.priceProviders ? { priceProviders: opts.priceProviders } : {}),
    pauses: () => gate.pauses(),
    sample,
    catalog,
    emit: (p) => {
      opts.emit('sync:progress', p);
      // After the run's snapshot is stored: every view reloads from the new balances.
      if (p.state === 'done') feed.changed('sync');
    },
    onHistoryUpdated: () => feed.changed('history'),
    notice,
    // Manual holdings and watch-only wallets both hold positions outside the exchange accounts.
    manual: {
      positions: () => [...holdings.positions(), ...wallets.positions()],
      custodies: () => [...holdings.custodies(), ...wallets.custodies()],
    },
    wallets,
    pricedAlso: () => [...new Set([...holdings.positions().map((p) => p.asset), ...wallets.assets()])],
    ...(opts.syncRetry ? { retry: opts.syncRetry } : {}),
    ...(opts.syncSleep ? { sleep: opts.syncSleep } : {}),
  });
  disposers.push(() => sync.dispose());
  const portfolio = () => ({ ...sync.source.portfolio(), revision: feed.revision() });

  // The market history: top N by market cap from keyless sources (electron/services/market-history).
  const marketHistory = await createMarketHistoryService({
    dataDir: opts.dataDir,
    now,
    settings,
    catalog,
    publicClient: (exchangeId, onCall) =>
      createExchangeClient(exchangeId, null, {
        ...exchangeOptions(exchangeId),
        purpose: 'market-history',
        onCall: (rec) => {
          recordCall(null, rec);
          onCall();
        },
      }),
    httpGet: (source) =>
      createRecordingFetch({ source, purpose: 'market-caps', onCall: (rec) => recordSourceCall(rec) }),
    emit: (p) => {
      opts.emit('market-history:progress', p);
      // A run that ended (even cancelled or failed) may have stored new candles: every view reloads.
      if (p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed') feed.changed('market-history');
    },
    notice,
    ...(opts.coinMetricsUrl ? { coinMetricsUrl: opts.coinMetricsUrl } : {}),
    ...(opts.marketDataUrl ? { coinGeckoUrl: opts.marketDataUrl } : {}),
    ...opts.marketHistory,
  });
  disposers.push(() => marketHistory.dispose());

  // Grades and the Index Lab read the market history (electron/services/price-history.ts).
  const priceHistory = createPriceHistory({ own: () => sync.source.priceHistory(), marketHistory, catalog });
  const grades = createGradesService({ priceHistory, portfolio, settings, now });
  const gradeReports = new GradeReports({ priceHistory, now });
  const findings = new FindingNotifier({
    storeFactory: opts.storeFactory,
    dataDir: opts.dataDir,
    settings,
    notify: opts.notify,
  });
  const indexlabSpecs = new IndexLabSpecs({ storeFactory: opts.storeFactory, dataDir: opts.dataDir, now, notice });

  const saveFile = opts.saveFile ?? ((name: string, content: string) => saveInExports(opts.dataDir, name, content));

  const history = createAccountHistory({
    dataDir: opts.dataDir,
    now,
    emit: (p) => {
      opts.emit('history:progress', p);
      // An import that ended (even cancelled, paused or failed) keeps what it read: every view reloads.
      if (p.state !== 'queued' && p.state !== 'running') feed.changed('account-history');
    },
    notice,
    accounts,
    clientFor,
    settings,
    sync,
    priceHistory,
    saveFile,
    ...(opts.historyImport?.sleep ? { sleep: opts.historyImport.sleep } : {}),
    ...(opts.historyImport ? { importOptions: opts.historyImport } : {}),
  });
  disposers.push(async () => {
    for (const a of accounts.list()) history.cancel(a.id);
    await history.idle();
  });
  const pnl = createPnlService({
    history,
    settings,
    portfolio,
    priceHistory,
    manual: () => holdings.list(),
    tickers: () => Object.values(sync.balances.tickers()).map((t) => t.prices),
    saveFile,
    now,
  });

  const context: ServiceContext = {
    dataDir: opts.dataDir,
    assetsDir: opts.assetsDir,
    storeFactory: opts.storeFactory,
    now,
    settings,
    market,
    catalog,
    portfolio,
    priceHistory,
    notice,
    emit: opts.emit,
    notify: opts.notify,
    saveFile,
    chooseFolder: opts.chooseFolder ?? (async () => null),
    accounts,
    vault,
    activity,
    exchangeOptions,
    clientFor,
    sync,
    feed,
    holdings,
    wallets,
    grades,
    gradeReports,
    findings,
    indexlabSpecs,
    marketHistory,
    history,
    pnl,
    onDispose: (fn) => disposers.push(fn),
  };

  // After each sync: tell the user about new warnings (not repeated for the same finding).
  sync.onSynced(() => findings.notifyNew(computeAllocation(allocationInputs(context)).findings));
  if (accounts.list().some((a) => a.status !== 'revoked') || wallets.list().length > 0) sync.startSchedule();

  // One handler file per channel prefix (electron/services/handlers/<prefix>.ts).
  const handlers: Handlers = {
    ...appHandlers(context, {
      version: opts.appVersion,
      platform: opts.platform ?? process.platform,
      notices,
      isSample: () => portfolio().sample,
    }),
    ...settingsHandlers(context),
    ...portfolioHandlers(context),
    ...pricesHandlers(context),
    ...allocationHandlers(context),
    ...rulesHandlers(context),
    ...gradesHandlers(context),
    ...indexlabHandlers(context),
    ...accountsHandlers(context),
    ...exchangesHandlers(context),
    ...keychainHandlers(context),
    ...activityHandlers(context),
    ...syncHandlers(context),
    ...snapshotsHandlers(context),
    ...holdingsHandlers(context),
    ...catalogHandlers(context),
    ...walletsHandlers(context),
    ...marketHistoryHandlers(context),
    ...historyHandlers(context),
    ...pnlHandlers(context),
  };

  if (opts.marketHistoryAutoUpdate && settings.get().marketHistory.auto && marketHistory.status().stale) {
    // Offline is fine: the run ends with what it could fetch, and the store keeps serving; the catch
    // only keeps an unexpected failure from going unhandled.
    marketHistory.update().catch(() => undefined);
  }

  return {
    handlers,
    context,
    scrub: (text) => {
      let out = text;
      for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
      return scrubExtendedKeys(out);
    },
    // Once only: the app's quit and a test's clean-up may both ask.
    dispose: () =>
      (disposing ??= (async () => {
        for (const fn of disposers.reverse()) await fn();
      })()),
  };
}
