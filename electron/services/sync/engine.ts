/**
 * The sync engine: fetches balances and prices of every enabled exchange account, in parallel.
 *
 * - Each account runs on its own ccxt client (own rate limiter); one failing account never blocks
 *   or fails the others. A failed account keeps its last good balances, marked stale with the
 *   error and the time.
 * - Retryable failures (network, timeout, 429, 5xx, unreadable answers) are retried with bounded
 *   exponential backoff and jitter; authentication and permission failures are not retried.
 * - The key's permissions are re-checked on every sync; a change is recorded through
 *   AccountService.reverify, which also disables a key that gained withdraw permission.
 * - Only one run at a time: starting a sync while one runs joins the running one.
 * - Progress is reported per account through `onProgress` (the 'sync:progress' event).
 * - Besides the spot wallet, the wallets listed in EXTRA_WALLETS (Binance and OKX funding) are
 *   read and merged per asset, each amount tagged with its wallet. A wallet that cannot be read
 *   never fails the account: a retryable failure is retried with the account (same policy) and,
 *   on the last attempt, the wallet's last good amounts are kept and reported 'stale'; a wallet
 *   the key may not read is 'skipped'. Either is reported through `onWalletIssue`.
 */
import { randomBytes } from 'node:crypto';
import type { AccountMeta, AccountSyncState, PermissionReport } from '../../../shared/domain/keys';
import type { SyncAccountProgress, SyncProgress, SyncRunSummary } from '../../../shared/ipc/channels/sync';
import { holdingsFromBalance, mergeHoldings, type Holding, type WalletKind } from '../../../shared/portfolio/holdings';
import { relevantSymbols, type TickerMap } from '../../../shared/portfolio/pricing';
import { BASE_CURRENCIES } from '../../../shared/settings';
import { AppError } from '../errors';
import type { ExchangeClient } from '../exchange';
import { exchangeDisplayName } from '../exchange/catalog';
import type { AccountBalances, BalanceStore, ExchangeTickers, WalletReport } from './balance-store';
import { backoffDelay, classifyFailure, DEFAULT_RETRY, type RetryPolicy, type SyncFailure } from './retry';

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
  /** Called once per finished run, before the run's promise resolves. Errors are ignored. */
  onRunComplete?: (summary: SyncRunSummary, okAccountIds: string[]) => void | Promise<void>;
  /**
   * Called after a run is stored, once per wallet (besides spot) of a synced account that was
   * 'stale' or 'skipped' in that run. Errors are ignored.
   */
  onWalletIssue?: (account: AccountMeta, report: WalletReport) => void;
  /** Wallets read besides spot, per exchange id (default EXTRA_WALLETS). */
  extraWallets?: Readonly<Record<string, readonly ExtraWallet[]>>;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** A wallet read besides spot: its tag, the ccxt fetchBalance params selecting it and its name. */
export interface ExtraWallet {
  wallet: WalletKind;
  params: Readonly<Record<string, string>>;
  /** Name for messages, e.g. "Funding wallet". */
  label: string;
}

/**
 * Wallets besides spot that ccxt (4.5) can read with fetchBalance, per exchange:
 * - binance `{ type: 'funding' }`: POST /sapi/v1/asset/get-funding-asset. Simple Earn (flexible and
 *   locked) positions have no balance path in ccxt, and its 'savings' type calls the retired
 *   lending endpoint, so earn positions are not read.
 * - okx `{ type: 'funding' }`: GET /api/v5/asset/balances. Earn and staking (finance/*) positions
 *   have no balance path in ccxt.
 * Kraken reports staking and earn balances with the spot balance (suffixed codes, see holdings.ts).
 */
export const EXTRA_WALLETS: Readonly<Record<string, readonly ExtraWallet[]>> = {
  binance: [{ wallet: 'funding', params: { type: 'funding' }, label: 'Funding wallet' }],
  okx: [{ wallet: 'funding', params: { type: 'funding' }, label: 'Funding account' }],
};

/** Failures meaning "this key may not read that wallet": the wallet is skipped, not retried. */
const SKIP_WALLET_CODES: ReadonlySet<string> = new Set(['auth', 'permission', 'not-supported']);

/**
 * A wallet refused with HTTP 401/403 while spot was read with the same key: the key may not read
 * it. (ccxt reports Binance's -2015 "Invalid API-key, IP, or permissions" after a first
 * successful call as a temporary ban, i.e. a rate limit; for an extra wallet it is a refusal.)
 */
function walletRefused(err: unknown, code: string): boolean {
  if (SKIP_WALLET_CODES.has(code)) return true;
  const status = err && typeof err === 'object' ? (err as { httpStatus?: unknown }).httpStatus : undefined;
  return status === 401 || status === 403;
}

