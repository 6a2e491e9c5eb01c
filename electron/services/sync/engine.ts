// Longer than 400 lines: one run (accounts, wallets, retries, prices, storing) in one class, kept whole.
/**
 * The sync engine: fetches balances and prices of every enabled exchange account, in parallel.
 *
 * - Each account runs on its own ccxt client (own rate limiter); one failing account never blocks
 *   or fails the others. A failed account keeps its last good balances, marked stale with the
 *   error and the time.
 * - Retryable failures (network, timeout, 429, 5xx, unreadable answers) are retried with bounded
 *   exponential backoff and jitter; authentication and permission failures are not retried. When the exchange asked Ballast to wait (Retry-After, a ban, its pause in the exchange
 *   gate), the wait is honoured: waited out within the run when short, otherwise the account ends
 *   stale saying until when (`decideRetry`, electron/services/net/retry-after.ts).
 * - An account that held something and now reads every balance as zero is not believed: its last
 *   balances stay and its state asks the user to confirm (./confirmation.ts); no snapshot is written
 *   from it.
 * - The key's permissions are re-checked on every sync; a change is recorded through
 *   AccountService.reverify, which also disables a key that gained withdraw permission.
 * - Only one run at a time: starting a sync while one runs joins the running one.
 * - Progress is reported per account through `onProgress` (the 'sync:progress' event).
 * - Besides the spot wallet, the wallets listed in EXTRA_WALLETS (Binance and OKX funding) are
 *   read and merged per asset, each amount tagged with its wallet (./wallets.ts). A wallet that
 *   cannot be read never fails the account: a retryable failure is retried with the account (same
 *   policy) and, on the last attempt, the wallet's last good amounts are kept and reported 'stale';
 *   a wallet the key may not read is 'skipped'. Either is reported through `onWalletIssue`.
 * - Prices come from the tickers of the markets that matter for the held assets (./tickers.ts), and
 *   for the assets held outside the accounts (`pricedAlso`: manual holdings, watch-only wallets).
 *   Held assets those tickers leave unpriced (no account at all, or none on an exchange listing
 *   them) are priced from public, keyless tickers (`publicPrices`, ./public-prices.ts), stored by
 *   exchange like the accounts' tickers; a run with no account can thus still value holdings.
 * - Watch-only wallets (`wallets`, electron/services/wallets) are read in the same run, in parallel,
 *   under the same retry policy; they keep their own last good read, so the run records only their
 *   sync health (a failed wallet is marked stale with the error) and counts them for the snapshot.
 */
import { randomBytes } from 'node:crypto';
import type { AccountMeta, AccountSyncState, PermissionReport } from '../../../shared/domain/keys';
import type { SyncAccountProgress, SyncProgress, SyncRunSummary } from '../../../shared/ipc/channels/sync';
import { holdingsFromBalance, mergeHoldings, type Holding } from '../../../shared/portfolio/holdings';
import type { TickerMap } from '../../../shared/portfolio/pricing';
import { AppError } from '../errors';
import type { ExchangeClient } from '../exchange';
import type { AccountBalances, BalanceStore, ExchangeTickers, WalletReport } from './balance-store';
import { decideRetry } from '../net/retry-after';
import { balanceVanished, vanishedMessage } from './confirmation';
import { classifyFailure, DEFAULT_RETRY, type RetryPolicy, type SyncFailure } from './retry';
import { addPublicTickers, type PublicPrices } from './public-prices';
import { fetchRelevantTickers } from './tickers';
import { balanceMaps, EXTRA_WALLETS, fetchExtraWallet, type ExtraWallet } from './wallets';

