/**
 * The main process's services, wired together. Plain Node: the Electron shell (electron/main) and the
 * E2E harness (test/e2e/harness.ts) both build the app from this one function, so what the tests
 * exercise is what ships.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountMeta } from '../../shared/domain/keys';
import type { Notice } from '../../shared/ipc/channels/app';
import type { PortfolioView, PriceHistoryView } from '../../shared/ipc/channels/portfolio';
import type { EventMap, EventName } from '../../shared/ipc/contract';
import { buildPortfolio, unpricedAssets } from '../../shared/portfolio/valuation';
import { AccountService } from './accounts';
import { ActivityLog } from './activity-log';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { createExchangeClient, inspectKey, type ExchangeClientOptions } from './exchange';
import { accountsHandlers } from './handlers/accounts';
import { allocationHandlers } from './handlers/allocation';
import { appHandlers } from './handlers/app';
import { gradesHandlers } from './handlers/grades';
import { indexlabHandlers } from './handlers/indexlab';
import { portfolioHandlers } from './handlers/portfolio';
import { syncHandlers } from './handlers/sync';
import type { Handlers } from './ipc-router';
import { MarketDataService } from './market-data';
import { sampleLoader } from './sample';
import { SettingsService } from './settings-service';
import type { RecoveredFile, StoreFactory } from './store';
import { Vault, type VaultOptions } from './vault';

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
  /** Per-exchange replacement of ccxt's `urls.api` (tests point it at the local exchange emulator). */
  exchangeApiUrls?: Record<string, unknown>;
  /** Request spacing override for exchange clients (the local emulator only). */
  exchangeRateLimitMs?: number;
  /** Keychain options (service name; tests use their own). */
  vault?: VaultOptions;
}

export interface Services {
  handlers: Handlers;
  context: ServiceContext;
  /** Removes every known secret from a text (used on anything leaving main). */
  scrub: (text: string) => string;
  dispose: () => Promise<void>;
}

function recoveredNotice(r: RecoveredFile): Omit<Notice, 'at'> {
  return {
    id: `recovered:${r.name}`,
    level: 'warning',
    title: `Your ${r.name} file could not be read.`,
    message: `Ballast started with defaults and kept the unreadable file at ${r.backupPath} (${r.reason}).`,
  };
}