type BalanceMaps = Parameters<typeof holdingsFromBalance>[1];

/** The free/used/total maps of a ccxt balance structure. */
function balanceMaps(balance: object): BalanceMaps {
  const b = balance as { free?: unknown; used?: unknown; total?: unknown };
  const rec = (x: unknown): Record<string, unknown> | undefined =>
    x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
  return { free: rec(b.free), used: rec(b.used), total: rec(b.total) };
}

const utcMinute = (t: number): string => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The last good read of `wallet` in an account's stored balances (validated: the file may be old or edited). */
function lastGoodWallet(stored: AccountBalances | undefined, wallet: WalletKind): WalletReport | null {
  const list: unknown = stored?.wallets;
  if (!Array.isArray(list)) return null;
  for (const r of list as Partial<WalletReport>[]) {
    if (
      r &&
      r.wallet === wallet &&
      (r.status === 'ok' || r.status === 'stale') &&
      typeof r.fetchedAt === 'number' &&
      Array.isArray(r.holdings)
    ) {
      return r as WalletReport;
    }
  }
  return null;
}

/** Per-symbol fetchTicker calls at most, for exchanges without a batch ticker endpoint. */
const MAX_SINGLE_TICKERS = 30;

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface AccountOutcome {
  accountId: string;
  exchange: string;
  ok: boolean;
  holdings?: Holding[];
  wallets?: WalletReport[];
  tickers?: TickerMap;
  failure?: SyncFailure;
  at: number;
}

function tickerPrice(t: {
  last?: number | undefined;
  close?: number | undefined;
  bid?: number | undefined;
  ask?: number | undefined;
}) {
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  if (ok(t.last)) return t.last;
  if (ok(t.close)) return t.close;
  if (ok(t.bid) && ok(t.ask)) return (t.bid + t.ask) / 2;
  return null;
}