export interface SyncEngineDeps {
  accounts: {
    list(): AccountMeta[];
    /**
     * Re-checks the key's permissions with the exchange, records them and applies the key policy
     * (a key that gained withdraw permission is disabled); returns the updated account.
     */
    reverify?(id: string): Promise<AccountMeta>;
  };
  /**
   * Asks the exchange what the key may do (throws for a wrong key). When the answer differs from
   * the stored permission, `accounts.reverify` records it. An answer of 'unverified' (the check
   * could not be made this time) changes nothing.
   */
  checkPermissions?: (client: ExchangeClient, exchangeId: string) => Promise<PermissionReport>;
  clientFor(accountId: string): Promise<ExchangeClient>;
  store: BalanceStore;
  now?: () => number;
  onProgress?: (p: SyncProgress) => void;
  /**
   * Called once per finished run, before the run's promise resolves; `pricedPublicly`: public
   * tickers were stored in this run. Errors are ignored.
   */
  onRunComplete?: (summary: SyncRunSummary, okAccountIds: string[], pricedPublicly: boolean) => void | Promise<void>;
  /**
   * Called after a run is stored, once per wallet (besides spot) of a synced account that was
   * 'stale' or 'skipped' in that run. Errors are ignored.
   */
  onWalletIssue?: (account: AccountMeta, report: WalletReport) => void;
  /** Watch-only wallets read in the same run (each read keeps its own result; throws when it fails). */
  wallets?: {
    syncList(): { id: string; label: string }[];
    read(id: string): Promise<void>;
  };
  /** Assets held outside the exchange accounts, whose prices every account's tickers include. */
  pricedAlso?: () => string[];
  /** Prices from public tickers for held assets the accounts' tickers did not price (never throws). */
  publicPrices?: PublicPrices;
  /** Wallets read besides spot, per exchange id (default EXTRA_WALLETS). */
  extraWallets?: Readonly<Record<string, readonly ExtraWallet[]>>;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface AccountOutcome {
  accountId: string;
  exchange: string;
  /** A watch-only wallet: only its sync health is recorded here. */
  onchain?: boolean;
  ok: boolean;
  /** Every balance read as zero while the account held something: kept back for confirmation. */
  vanished?: { message: string };
  holdings?: Holding[];
  wallets?: WalletReport[];
  tickers?: TickerMap;
  failure?: SyncFailure;
  at: number;
}

export class SyncEngine {
  private readonly deps: SyncEngineDeps;
  private readonly now: () => number;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly extraWallets: Readonly<Record<string, readonly ExtraWallet[]>>;
  private current: { summary: SyncRunSummary; promise: Promise<SyncRunSummary> } | null = null;
  private stopped = false;

  constructor(deps: SyncEngineDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.policy = deps.retry ?? DEFAULT_RETRY;
    this.extraWallets = deps.extraWallets ?? EXTRA_WALLETS;
    this.sleep = deps.sleep ?? defaultSleep;
    this.random = deps.random ?? Math.random;
  }

  /** The run in progress (a copy), or null. */
  get running(): SyncRunSummary | null {
    return this.current ? structuredClone(this.current.summary) : null;
  }

  /** The promise of the run in progress, or null. */
  get runningPromise(): Promise<SyncRunSummary> | null {
    return this.current?.promise ?? null;
  }

  lastRun(): SyncRunSummary | null {
    return this.deps.store.lastRun();
  }

  states(): AccountSyncState[] {
    return Object.values(this.deps.store.states());
  }

  /** No new retries after this (used on shutdown); a running call finishes on its own. */
  stop(): void {
    this.stopped = true;
  }

  /** Start a sync of every active account, or join the one running. */
  run(): Promise<SyncRunSummary> {
    if (this.current) return this.current.promise;
    const accounts = this.deps.accounts.list().filter((a) => a.status === 'active');
    const wallets = this.deps.wallets?.syncList() ?? [];
    const startedAt = this.now();
    const summary: SyncRunSummary = {
      runId: `${startedAt.toString(36)}-${randomBytes(4).toString('hex')}`,
      state: 'running',
      startedAt,
      finishedAt: null,
      accounts: [...accounts, ...wallets].map((a) => ({
        accountId: a.id,
        label: a.label,
        status: 'queued' as const,
        attempt: 0,
      })),
    };
    const promise = this.execute(summary, accounts, wallets).finally(() => {
      this.current = null;
    });
    this.current = { summary, promise };
    return promise;
  }

  private progress(summary: SyncRunSummary): void {
    if (!this.deps.onProgress) return;
    try {
      this.deps.onProgress({ runId: summary.runId, state: summary.state, accounts: structuredClone(summary.accounts) });
    } catch {
      // a failing listener must not break the sync
    }
  }

