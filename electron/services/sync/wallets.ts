/**
 * Wallets besides spot in the balance sync (Binance and OKX funding, earn and staking): which ones are
 * read, and reading one so that it never fails the account. A retryable failure is thrown back to the engine, which
 * retries the account under its policy; on the last attempt the wallet's last good amounts are kept
 * and reported 'stale'. A wallet the key may not read is 'skipped'. Used by the SyncEngine (./engine.ts).
 */
import type { AccountMeta } from '../../../shared/domain/keys';
import { holdingsFromBalance, type WalletKind } from '../../../shared/portfolio/holdings';
import type { ExchangeClient } from '../exchange';
import { exchangeDisplayName } from '../exchange/catalog';
import type { AccountBalances, WalletReport } from './balance-store';
import { binanceFlexibleEarn, binanceLockedEarn, okxSavings, okxStaking } from './earn';
import { classifyFailure } from './retry';

/**
 * A wallet read besides spot: its tag, how it is read (ccxt fetchBalance with `params`, or `read`
 * through an implicit endpoint, see ./earn.ts) and its name. One wallet per tag and exchange.
 */
export interface ExtraWallet {
  wallet: WalletKind;
  params?: Readonly<Record<string, string>>;
  read?: (client: ExchangeClient) => Promise<BalanceMaps>;
  /** Name for messages, e.g. "Funding wallet". */
  label: string;
}

/**
 * Wallets besides spot, per exchange:
 * - binance: the funding wallet (fetchBalance `{ type: 'funding' }`: POST /sapi/v1/asset/get-funding-asset),
 *   Simple Earn flexible positions (tagged 'earn') and locked positions (tagged 'staking'); ccxt's own
 *   'savings' type calls the retired lending endpoint, so they are read through ./earn.ts;
 * - okx: the funding account (fetchBalance `{ type: 'funding' }`: GET /api/v5/asset/balances), Simple
 *   Earn savings ('earn') and staking/DeFi orders ('staking'), through ./earn.ts.
 * Kraken reports staking and earn balances with the spot balance (suffixed codes, see holdings.ts).
 */
export const EXTRA_WALLETS: Readonly<Record<string, readonly ExtraWallet[]>> = {
  binance: [
    { wallet: 'funding', params: { type: 'funding' }, label: 'Funding wallet' },
    { wallet: 'earn', read: binanceFlexibleEarn, label: 'Simple Earn flexible wallet' },
    { wallet: 'staking', read: binanceLockedEarn, label: 'Simple Earn locked wallet' },
  ],
  okx: [
    { wallet: 'funding', params: { type: 'funding' }, label: 'Funding account' },
    { wallet: 'earn', read: okxSavings, label: 'Simple Earn savings' },
    { wallet: 'staking', read: okxStaking, label: 'Staking and DeFi account' },
  ],
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

export type BalanceMaps = Parameters<typeof holdingsFromBalance>[1];

/** The free/used/total maps of a ccxt balance structure. */
export function balanceMaps(balance: object): BalanceMaps {
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

/**
 * Read one wallet besides spot. Throws only a retryable failure, and only when `opts.final` is false
 * (the account is then tried again under the retry policy); otherwise reports the wallet as
 * 'skipped' (the key may not read it) or 'stale' (its last good amounts are kept).
 */
export async function fetchExtraWallet(
  client: ExchangeClient,
  meta: AccountMeta,
  extra: ExtraWallet,
  opts: { final: boolean; stored: AccountBalances | undefined; now: () => number },
): Promise<WalletReport> {
  try {
    const balance = extra.read ? await extra.read(client) : await client.fetchBalance({ ...extra.params });
    return {
      wallet: extra.wallet,
      status: 'ok',
      fetchedAt: opts.now(),
      holdings: holdingsFromBalance(meta.exchange, balanceMaps(balance), extra.wallet),
    };
  } catch (err) {
    const f = classifyFailure(err, meta.exchange);
    const refused = walletRefused(err, f.code);
    if (f.retryable && !refused && !opts.final) throw err;
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
    const last = lastGoodWallet(opts.stored, extra.wallet);
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