export async function createServices(opts: ServicesOptions): Promise<Services> {
  const now = opts.now ?? Date.now;
  const notices: Notice[] = [];
  const disposers: (() => void | Promise<void>)[] = [];
  const notice = (n: Omit<Notice, 'at'>) => {
    if (notices.some((x) => x.id === n.id)) return;
    const full = { ...n, at: now() };
    notices.push(full);
    opts.emit('notice', full);
  };

  const settings = new SettingsService(opts.storeFactory, opts.dataDir);
  if (settings.recovered) notice(recoveredNotice(settings.recovered));

  const market = new MarketDataService({
    cacheDir: opts.dataDir,
    now,
    ...(opts.marketDataUrl ? { baseUrl: opts.marketDataUrl } : {}),
  });
  market.load();
  if (market.recovered) {
    notice({
      id: 'recovered:market-data',
      level: 'warning',
      title: 'The market-data cache could not be read.',
      message: `Ballast uses its bundled catalog until the next refresh; the unreadable file was kept at ${market.recovered.backupPath}.`,
    });
  }

  // Secrets the vault has handled are scrubbed from anything leaving main and from the activity log.
  const knownSecrets = new Set<string>();
  const activity = await ActivityLog.open({
    path: join(opts.dataDir, 'activity.jsonl'),
    maxAgeDays: settings.get().activityRetentionDays,
    now,
  });
  if (activity.report.tornTail || activity.report.invalidLines.length > 0) {
    notice({
      id: 'activity-log:repaired',
      level: 'warning',
      title: 'The activity log had an unreadable line.',
      message: 'Ballast ignored it and kept every readable entry; the chain check in Keys & Activity shows where.',
    });
  }
  settings.onChange((s) => void activity.setRetention({ maxAgeDays: s.activityRetentionDays }));
  const vault = new Vault({
    ...opts.vault,
    onSecret: (values) => {
      for (const v of values) if (v) knownSecrets.add(v);
      activity.redact(values);
      opts.vault?.onSecret?.(values);
    },
  });
  const exchangeOptions = (exchangeId: string): ExchangeClientOptions => ({
    ...(opts.exchangeApiUrls?.[exchangeId] !== undefined ? { apiUrls: opts.exchangeApiUrls[exchangeId] } : {}),
    ...(opts.exchangeRateLimitMs !== undefined ? { rateLimitMs: opts.exchangeRateLimitMs } : {}),
  });
  const { store: accountsStore, recovered: accountsRecovered } = opts.storeFactory<{ accounts: AccountMeta[] }>({
    name: 'accounts',
    cwd: opts.dataDir,
    defaults: { accounts: [] },
  });
  if (accountsRecovered) notice(recoveredNotice(accountsRecovered));
  const accounts = new AccountService({
    vault,
    store: accountsStore,
    log: activity,
    now,
    inspectKey: (exchangeId, creds) =>
      inspectKey(exchangeId, creds, {
        ...exchangeOptions(exchangeId),
        onCall: (rec) => void activity.appendCall(null, rec),
      }),
  });
  const clientFor = async (accountId: string) => {
    const meta = accounts.get(accountId);
    if (!meta) throw new AppError('not-found', 'This account no longer exists.');
    const creds = await accounts.credentialsFor(accountId);
    return createExchangeClient(meta.exchange, creds, {
      ...exchangeOptions(meta.exchange),
      onCall: (rec) => {
        void activity.appendCall(accountId, rec);
        if (rec.ok) accounts.markUsed(accountId, rec.at);
      },
    });
  };
  disposers.push(() => activity.flush());

  const sample = sampleLoader(opts.assetsDir);
  const catalog = () => market.catalog(settings.get().overrides);

  const portfolio = (): PortfolioView => {
    const s = sample();
    const prices: Record<string, number> = {};
    let asOf = 0;
    for (const [symbol, candles] of Object.entries(s.history)) {
      const last = candles.at(-1);
      if (last) {
        prices[symbol] = last.c;
        asOf = Math.max(asOf, last.t);
      }
    }
    const p = buildPortfolio({
      base: s.portfolio.base,
      asOf,
      custodies: s.portfolio.custodies,
      positions: s.portfolio.positions,
      prices,
    });
    const all = catalog();
    const held = new Set([...p.positions.map((x) => x.asset), ...Object.keys(s.history)]);
    return {
      portfolio: p,
      sample: true,
      catalog: Object.fromEntries(Object.entries(all).filter(([sym]) => held.has(sym))),
      unpriced: unpricedAssets(p),
    };
  };

  const priceHistory = (): PriceHistoryView => {
    const s = sample();
    const all = catalog();
    return {
      sample: true,
      history: s.history,
      catalog: Object.fromEntries(Object.keys(s.history).flatMap((sym) => (all[sym] ? [[sym, all[sym]]] : []))),
    };
  };

  const saveFile =
    opts.saveFile ??
    (async (name: string, content: string) => {
      const dir = join(opts.dataDir, 'exports');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name.replace(/[^A-Za-z0-9._-]/g, '_'));
      writeFileSync(path, content);
      return path;
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
    accounts,
    vault,
    activity,
    exchangeOptions,
    clientFor,
    onDispose: (fn) => disposers.push(fn),
  };

  const handlers: Handlers = {
    ...appHandlers(context, {
      version: opts.appVersion,
      platform: opts.platform ?? process.platform,
      notices,
      isSample: () => portfolio().sample,
    }),
    ...portfolioHandlers(context),
    ...allocationHandlers(context),
    ...gradesHandlers(context),
    ...indexlabHandlers(context),
    ...accountsHandlers(context),
    ...syncHandlers(context),
  };

  return {
    handlers,
    context,
    scrub: (text) => {
      let out = text;
      for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
      return out;
    },
    dispose: async () => {
      for (const fn of disposers.reverse()) await fn();
    },
  };
}