  private async execute(
    summary: SyncRunSummary,
    accounts: AccountMeta[],
    wallets: { id: string; label: string }[],
  ): Promise<SyncRunSummary> {
    this.progress(summary);
    const outcomes = await Promise.all([
      ...accounts.map((meta, i) => this.syncAccount(meta, summary.accounts[i]!, summary)),
      ...wallets.map((w, i) => this.syncWallet(w.id, summary.accounts[accounts.length + i]!, summary)),
    ]);

    const balances: Record<string, AccountBalances> = {};
    const tickers: Record<string, ExchangeTickers> = {};
    const states: Record<string, AccountSyncState> = {};
    const previous = this.deps.store.states();
    for (const o of outcomes) {
      const before = previous[o.accountId];
      if (o.ok && o.vanished) {
        // the last good balances stay; prices are still fresh
        if (o.tickers && Object.keys(o.tickers).length > 0) {
          tickers[o.exchange] = { at: o.at, prices: { ...(tickers[o.exchange]?.prices ?? {}), ...o.tickers } };
        }
        states[o.accountId] = {
          accountId: o.accountId,
          lastAttemptAt: o.at,
          lastSuccessAt: before?.lastSuccessAt ?? null,
          lastError: null,
          stale: true,
          needsConfirmation: { at: o.at, message: o.vanished.message },
        };
        continue;
      }
      if (o.ok && !o.onchain) {
        balances[o.accountId] = {
          exchange: o.exchange,
          fetchedAt: o.at,
          holdings: o.holdings ?? [],
          ...(o.wallets && o.wallets.length > 0 ? { wallets: o.wallets } : {}),
        };
        if (o.tickers && Object.keys(o.tickers).length > 0) {
          tickers[o.exchange] = { at: o.at, prices: { ...(tickers[o.exchange]?.prices ?? {}), ...o.tickers } };
        }
      }
      if (o.ok) {
        states[o.accountId] = {
          accountId: o.accountId,
          lastAttemptAt: o.at,
          lastSuccessAt: o.at,
          lastError: null,
          stale: false,
          needsConfirmation: null,
        };
      } else {
        states[o.accountId] = {
          accountId: o.accountId,
          lastAttemptAt: o.at,
          lastSuccessAt: before?.lastSuccessAt ?? null,
          lastError: o.failure ? { code: o.failure.code, message: o.failure.message } : null,
          stale: true,
          ...(before?.needsConfirmation ? { needsConfirmation: before.needsConfirmation } : {}),
        };
      }
    }
    const pricedPublicly = await this.addPublicPrices(accounts, balances, tickers);
    summary.state = 'done';
    summary.finishedAt = this.now();
    this.deps.store.commit({ balances, tickers, states, summary: structuredClone(summary) });
    if (this.deps.onWalletIssue) {
      for (const [i, o] of outcomes.entries()) {
        for (const report of o.wallets ?? []) {
          if (report.status === 'ok') continue;
          try {
            this.deps.onWalletIssue(accounts[i]!, structuredClone(report));
          } catch {
            // a failing listener must not break the sync
          }
        }
      }
    }
    if (this.deps.onRunComplete) {
      try {
        await this.deps.onRunComplete(
          structuredClone(summary),
          outcomes.filter((o) => o.ok && !o.vanished).map((o) => o.accountId),
          pricedPublicly,
        );
      } catch {
        // snapshots/history are best effort; the balances are already saved
      }
    }
    this.progress(summary);
    return structuredClone(summary);
  }

  /**
   * Adds to `tickers` the public prices of the held assets (this run's balances, else the last good
   * ones, and `pricedAlso`) that this run's account tickers leave unpriced; true when any was added.
   */
  private async addPublicPrices(
    accounts: AccountMeta[],
    balances: Record<string, AccountBalances>,
    tickers: Record<string, ExchangeTickers>,
  ): Promise<boolean> {
    if (!this.deps.publicPrices || this.stopped) return false;
    const stored = this.deps.store.balances();
    const held = new Set(this.deps.pricedAlso?.() ?? []);
    for (const a of accounts) for (const h of (balances[a.id] ?? stored[a.id])?.holdings ?? []) held.add(h.asset);
    return addPublicTickers(this.deps.publicPrices, [...held], tickers, this.now);
  }

  private async syncAccount(
    meta: AccountMeta,
    progress: SyncAccountProgress,
    summary: SyncRunSummary,
  ): Promise<AccountOutcome> {
    const done = await this.attempts(progress, summary, meta.exchange, (last) => this.fetchAccount(meta, last));
    if (!done.ok)
      return { accountId: meta.id, exchange: meta.exchange, ok: false, failure: done.failure, at: this.now() };
    const { holdings, wallets, tickers } = done.value;
    const vanished = balanceVanished(this.deps.store.balances()[meta.id], holdings);
    if (vanished) {
      progress.status = 'confirm';
      this.progress(summary);
    }
    return {
      accountId: meta.id,
      exchange: meta.exchange,
      ok: true,
      holdings,
      wallets,
      tickers,
      at: this.now(),
      ...(vanished ? { vanished: { message: vanishedMessage(meta.label) } } : {}),
    };
  }

