/**
 * What feature handlers get to work with: the services of the main process, each a field built once
 * by createServices (electron/services/app-services.ts) in dependency order. Handlers read these
 * fields; they never open stores or build services themselves.
 */
import type { PortfolioView } from '../../shared/ipc/channels/portfolio';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import type { Notice } from '../../shared/ipc/channels/app';
import type { Channel, EventMap, EventName } from '../../shared/ipc/contract';
import type { AssetInfo } from '../../shared/domain/types';
import type { AccountService } from './accounts';
import type { ActivityLog } from './activity';
import type { ExchangeClient, ExchangeClientOptions } from './exchange';
import type { FindingNotifier } from './finding-notifier';
import type { GradeReports } from './grade-report';
import type { AccountHistory } from './history';
import type { GradesService } from './grades-service';
import type { IndexLabSpecs } from './indexlab-specs';
import type { Handler } from './ipc-router';
import type { ManualHoldings } from './manual-holdings';
import type { MarketHistoryService } from './market-history';
import type { MarketDataService } from './market-data';
import type { PortfolioFeed } from './portfolio-feed';
import type { PnlService } from './pnl-service';
import type { SettingsService } from './settings-service';
import type { StoreFactory } from './store';
import type { SyncService } from './sync';
import type { Vault } from './vault';
import type { WalletService } from './wallets';

export interface ServiceContext {
  dataDir: string;
  assetsDir: string;
  storeFactory: StoreFactory;
  now: () => number;
  settings: SettingsService;
  market: MarketDataService;
  /** The effective asset catalog (bundle + market-data cache + the user's overrides). */
  catalog: () => Record<string, AssetInfo>;
  /** The portfolio the app shows now (the user's, or the sample while there is none). */
  portfolio: () => PortfolioView;
  /** Daily price history for grades and the index lab. */
  priceHistory: () => PriceHistoryView;
  /** Tells the user something once: kept for app:info and pushed to the renderer. */
  notice: (n: Omit<Notice, 'at'>) => void;
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void;
  /** Desktop notification (respecting the user's setting is the caller's job). */
  notify: (title: string, body: string) => void;
  /** Asks the user where to save a file and writes it; resolves to the path, or null if cancelled. */
  saveFile: (suggestedName: string, content: string) => Promise<string | null>;
  /** Asks the user to choose a folder (to import from); resolves to its path, or null if cancelled. */
  chooseFolder: () => Promise<string | null>;
  /** Exchange accounts and their key metadata (secrets stay in the vault). */
  accounts: AccountService;
  vault: Vault;
  /** Tamper-evident local log of every exchange API call and key lifecycle event. */
  activity: ActivityLog;
  /** Client options for an exchange (the test emulator's URLs when configured); onCall not included. */
  exchangeOptions: (exchangeId: string) => ExchangeClientOptions;
  /**
   * A ccxt client for an account, its credentials read from the keychain and every call it makes
   * recorded in the activity log (and the account's last-used time).
   */
  clientFor: (accountId: string) => Promise<ExchangeClient>;
  /** Balances, prices, snapshots, price history and the periodic schedule. */
  sync: SyncService;
  /** The portfolio's revision; `changed` tells every view to reload. */
  feed: PortfolioFeed;
  /** Wallets and holdings entered by hand (or imported from CSV). */
  holdings: ManualHoldings;
  /** Watch-only wallets read on-chain (addresses; extended keys stay in the vault). */
  wallets: WalletService;
  /** Trader and Investor grades of every asset with price history. */
  grades: GradesService;
  /** "How have the grades done?" on the price history in use (computed on demand, cached). */
  gradeReports: GradeReports;
  /** Desktop notifications of new allocation findings, once each. */
  findings: FindingNotifier;
  /** The user's named Index Lab specs. */
  indexlabSpecs: IndexLabSpecs;
  /** Daily USD candles and market caps of the top assets, from keyless public sources, kept locally. */
  marketHistory: MarketHistoryService;
  /** Imported exchange-account history: imports, reconciliation, the net worth from the first deposit. */
  history: AccountHistory;
  /** Cost basis, P&L and returns from the imported history and the manual holdings' cost basis. */
  pnl: PnlService;
  /** Registers a cleanup to run when the app quits. */
  onDispose: (fn: () => void | Promise<void>) => void;
}

/** The handlers of one feature: a subset of the contract's channels. */
export type FeatureHandlers<C extends Channel> = { [K in C]: Handler<K> };
