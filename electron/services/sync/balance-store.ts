/**
 * Last good balances per account, the tickers they were priced with and each account's sync health,
 * in one JSON store ('balances'). Every write replaces whole entries, so repeating a sync never
 * duplicates anything, and a sync round (or forgetting an account) is one atomic write of the file, so
 * a crash leaves either the previous round or the new one, never parts of both.
 */
import type { AccountSyncState } from '../../../shared/domain/keys';
import type { SyncRunSummary } from '../../../shared/ipc/channels/sync';
import type { Holding, WalletKind } from '../../../shared/portfolio/holdings';
import type { TickerMap } from '../../../shared/portfolio/pricing';
import type { JsonStore, RecoveredFile, StoreFactory } from '../store';

/**
 * How a wallet besides spot (e.g. Binance/OKX funding) fared in the account's last sync.
 * - 'ok': read in that sync;
 * - 'stale': could not be read (server trouble, timeout...); the amounts of its last good read
 *   (`fetchedAt`, null when there never was one) are counted instead;
 * - 'skipped': the key may not read it (or the exchange does not offer it); not counted.
 */
export interface WalletReport {
  wallet: WalletKind;
  status: 'ok' | 'stale' | 'skipped';
  /** When the amounts in `holdings` were fetched; null when none were. */
  fetchedAt: number | null;
  /** This wallet's holdings alone (already included in the account's merged holdings). */
  holdings: Holding[];
  /** Why it is stale or skipped, in words for the user. */
  issue?: { code: string; message: string };
}

export interface AccountBalances {
  exchange: string;
  /** When these balances were fetched. */
  fetchedAt: number;
  /** Every wallet merged per asset; `Holding.wallets` tells the amount per wallet. */
  holdings: Holding[];
  /** The wallets read besides spot, one entry each (absent for exchanges without any). */
  wallets?: WalletReport[];
}

export interface ExchangeTickers {
  at: number;
  prices: TickerMap;
}

export type BalancesFile = {
  accounts: Record<string, AccountBalances>;
  /** Last prices per exchange id. */
  tickers: Record<string, ExchangeTickers>;
  states: Record<string, AccountSyncState>;
  lastRun: SyncRunSummary | null;
};

const DEFAULTS: BalancesFile = { accounts: {}, tickers: {}, states: {}, lastRun: null };

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

export class BalanceStore {
  private readonly store: JsonStore<BalancesFile>;
  readonly recovered: RecoveredFile | null;
  /** Increases on every write (cache key for derived views). */
  revision = 0;

  constructor(factory: StoreFactory, dir: string) {
    const { store, recovered } = factory<BalancesFile>({ name: 'balances', cwd: dir, defaults: DEFAULTS });
    this.store = store;
    this.recovered = recovered;
  }

  get path(): string {
    return this.store.path;
  }

  private part<K extends keyof BalancesFile>(key: K): BalancesFile[K] {
    const v = this.store.get(key);
    if (key === 'lastRun') return (isRecord(v) ? v : null) as BalancesFile[K];
    return (isRecord(v) ? v : {}) as BalancesFile[K];
  }

  balances(): Record<string, AccountBalances> {
    return this.part('accounts');
  }

  tickers(): Record<string, ExchangeTickers> {
    return this.part('tickers');
  }

  states(): Record<string, AccountSyncState> {
    return this.part('states');
  }

  lastRun(): SyncRunSummary | null {
    return this.part('lastRun');
  }

  /** Record the outcome of one sync run in one write. */
  commit(run: {
    balances: Record<string, AccountBalances>;
    tickers: Record<string, ExchangeTickers>;
    states: Record<string, AccountSyncState>;
    summary: SyncRunSummary;
  }): void {
    const accounts = { ...this.balances(), ...run.balances };
    const tickers = { ...this.tickers() };
    for (const [ex, t] of Object.entries(run.tickers)) {
      // newer prices win; symbols not fetched this time keep their last price
      tickers[ex] = { at: t.at, prices: { ...(tickers[ex]?.prices ?? {}), ...t.prices } };
    }
    this.store.set({ accounts, tickers, states: { ...this.states(), ...run.states }, lastRun: run.summary });
    this.revision += 1;
  }

  /** Replace one account's balances and state (the user confirmed what a sync read). */
  replaceAccount(accountId: string, balances: AccountBalances, state: AccountSyncState): void {
    this.store.set('accounts', { ...this.balances(), [accountId]: balances });
    this.store.set('states', { ...this.states(), [accountId]: state });
    this.revision += 1;
  }

  /** Forget an account's balances and state (e.g. after it was removed). */
  forget(accountId: string): void {
    const accounts = { ...this.balances() };
    const states = { ...this.states() };
    delete accounts[accountId];
    delete states[accountId];
    this.store.set({ accounts, states });
    this.revision += 1;
  }
}