  private async syncWallet(
    id: string,
    progress: SyncAccountProgress,
    summary: SyncRunSummary,
  ): Promise<AccountOutcome> {
    const done = await this.attempts(progress, summary, 'onchain', () => this.deps.wallets!.read(id));
    return {
      accountId: id,
      exchange: 'onchain',
      onchain: true,
      ok: done.ok,
      at: this.now(),
      ...(done.ok ? {} : { failure: done.failure }),
    };
  }

  /** `fetch` under the retry policy, its progress reported; `last` tells the final attempt. */
  private async attempts<T>(
    progress: SyncAccountProgress,
    summary: SyncRunSummary,
    source: string,
    fetch: (last: boolean) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; failure: SyncFailure }> {
    let failure: SyncFailure | null = null;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      progress.status = attempt === 1 ? 'fetching' : 'retrying';
      progress.attempt = attempt;
      this.progress(summary);
      try {
        const value = await fetch(attempt >= this.policy.attempts);
        progress.status = 'ok';
        delete progress.error;
        this.progress(summary);
        return { ok: true, value };
      } catch (err) {
        failure = classifyFailure(err, source);
        if (this.stopped) break;
        const now = this.now();
        const decision = decideRetry(
          {
            status: failure.httpStatus ?? null,
            retryAfterMs: failure.retryUntil != null ? Math.max(0, failure.retryUntil - now) : null,
            attempt,
            now,
            transient: failure.retryable,
          },
          this.policy,
          this.random,
        );
        if (decision.action !== 'retry') break;
        progress.error = { code: failure.code, message: failure.message };
        progress.status = 'retrying';
        this.progress(summary);
        await this.sleep(decision.delayMs);
      }
    }
    const f = failure ?? { code: 'unknown', message: 'The sync failed.', retryable: false };
    progress.status = 'error';
    progress.error = { code: f.code, message: f.message };
    this.progress(summary);
    return { ok: false, failure: f };
  }

  /**
   * One attempt at an account: key check, spot balance, the extra wallets, prices. `lastAttempt`:
   * an extra wallet failing with a retryable error no longer retries the account but is reported.
   */
  private async fetchAccount(
    meta: AccountMeta,
    lastAttempt: boolean,
  ): Promise<{ holdings: Holding[]; wallets: WalletReport[]; tickers: TickerMap }> {
    const client = await this.deps.clientFor(meta.id);
    if (this.deps.checkPermissions) {
      const report = await this.deps.checkPermissions(client, meta.exchange);
      const stored = meta.permission;
      const changed =
        report.status !== 'unverified' &&
        (!stored ||
          stored.status !== report.status ||
          stored.canTrade !== report.canTrade ||
          stored.canWithdraw !== report.canWithdraw);
      if (changed && this.deps.accounts.reverify) {
        const checked = await this.deps.accounts.reverify(meta.id);
        if (checked.status !== 'active') {
          throw new AppError(
            'key-withdraw-enabled',
            `The key of "${meta.label}" can now withdraw funds, so Ballast disabled the account. Create a read-only key and rotate to it.`,
          );
        }
      }
    }
    const spot = holdingsFromBalance(meta.exchange, balanceMaps(await client.fetchBalance()));
    const wallets: WalletReport[] = [];
    for (const extra of this.extraWallets[meta.exchange] ?? []) {
      wallets.push(
        await fetchExtraWallet(client, meta, extra, {
          final: lastAttempt || this.stopped,
          stored: this.deps.store.balances()[meta.id],
          now: this.now,
        }),
      );
    }
    const holdings = mergeHoldings([spot, ...wallets.map((w) => w.holdings)]);
    // Prices are public data: when they cannot be fetched the balances still count, priced with
    // the exchange's last known tickers.
    const held = [...new Set([...holdings.map((h) => h.asset), ...(this.deps.pricedAlso?.() ?? [])])];
    const tickers = await fetchRelevantTickers(client, held).catch(() => ({}) as TickerMap);
    return { holdings, wallets, tickers };
  }
}