/** Prices of the markets that matter for `held` (both sides held, a hub or a base currency). */
export async function fetchRelevantTickers(client: ExchangeClient, held: readonly string[]): Promise<TickerMap> {
  const markets = await client.loadMarkets();
  const spot = Object.values(markets).filter(
    (m): m is NonNullable<typeof m> => !!m && m.spot !== false && m.active !== false && typeof m.symbol === 'string',
  );
  const symbols = relevantSymbols(
    spot.map((m) => m.symbol),
    held,
    BASE_CURRENCIES,
  );
  const out: TickerMap = {};
  if (symbols.length === 0) return out;
  if (client.has['fetchTickers']) {
    const tickers = await client.fetchTickers(symbols);
    for (const [symbol, t] of Object.entries(tickers)) {
      const p = t ? tickerPrice(t) : null;
      if (p !== null) out[symbol] = p;
    }
    return out;
  }
  // One call per market: only markets of held assets, plus the rates between quote currencies.
  const heldSet = new Set(held);
  const mine = symbols.filter((s) => heldSet.has(s.split('/')[0]!) || heldSet.has(s.split('/')[1]!));
  const cross = symbols.filter((s) => !mine.includes(s));
  for (const symbol of [...mine, ...cross].slice(0, MAX_SINGLE_TICKERS)) {
    const p = tickerPrice(await client.fetchTicker(symbol));
    if (p !== null) out[symbol] = p;
  }
  return out;
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
    const startedAt = this.now();
    const summary: SyncRunSummary = {
      runId: `${startedAt.toString(36)}-${randomBytes(4).toString('hex')}`,
      state: 'running',
      startedAt,
      finishedAt: null,
      accounts: accounts.map((a) => ({ accountId: a.id, label: a.label, status: 'queued', attempt: 0 })),
    };
    const promise = this.execute(summary, accounts).finally(() => {
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

  private async execute(summary: SyncRunSummary, accounts: AccountMeta[]): Promise<SyncRunSummary> {
    this.progress(summary);
    const outcomes = await Promise.all(
      accounts.map((meta, i) => this.syncAccount(meta, summary.accounts[i]!, summary)),
    );

    const balances: Record<string, AccountBalances> = {};
    const tickers: Record<string, ExchangeTickers> = {};
    const states: Record<string, AccountSyncState> = {};
    const previous = this.deps.store.states();
    for (const o of outcomes) {
      const before = previous[o.accountId];
      if (o.ok) {
        balances[o.accountId] = {
          exchange: o.exchange,
          fetchedAt: o.at,
          holdings: o.holdings ?? [],
          ...(o.wallets && o.wallets.length > 0 ? { wallets: o.wallets } : {}),
        };
        if (o.tickers && Object.keys(o.tickers).length > 0) {
          tickers[o.exchange] = { at: o.at, prices: { ...(tickers[o.exchange]?.prices ?? {}), ...o.tickers } };
        }
        states[o.accountId] = {
          accountId: o.accountId,
          lastAttemptAt: o.at,
          lastSuccessAt: o.at,
          lastError: null,
          stale: false,
        };
      } else {
        states[o.accountId] = {
          accountId: o.accountId,
          lastAttemptAt: o.at,
          lastSuccessAt: before?.lastSuccessAt ?? null,
          lastError: o.failure ? { code: o.failure.code, message: o.failure.message } : null,
          stale: true,
        };
      }
    }
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
          outcomes.filter((o) => o.ok).map((o) => o.accountId),
        );
      } catch {
        // snapshots/history are best effort; the balances are already saved
      }
    }
    this.progress(summary);
    return structuredClone(summary);
  }

  private async syncAccount(
    meta: AccountMeta,
    progress: SyncAccountProgress,
    summary: SyncRunSummary,
  ): Promise<AccountOutcome> {
    let failure: SyncFailure | null = null;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      progress.status = attempt === 1 ? 'fetching' : 'retrying';
      progress.attempt = attempt;
      this.progress(summary);
      try {
        const last = attempt >= this.policy.attempts;
        const { holdings, wallets, tickers } = await this.fetchAccount(meta, last);
        progress.status = 'ok';
        delete progress.error;
        this.progress(summary);
        return { accountId: meta.id, exchange: meta.exchange, ok: true, holdings, wallets, tickers, at: this.now() };
      } catch (err) {
        failure = classifyFailure(err, meta.exchange);
        if (!failure.retryable || attempt >= this.policy.attempts || this.stopped) break;
        progress.error = { code: failure.code, message: failure.message };
        progress.status = 'retrying';
        this.progress(summary);
        await this.sleep(backoffDelay(attempt, this.policy, this.random));
      }
    }
    const f = failure ?? { code: 'unknown', message: 'The sync failed.', retryable: false };
    progress.status = 'error';
    progress.error = { code: f.code, message: f.message };
    this.progress(summary);
    return { accountId: meta.id, exchange: meta.exchange, ok: false, failure: f, at: this.now() };
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
      wallets.push(await this.fetchWallet(client, meta, extra, lastAttempt || this.stopped));
    }
    const holdings = mergeHoldings([spot, ...wallets.map((w) => w.holdings)]);
    // Prices are public data: when they cannot be fetched the balances still count, priced with
    // the exchange's last known tickers.
    const tickers = await fetchRelevantTickers(
      client,
      holdings.map((h) => h.asset),
    ).catch(() => ({}) as TickerMap);
    return { holdings, wallets, tickers };
  }

  /**
   * Read one wallet besides spot. Throws only a retryable failure, and only when `final` is false
   * (the account is then tried again under the retry policy); otherwise reports the wallet as
   * 'skipped' (the key may not read it) or 'stale' (its last good amounts are kept).
   */
  private async fetchWallet(
    client: ExchangeClient,
    meta: AccountMeta,
    extra: ExtraWallet,
    final: boolean,
  ): Promise<WalletReport> {
    try {
      const balance = await client.fetchBalance({ ...extra.params });
      return {
        wallet: extra.wallet,
        status: 'ok',
        fetchedAt: this.now(),
        holdings: holdingsFromBalance(meta.exchange, balanceMaps(balance), extra.wallet),
      };
    } catch (err) {
      const f = classifyFailure(err, meta.exchange);
      const refused = walletRefused(err, f.code);
      if (f.retryable && !refused && !final) throw err;
      const name = exchangeDisplayName(meta.exchange);
      const what = extra.label.toLowerCase();
      if (refused) {
        return {
          wallet: extra.wallet,
          status: 'skipped',
          fetchedAt: null,
          holdings: [],
          issue: {
            code: SKIP_WALLET_CODES.has(f.code) ? f.code : 'permission',
            message: `${name} did not let this API key read the ${what}, so its balances are not included; the spot balances were synced. To include them, allow the key to read the ${what} (read-only is enough).`,
          },
        };
      }
      const last = lastGoodWallet(this.deps.store.balances()[meta.id], extra.wallet);
      const kept = last
        ? `its balances from ${utcMinute(last.fetchedAt!)} are shown until it can be read again`
        : 'its balances are not included until it can be read';
      return {
        wallet: extra.wallet,
        status: 'stale',
        fetchedAt: last?.fetchedAt ?? null,
        holdings: last ? structuredClone(last.holdings) : [],
        issue: {
          code: f.code,
          message: `The ${what} could not be read: ${f.message} The spot balances were synced; ${kept}.`,
        },
      };
    }
  }
}
